"""Quality floors on the labelled dev data: a change that lowers them fails the suite."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# Pinned a little under the measured dev figures (see BENCHMARKS.md), so noise passes and a
# real regression does not.
# UCI: 0.911 measured, 0.916 once one word of an event's own shared by two headlines counted.
FLOORS = {"ecbplus-dev.jsonl": 0.95, "uci-news-dev.jsonl": 0.90}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_clustering_f1_floor(shared_data, name):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "newsbrief",
            "eval",
            "clustering",
            str(shared_data / name),
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, "NEWSBRIEF_SEMANTIC": "off"},
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    ours = report["newsbrief"]
    assert ours["f1"] >= FLOORS[name], report
    # The method must beat what digest tools do, by a wide margin.
    assert ours["f1"] > report["title_jaccard_0.55_single_link"]["f1"] + 0.3


def test_similarity_pearson_floors_on_the_lexical_path(shared_data):
    """SemEval-2022 dev pairs, words alone (no extra needed): measured overall 0.639, same-
    language 0.717, cross-language 0.582, held-out quarter 0.611 (BENCHMARKS.md)."""
    from newsbrief.eval.similarity import evaluate_similarity
    from newsbrief.stories.similarity import pairs_of

    report = evaluate_similarity(pairs_of(shared_data / "semeval2022-pairs-dev.jsonl"))
    assert report["overall"]["pearson"] >= 0.62, report["text"]
    assert report["same_language"]["pearson"] >= 0.70, report["text"]
    assert report["cross_language"]["pearson"] >= 0.56, report["text"]
    assert report["held_out"]["overall"]["pearson"] >= 0.59, report["text"]


def test_clustering_mixed_stream(shared_data):
    """A store holds all kinds of news at once: each file's stories must hold when its
    articles are streamed together with the other file's (ECB+ full texts, UCI headlines)."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "newsbrief",
            "eval",
            "clustering",
            *(str(shared_data / name) for name in sorted(FLOORS)),
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, "NEWSBRIEF_SEMANTIC": "off"},
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    for entry in report["files"]:
        name = Path(entry["file"]).name
        assert entry["alone"]["f1"] >= FLOORS[name], entry
        assert entry["mixed"]["f1"] >= FLOORS[name], entry
        # Measured: 0.000 (ECB+) and -0.000 (UCI); -0.014 and +0.004 while full texts and
        # headlines shared one IDF, and ECB+ lost 0.107 before the run counted all articles.
        assert entry["change"] >= -0.01, entry
    assert report["stories_mixing_files"] <= 2, report


def test_small_look_alike_groups_among_headlines(shared_data):
    """The look-alike stress set (2 to 4 reports of each of two look-alike events per ECB+
    topic, most undated) streamed with the UCI headlines. Measured: F1 0.923 alone and mixed
    (0.924 before a small dated group beside an undated one needed their measured contrast
    too; 0.921 before small groups assumed the cohesion of two reports of one event), pairwise
    precision 0.894 and recall 0.852 (0.859 / 0.878 before that contrast; 0.847 / 0.895
    before two small undated groups needed it; 0.813 / 0.913 before the pair prior), change
    0.000."""
    blind = Path(__file__).resolve().parents[1] / "newsbrief" / "data" / "lookalikes-blind.jsonl"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "newsbrief",
            "eval",
            "clustering",
            str(blind),
            str(shared_data / "uci-news-dev.jsonl"),
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, "NEWSBRIEF_SEMANTIC": "off"},
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    entry = report["files"][0]
    assert entry["alone"]["f1"] >= 0.91 and entry["mixed"]["f1"] >= 0.91, entry
    assert entry["pairs"]["mixed"]["precision"] >= 0.88, entry
    assert entry["pairs"]["mixed"]["recall"] >= 0.84, entry
    assert entry["change"] >= -0.01, entry


# The hand-written look-alike sets (newsbrief/data/README.md), each streamed with both dev
# files: floors a little under the figures measured (BENCHMARKS.md, "Look-alike events written
# by hand"): F1 alone, F1 mixed, pairwise precision mixed.
HAND_WRITTEN = {
    # first run 0.754 / 0.811 / 0.528; after the changes made on it 0.767 / 0.830 / 0.596;
    # full texts fading per nine days: 0.825 / 0.856 / 0.627
    "lookalikes-blind2.jsonl": (0.81, 0.84, 0.61),
    # first run 0.658 / 0.662 / 0.315; after 0.648 / 0.668 / 0.405; one shared word of an
    # event's own: 0.643 / 0.692 / 0.436
    "lookalikes-blind2-headlines.jsonl": (0.63, 0.68, 0.42),
    # held out: 0.853 / 0.886 / 0.667, the same before and after; fading per nine days 0.891 /
    # 0.907 / 0.692
    "lookalikes-blind3.jsonl": (0.88, 0.89, 0.68),
    # held out: 0.636 / 0.687 / 0.533, the same before and after; one shared word of an
    # event's own: 0.677 / 0.729 / 0.511
    "lookalikes-blind3-headlines.jsonl": (0.66, 0.71, 0.51),
    # first run 0.809 / 0.866 / 0.784; fading per nine days 0.809 / 0.874 / 0.769
    "lookalikes-blind4.jsonl": (0.80, 0.86, 0.75),
    # first run 0.606 / 0.618 / 0.416, the same after; one shared word of an event's own:
    # 0.613 / 0.633 / 0.443
    "lookalikes-blind4-headlines.jsonl": (0.60, 0.62, 0.43),
    # first run 0.787 / 0.781 / 0.600; lone reports whose headlines name their own: 0.830 /
    # 0.913 / 0.730
    "lookalikes-blind5.jsonl": (0.81, 0.89, 0.71),
    # first run 0.609 / 0.608 / 0.400
    "lookalikes-blind5-headlines.jsonl": (0.59, 0.59, 0.38),
    # first run 0.778 / 0.805 / 0.519, the same with lone reports whose headlines name their own
    "lookalikes-blind6.jsonl": (0.76, 0.79, 0.50),
    # first run 0.654 / 0.681 / 0.438 (written after the changes made on the full texts)
    "lookalikes-blind6-headlines.jsonl": (0.63, 0.66, 0.41),
}


@pytest.mark.parametrize("name", sorted(HAND_WRITTEN))
def test_hand_written_look_alike_events_among_the_dev_files(shared_data, name):
    """Pairs of look-alike events of one kind (two patches, two rulings, two quakes, two
    offers, two storms), written by hand, dated, undated and half dated, in a store that also
    holds both dev files: each set's floors, and the dev files' stories barely move."""
    data = Path(__file__).resolve().parents[1] / "newsbrief" / "data"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "newsbrief",
            "eval",
            "clustering",
            str(data / name),
            *(str(shared_data / dev) for dev in sorted(FLOORS)),
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, "NEWSBRIEF_SEMANTIC": "off"},
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    alone, mixed, precision = HAND_WRITTEN[name]
    entry = report["files"][0]
    assert entry["alone"]["f1"] >= alone and entry["mixed"]["f1"] >= mixed, entry
    assert entry["pairs"]["mixed"]["precision"] >= precision, entry
    for dev in report["files"][1:]:
        # Measured: ECB+ -0.004 beside the second set's full texts; UCI -0.008 beside the third
        # set's undated headlines (they join, and bridge, dated headline stories).
        assert dev["change"] >= -0.012, dev


def test_extraction_f1_floor(shared_data):
    from newsbrief.eval.extraction import evaluate_extraction

    report = evaluate_extraction(shared_data / "article-extraction-benchmark")
    assert report["pages"] == 181
    assert report["f1"] >= 0.95, report["text"]


def test_topics_junk_ceiling(shared_data):
    from newsbrief.eval.topics import evaluate_topics

    labels = Path(__file__).parent.parent / "newsbrief" / "data" / "topics-labelled.jsonl"
    report = evaluate_topics(labels, shared_data / "semeval2022-pairs-dev.jsonl")
    assert report["articles"] == 62
    # Measured 0.467 on the set's first run, 0.360 after topics were judged in their language,
    # 0.343 with Russian parts of speech, 0.323 (381 ok) with verb, adverb, infinitive and
    # number endings of more languages, 0.318 (384 ok) with Arabic and Turkish case forms
    # (0.316, 385 ok, with Polish present singular verbs and English capitals of style); a
    # topic the labels do not hold must be labelled before the figure means anything. The ok
    # topics must not fall as junk does.
    assert report["junk_rate"] <= 0.32 and report["unlabelled"] == 0, report["text"]
    assert report["ok"] >= 384, report["text"]


def test_topics_junk_ceiling_on_the_blind_split(shared_data):
    from newsbrief.eval.topics import evaluate_topics

    labels = Path(__file__).parent.parent / "newsbrief" / "data" / "topics-blind.jsonl"
    report = evaluate_topics(labels, shared_data / "semeval2022-pairs-dev.jsonl")
    assert report["articles"] == 15
    # Measured 0.497 on its first run, 0.446 with Russian parts of speech, 0.436 (93 ok) with
    # the endings of more languages, 0.433 (93 ok) with Polish present singular verbs.
    assert report["junk_rate"] <= 0.435 and report["unlabelled"] == 0, report["text"]
    assert report["ok"] >= 93, report["text"]


def test_topics_junk_ceiling_on_the_second_blind_split(shared_data):
    from newsbrief.eval.topics import evaluate_topics

    labels = Path(__file__).parent.parent / "newsbrief" / "data" / "topics-blind2.jsonl"
    report = evaluate_topics(labels, shared_data / "semeval2022-pairs-dev.jsonl")
    assert report["articles"] == 20
    # Measured 0.548 (84 ok) on its first run, 0.522 (89 ok) with the endings of more
    # languages, 0.516 (90 ok) with Arabic and Turkish case forms.
    assert report["junk_rate"] <= 0.52 and report["unlabelled"] == 0, report["text"]
    assert report["ok"] >= 90, report["text"]


def test_ask_floors(shared_data):
    from newsbrief.eval.ask import evaluate_ask

    report = evaluate_ask(
        [str(shared_data / "ecbplus-dev.jsonl"), str(shared_data / "uci-news-dev.jsonl")]
    )
    # Measured 0.914 before small groups assumed the cohesion of two reports of one event,
    # 0.909 after (the same questions found and declined; a story formed differently moves
    # supporting reports of one question out of its top five).
    assert report["recall_at_5"] >= 0.90, report["text"]
    assert report["declined_no_answer"] >= 0.92, report["text"]
    assert report["declined_answerable"] <= 0.05, report["text"]


def test_answer_and_decline_accuracy_floors(shared_data):
    """The hand-built answer set on the full-text dev file: answers right (the accepted answer
    in a sentence citing the right story) and unanswerable questions declined."""
    from newsbrief.eval.ask import evaluate_ask

    questions = Path(__file__).parent.parent / "newsbrief" / "data" / "ask-answers.jsonl"
    report = evaluate_ask([str(shared_data / "ecbplus-dev.jsonl")], questions)
    assert report["answers_checked"] >= 200 and report["no_answer_questions"] >= 60
    assert report["recall_at_5"] >= 0.87, report["text"]
    assert report["answer_accuracy"] >= 0.82, report["text"]
    assert report["decline_accuracy"] >= 0.93, report["text"]
    for split in ("dev", "check"):
        assert report["splits"][split]["answer_accuracy"] >= 0.75, report["text"]
        assert report["splits"][split]["decline_accuracy"] >= 0.88, report["text"]


@pytest.mark.parametrize(
    ("name", "answers", "declines"),
    [
        ("ask-blind.jsonl", 0.75, 0.72),
        # declines 0.500 before a year the question names told look-alike events apart, 0.542
        # 0.583 after a detail of the look-alike event asked with this one's names declined;
        # answers 0.651 after the question's verb ranked sentences of "where" questions;
        # 0.714 and 0.625 after the answer kinds of questions worded otherwise
        ("ask-blind2.jsonl", 0.69, 0.62),
        # first measured 0.649 and 0.548, before the answer-kind changes; 0.667 and 0.548 after,
        # 0.667 and 0.645 after the year rule, 0.667 and 0.710 after the look-alike detail rule,
        # 0.676 and 0.742 after "What was the name of" asked for a name
        ("ask-blind3.jsonl", 0.67, 0.74),
        # first measured 0.626 and 0.839; 0.626 and 0.871 after the year rule, 0.626 and 0.903
        # after the look-alike detail rule; 0.634 and 0.903 after the answer kinds of questions
        # worded otherwise
        ("ask-blind4.jsonl", 0.63, 0.90),
        # first measured 0.608 and 0.706; 0.608 and 0.853 after the look-alike detail rule,
        # 0.629 and 0.853 after the answer kinds of questions worded otherwise
        ("ask-blind5.jsonl", 0.62, 0.85),
        # first measured 0.589 (83 of 141) and 0.781 (25 of 32); 0.596 and 0.781 after the
        # answer kinds of questions worded otherwise
        ("ask-blind6.jsonl", 0.59, 0.78),
        # first measured 0.579 (33 of 57) and 0.857 (12 of 14)
        ("ask-blind7.jsonl", 0.57, 0.85),
    ],
)
def test_blind_answer_set_floors(shared_data, name, answers, declines):
    """The blind answer sets (newsbrief/data/README.md): floors a little under their figures,
    so that a change that loses answers or declines on them is seen."""
    from newsbrief.eval.ask import evaluate_ask

    questions = Path(__file__).parent.parent / "newsbrief" / "data" / name
    report = evaluate_ask([str(shared_data / "ecbplus-dev.jsonl")], questions)
    assert report["answer_accuracy"] >= answers, report["text"]
    assert report["decline_accuracy"] >= declines, report["text"]


def test_ranking_ndcg_floor(shared_data):
    from newsbrief.eval.ranking import evaluate_ranking

    report = evaluate_ranking(shared_data / "ecbplus-dev.jsonl")
    assert report["ndcg_at_10"] >= 0.88, report["text"]
    assert report["ndcg_at_10"] > report["unpersonalised"] + 0.4


def test_disagreement_precision_and_recall_floors(shared_data):
    """The hand-labelled disagreements of the ECB+ dev stories and of same-event SemEval pairs
    (newsbrief/data/README.md), overall and per split."""
    from newsbrief.eval.conflicts import evaluate_conflicts

    gold = Path(__file__).parent.parent / "newsbrief" / "data" / "conflicts-gold.jsonl"
    files = [shared_data / "ecbplus-dev.jsonl"]
    if (shared_data / "semeval2022-pairs-dev.jsonl").is_file():
        files.append(shared_data / "semeval2022-pairs-dev.jsonl")
    report = evaluate_conflicts(gold, *files)
    assert report["gold_quantities"] >= 462 and report["gold_disagreements"] >= 75, report["text"]
    if "multilingual" in report["splits"]:
        # Reports in other languages (23 consistent quantities, no disagreement): 9 wrong
        # conflicts shown at its first run, read with the English rules; none since.
        assert report["splits"]["multilingual"]["shown"] == 0, report["text"]
    if "blind7" in report["splits"]:
        # Pairs in other languages rated a little less alike (15 consistent quantities, no
        # disagreement): nothing shown at its first run, and nothing may be.
        assert report["splits"]["blind7"]["shown"] == 0, report["text"]
    assert report["precision"] >= 0.96, report["text"]
    # Over every split. The floor was 0.7 before the blind2 split (10 disagreements, none found
    # when it was first measured) joined the set, 0.62 before the blind3 split (13, none found
    # when it was first measured), 0.56 before the blind4 split (9, none found when it was
    # first measured) and 0.52 with it; the blind5 split (3, none found when it was first
    # measured) joined at 0.500, 0.541 after the round that read spaced clock times, "one of
    # 99", inventories and running counts of days; the blind6 split (1, not found when it was
    # first measured) joined at 0.533, 0.547 once times counted from another event were read
    # by the event they time and whole weeks that only meet were told apart; the blind7 split
    # (15 quantities, no disagreement) joined at 0.547, 0.573 once records tallied over a span
    # and records in brackets of past-tense sentences were read, 0.587 with a move home as a
    # moment a story counts from, 0.600 with things besides those named ("two other rifles")
    # counted against their like, 0.613 with gunfire and a shooting named as the event whose
    # time of day is given, 0.626 with counts of one model compared by the list around them,
    # 0.640 with an age in a report's first sentences read and given to the one named person
    # whose clause shares a word with it, 0.653 once who said a count (a news agency) no
    # longer stood for the word governing it.
    assert report["recall"] >= 0.653, report["text"]
    assert report["claim_precision"] >= 0.92, report["text"]
    assert report["kinds"]["update"]["kind_right"] >= 4, report["text"]
    assert report["splits"]["dev"]["recall"] >= 0.95, report["text"]
    # The even topics, looked at only for their figures while the method was developed
    assert report["splits"]["check"]["precision"] >= 0.95, report["text"]
    assert report["splits"]["check"]["recall"] >= 0.913, report["text"]
    # Written after the method; heldout 2 of 4 once a move home ("returned to her home town
    # 12 weeks ago", "moved back around six weeks ago") was compared like a wedding. blind3
    # was 0 of 13 at its first run, 5 of 13 (0.385) after the rules written from its misses
    # (records, statistics, temperatures), so it is less blind,
    # and 6 of 13 with counts of what was added. blind4 was 0 of 9 at its first run, 2 of 9
    # after "one of the 12 worst-hit villages" and an inventory of what rioters attacked were
    # read (less blind now: its misses were counted); blind2 2 of 10 after running counts of
    # days, 3 of 10 after times counted from another event (a wedding weeks before a
    # killing); blind4 4 of 9 once a coach's record "compiled" over his seasons and a boxer's
    # record in brackets of a past-tense sentence were read, 5 of 9 once "gunfire" named the
    # shooting whose time of day was given. blind5 was 0 of 3 at its first
    # run and is still, and blind6 (1 disagreement,
    # 29 quantities that must not be shown) 0 of 1 at its first run: their floors ask that
    # what they show is right.
    splits = (("heldout", 0.5), ("blind2", 0.3), ("blind3", 0.45), ("blind4", 0.555),
              ("blind5", 0.0), ("blind6", 0.0))  # fmt: skip
    for name, floor in splits:
        split = report["splits"][name]
        assert split["recall"] >= floor, report["text"]
        assert split["shown_right"] >= 0.9 * split["shown"], report["text"]
    assert report["wrongly_shown"]["rounding"] + report["wrongly_shown"]["background"] == 0


def test_sections_accuracy_floor():
    """Hand-labelled sentences (bundled, no shared data needed): all, and the held-out splits."""
    from newsbrief.eval.sections import evaluate_sections

    report = evaluate_sections()
    assert report["all"]["sentences"] == 1006 and report["check"]["sentences"] == 108
    assert report["blind"]["sentences"] == 67 and report["blind2"]["sentences"] == 84
    assert report["blind3"]["sentences"] == 90 and report["blind4"]["sentences"] == 80
    assert report["blind5"]["sentences"] == 78 and report["blind6"]["sentences"] == 80
    assert report["dev"]["accuracy"] >= 0.83, report["text"]
    # All sentences, with the third and fourth blind splits (first measured at 0.589 and 0.650):
    # the floor set on the 926 sentences before blind6, kept on them.
    before_blind6 = ("dev", "check", "blind", "blind2", "blind3", "blind4", "blind5")
    right = sum(report[s]["matrix"][g][g] for s in before_blind6 for g in report[s]["matrix"])
    assert right / sum(report[s]["sentences"] for s in before_blind6) >= 0.74, report["text"]
    assert report["all"]["accuracy"] >= 0.73, report["text"]  # with blind6, first run 0.730
    assert report["check"]["accuracy"] >= 0.66, report["text"]
    assert report["blind"]["accuracy"] >= 0.70, report["text"]
    assert report["blind2"]["accuracy"] >= 0.65, report["text"]
    assert report["blind3"]["accuracy"] >= 0.62, report["text"]  # measured 0.622
    # The fourth blind split, first measured at 0.650 (every sentence What's happening: 0.638).
    assert report["blind4"]["accuracy"] >= 0.66, report["text"]
    # The fifth blind split, first measured at 0.692 (every sentence What's happening: 0.564).
    assert report["blind5"]["accuracy"] >= 0.69, report["text"]
    # The sixth blind split, first measured at 0.600 (every sentence What's happening: 0.575).
    assert report["blind6"]["accuracy"] >= 0.60, report["text"]


def test_real_digests_and_briefings_have_no_text_failure():
    """Real digests, briefings, an explainer and a feature published by others (in the
    repository with their licences and labelling guide): none was seen while the text methods
    were built, and each layout must keep its story count, items, headings and topics."""
    from newsbrief.eval.text import evaluate_text

    folder = Path(__file__).parent / "fixtures" / "realworld-real"
    report = evaluate_text(folder)
    assert report["files"] == 8 and report["articles"] == 33, report["text"]
    assert report["failures"] == {"story_count": 0, "two_items": 0, "headings": 0,
                                  "junk_topics": 0}, report["details"]  # fmt: skip
    assert report["cited_sentences"] > 40 and report["topics"] > 40


def test_second_held_out_set_of_real_digests_has_no_text_failure():
    """A second set of real digests, briefs, logs and an explainer published by others (with
    their licences and labelling guide), of other sources and shapes than the first set:
    Wikinews shorts and audio briefs copied as plain text, a log whose entries are table rows,
    a later This Week in Rust issue. Labelled before the first run; that run, before any
    change, found 2 wrong story counts and 9 headings as titles or facts."""
    from newsbrief.eval.text import evaluate_text

    folder = Path(__file__).parent / "fixtures" / "realworld-real-heldout"
    report = evaluate_text(folder)
    assert report["files"] == 9 and report["articles"] == 17, report["text"]
    assert report["failures"] == {"story_count": 0, "two_items": 0, "headings": 0,
                                  "junk_topics": 0}, report["details"]  # fmt: skip
    assert report["cited_sentences"] > 40 and report["topics"] > 40


def test_blind_set_of_real_newsletters_keeps_its_text_figures():
    """A third set of real newsletters and briefings published by others (with their licences
    and labelling guide), of shapes neither earlier set has: newsletter entries as bold-led
    list items in German and Spanish, a ranked list copied as text, a bulletin of run-in
    labels, e-mail newsletters, a weekly development digest. Labelled and committed before the
    first run, which found 4 wrong story counts and 13 headings as titles or facts. The weekly
    digest in rubrics was the last failure, until rubrics over headed stories were read."""
    from newsbrief.eval.text import evaluate_text

    folder = Path(__file__).parent / "fixtures" / "realworld-real-blind"
    report = evaluate_text(folder)
    assert report["files"] == 8 and report["articles"] == 17, report["text"]
    assert report["failures"] == {"story_count": 0, "two_items": 0, "headings": 0,
                                  "junk_topics": 0}, report["details"]  # fmt: skip
    assert report["cited_sentences"] > 40 and report["topics"] > 40


def test_fourth_blind_set_of_real_digests_keeps_its_text_figures():
    """A fourth set (three LWKD weeks, an AI product's what's-new log, a daily AI-news
    briefing, a magazine's front page and one report), labelled and committed before its
    first run, which found 3 wrong story counts and 4 headings as titles or facts. The last
    file wrong, a week with no headed story under any rubric, is read since an empty rubric
    marks a week's standing rubrics."""
    from newsbrief.eval.text import evaluate_text

    folder = Path(__file__).parent / "fixtures" / "realworld-real-blind2"
    report = evaluate_text(folder)
    assert report["files"] == 7 and report["articles"] == 23, report["text"]
    assert report["failures"] == {"story_count": 0, "two_items": 0, "headings": 0,
                                  "junk_topics": 0}, report["details"]  # fmt: skip
    assert report["cited_sentences"] > 40 and report["topics"] > 40


def test_fifth_blind_set_of_real_digests_keeps_its_text_figures():
    """A fifth set (a community's e-mail newsletter, a German weekly digest converted from a
    wiki page, a release announcement, two announcements in German and Spanish), labelled and
    committed before its first run, which found 3 wrong story counts, one cited sentence
    holding two list items and 8 headings as titles or facts."""
    from newsbrief.eval.text import evaluate_text

    folder = Path(__file__).parent / "fixtures" / "realworld-real-blind3"
    report = evaluate_text(folder)
    assert report["files"] == 5 and report["articles"] == 17, report["text"]
    assert report["failures"] == {"story_count": 0, "two_items": 0, "headings": 0,
                                  "junk_topics": 0}, report["details"]  # fmt: skip
    assert report["cited_sentences"] > 40 and report["topics"] > 40


def test_sixth_blind_set_of_real_digests_keeps_its_text_figures():
    """A sixth set (Chinese and French newsletters, the French one a JSONL record of plain
    text, a long Japanese article of numbered sections, a Portuguese explainer), labelled and
    committed before its first run, on which the briefing stopped at the Japanese article
    (without it: 1 wrong story count, 8 headings as titles or facts, 2 junk topics)."""
    from newsbrief.eval.text import evaluate_text

    folder = Path(__file__).parent / "fixtures" / "realworld-real-blind4"
    report = evaluate_text(folder)
    assert report["files"] == 4 and report["articles"] == 8, report["text"]
    assert report["failures"] == {"story_count": 0, "two_items": 0, "headings": 0,
                                  "junk_topics": 0}, report["details"]  # fmt: skip
    assert report["cited_sentences"] > 20 and report["topics"] > 40


def test_seventh_blind_set_of_messy_text_keeps_its_text_figures():
    """A seventh set, written for the project in seven languages (Korean and English e-mail
    newsletters, Chinese and Spanish web digests, Arabic and Chinese briefings on one line,
    Korean and German explainers under question headings, tables and captions, mojibake and a
    spun copy), labelled and committed before its first run: 3 wrong story counts, 5 headings
    as titles or facts and 3 junk topics then."""
    from newsbrief.eval.text import evaluate_text

    folder = Path(__file__).parent / "fixtures" / "realworld-real-blind5"
    report = evaluate_text(folder)
    assert report["files"] == 12 and report["articles"] == 23, report["text"]
    assert report["failures"] == {"story_count": 0, "two_items": 0, "headings": 0,
                                  "junk_topics": 0}, report["details"]  # fmt: skip
    assert report["cited_sentences"] > 40 and report["topics"] > 80


def test_instruction_check_floors():
    """Hand-labelled instruction and news sentences in 14 languages (bundled): all, and the
    third held-out split, written before the check was last changed (measured once after it:
    precision 1.000, recall 0.889)."""
    from newsbrief.eval.instructions import evaluate_instructions

    report = evaluate_instructions()
    heldout = report["by_split"]["heldout3"]
    assert report["all"]["sentences"] == 607 and heldout["sentences"] == 194
    assert report["all"]["precision"] >= 0.98 and report["all"]["recall"] >= 0.95, report["text"]
    assert heldout["precision"] >= 0.95 and heldout["recall"] >= 0.85, report["text"]
    # Ordinary news, much of it about instructions, rules and models, is not flagged.
    for kind in ("plain", "mentions"):
        assert report["by_kind"][kind]["false_alarms"] <= 2, report["text"]


def test_instruction_check_flags_almost_no_real_news(shared_data):
    from newsbrief.eval.instructions import news_alarms

    for name in ("ecbplus-dev.jsonl", "semeval2022-pairs-dev.jsonl"):
        alarms = news_alarms(shared_data / name)
        assert alarms["sentences"] > 10000 and alarms["rate"] < 0.001, alarms


def test_eval_instructions_prints_figures_and_refuses_a_missing_file(tmp_path):
    from conftest import run_process

    result = run_process("eval", "instructions", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert set(report["by_split"]) == {"dev", "check", "heldout", "heldout2", "heldout3", "dev2"}
    assert report["all"]["instructions"] == 315
    missing = run_process("eval", "instructions", "--news", str(tmp_path / "nope.jsonl"))
    assert missing.returncode == 2
    assert missing.stderr.strip().splitlines() == [
        f"error: {tmp_path / 'nope.jsonl'}: no such file"
    ]
