"""A sentence answers for the event the question names when it, the sentences before it or the
headline give those names; or when it gives one of them and the one it lacks is where the
event took place, which its report repeats (newsbrief.ask.answers._names_the_event)."""

from __future__ import annotations

from newsbrief.ask.answers import _is_setting, _names_the_event
from newsbrief.ask.results import Passage


def _passage(context: set[str], repeated: set[str] | None = None) -> Passage:
    return Passage(
        article_id="a1",
        text="The Indian navy captured 23 pirates in the Gulf of Aden.",
        position=5,
        coverage=0.8,
        title="Navy foils pirate attack on the MV Gibe",
        source=None,
        url=None,
        published=None,
        story_id="s1",
        context=frozenset(context),
        repeated=frozenset(repeated or ()),
    )


INDIAN, GIBE = {"indian"}, {"gibe"}


def test_where_the_event_took_place_is_a_setting():
    question = "How many pirates did the Indian navy capture in the attack on the MV Gibe?"
    assert _is_setting("mv gibe", question)
    assert not _is_setting("indian", question)
    assert _is_setting("atlanta", "Which judge did Brian Nichols shoot in the Atlanta courtroom?")
    assert not _is_setting("chiefs", "How many yards did he have in the win over the Chiefs?")


def test_every_name_said_around_the_sentence():
    assert _names_the_event(_passage({"indian", "gibe"}), [INDIAN, GIBE])


def test_a_setting_the_report_repeats_need_not_be_said_again():
    # the report speaks of the Gibe in several sentences, not in this one
    assert _names_the_event(_passage({"indian"}, {"indian", "gibe"}), [INDIAN, GIBE], [GIBE])


def test_a_name_that_is_no_setting_or_is_given_once_must_be_said():
    # a person or team the question names, or a place the report gives once (another event's
    # host, the other team): the sentence must say it itself
    assert not _names_the_event(_passage({"indian"}, {"indian", "gibe"}), [INDIAN, GIBE])
    assert not _names_the_event(_passage({"indian"}, {"indian"}), [INDIAN, GIBE], [GIBE])


def test_some_name_must_be_said():
    assert not _names_the_event(_passage(set(), {"indian", "gibe"}), [INDIAN, GIBE], [GIBE])
