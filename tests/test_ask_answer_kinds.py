"""What kind of thing answers a question (newsbrief.ask.question answer spans)."""

from __future__ import annotations

from newsbrief.ask.answers import _distinct, _kin_words
from newsbrief.ask.question import (
    analyse,
    answer_spans,
    given_values,
    holds_answer,
    possessive,
    question_names,
    reporting_time,
    role_owner,
)
from newsbrief.ask.results import Passage


def _spans(sentence: str, question: str) -> list[str]:
    return [sentence[a:b] for a, b in answer_spans(sentence, analyse(question))]


def test_a_value_the_question_states_is_not_its_answer():
    assert {"2030", "14", "7", "3", "march14"} <= given_values(
        "What time did the vote close in Ruritania's March 14 2030 poll after a 7-3 ruling?"
    )
    question = "When did the polls close in Ruritania's March 14 election?"
    sentence = "Polls in the March 14 election closed at 7 p.m. across Ruritania."
    assert _spans(sentence, question) == ["7 p.m"]
    # a figure the question gives ("in their 24-17 loss") is not the one asked for
    question = "How many yards did the Otters gain in their 24-17 loss?"
    sentence = "The Otters gained 412 yards in the 24-17 loss, with 17 first downs."
    assert "412" in _spans(sentence, question)
    assert not any(span.startswith(("24", "17")) for span in _spans(sentence, question))


def test_the_day_a_report_was_made_is_not_when_the_event_happens():
    sentence = "The vote will be held on May 3, the agency reported April 2, citing officials."
    at = sentence.index("April 2")
    assert reporting_time(sentence, (at, at + len("April 2")))
    at = sentence.index("May 3")
    assert not reporting_time(sentence, (at, at + len("May 3")))
    assert _spans(sentence, "When will Ruritania hold its vote?") == ["May 3"]
    # asked when something was announced, the day of the telling answers
    sentence = "The council announced Friday that the bridge would close."
    assert _spans(sentence, "When did the council announce the bridge closure?") == ["Friday"]


def test_a_role_held_for_someone_else_is_no_answer():
    assert role_owner("Who is the lawyer for the guards who beat Sam Doe?", {"lawyer"}) == {"guard"}
    question = "Who is the lawyer for the guards who beat Sam Doe?"
    other = "Ann Pike, a lawyer for the Doe family, said the guards lied."
    assert _spans(other, question) == []
    right = "Tom Reyes, a lawyer for the guards, said they acted in self-defence."
    assert _spans(right, question) == ["Tom Reyes"]
    # no owner in the question: any lawyer named as one still answers
    assert _spans(other, "Who is the lawyer in the Sam Doe case?") == ["Ann Pike"]


def test_whose_asks_for_a_name_written_as_an_owner():
    sentence = "Ivo Dane broke Carl Moss's 40-year-old mark as the Hawks beat the Owls."
    at = sentence.index("Carl Moss")
    assert possessive(sentence, (at, at + len("Carl Moss")))
    assert possessive("He broke Moss ’ s record.", (9, 13))  # as some reports space it
    found = _spans(sentence, "Whose Hawks scoring record did Ivo Dane break?")
    assert len(found) == 1 and found[0].startswith("Carl Moss's")
    # the question's own name written as an owner is given, not the answer
    sentence = "Ivo Dane broke the Hawks' scoring record against the Owls."
    assert _spans(sentence, "Whose Hawks scoring record did Ivo Dane break?") == []


def test_a_measure_is_answered_in_its_own_units():
    question = "How far did the hiker fall?"
    sentence = "The hiker, 42, fell about 600 feet (180 metres) into a gully on 3 May."
    found = _spans(sentence, question)
    assert found[0] == "600 feet" and not any("42" in f or "3 M" in f for f in found)
    assert _spans("He fell over half a kilometre from the ridge.", question) == ["half a kilometre"]
    assert _spans("The hiker, 42, lost $300 when she fell on Sunday.", question) == []
    assert _spans("The chase reached 120 mph on Route 9.", "How fast was the chase?")
    assert not _spans("The chase began 30 miles north.", "How fast was the chase?")
    # "how far into" a round or a game asks for a time
    sentence = "The referee stopped it 44 seconds into the seventh round."
    assert _spans(sentence, "How far into the seventh round was the fight stopped?") == [
        "44 seconds"
    ]
    # "how high" asks for a toll or an offer as often as a height: any amount answers
    assert _spans("The offer went as high as $180 million.", "How high did the offer go?")


def test_a_day_written_as_an_owner_is_not_a_name():
    assert question_names("How many were held at Saturday's march in Tilby?") == ["tilby"]
    assert question_names("Who won Monday’s vote in Tilby?") == ["tilby"]


def _passage(article: str, text: str) -> Passage:
    return Passage(article, text, 0, 0.5, "", None, None, None, "story")


def test_an_answer_does_not_show_one_wire_sentence_twice():
    ranked = [
        _passage("a1", "Ivo Dane scored 20 on Friday to break the Hawks' scoring record."),
        _passage("a2", "Ivo Dane scored 20 points to break the Hawks' scoring record."),
        _passage("a3", "Dane broke Carl Moss's 40-year-old mark in the first half."),
    ]
    shown = [p.article_id for p in _distinct(ranked, 2)]
    assert shown == ["a1", "a3"]
    # two sentences that share a subject but say different things both show
    ranked[1] = _passage("a2", "Ivo Dane had missed the Hawks' first game with a sprained ankle.")
    assert [p.article_id for p in _distinct(ranked, 2)] == ["a1", "a2"]


def test_a_place_and_its_people_are_one_name():
    assert _kin_words("ruritan", "ruritanian") and _kin_words("tarkistan", "tark")
    assert _kin_words("oslo", "osloan")
    # a longer word is not a form of the name just because it starts with it
    assert not _kin_words("ford", "fordham") and not _kin_words("cook", "cooking")
    assert not _kin_words("ran", "ranian")  # too short to tell


def test_the_name_of_a_thing_is_answered_by_a_name():
    # "What was the name of the dog?": a sentence naming it answers, one that only speaks of
    # the dog does not
    question = analyse("What was the name of the Marlow family's dog?")
    assert holds_answer("The family's collie, named Skipper, was found in the garden.", question)
    assert not holds_answer("Police found the Marlow family's dog dead in the garden.", question)
    # other "what" questions are answered in words, as before
    question = analyse("What did the Marlow family's dog eat?")
    assert holds_answer("Police said the dog had eaten rat poison.", question)
