"""Chinese and Japanese are written without spaces: the index keeps a run of their characters
as one token, so the search looks for their words inside the text, on both engines."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from newsbrief.ingest.files import make_article
from newsbrief.search import search, search_stories
from newsbrief.store import Store
from newsbrief.stories.pipeline import process

pytestmark = pytest.mark.engines

NOW = datetime(2026, 12, 7, 12, tzinfo=UTC)

REPORTS = {
    "zh-ev": (
        "上海发布新的电动汽车补贴政策",
        "上海市政府周一发布新的电动汽车补贴政策，总额达50亿元。市长表示，该政策将于明年1月1日生效。",
        "zh",
    ),
    "zh-rail": (
        "北京地铁新线路开通",
        "北京地铁17号线周六开通运营，全长49公里。Beijing Subway 表示，新线路将缓解交通压力。",
        "zh",
    ),
    "ja-quake": (
        "東京で震度4の地震",
        "気象庁によると、東京で震度4の地震が観測されました。津波の心配はありません。",
        "ja",
    ),
    "en": ("Shanghai subsidies", "Shanghai announced subsidies for electric cars.", "en"),
}


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "cjk.db") as s:
        for i, (article_id, (title, text, language)) in enumerate(REPORTS.items()):
            article = make_article(
                article_id=article_id, title=title, text=text,
                url=f"https://example.org/{article_id}", source="example.org",
                published=NOW - timedelta(hours=i + 1), seen_at=NOW,
            )  # fmt: skip
            article.language = language
            s.add_article(article)
        process(s, embedder=False)
        yield s


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("上海", ["zh-ev"]),  # a word inside the headline's run of characters
        ("补贴 上海", ["zh-ev"]),  # every word, in any order
        ("电动汽车补贴", ["zh-ev"]),  # a run of several words
        ("地震", ["ja-quake"]),
        ("東京 地震", ["ja-quake"]),
        ("地铁 Beijing", ["zh-rail"]),  # with a word the index holds
        ("上海 地震", ["zh-ev", "ja-quake"]),  # none holds both: those holding either
        ("广州", []),
        ("Shanghai", ["en"]),  # other scripts as before
    ],
)
def test_chinese_and_japanese_words_are_found_inside_the_text(store, query, found):
    assert sorted(h.article_id for h in search(store, query)) == sorted(found)


def test_a_chinese_hit_is_ranked_and_marked(store):
    (hit,) = search(store, "补贴")
    assert "<mark>补贴</mark>" in hit.snippet_html and "补贴" in hit.snippet
    assert "\x02" not in hit.snippet and hit.score > 0
    assert hit.url == "https://example.org/zh-ev" and hit.story_id
    # A title holding the word ranks above a text holding it.
    ranked = [h.article_id for h in search(store, "上海 地震")]
    assert len(ranked) == 2
    assert [g.story_id for g in search_stories(store, "上海")] == [hit.story_id]


def test_the_window_and_outlets_filter_chinese_hits(store):
    assert search(store, "上海", since=NOW - timedelta(minutes=30)) == []
    assert [h.article_id for h in search(store, "上海", since=NOW - timedelta(hours=2))] == [
        "zh-ev"
    ]
    assert search(store, "上海", sources=["elsewhere.org"]) == []
    assert len(search(store, "上海", sources=["example.org"])) == 1
