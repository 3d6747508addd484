"""Figures of one quantity worded apart by two reports: word families, aligned frames and
counts of what was added (``newsbrief.text.alignment``)."""

from __future__ import annotations

from datetime import UTC, datetime

from newsbrief.conflicts import find_conflicts
from newsbrief.models import Article
from newsbrief.text.alignment import aligned, family, frame, noun_class
from newsbrief.text.numbers import figures


def report(article_id: str, text: str, hour: int = 8) -> Article:
    when = datetime(2024, 5, 1, hour, tzinfo=UTC)
    return Article(id=article_id, title="", text=text, source=f"{article_id}.example",
                   published=when)  # fmt: skip


def conflicts_of(*texts: str):
    articles = [report(f"r{i}", text, 8 + i) for i, text in enumerate(texts)]
    return find_conflicts(articles, {a.id: a.id for a in articles})


def test_word_families_name_one_thing_and_other_words_keep_their_stem():
    assert family("appliances") == family("engines") == "vehicle"
    assert family("wed") == family("married") == "marry"
    assert family("homes") == family("houses") == "building"
    assert family("killed") == family("dead") == "die"
    assert family("persons") == family("people")
    assert family("tractors") == "tract"  # no family: the stem
    assert noun_class("home") == noun_class("house") and noun_class("barn") == "barn"


def test_a_frame_leaves_out_numbers_qualifiers_and_the_calendar():
    sentence = "On Tuesday the flood destroyed nearly 40 homes in the valley, officials said."
    [figure] = figures(sentence)
    words = frame(sentence, figure.start, figure.end)
    assert {"flood", "destroy", "building", "valle", "offic"} <= words
    assert not words & {"nearly", "tuesd", "40", "said"}


def test_frames_align_only_when_most_of_the_smaller_one_is_shared():
    first = frozenset({"storm", "destroy", "building", "coast", "villa", "marl"})
    second = frozenset({"storm", "destroy", "building", "coast", "villa", "offic"})
    third = frozenset({"storm", "building", "rebui", "school", "money", "grant", "town"})
    assert aligned(first, second)
    assert not aligned(first, third)  # two shared words are not enough
    assert not aligned(frozenset({"storm", "destroy", "building"}), second, "building")


def test_houses_and_homes_counted_in_sentences_that_say_the_same_disagree():
    [conflict] = conflicts_of(
        "The storm destroyed 30 houses in the coastal village of Marl, the mayor said.",
        "The storm destroyed 45 homes in the coastal village of Marl, the mayor said.",
    )
    assert {c.value for c in conflict.claims} == {"30", "45"}


def test_houses_and_shops_are_different_things_however_alike_the_sentences():
    assert not conflicts_of(
        "The storm destroyed 30 houses in the coastal village of Marl, the mayor said.",
        "The storm destroyed 45 shops in the coastal village of Marl, the mayor said.",
    )


def test_what_was_added_is_read_and_compared_with_what_was_added():
    [six] = figures("When crews arrived they called in an additional six engines.")
    assert six.role == "added" and six.unit == "engine"
    [conflict] = conflicts_of(
        "When crews arrived at the depot they called in an additional six engines to help.",
        "Crews at the depot then called a further four appliances to help, the brigade said.",
    )
    assert {c.value for c in conflict.claims} == {"six", "four"}


def test_what_was_added_is_not_a_total_and_other_additions_are_other_things():
    assert not conflicts_of(
        "When crews arrived at the depot they called in an additional six engines to help.",
        "Eight engines fought the fire at the depot overnight, the brigade said.",
    )
    assert not conflicts_of(
        "When crews arrived at the depot they called in an additional six engines to help.",
        "The council later ordered a further four engines for the county's new station.",
    )


def test_synonyms_around_an_offset_say_it_is_one_moment():
    [conflict] = conflicts_of(
        "The deputy was married two weeks ago.", "The deputy was wed eight weeks ago."
    )
    assert {c.value for c in conflict.claims} == {"two weeks ago", "eight weeks ago"}
    assert not conflicts_of(
        "The deputy was married two weeks ago.", "The deputy was hired eight weeks ago."
    )


def test_counts_whose_nearest_words_differ_align_on_the_sentence_around_them():
    # The words next to the numbers differ ("counted 30 wrecked", "found 45 ruined"); the
    # sentences around them say the same thing.
    [conflict] = conflicts_of(
        "Storm inspectors working along the Marl harbour front counted 30 wrecked houses.",
        "Storm inspectors working along the Marl harbour front found 45 ruined homes.",
    )
    assert {c.value for c in conflict.claims} == {"30", "45"}
    assert not conflicts_of(
        "Storm inspectors working along the Marl harbour front counted 30 wrecked houses.",
        "Volunteers from the church later rebuilt 45 ruined homes across the county.",
    )


def test_shops_and_stores_are_one_family_in_the_frame_around_another_count():
    assert family("stores") == family("shops") == "shop"
    # Two reports of one night's attacks, the shops worded apart around the banks counted
    [conflict] = conflicts_of(
        "Rioters attacked a police station in Larch as well as at least three banks, several "
        "stores and a government building.",
        "Overnight rioters in masks attacked a government building, four shops and two banks.",
    )
    assert {c.value for c in conflict.claims} == {"at least three", "two"}


def test_a_time_counted_from_another_event_names_the_event_it_times():
    # The clauses share one word, of a family: "married ... before the shooting" and "wed ...
    # before he was murdered" time the wedding, however each report names the killing.
    [conflict] = conflicts_of(
        "The officer had married two weeks before the shooting, his sergeant said.",
        "His widow, who wed the officer three weeks before he was murdered, spoke in court.",
    )
    assert {c.value for c in conflict.claims} == {"two weeks before", "three weeks before"}
    assert conflict.kind == "contradiction"
    # A death is what other moments are counted from: the jail video two weeks after it and
    # the vigil 24 hours after it are two moments.
    assert not conflicts_of(
        "Jurors saw a video of him boasting to inmates two weeks after Ortiz died.",
        "Colleagues gathered at the station 24 hours after his death.",
    )
    # Other events are other moments: hired, not married.
    assert not conflicts_of(
        "The officer had married two weeks before the shooting, his sergeant said.",
        "His widow said the officer was hired three weeks before he was murdered.",
    )


def test_whole_weeks_that_meet_at_a_point_differ_and_looser_wording_does_not():
    # "two weeks" stands for 10.5 to 17.5 days and "three weeks" for 17.5 to 24.5: no day is
    # both, so they disagree; "about three weeks" reaches back to two and agrees.
    assert conflicts_of(
        "The couple were arrested two weeks before the trial opened.",
        "The couple were arrested three weeks before the trial opened.",
    )
    assert not conflicts_of(
        "The couple were arrested two weeks before the trial opened.",
        "The couple were arrested about three weeks before the trial opened.",
    )
    # Counts are not spans: "nearly 100" and "100" meet at 100 and agree.
    assert not conflicts_of(
        "Nearly 100 firefighters fought the blaze at the depot overnight.",
        "100 firefighters fought the blaze at the depot overnight.",
    )


def test_a_move_home_is_a_moment_a_story_counts_from_like_a_wedding():
    # "returned to her home town" and "moved back to Millom" name one move, worded apart
    [conflict] = conflicts_of(
        "She returned to her home town 12 weeks ago after a spell living in Cardiff.",
        "Her son said they had moved back to Millom around six weeks ago.",
    )
    assert {c.value for c in conflict.claims} == {"12 weeks ago", "around six weeks ago"}
    assert family("relocated") == family("returned") == "move"
    # Other moments are other quantities: a move is not a hiring.
    assert not conflicts_of(
        "She returned to her home town 12 weeks ago after a spell living in Cardiff.",
        "Her son said she was hired at the depot around six weeks ago.",
    )


def test_things_besides_those_named_are_counted_against_their_like():
    # "two other rifles" and "three other automatic rifles": the rifles besides the AK-47s
    seized = "They seized seven AK-47 rifles, two other rifles, a launcher and 13 magazines."
    besides = figures(seized, besides=True)
    assert [(f.unit, f.role) for f in besides][:2] == [("ak47", ""), ("rifle", "besides")]
    assert "besides" not in {f.role for f in figures(seized)}
    [conflict] = conflicts_of(
        "The commandos seized seven AK-47 assault rifles, two other rifles and a grenade "
        "launcher from the pirates.",
        "Seven AK-47s, three other automatic rifles and a grenade launcher were found on the "
        "pirates' boats.",
    )
    assert {c.value for c in conflict.claims} == {"two", "three"}
    assert conflict.about == "number of others"
    # Besides-counts are not totals: "two other rifles" is not "five rifles" seized in all.
    assert not conflicts_of(
        "The commandos seized seven AK-47 assault rifles, two other rifles and a grenade "
        "launcher from the pirates.",
        "Five rifles and a grenade launcher were found on the pirates' boats.",
    )
