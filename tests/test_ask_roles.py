"""The roles a question gives its people, checked against the reports (newsbrief.ask.roles)."""

from __future__ import annotations

from test_ask import NOW, _archive

from newsbrief.ask.answers import _stem, ask, main_verb
from newsbrief.ask.question import analyse
from newsbrief.ask.roles import (
    age_of_another,
    asked_roles,
    doer_and_done_to,
    reversed_roles,
    unsupported_roles,
)

FIGHT = [
    ("fight-1", "Varga stops Lind in the seventh round",
     "Tomas Varga stopped Erik Lind in the seventh round in Graz on Saturday. Varga had "
     "knocked down Lind in the sixth round with two left hooks. The 29-year-old Varga is "
     "now 30-1. Lind, 36, fell to 25-6."),
    ("fight-3", "Varga keeps his belt",
     "The 29-year-old Varga was too strong for Erik Lind when he stopped him in Graz."),
    ("fight-2", "Varga too strong for Lind in Graz",
     "The 29-year-old Varga knocked Lind down in the sixth and the referee stopped the fight "
     "early in the seventh round. Lind, who knocked out Pavel Horak in 2009, had stepped in "
     "as a late replacement."),
]  # fmt: skip

MURDER = [
    ("murder-1", "Man charged with killing his mother and sister in Tilby",
     "Owen Marsh, 23, was charged with the murder of his 58-year-old mother, Ada Marsh, and "
     "his sister, Ruth Marsh, 20, in Tilby on Saturday. A neighbour said his girlfriend had left "
     "him last year."),
    ("murder-2", "Tilby double murder: son charged",
     "Owen Marsh, 23, of Tilby, was charged with killing his mother and his sister, police "
     "said. Ada Marsh, 58, and Ruth Marsh, 20, were found dead in the house on Saturday."),
    ("other-1", "Dunmore man held after ex-girlfriend stabbed",
     "Ian Pell, 35, was arrested after his ex-girlfriend, 41-year-old Jo Reed, was found "
     "stabbed in Dunmore. Pell's ex-girlfriend had moved out in May, police said."),
]  # fmt: skip


def test_a_story_that_reverses_doer_and_done_to_declines(tmp_path):
    """ "In which round did Lind knock out Varga?" of a story where Varga knocked Lind down:
    answering the round would confirm what did not happen. The true question is answered, and
    Lind's own knockout of another fighter says nothing of who knocked out whom here."""
    with _archive(tmp_path / "s.db", FIGHT) as s:
        right = ask(s, "In which round did Tomas Varga knock down Erik Lind?", now=NOW)
        assert right.found and "sixth" in " ".join(x.text for x in right.answer)
        turned = ask(s, "In which round did Erik Lind knock down Tomas Varga?", now=NOW)
        assert not turned.found and turned.answer == []


def test_an_age_written_on_another_named_person_is_not_the_asked_ones(tmp_path):
    with _archive(tmp_path / "s.db", FIGHT) as s:
        answer = ask(s, "How old was Erik Lind when Varga stopped him?", now=NOW)
        assert answer.found
        assert answer.answer and "36" in answer.answer[0].text
        assert not any("29-year-old" in x.text for x in answer.answer)


def test_a_role_no_report_speaks_of_is_a_premise_the_story_does_not_support(tmp_path):
    """Owen Marsh killed his mother and sister: "his ex-girlfriend" is no one in the story
    (a girlfriend who left him is not an ex-girlfriend he killed), while "his sister" is."""
    with _archive(tmp_path / "s.db", MURDER) as s:
        sister = ask(s, "How old was Owen Marsh's sister?", now=NOW)
        assert sister.found and "20" in " ".join(x.text for x in sister.answer)
        ex = ask(s, "How old was Owen Marsh's ex-girlfriend?", now=NOW)
        assert not ex.found and ex.answer == []


def test_roles_are_read_from_the_question_with_the_words_reports_use():
    question = analyse("How old was John Jenkin's ex-girlfriend?")
    assert question.kind == "how old" and question.focus == ("ex-girlfriend",)
    assert asked_roles(question) == [(frozenset({"girlfriend", "partner"}), frozenset({"ex"}))]
    held = {_stem(w) for w in "ex girlfriend jenkin".split()}
    assert unsupported_roles(question, held, _stem) == []
    assert unsupported_roles(question, {_stem("girlfriend")}, _stem)  # not an ex-girlfriend
    congressman = analyse("Which congressman called the changes a recipe for disaster?")
    assert unsupported_roles(congressman, {_stem("rep"), _stem("chang")}, _stem) == []
    # general words are no premise: every story of people has a man or a victim
    assert asked_roles(analyse("How old was the man killed in the crash?")) == []


def test_doer_and_done_to_of_a_did_question():
    question = analyse("In which round did Hasim Rahman knock out Wladimir Klitschko?")
    verb = main_verb(question)
    assert verb == "knock"
    assert doer_and_done_to(question, verb) == ("rahman", "klitschko")
    assert doer_and_done_to(analyse("Where did Lindsay Lohan go to rehab?"), "go") is None
    turned = ["Klitschko had knocked down Rahman in the previous round."]
    assert reversed_roles(turned, ("rahman", "klitschko"), "knock", _stem)
    assert not reversed_roles(turned, ("klitschko", "rahman"), "knock", _stem)
    passive = ["Rahman was knocked down by Klitschko in the sixth."]
    assert reversed_roles(passive, ("rahman", "klitschko"), "knock", _stem)
    elsewhere = ["Rahman is 10-5-2 since knocking out Lennox Lewis in 2001."]
    assert not reversed_roles(elsewhere, ("klitschko", "rahman"), "knock", _stem)


def test_age_of_another_reads_the_ways_reports_write_an_age():
    others = {"klitschko"}
    from newsbrief.ask.question import answer_spans

    question = analyse("How old was Hasim Rahman when Klitschko stopped him?")
    for sentence, expected in [
        ("The 32-year-old Klitschko won his 10th bout.", True),
        ("The 36-year-old Rahman looked tired.", False),
        ("Klitschko, 32, won again.", True),
        ("Rahman, 36, fell in the sixth.", False),
        ("Klitschko was 32 at the time.", True),
    ]:
        spans = answer_spans(sentence, question)
        assert spans, sentence
        assert age_of_another(sentence, spans[0], others) is expected, sentence
