"""The briefing's own text: title, overview, takeaways, and nothing said twice."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta

from test_briefing import BIG, NOW, SMALL, _store

from newsbrief.briefing.assemble import (
    briefing_title,
    build_briefing,
    key_takeaways,
    overview,
    short_headline,
    without_repeats,
)
from newsbrief.models import BriefStory, Quote, Sections, Sentence, Writeup
from newsbrief.render import render_html, render_markdown, render_text


def story(headline: str, summary: list[str], facts: list[str] = (), names: list[str] = ()):
    writeup = Writeup(
        headline=headline,
        headline_cites=["a1"],
        summary=[Sentence(t, ["a1"]) for t in summary],
        sections=Sections(),
        key_facts=[Sentence(t, ["a2"]) for t in facts],
        entities=list(names),
    )
    return BriefStory(headline, writeup, [], [], 1.0, 0.0, "2 independent reports", False)


def test_the_title_is_one_line_of_whole_headlines_not_joined_by_semicolons():
    stories = [
        story("Obama administration overturns rule that weakened Endangered Species Act", []),
        story("The Indian navy has captured 23 Somalian pirates.", []),
        story(
            "Microsoft releases emergency security patch for Internet Explorer after attacks", []
        ),
    ]
    title = briefing_title(stories)
    assert ";" not in title and "…" not in title
    assert title == (
        "Obama administration overturns rule that weakened Endangered Species Act, "
        "Indian navy has captured 23 Somalian pirates, "
        "Microsoft releases emergency security patch"
    )
    # Every word of the title is a whole word of a headline: nothing is cut mid-word.
    written = {w for s in stories for w in re.findall(r"\w+", s.writeup.headline)}
    assert set(re.findall(r"\w+", title)) <= written
    assert short_headline("A quake that flattened villages hits the island of Qeshm again") == (
        "A quake that flattened villages hits the island"
    )
    # An "and" before a name joins it to the object: cutting there would drop whom it is about.
    gupta = (
        "President-elect Barack Obama has asked neurosurgeon and CNN medical correspondent "
        "Dr. Sanjay Gupta to be U.S. surgeon general"
    )
    assert short_headline(gupta).endswith("Dr. Sanjay Gupta")
    # A headline that stays long is left out of the title, unless it is the top story's.
    title = briefing_title([stories[1], story(gupta, []), stories[2]])
    assert "Gupta" not in title and title.endswith("Microsoft releases emergency security patch")
    assert briefing_title([story(gupta, []), *stories]).startswith("President-elect")
    # An "and" before a verb starts another clause: the first one is a whole headline.
    assert short_headline("Central bank raises interest rates again and warns of a slowdown") == (
        "Central bank raises interest rates again"
    )


def test_the_overview_names_its_subjects_and_takeaways_state_facts_not_headlines():
    rehab = story(
        "Lindsay Lohan checks into rehab",
        [
            "The 26-year-old checked in on Thursday night, her spokesman said.",
            "Lindsay Lohan entered the Betty Ford Center in California on Thursday.",
        ],
        facts=["Lohan must stay 90 days at the clinic under a plea deal."],
        names=["Lindsay Lohan", "Betty Ford Center"],
    )
    quake = story(
        "Earthquake kills 12 on Iranian island of Qeshm",
        ["He said rescuers were still searching.", "A quake killed 12 people on Qeshm island."],
        names=["Qeshm"],
    )
    opening = overview([rehab, quake])
    assert [s.text for s in opening] == [
        "Lindsay Lohan entered the Betty Ford Center in California on Thursday.",
        "A quake killed 12 people on Qeshm island.",
    ]
    takeaways = key_takeaways([rehab, quake], opening)
    texts = [t.text for t in takeaways]
    assert texts[0] == "Lohan must stay 90 days at the clinic under a plea deal."
    assert takeaways[0].cites == ["a2"]
    for t, s in zip(texts, (rehab, quake), strict=True):
        assert t != s.writeup.headline and t not in [o.text for o in opening]
        assert len(t.split()) <= 30


def test_a_takeaway_states_what_the_headline_announces_not_a_detail_or_a_comment():
    oscars = story(
        "Hugh Jackman to host the 81st Academy Awards",
        ["Hugh Jackman has been roped in to host the 81st Academy Awards."],
        facts=[
            "ABC will broadcast the awards show on Feb. 22.",
            "The Academy announced Friday that Hugh Jackman will be the host of the 81st annual "
            "Oscars at the Kodak Theatre.",
        ],
        names=["Hugh Jackman", "Academy Awards"],
    )
    gupta = story(
        "Obama asks Sanjay Gupta to be surgeon general",
        ["Obama asks Sanjay Gupta to be surgeon general."],
        facts=[
            "It's interesting that Obama met the host for 2 1/2 hours on Nov. 25.",
            "Obama has asked CNN correspondent Sanjay Gupta to be surgeon general, aides said.",
        ],
        names=["Sanjay Gupta", "Obama"],
    )
    stories = [oscars, gupta]
    texts = [t.text for t in key_takeaways(stories, overview(stories))]
    assert texts[0].startswith("The Academy announced Friday that Hugh Jackman will be the host")
    assert texts[1].startswith("Obama has asked CNN correspondent Sanjay Gupta")


def test_a_quote_or_line_that_repeats_another_is_left_out():
    said = "“We will rebuild every house,” the governor said."
    w = story("Quake", ["A quake hit Qeshm."], facts=[said, "A quake hit Qeshm."]).writeup
    w = replace(w, quote=Quote(said, "the governor", ["a2"]))
    w = replace(w, sections=Sections(what_is_happening=[Sentence(said, ["a2"])]))
    kept = without_repeats(w)
    shown = [s.text for s in kept.summary + kept.sections.what_is_happening + kept.key_facts]
    assert shown == ["A quake hit Qeshm.", said] and kept.quote is None


def test_a_key_fact_that_only_repeats_the_headline_is_left_out():
    headline = "The Indian navy has captured 23 Somalian pirates."
    longer = "The Indian navy has captured 23 Somalian pirates who threatened a merchant vessel."
    w = story(headline, ["Marines boarded two boats."], facts=[headline, longer]).writeup
    kept = without_repeats(w)
    assert [s.text for s in kept.key_facts] == [longer]
    # The summary may say what the headline says: a story of one title has nothing else.
    alone = without_repeats(story(headline, [headline]).writeup)
    assert [s.text for s in alone.summary] == [headline]


def test_what_is_new_is_said_once_in_every_format(tmp_path):
    with _store(tmp_path, BIG + SMALL) as store:
        b = build_briefing(store, since=NOW - timedelta(days=1), now=NOW, record=False)
    top = b.stories[0]
    top.is_new, top.new_since_last = False, 9
    top.why_included = "6 independent reports · developing: 9 new since your last briefing"
    for text in (render_markdown(b), render_text(b), render_html(b)):
        assert text.count("9 new since your last briefing") == 1
    assert ";" not in b.title
    for story_ in b.stories:
        w = story_.writeup
        lines = [s.text for s in w.summary + w.key_facts]
        assert len(lines) == len(set(lines))
        assert w.quote is None or w.quote.text not in lines


def test_a_title_cut_to_fit_a_chat_message_is_cut_between_words():
    from newsbrief.deliver.webhook import _cut

    title = "Microsoft releases emergency security patch, Indian navy captures pirates"
    assert _cut(title, 30) == "Microsoft releases emergency…"
    assert _cut(title, 200) == title


def test_a_takeaway_may_open_with_a_description_the_headline_names():
    """ "The ferry service" under "Ferry service resumes after storm" names the story's subject:
    its main fact is the takeaway, not a detail that happens to open with a number."""
    ferry = story(
        "Ferry service resumes after storm",
        [
            "The ferry service between the harbour and the island resumed on Monday morning "
            "after a two-day suspension caused by the storm, the operator said.",
            "About 1,200 passengers had been stranded on the island over the weekend.",
        ],
    )
    [takeaway] = key_takeaways([ferry], [])
    assert takeaway.text.startswith("The ferry service between the harbour and the island")
    rehab = story(
        "Lindsay Lohan checks into rehab",
        [
            "The 26-year-old checked in on Thursday night, her spokesman said.",
            "Lohan entered the clinic in California, her lawyer said.",
        ],
        names=["Lindsay Lohan"],
    )
    [takeaway] = key_takeaways([rehab], [])
    assert not takeaway.text.startswith("The 26-year-old")


def test_the_text_briefing_says_its_window_and_stories_within_its_width():
    from datetime import UTC, datetime

    from newsbrief.models import Briefing
    from newsbrief.render.text import WIDTH

    quake = story(
        "Earthquake kills 12 on the Iranian island of Qeshm, officials said on Sunday morning",
        ["A quake killed 12 people on Qeshm island."],
    )
    when = datetime(2024, 3, 4, 9, tzinfo=UTC)
    briefing = Briefing(
        title=quake.writeup.headline + ", and a second headline long enough to wrap the title",
        overview=quake.writeup.summary,
        key_takeaways=[],
        topics=[],
        stories=[quake],
        generated=when,
        since=when - timedelta(days=1),
    )
    text = render_text(briefing)
    assert "news since 2024-03-03 09:00 UTC, 1 story" in " ".join(text.split())
    assert max(len(line) for line in text.splitlines()) <= WIDTH
    empty = replace(briefing, stories=[], overview=[])
    assert "Import or fetch some news first." in render_text(empty)


def test_a_source_titled_by_its_first_sentence_reads_cleanly_before_its_date(tmp_path):
    with _store(tmp_path, BIG + SMALL) as store:
        b = build_briefing(store, since=NOW - timedelta(days=1), now=NOW, record=False)
    ref = b.stories[0].sources[0]
    b.stories[0].sources[0] = replace(ref, title="The navy captured 23 pirates.", url=None)
    text = render_markdown(b)
    assert "1. " in text and "The navy captured 23 pirates, " in text
    assert "pirates., " not in text


def test_a_figure_updated_through_the_day_is_shown_apart_from_disagreements(tmp_path):
    from newsbrief.codec import story_dict
    from newsbrief.models import Claim, Conflict
    from newsbrief.render.common import conflict_groups
    from newsbrief.render.email import render_email_html

    with _store(tmp_path, BIG + SMALL) as store:
        b = build_briefing(store, since=NOW - timedelta(days=1), now=NOW, record=False)
    top = b.stories[0]
    cite = top.sources[0].id
    top.conflicts = [
        Conflict("number killed", [Claim("12", "12 died.", [cite]), Claim("9", "9 died.", [cite])],
                 "updated: 12 reported, after earlier reports of 9", "update"),
        Conflict("value of the deal", [Claim("$2.1 billion", "a.", [cite]),
                                       Claim("$2.4 billion", "b.", [cite])]),
    ]  # fmt: skip
    assert [h for h, _ in conflict_groups(top)] == [
        "Sources disagree", "Figures updated, latest first"
    ]  # fmt: skip
    as_json = story_dict(top)
    assert [(h, [c["about"] for c in cs]) for h, cs in conflict_groups(as_json)] == [
        ("Sources disagree", ["value of the deal"]),
        ("Figures updated, latest first", ["number killed"]),
    ]
    html_mail = render_email_html(b)
    for text in (render_markdown(b), render_text(b), render_html(b), str(html_mail)):
        low = text.lower()
        disagree, updated = low.find("sources disagree"), low.find("figures updated")
        assert 0 <= disagree < low.find("value of the deal") < updated < low.find("number killed")
