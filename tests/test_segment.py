"""Chinese and Japanese cut into words (the cjk extra), and pairs of characters without it."""

from __future__ import annotations

import pytest

from newsbrief.models import Article
from newsbrief.summarize import keyphrases as keyphrase_module
from newsbrief.summarize.keyphrases import keyphrases
from newsbrief.text import segment
from newsbrief.text.multilingual import terms

jieba = pytest.importorskip("jieba", reason="the cjk extra is not installed")
janome = pytest.importorskip("janome", reason="the cjk extra is not installed")

CHINESE = [
    Article(
        id="zh1",
        title="中国央行宣布降准",
        text="中国人民银行周五宣布降准0.5个百分点，释放长期资金约1万亿元。央行表示，"
        "降准旨在支持实体经济。",
        language="zh",
    ),
    Article(
        id="zh2",
        title="央行降准释放资金",
        text="中国人民银行决定下调存款准备金率，降准将释放长期资金。分析人士认为央行降准"
        "有助于稳定经济。",
        language="zh",
    ),
]
JAPANESE = [
    Article(
        id="ja1",
        title="日銀が利上げを決定",
        text="日本銀行は金融政策決定会合で利上げを決めた。円安が進む中、日銀は物価の上昇を"
        "重く見た。",
        language="ja",
    ),
    Article(
        id="ja2",
        title="日銀、追加利上げ",
        text="日本銀行は政策金利の引き上げを決定した。利上げは円安と物価上昇への対応だ。",
        language="ja",
    ),
]


def test_chinese_is_cut_into_words_without_particles():
    got = terms("中国人民银行宣布降准，释放长期资金", "zh")
    assert {"中国人民银行", "降准", "释放", "资金"} <= set(got)
    assert "行降" not in got  # no pair of characters that straddles two words
    assert "的" not in terms("央行的决定", "zh")


def test_japanese_is_cut_into_words_in_their_dictionary_form():
    got = terms("日本銀行は金融政策決定会合で利上げを決めた。", "ja")
    assert {"日本銀行", "利上げ", "決める"} <= set(got)  # 決めた, as the dictionary writes it
    assert not {"は", "で", "を", "た"} & set(got)  # particles and auxiliaries


def test_two_chinese_reports_of_one_rate_cut_share_words():
    a, b = (set(terms(f"{x.title}。{x.text}", "zh")) for x in CHINESE)
    assert {"央行", "降准", "释放", "资金", "中国人民银行"} <= a & b


def test_keyphrases_of_chinese_and_japanese_stories_are_words():
    assert {"降准", "央行"} <= set(keyphrases(CHINESE))
    assert "利上げ" in keyphrases(JAPANESE)


@pytest.fixture
def no_kept_words():
    """Keyphrases keep each text's words for reuse; a test that takes the segmenter away must
    not read words kept with it, nor leave its own for later tests."""
    kept = (
        keyphrase_module._phrase_words,
        keyphrase_module._name_parts_of,
        keyphrase_module._lead_of,
    )
    for cache in kept:
        cache.cache_clear()
    yield
    for cache in kept:
        cache.cache_clear()


@pytest.mark.usefixtures("no_kept_words")
def test_without_a_segmenter_runs_are_pairs_of_characters(monkeypatch):
    monkeypatch.setattr(segment, "_jieba", lambda: None)
    monkeypatch.setattr(segment, "_janome", lambda: None)
    assert terms("央行降准", "zh") == ["央行", "行降", "降准"]
    assert segment.words("利上げ", "ja") == ["利上", "上げ"]
    assert segment.segmented("央行降准") is None
    # Keyphrases keep no pair of characters: short runs only, as before.
    assert all(len(k) <= 4 for k in keyphrases(CHINESE))
