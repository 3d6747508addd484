"""Digests copied from web pages as plain text: a picture's caption and credit between a
headline and its text, bracketed notes, an audio player's line, trailing link-list labels.

Every text here is written for these tests.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from newsbrief.ingest.files import read_file
from newsbrief.models import Article
from newsbrief.text.boilerplate import clean_sentence
from newsbrief.text.structure import HEADING, PARAGRAPH, blocks_from_plain

SEEN = datetime(2025, 7, 1, tzinfo=UTC)

SHORTS = """\
Town Shorts: June 3, 2025

A few short reports from the valley for Tuesday, June 3, 2025.


Harbour bridge closes for repairs

The old harbour bridge at dusk
Image: Mara Quill.

The old harbour bridge in Lowmere closed on Monday for three weeks of repairs to its deck.
Buses will cross the river at the weir instead, the council said.

Related news

Sources


Orchard growers expect a late cherry harvest

Rows of cherry trees above Hallam
Photo by Ben Arkwright

Cold nights in May have delayed the cherry harvest in Hallam by about ten days, the growers'
cooperative said. Picking should start in the last week of June.

(Image missing: orchard map)

Related news

Sources
"""


def _read(tmp_path: Path, name: str, text: str) -> list[Article]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return [a for a in read_file(path, SEEN) if isinstance(a, Article)]


def test_a_caption_and_its_credit_under_a_headline_leave_the_headline_the_title(tmp_path):
    articles = _read(tmp_path, "shorts.txt", SHORTS)
    assert [a.title for a in articles] == [
        "Harbour bridge closes for repairs",
        "Orchard growers expect a late cherry harvest",
    ]
    text = "\n".join(a.text for a in articles)
    for gone in ("harbour bridge at dusk", "Mara Quill", "Ben Arkwright", "Rows of cherry",
                 "Image missing"):  # fmt: skip
        assert gone not in text
    assert "closed on Monday" in articles[0].text and "Picking should start" in articles[1].text


def test_trailing_link_list_labels_are_headings_even_with_nothing_under_them():
    blocks = blocks_from_plain(SHORTS)
    labels = [b for b in blocks if b.text in ("Related news", "Sources")]
    assert len(labels) == 4 and all(b.kind == HEADING for b in labels)


def test_a_headline_right_above_a_credit_with_prose_before_it_is_kept():
    text = (
        "The council approved the budget after a long debate on Monday evening.\n\n"
        "Ferry fares rise in July\nImage: Port authority\n\n"
        "Ferry fares on the Lowmere crossing rise by eight percent from the first of July.\n"
    )
    blocks = blocks_from_plain(text)
    assert [b.text for b in blocks if b.kind == HEADING] == ["Ferry fares rise in July"]
    assert not any("Port authority" in b.text for b in blocks)


def test_a_shorter_line_between_a_headline_and_its_text_is_a_caption_not_the_heading():
    text = (
        "March 2: Lowmere opens its new library\n\n"
        "The reading room\n\n"
        "The new library of Lowmere opened on Saturday with a reading room for two hundred "
        "people and a children's floor.\n"
    )
    blocks = blocks_from_plain(text)
    assert [(b.kind, b.text) for b in blocks if b.kind == HEADING] == [
        (HEADING, "March 2: Lowmere opens its new library")
    ]
    assert all("reading room" not in b.text or b.kind == PARAGRAPH for b in blocks)
    assert not any(b.text == "The reading room" for b in blocks)


def test_a_dateline_under_a_title_stays_and_a_longer_second_line_is_a_heading():
    dated = blocks_from_plain(
        "Valley year in review\n\nFriday, 2 January 2026\n\n"
        "Here are the stories that mattered most in the valley over the past year.\n"
    )
    assert any(b.text == "Friday, 2 January 2026" for b in dated)
    labelled = blocks_from_plain(
        "Markets\n\nStocks slide on rate fears\n\n"
        "Shares in Lowmere fell on Tuesday as traders bet on another rise in interest rates.\n"
    )
    assert [b.text for b in labelled if b.kind == HEADING] == [
        "Markets",
        "Stocks slide on rate fears",
    ]


def test_bracketed_notes_are_neither_prose_nor_headings():
    blocks = blocks_from_plain(
        "Evening bulletin\n\n(Music)\n\n"
        "The valley's two mayors met on Tuesday to agree on a shared bus timetable.\n\n"
        "[Image: bus map]\n"
    )
    assert [b.text for b in blocks] == [
        "Evening bulletin",
        "The valley's two mayors met on Tuesday to agree on a shared bus timetable.",
    ]


def test_an_audio_players_line_is_no_headline_and_its_section_no_story(tmp_path):
    assert clean_sentence("Listen to this brief") is None
    # A copied page: one line a paragraph, the player's lines one under the other.
    briefs = "\n".join(
        [
            "Valley briefs: June 6, 2025",
            "",
            "Valley Audio Briefs",
            "Friday, June 6, 2025",
            "Listen to this brief",
            "",
            "Today in the valley: we recap the week's stories from around the valley.",
            "",
            "Lowmere council approves a new bus timetable",
            "",
            "The council of Lowmere approved a timetable that adds evening buses on four "
            "routes from July. Fares stay unchanged, and the last departure moves to eleven.",
            "",
            "Hallam brewery wins a regional prize",
            "",
            "A small family brewery in Hallam won the regional prize for its dark ale on "
            "Thursday. Its owners plan to double their output after the award.",
            "",
            "Storm damages the pier at Weirton",
            "",
            "Strong winds tore planks from the wooden pier at Weirton, which stays closed "
            "until August. Engineers found two broken piles under the landing stage.",
        ]
    )
    titles = [a.title for a in _read(tmp_path, "briefs.txt", briefs)]
    assert titles == [
        "Lowmere council approves a new bus timetable",
        "Hallam brewery wins a regional prize",
        "Storm damages the pier at Weirton",
    ]


def test_a_sentence_about_photos_is_no_credit():
    blocks = blocks_from_plain(
        "Bridge damage shown in police photos\n"
        "Photos by the police showed the damage.\n\n"
        "The bridge over the Lowe river was closed on Friday after a lorry struck its railing.\n"
    )
    assert "Photos by the police showed the damage." in [b.text for b in blocks]
