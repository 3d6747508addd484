"""The briefing: ranking, new-since-last markers, stored write-ups, the length budget, renderers."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser

from conftest import write_jsonl

from newsbrief.briefing.assemble import briefing_words, build_briefing, short_headline
from newsbrief.codec import briefing_dict
from newsbrief.demo import DEMO_SINCE, corpus_path
from newsbrief.ingest.files import import_paths
from newsbrief.models import Article, BriefStory, Profile, Writeup
from newsbrief.render import render_html, render_markdown, render_text
from newsbrief.store import Store
from newsbrief.summarize import ExtractiveSummarizer

NOW = datetime(2024, 5, 2, 12, tzinfo=UTC)


def _row(story: str, i: int, outlet: str, hours_ago: float, text: str, title: str) -> dict:
    return {
        "id": f"{story}-{i}",
        "title": title,
        "text": text,
        "url": f"https://{outlet}/{story}/{i}",
        "source": outlet,
        "published": (NOW - timedelta(hours=hours_ago)).isoformat(),
    }


QUAKE_LEADS = [
    "A strong earthquake struck Qeshm island in southern Iran on Wednesday, killing {n} people.",
    "At least {n} people died when a powerful quake hit the Iranian island of Qeshm.",
    "An earthquake on Qeshm island in the Gulf killed {n} people, Iranian media reported.",
    "Iran's Qeshm island was shaken by a deadly earthquake that killed {n} villagers.",
    "The quake that hit Qeshm on Wednesday killed {n} people and flattened homes.",
    "Rescue teams reached Qeshm island after an earthquake killed {n} people there.",
]
QUAKE_MORE = [
    "Rescuers searched the rubble of homes in {v} villages near the port of Dargahan.",
    "Officials said {v} villages were badly damaged and hundreds of homes destroyed.",
    "Red Crescent teams set up tents for families whose houses collapsed in {v} villages.",
    "Television showed mud-brick houses reduced to rubble in {v} villages on the island.",
    "The governor said power and water were cut in {v} villages across the island.",
    "Local officials counted damage in {v} villages and asked Tehran for more aid.",
]
BIG = [
    _row("quake", i, f"outlet{i}.example", 3 + i,
         QUAKE_LEADS[i].format(n=10 + (i % 2) * 2) + "\n" + QUAKE_MORE[i].format(v=3 + i) + "\n"
         "The island had been hit by a magnitude 5.9 quake in 2005 that killed 13 people.\n"
         f"Officials said aid convoys from the mainland would reach the island on Thursday {i}.",
         f"Earthquake kills {10 + (i % 2) * 2} on Iranian island of Qeshm")
    for i in range(6)
]  # fmt: skip
SMALL = [
    _row("heist", i, "onlyone.example", 5,
         "Robbers rammed a car into a jewellery store in central Paris and escaped with gems "
         "worth two million euros, police said.\nThe robbers fled on foot near Place "
         "Vendome, police sources said, in the latest of several raids on Paris jewellers.",
         "Ram-raiders hit Paris jewellery store")
    for i in range(2)
]  # fmt: skip


def _store(tmp_path, rows: list[dict]) -> Store:
    store = Store(tmp_path / "s.db")
    import_paths(store, [str(write_jsonl(tmp_path / "in.jsonl", rows))])
    return store


def test_stories_with_more_independent_reports_rank_first_and_are_marked_new(tmp_path):
    with _store(tmp_path, BIG + SMALL) as store:
        b = build_briefing(store, since=NOW - timedelta(days=1), now=NOW)
    assert [s.independent_reports for s in b.stories] == [6, 1]  # the heist is one report
    assert b.stories[0].reports == 6 and b.stories[1].reports == 2
    assert all(s.is_new for s in b.stories)
    quake = b.stories[0]
    assert "Qeshm" in quake.writeup.headline
    assert b.title.startswith(short_headline(quake.writeup.headline))
    # One line per story: its main fact, cited, not its headline.
    assert len(b.key_takeaways) == len(b.stories)
    for takeaway, story in zip(b.key_takeaways, b.stories, strict=True):
        assert takeaway.text != story.writeup.headline and takeaway.cites
    assert b.overview[0] == quake.writeup.summary[0]
    # The death toll differs between reports: shown with who said what.
    [toll] = [c for c in quake.conflicts if c.about == "death toll"]
    values = {c.value for c in toll.claims}
    assert "10" in values and values & {"12", "At least 12"}


def test_a_second_briefing_marks_what_is_new_and_demotes_what_is_not(tmp_path):
    with _store(tmp_path, BIG + SMALL) as store:
        first = build_briefing(store, since=NOW - timedelta(days=1), now=NOW)
        assert first.stories[0].new_since_last == 6
        time.sleep(1.1)  # the store keeps times to the second
        later = NOW + timedelta(hours=2)
        extra = [_row("heist", 9, "other.example", -1, SMALL[0]["text"], "Paris jewellery raid")]
        import_paths(store, [str(write_jsonl(tmp_path / "more.jsonl", extra))])
        second = build_briefing(store, since=NOW - timedelta(days=1), now=later)
    by_id = {s.id: s for s in second.stories}
    quake = next(s for s in second.stories if "Qeshm" in s.writeup.headline)
    heist = next(s for s in second.stories if s is not quake)
    assert not quake.is_new and quake.new_since_last == 0
    assert "no new reports since your last briefing" in quake.why_included
    assert not heist.is_new and heist.new_since_last == 1
    assert [r.new for r in heist.sources if r.id == "heist-9"] == [True]
    assert not any(r.new for r in heist.sources if r.id != "heist-9")
    assert quake.importance < first.stories[0].importance  # briefed already, nothing new
    assert len(by_id) == 2


class CountingSummarizer(ExtractiveSummarizer):
    version = "counting-1"

    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    def write(
        self, articles: Sequence[Article], focus: str | None = None, profile: Profile | None = None
    ) -> Writeup:
        self.calls += 1
        return super().write(articles, focus, profile)


def test_write_ups_are_stored_and_reused_until_a_story_changes(tmp_path):
    summarizer = CountingSummarizer()
    with _store(tmp_path, BIG + SMALL) as store:
        first = build_briefing(store, since=NOW - timedelta(days=1), now=NOW, summarizer=summarizer)
        assert summarizer.calls == 2
        assert store.conn.execute("SELECT count(*) FROM writeups").fetchone()[0] == 2
        again = build_briefing(store, since=NOW - timedelta(days=1), now=NOW, summarizer=summarizer)
        assert summarizer.calls == 2  # nothing changed: both write-ups came from the store
        assert (
            briefing_dict(again)["stories"][0]["summary"]
            == (briefing_dict(first)["stories"][0]["summary"])
        )
        extra = [_row("heist", 7, "other.example", 1, SMALL[0]["text"], "Paris raid")]
        import_paths(store, [str(write_jsonl(tmp_path / "more.jsonl", extra))])
        build_briefing(store, since=NOW - timedelta(days=1), now=NOW, summarizer=summarizer)
        assert summarizer.calls == 3  # only the story that changed is written again


def test_the_briefing_fits_its_reading_time_budget(tmp_path):
    with Store(tmp_path / "s.db") as store:
        import_paths(store, [str(corpus_path())])
        full = build_briefing(store, since=DEMO_SINCE, reading_minutes=60, record=False)
        short = build_briefing(store, since=DEMO_SINCE, reading_minutes=3, record=False)
    assert len(short.stories) == len(full.stories) == 10
    assert briefing_words(short) <= 3 * 250 or all(
        len(s.writeup.summary) == 2 for s in short.stories[1:]
    )
    assert briefing_words(short) < briefing_words(full)
    assert short.reading_minutes < full.reading_minutes
    # Every summary keeps two sentences or more.
    assert all(len(s.writeup.summary) >= 2 for s in short.stories)


def test_a_tight_budget_trims_every_story_alike_and_keeps_why_it_matters_longest(tmp_path):
    """At the default five minutes each of the ten demo stories keeps its line of why it
    matters or what's next: the trimming takes each step (a second line, key facts, the third
    summary sentence) from every story before it takes those lines from any."""
    with Store(tmp_path / "s.db") as store:
        import_paths(store, [str(corpus_path())])
        full = build_briefing(store, since=DEMO_SINCE, reading_minutes=60, record=False)
        five = build_briefing(store, since=DEMO_SINCE, reading_minutes=5, record=False)
    assert briefing_words(five) <= 5 * 250 < briefing_words(full)

    def outlook(story: BriefStory) -> int:
        return len(story.writeup.sections.why_it_matters) + len(story.writeup.sections.whats_next)

    had = [outlook(s) > 0 for s in full.stories]
    assert sum(had) >= 5  # the demo's stories have such lines to keep
    assert [outlook(s) > 0 for s in five.stories] == had


class _Assets(HTMLParser):
    """Collects everything in a page that would load something from elsewhere."""

    def __init__(self) -> None:
        super().__init__()
        self.loads: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag in ("script", "img", "iframe", "link", "video", "audio", "source", "embed"):
            self.loads.append(tag)
        if tag == "a" and attributes.get("href"):
            self.links.append(str(attributes["href"]))


def test_renderers_cite_every_sentence_and_the_html_page_is_standalone(tmp_path):
    rows = BIG + SMALL
    rows[0] = {**rows[0], "title": "<script>alert(1)</script> Earthquake kills 10"}
    with _store(tmp_path, rows) as store:
        b = build_briefing(store, since=NOW - timedelta(days=1), now=NOW)
    html = render_html(b)
    assets = _Assets()
    assets.feed(html)
    assert assets.loads == [] and "@import" not in html and "url(" not in html
    assert "<script>alert" not in html and "&lt;script&gt;" in html
    assert "prefers-color-scheme: dark" in html and "@media print" in html
    assert 'name="viewport"' in html
    quake = b.stories[0]
    cited = {u for u in assets.links if u.startswith("https://outlet")}
    assert cited == {r.url for r in quake.sources}  # citations link to the sources
    md = render_markdown(b)
    for sentence in quake.writeup.summary:
        assert sentence.text in md
    assert re.search(r"\[\[\d+\]\]\(https://outlet\d\.example/quake/\d\)", md)
    text = render_text(b)
    assert "KEY TAKEAWAYS" in text and "SOURCES DISAGREE" in text
    data = json.loads(json.dumps(briefing_dict(b)))
    assert data["reading_minutes"] > 0
    story = data["stories"][0]
    assert {"text", "cites"} <= set(story["summary"][0])
    assert all("new" in s for s in story["sources"])
    assert story["conflicts"][0]["claims"][0]["outlets"]


def test_markdown_shows_article_text_as_written_not_as_markup(tmp_path):
    title = "*NSYNC and Q*bert_s [1] `rm -rf` quake kills 10"
    rows = BIG + SMALL
    rows[0] = {**rows[0], "title": title}
    with _store(tmp_path, rows) as store:
        b = build_briefing(store, since=NOW - timedelta(days=1), now=NOW)
    assert any(ref.title == title for s in b.stories for ref in s.sources)
    md = render_markdown(b)
    assert "\\*NSYNC and Q\\*bert\\_s \\[1\\] \\`rm -rf\\` quake kills 10" in md
    assert title not in md
    # Citations stay links.
    assert re.search(r"\[\[\d+\]\]\(https://outlet\d\.example/quake/\d\)", md)


def test_topics_show_a_name_once():
    from newsbrief.briefing.assemble import topics
    from newsbrief.models import BriefStory, Sections, Writeup

    def story(sid: str, importance: float, entities: list[str]) -> BriefStory:
        writeup = Writeup("h", [], [], Sections(), [], entities=entities)
        return BriefStory(sid, writeup, [], [], importance, 0.0, "", True)

    tags = topics(
        [
            story("a", 5.0, ["Internet Explorer", "Microsoft"]),
            story("b", 3.0, ["Internet Explorer Web", "Seacom"]),
            story("c", 2.0, ["Explorer", "Gulf of Aden"]),
        ]
    )
    assert tags == ["Internet Explorer", "Microsoft", "Seacom", "Gulf of Aden"]


def test_an_undated_article_is_shown_undated_and_has_no_timeline_day(tmp_path):
    # Two reports carry no date: the import time is when they were first seen, not when they
    # were written (an old page imported today), so no source line or timeline day shows it.
    rows = [dict(r) for r in BIG]
    for row in rows[4:]:
        row["published"] = None
    with _store(tmp_path, rows) as store:
        b = build_briefing(store, since=NOW - timedelta(days=1), now=NOW)
    [quake] = b.stories
    assert {r.id: r.published for r in quake.sources if r.published is None} == {
        "quake-4": None,
        "quake-5": None,
    }
    dated = [r.published for r in quake.sources if r.published is not None]
    assert dated == sorted(dated, reverse=True) and len(dated) == 4
    assert quake.timeline == [(NOW.date().isoformat(), 4)]
    assert all(set(h.cites) <= {f"quake-{i}" for i in range(4)} for h in quake.timeline_headlines)
    lines = render_markdown(b).splitlines()
    listed = [line for line in lines if line.endswith(("/quake/4), undated", "/quake/5), undated"))]
    assert len(listed) == 2
