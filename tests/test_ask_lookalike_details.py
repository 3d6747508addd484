"""A question that pairs the names of one event with a detail of its look-alike is declined
(newsbrief.ask.answers._detail_elsewhere)."""

from __future__ import annotations

from datetime import timedelta

from test_ask import NOW, _dated

from newsbrief.ask.answers import _acts, ask
from newsbrief.store import Store
from newsbrief.stories.pipeline import process

# Two hit-and-runs of one kind: only the Queens one's driver was taken to a precinct, only the
# Bloomington one's victim was dragged ten feet.
CRASHES = [
    ("queens-1", "Queens woman killed by hit-and-run driver",
     "A grandmother was struck and killed by a hit-and-run driver in Queens on Friday night. "
     "Vishal Ramdin, 23, of Schenectady, was caught a few blocks away. Ramdin was taken to the "
     "112th Precinct, where officers said he was drunk."),
    ("queens-2", "Driver charged in Queens hit-and-run death",
     "Vishal Ramdin, 23, was charged with manslaughter after a woman was struck and killed in "
     "Queens. Police took Ramdin to the 112th Precinct stationhouse after the crash."),
    ("bloom-1", "Bloomington hit-and-run driver charged with murder",
     "Anthony Lasko, 36, was charged with murder after a woman was struck and killed in a "
     "hit-and-run outside a store in Bloomington. Lasko hit her and dragged her 10 feet before "
     "he drove off, a witness said."),
    ("bloom-2", "Man held in Bloomington hit-and-run death",
     "Police in Bloomington arrested Anthony Lasko, 36, after the hit-and-run that killed a "
     "woman outside a store. Lasko was tased by officers and taken to the county jail."),
]  # fmt: skip

# Enough other news that a precinct or a drag of ten feet is a detail few reports speak of.
TOWNS = "Alton Barford Carlow Denby Elford Farley Garton Hale Ingham Jarrow Kelby Lorton".split()
TOPICS = "budget|bus fares|school meals|library hours|harbour dredging|park benches".split("|")


def _archive(path):
    store = Store(path)
    for n, (aid, title, text) in enumerate(CRASHES):
        store.add_article(_dated(aid, title, text, NOW - timedelta(days=2, hours=n)))
    n = 0
    for town in TOWNS:
        for topic in TOPICS[:3]:
            n += 1
            store.add_article(_dated(
                f"bg{n}", f"{town} council debates {topic}",
                f"The {town} council discussed the {topic} on Tuesday, officials said. A vote "
                f"on the {topic} is due next month, the mayor of {town} said.",
                NOW - timedelta(days=3, hours=n),
            ))  # fmt: skip
    process(store, embedder=False)
    return store


def test_a_detail_of_the_look_alike_event_asked_with_this_ones_names_is_declined(tmp_path):
    with _archive(tmp_path / "s.db") as s:
        asked = ask(s, "To which precinct was the Queens hit-and-run driver taken?", now=NOW)
        assert asked.found and "112th Precinct" in " ".join(x.text for x in asked.answer)
        # Bloomington's driver was taken to a jail; the precinct is the Queens event's detail
        mixed = ask(s, "Which precinct was the Bloomington hit-and-run driver taken to?", now=NOW)
        assert not mixed.found and mixed.answer == []
        assert "precinct" in mixed.note and "another event" in mixed.note
        # Asked as a place ("To which precinct"), the reports that say where are the Queens
        # ones, which do not name Bloomington: declined as well
        mixed = ask(s, "To which precinct was the Bloomington hit-and-run driver taken?", now=NOW)
        assert not mixed.found and mixed.answer == []


def test_the_story_that_says_the_detail_answers_it(tmp_path):
    """Details each event's own reports give are answered from them; the look-alike's other
    details do not make the archive decline."""
    with _archive(tmp_path / "s.db") as s:
        answer = ask(s, "How far was the woman dragged in the Bloomington hit-and-run?", now=NOW)
        assert answer.found and "10 feet" in " ".join(x.text for x in answer.answer)
        assert {c for x in answer.answer for c in x.cites} <= {"bloom-1", "bloom-2"}
        answer = ask(s, "How old is Vishal Ramdin, charged over the Queens hit-and-run?", now=NOW)
        assert answer.found and "23" in " ".join(x.text for x in answer.answer)


def test_what_was_done_and_the_measure_asked_are_no_details():
    """Reports say what happened in their own words ("withdrew" for "pull", "hanged himself"
    for "die"): the verb after "did" and its subject, and "old" of "how old", tell no event
    apart."""
    assert _acts("Did the Angels pull their contract offer to Mark Teixeira?") == ["pull"]
    assert "die" in _acts("How did the Palermo Mafia boss die in jail?")
    assert _acts("How old was Mark Felt when he died?") == ["old"]
    assert _acts("To which precinct was the Bloomington hit-and-run driver taken?") == []


def test_a_sentence_saying_the_questions_verb_ranks_first_for_where(tmp_path):
    """ "Where was Anthony Lasko booked?": the sentence that says he was booked at the jail,
    not the one that says where the crash he was arrested for happened."""
    items = [
        *CRASHES,
        ("bloom-3", "Bloomington driver held after crash outside store",
         "Anthony Lasko, 36, was arrested after his arrest warrant was issued, on American "
         "Boulevard in Bloomington, on Friday. He was taken to the Hennepin County jail, where "
         "he was booked."),
    ]  # fmt: skip
    store = Store(tmp_path / "s.db")
    for n, (aid, title, text) in enumerate(items):
        store.add_article(_dated(aid, title, text, NOW - timedelta(days=2, hours=n)))
    process(store, embedder=False)
    with store as s:
        answer = ask(s, "Where was Anthony Lasko booked after his arrest?", now=NOW)
        assert answer.found and "booked" in answer.answer[0].text
