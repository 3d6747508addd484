"""Questions asked in other languages: the question word is read in English, the rest is
searched for as asked."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from newsbrief.ask.answers import ask
from newsbrief.ask.languages import english_question
from newsbrief.ingest.files import make_article
from newsbrief.store import Store
from newsbrief.stories.pipeline import process

NOW = datetime(2026, 12, 6, 12, tzinfo=UTC)
BUDGET = (
    "Haushalt 2025: Lindner verteidigt Sparkurs",
    "Nach der Abstimmung im Bundestag verteidigte Finanzminister Christian Lindner den "
    "Haushalt für 2025. Die Ausgaben seien solide finanziert, sagte Lindner am Freitag in "
    "Berlin. Die Opposition sprach von einem Haushalt der Kürzungen. Der Bundesrat muss dem "
    "Etat noch zustimmen.",
)


def test_question_words_in_english_and_function_words_dropped():
    assert english_question("Wer ist der Finanzminister?") == "who Finanzminister?"
    assert english_question("Wie viele Menschen wurden evakuiert?").startswith("how many")
    assert english_question("¿Cuándo llegó el huracán a Cuba?").startswith("when")
    assert english_question("Wie is de burgemeester van Amsterdam?").startswith("who")  # Dutch
    assert english_question("Где прошла встреча?").startswith("where")


def test_english_questions_are_unchanged():
    for question in ("Who won the election?", "What did Merkel say about the heist?"):
        assert english_question(question) == question


def test_a_german_question_about_a_german_story_is_answered(tmp_path):
    with Store(tmp_path / "s.db") as store:
        article = make_article(
            article_id="de1",
            title=BUDGET[0],
            text=BUDGET[1],
            url="https://example.de/1",
            source="example.de",
            published=NOW - timedelta(days=1),
            seen_at=NOW,
        )
        article.language = "de"
        store.add_article(article)
        process(store, embedder=False)
        answer = ask(store, "Wer ist der Finanzminister?", now=NOW)
    assert answer.found
    assert answer.question == "Wer ist der Finanzminister?"
    assert "Lindner" in " ".join(s.text for s in answer.answer)


def test_arabic_chinese_and_japanese_question_words_are_read_in_english():
    assert english_question("كم بلغ التضخم؟").startswith("how much")
    assert english_question("من هو محافظ البنك؟").startswith("who")
    assert english_question("متى رفع البنك الفائدة؟").startswith("when")
    assert english_question("谁宣布降准？").startswith("who")
    assert english_question("央行什么时候降准？").startswith("when")
    assert english_question("政策金利はいくらですか？").startswith("how much")
    assert english_question("日銀はいつ利上げを決めたのですか？").startswith("when")


AMOUNTS = [
    ("ar", "البنك المركزي المصري يرفع سعر الفائدة",
     "رفع البنك المركزي المصري يوم الخميس سعر الفائدة بمقدار 200 نقطة أساس. وقال محافظ "
     "البنك حسن عبد الله إن القرار يهدف إلى كبح التضخم الذي بلغ 35 في المئة في فبراير."),
    ("zh", "中国央行宣布降准",
     "中国人民银行周五宣布降准0.5个百分点，释放长期资金约1万亿元。央行行长潘功胜表示，"
     "降准旨在支持实体经济。此次降准将于下周一生效。"),
    ("ja", "日銀が利上げを決定",
     "日本銀行は19日の金融政策決定会合で、政策金利を0.5%に引き上げることを決めた。"
     "植田和男総裁は記者会見で、円安が物価を押し上げていると述べた。"),
    ("ru", "Путин и Си Цзиньпин подписали соглашение о газе",
     "Встреча президентов России и Китая прошла во вторник в Москве. Стороны подписали "
     "соглашение о поставках газа на 400 миллиардов долларов. Переговоры длились пять часов."),
]  # fmt: skip


def test_questions_about_amounts_written_the_local_way_are_answered(tmp_path):
    pytest.importorskip("jieba", reason="the cjk extra is not installed")
    pytest.importorskip("janome", reason="the cjk extra is not installed")
    with Store(tmp_path / "s.db") as store:
        for n, (lang, title, text) in enumerate(AMOUNTS):
            article = make_article(
                article_id=f"{lang}{n}", title=title, text=text, url=f"https://example.org/{n}",
                source="example.org", published=NOW - timedelta(days=1), seen_at=NOW,
            )  # fmt: skip
            article.language = lang
            store.add_article(article)
        process(store, embedder=False)
        asked = {
            "كم بلغ التضخم؟": "35 في المئة",
            "央行释放多少资金？": "1万亿元",
            "政策金利はいくらですか？": "0.5%",
            "Сколько долларов?": "400 миллиардов долларов",
        }
        for question, amount in asked.items():
            answer = ask(store, question, now=NOW)
            assert answer.found, question
            assert amount in " ".join(s.text for s in answer.answer), question
        # A question the archive cannot answer is still declined.
        assert not ask(store, "كم عدد السيارات الكهربائية؟", now=NOW).found
