"""One story in full: lookup (merged stories resolve), write-up, related stories."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from newsbrief.briefing.story_detail import get_story, related_stories, write_up_story
from newsbrief.models import Article, Profile
from newsbrief.store import Store
from newsbrief.web.stories import days_of

WHEN = datetime(2024, 5, 1, 12, tzinfo=UTC)
TITLES = {
    "ie": ["Microsoft releases emergency patch for Internet Explorer",
           "Internet Explorer users urged to install Microsoft emergency patch"],
    "ie2": ["Critical Internet Explorer patch from Microsoft now available"],
    "quake": ["Earthquake hits island off Iran on Friday"],
    "shares": ["Microsoft shares fall on Friday"],
    "old": ["Microsoft emergency patch for Internet Explorer, a year on"],
}  # fmt: skip


def fill(store: Store) -> None:
    for story, titles in TITLES.items():
        when = WHEN - (timedelta(days=365) if story == "old" else timedelta())
        for i, title in enumerate(titles):
            text = f"{title}. The report was confirmed by officials on the day it was published."
            article = Article(
                id=f"{story}-{i}", title=title, text=text, content_hash=f"{story}{i}",
                published=when, source=f"outlet{i}.example", url=f"https://x.example/{story}/{i}",
            )  # fmt: skip
            store.add_article(article)
            store.assign(article.id, story, article.id, when)


def test_related_stories_share_the_subject(tmp_path):
    with Store(tmp_path / "s.db") as store:
        fill(store)
        story = get_story(store, "ie")
        assert story is not None and story.article_ids == ["ie-0", "ie-1"]
        related = related_stories(store, story, focus=["Microsoft", "Internet Explorer"])
        assert [r.id for r in related] == ["ie2"]  # "old" is outside the week; "shares" too thin
        assert {"internet", "explorer", "patch"} <= set(related[0].shared)
        assert related_stories(store, story, focus=["Tokyo"]) == []


def test_merged_story_resolves_and_write_up(tmp_path):
    with Store(tmp_path / "s.db") as store:
        fill(store)
        store.conn.execute("UPDATE stories SET merged_into = 'ie' WHERE id = 'ie2'")
        assert get_story(store, "ie2").id == "ie"
        assert get_story(store, "nope") is None
        written = write_up_story(store, get_story(store, "ie"), Profile(follow=["Microsoft"]))
        assert written.reports == 2 and written.writeup.summary
        assert "follows Microsoft" in written.why_included
        assert {s.id for s in written.sources} == {"ie-0", "ie-1"}


def test_story_days_put_undated_sources_last_without_a_date():
    story = {
        "sources": [
            {"id": "b", "published": "2024-05-02T09:00:00+00:00"},
            {"id": "u", "published": None},
            {"id": "a", "published": "2024-05-01T18:00:00+00:00"},
            {"id": "c", "published": "2024-05-02T07:00:00+00:00"},
        ]
    }
    days = days_of(story)
    assert [(d["date"], [s["id"] for s in d["sources"]]) for d in days] == [
        ("2024-05-01", ["a"]),
        ("2024-05-02", ["c", "b"]),
        (None, ["u"]),
    ]
