"""One JSON form for briefings, stories and write-ups: what is encoded decodes to the same."""

from __future__ import annotations

from newsbrief.codec import story_dict, story_from_dict, writeup_dict, writeup_from_dict
from newsbrief.models import BriefStory, Quote, Sections, Sentence, Writeup


def _writeup() -> Writeup:
    return Writeup(
        headline="Port strike ends",
        headline_cites=["a1"],
        summary=[Sentence("Dock workers returned on Monday.", ["a1", "a2"])],
        sections=Sections(
            what_is_happening=[Sentence("Ships are unloading again.", ["a2"])],
            whats_next=[Sentence("Talks resume in May.", ["a1"])],
        ),
        key_facts=[Sentence("The strike lasted 9 days.", ["a1"])],
        quote=Quote("We are back.", "A union leader", ["a2"]),
        keyphrases=["port strike"],
        entities=["Rotterdam"],
        written_by="some-model",
    )


def test_a_writeup_survives_its_json_form():
    writeup = _writeup()
    assert writeup_from_dict(writeup_dict(writeup)) == writeup


def test_a_story_carries_its_writeup_in_the_same_keys():
    story = BriefStory(
        id="s1",
        writeup=_writeup(),
        sources=[],
        conflicts=[],
        importance=1.5,
        relevance=0.25,
        why_included="most reported",
        is_new=True,
        timeline=[("2024-05-01", 2)],
        timeline_headlines=[Sentence("Port strike ends", ["a1"])],
    )
    data = story_dict(story)
    assert {k: data[k] for k in writeup_dict(story.writeup)} == writeup_dict(story.writeup)
    assert story_from_dict(data) == story
    assert list(data)[:2] == ["id", "headline"]


def test_a_story_shows_the_languages_of_its_reports():
    from newsbrief.models import SourceRef

    def ref(aid: str, language: str | None) -> SourceRef:
        return SourceRef(aid, "t", None, "x", None, True, language=language)

    story = BriefStory(
        id="s2",
        writeup=_writeup(),
        sources=[ref("a1", "en"), ref("a2", "de"), ref("a3", "de"), ref("a4", None)],
        conflicts=[],
        importance=1.0,
        relevance=0.0,
        why_included="",
        is_new=False,
    )
    data = story_dict(story)
    assert data["languages"] == ["de", "en"]  # most reports first; unknown left out
    assert [s["language"] for s in data["sources"]] == ["en", "de", "de", None]
    assert story_from_dict(data).sources == story.sources
