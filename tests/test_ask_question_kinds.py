"""What a question asks for when it is worded otherwise than "who", "when", "how many": a
preposition before "how" or "what date", a noun phrase ended by a preposition, an age asked as
"at what age"; and the sentences that hold such answers (a month, a share, a street in another
language's word, a place named before its noun, a duration written "eight-year")."""

from __future__ import annotations

from datetime import timedelta

from test_ask import NOW, _dated

from newsbrief.ask.answers import ask
from newsbrief.ask.question import analyse, answer_spans
from newsbrief.store import Store
from newsbrief.stories.pipeline import process


def _spans(sentence: str, question: str) -> list[str]:
    return [sentence[a:b] for a, b in answer_spans(sentence, analyse(question))]


def test_a_preposition_before_how_or_what_date_keeps_the_kind():
    assert analyse("For how long did the jury deliberate over Ivo Dane's sentence?").kind == (
        "how long"
    )
    assert analyse("In how many days do the new rules take effect?").kind == "how long"
    assert analyse("To how many members were ballots mailed?").kind == "how many"
    assert analyse("By how much did the toll rise?").kind == "how much"
    assert analyse("Until what date could candidates be nominated?").kind == "when"
    assert analyse("By what time was the warehouse fire out?").focus == ("time",)
    assert analyse("At what age did Ann Pike die?").kind == "how old"
    # without the preposition nothing changes
    assert analyse("How long did the jury deliberate?").kind == "how long"


def test_a_preposition_ends_the_noun_phrase_asked_about():
    question = analyse("What was Ivo Dane's record after beating Carl Moss?")
    assert question.focus == ("record",) and question.kind == "how much"
    assert _spans("Dane improved his record to 52-3 after the win.", question.text) == ["52-3"]
    assert analyse("In which theatre will the awards be held?").kind == "where"


def test_a_month_answers_in_which_month():
    question = "In which month did Ann Pike launch her fashion line?"
    assert _spans("Pike launched a fashion line called Mantra in December.", question) == [
        "December"
    ]
    # "may" is a month only written as a name
    assert _spans("Pike said she may launch a fashion line.", question) == []


def test_a_share_is_answered_by_a_percentage():
    question = "What share of Ruritania's traffic was down after the cable cuts?"
    assert _spans("It is thought that 65% of traffic to Ruritania was down.", question) == ["65%"]
    assert _spans("Sixty-five per cent of traffic to Ruritania was down.", question)
    assert _spans("Three cables were cut near Ruritania on Friday.", question) == []
    # a percentage of another thing than the one asked about is no answer
    assert _spans("Bandwidth is up to 83% of our required capacity.", question) == []


def test_places_streets_and_durations_written_otherwise():
    # a street in French, a place named before its noun
    street = "On which street is the Casty store that was robbed?"
    found = _spans("Four men drove a car into the store on Rue de Castiglione.", street)
    assert found and found[0].startswith("Rue de Castiglione")
    hospital = "At which hospital is Ann Pike a surgeon?"
    assert _spans("Reporter and Grady hospital surgeon Ann Pike was named.", hospital) == ["Grady"]
    # a duration written as one word, and a value written by its verb
    years = "How many years did the Otters offer Ivo Dane?"
    assert _spans("The Otters made an eight-year offer to Ivo Dane.", years) == ["eight-year"]
    value = "What was the value of the Palmer warehouse that burned?"
    assert _spans("The warehouse, valued at about $380,600, was a total loss.", value)


NEWS = [
    ("cable-1", "Cable cuts disrupt Ruritania's internet",
     "Three undersea cables were cut in the Mediterranean on Friday, disrupting internet "
     "traffic between Europe and Asia. It is thought that 65% of Ruritania's traffic was down, "
     "while services to six other countries were also severely affected."),
    ("cable-2", "Ruritania internet slowed by cable cuts",
     "Internet traffic to Ruritania was badly disrupted after three undersea cables were cut in "
     "the Mediterranean, the operator said. A repair ship will arrive on Monday."),
    ("fashion-1", "Ann Pike launches fashion line",
     "Actress Ann Pike launched a new fashion line called Mantra in December, her publicist "
     "said. The line of dresses is sold in Pike's boutique in Malibu."),
    ("fashion-2", "Ann Pike's fashion line on sale",
     "Ann Pike, 33, said her fashion line Mantra sold out in a week. The actress launched the "
     "fashion line with a party at her Malibu boutique."),
]  # fmt: skip


def test_share_and_month_questions_are_answered_from_the_store(tmp_path):
    with Store(tmp_path / "s.db") as s:
        for n, (aid, title, text) in enumerate(NEWS):
            s.add_article(_dated(aid, title, text, NOW - timedelta(days=1, hours=n)))
        for n, town in enumerate("Alton Barford Carlow Denby Elford Farley Garton Hale".split()):
            s.add_article(_dated(
                f"bg{n}", f"{town} council debates bus fares",
                f"The {town} council discussed bus fares on Tuesday, officials said. A vote on "
                f"the fares is due next month, the mayor of {town} said.",
                NOW - timedelta(days=3, hours=n),
            ))  # fmt: skip
        process(s, embedder=False)
        asked = ask(s, "What share of Ruritania's traffic was down after the cable cuts?", now=NOW)
        assert asked.found and "65%" in " ".join(x.text for x in asked.answer)
        assert all(x.cites for x in asked.answer)
        asked = ask(s, "In which month did Ann Pike launch her fashion line?", now=NOW)
        assert asked.found and "in December" in " ".join(x.text for x in asked.answer)
