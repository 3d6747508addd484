"""Sources that disagree: the same quantity with different values, and nothing else."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsbrief.conflicts import find_conflicts
from newsbrief.models import Article
from newsbrief.text.numbers import figures


def report(article_id: str, outlet: str, text: str, hour: int = 8, title: str = "") -> Article:
    when = datetime(2024, 5, 1, hour, tzinfo=UTC)
    return Article(id=article_id, title=title, text=text, source=outlet, published=when)


def conflicts_of(*articles: Article, reports: dict[str, str] | None = None):
    return find_conflicts(list(articles), reports or {a.id: a.id for a in articles})


def test_acquisition_price_reported_differently():
    [conflict] = conflicts_of(
        report("a", "reuters.com", "Acme agreed to buy Beta for $2.1 billion, the companies said."),
        report("b", "ft.com", "The deal, valued at $2.4 billion, is the largest this year.", 9),
    )
    assert conflict.about == "value of the deal"
    assert [c.value for c in conflict.claims] == ["$2.1 billion", "$2.4 billion"]
    assert [c.outlets for c in conflict.claims] == [["reuters.com"], ["ft.com"]]
    assert [c.sources for c in conflict.claims] == [["a"], ["b"]]
    assert conflict.claims[0].published < conflict.claims[1].published
    assert "Acme agreed to buy Beta" in conflict.claims[0].text


def test_a_later_report_updating_a_death_toll_is_said_to_update_it():
    [conflict] = conflicts_of(
        report("a", "apnews.com", "The earthquake killed 12 people in the mountain villages.", 8),
        report("b", "bbc.co.uk", "The death toll rose to 15 on Tuesday, officials said.", 14),
    )
    assert conflict.about == "death toll"
    assert conflict.kind == "update"
    assert [c.value for c in conflict.claims] == ["15", "12"]  # a timeline, latest first
    assert conflict.note.startswith("updated: bbc.co.uk reported 15")
    assert "after earlier reports of 12" in conflict.note


def test_a_share_against_a_vague_majority():
    [conflict] = conflicts_of(
        report("a", "x.com", "About 30% of voters backed the plan in the referendum."),
        report("b", "y.com", "A majority of voters backed the plan in the referendum.", 9),
    )
    assert conflict.about == "share of voters"
    assert {c.value for c in conflict.claims} == {"About 30%", "A majority"}


def test_counts_of_the_same_thing_from_headlines_and_text():
    [conflict] = conflicts_of(
        report("a", "x.com", "", title="Indian navy captures 23 pirates in the Gulf of Aden"),
        report("b", "y.com", "The Indian navy captured 26 Somali pirates on Friday.", 9),
    )
    assert conflict.about in ("number arrested", "number of pirates")
    assert {c.value for c in conflict.claims} == {"23", "26"}


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # Different quantities: deaths and injuries, a price and a revenue.
        ("The blast killed 12 people on Monday.", "Officials said 15 people were injured."),
        ("Acme will pay $2.1 billion for Beta.", "Beta had revenue of $400 million last year."),
        # Different currencies are never compared.
        ("Thieves stole jewels worth $2.6 million.", "Thieves stole jewels worth €2 million."),
        # Different subjects.
        ("Google will pay $2.1 billion for Fitbit.", "Google paid $3.2 billion for Nest in 2014."),
        # Numbers that are not quantities: names, scores, times, dates, ages, years.
        ("The 76ers fired coach Maurice Cheeks after a 9-14 start.",
         "The Sixers fired their coach after a 10-15 start."),
        ("The fire broke out at 9 p.m. on March 3.", "The fire broke out at 10 p.m. on March 4."),
        ("Reid, 33, checked into rehab in 2008.", "Reid, 34, checked into rehab in 2009."),
        ("Users of Windows 7 and IE 8 were hit.", "Users of Windows 8 and IE 9 were hit."),
        # Rounding and qualifiers that allow both values.
        ("Acme agreed to buy Beta for $2.1 billion.", "Acme agreed to buy Beta for $2.14 billion."),
        ("The quake killed at least 12 people.", "The quake killed 15 people, officials said."),
        ("About 300 homes were destroyed by the storm.", "The storm destroyed 310 homes."),
        # Different things counted, even in the same kind of sentence.
        ("Police seized 14 rifles in the raid.", "Police seized 31 magazines in the raid."),
        # A subset is not a total; an increment is not a total.
        ("The fire killed two women and a man.", "The fire killed three people."),
        ("Another 20 people were arrested on Friday.", "Police arrested 46 people on Thursday."),
        # A magnitude is a measurement, not a count; a tremor far weaker is another tremor.
        ("A 6.1 quake hit the island.", "A 4.3 quake hit the island the next day."),
        # A total over several nights is not one night's count; earlier arrests are history.
        ("Police arrested 46 people on Wednesday night.",
         "Over 50 arrests have been made over four nights of protest."),
        ("Police said 46 people were arrested.", "Gray had four prior arrests, police said."),
        # The calibres of two different weapons.
        ("He had a .32-caliber revolver.", "The girl was killed by a .45-caliber handgun."),
        # What could be is not a report of what is.
        ("A magnitude-6.0 quake can cause severe damage.", "A magnitude-5.7 quake struck Qeshm."),
        ("The deal could be worth up to $180 million.", "Acme paid $200 million for the deal."),
        # A month named without a day is an earlier event.
        ("The quake killed 10 people on Sunday.",
         "In February, a quake hit Zarand, killing 612 people."),
        # Figures of another year are of another event.
        ("The quake killed 12 people.", "A quake killed more than 26,000 people in Bam in 2003."),
    ],
)  # fmt: skip
def test_different_figures_about_different_things_are_not_flagged(first, second):
    assert conflicts_of(report("a", "x.com", first), report("b", "y.com", second, 9)) == []


def test_copies_of_one_report_do_not_disagree_with_each_other():
    a = report("a", "x.com", "The earthquake killed 12 people.")
    b = report("b", "y.com", "The earthquake killed 15 people.", 9)
    assert conflicts_of(a, b, reports={"a": "a", "b": "a"}) == []
    assert len(conflicts_of(a, b)) == 1


def test_figures_know_what_they_count():
    [killed, injured] = figures("The earthquake killed at least 12 people and injured 30.")
    assert (killed.kind, killed.role, killed.low, killed.high) == (
        "count",
        "deaths",
        12,
        float("inf"),
    )
    assert (injured.role, injured.low) == ("injuries", 30)
    [price] = figures("Acme agreed to buy Beta for $2.1 billion.")
    assert (price.kind, price.currency, price.role) == ("money", "USD", "deal")
    assert price.low == pytest.approx(2.05e9) and price.high == pytest.approx(2.15e9)
    [rifles, magazines, rounds] = figures(
        "Police seized 14 AK-47 rifles, seven magazines and 923 rounds."
    )
    assert [rifles.unit, magazines.unit, rounds.unit] == ["ak47", "magazine", "round"]
    # One model, however it is written
    assert [f.unit for f in figures("The pirates had seven AK-47s.")] == ["ak47"]
    assert [f.unit for f in figures("Marines seized 12 AK 47 guns.")] == ["ak47"]
    assert [f.low for f in figures("They offered between $140 million and $150 million.")] == [
        pytest.approx(139.5e6)
    ]
    assert figures("The Philadelphia 76ers lost 9-14 at 8 p.m. on May 2, 2008.") == []


def test_a_story_of_a_thousand_figure_bearing_reports_is_grouped_in_linear_work(monkeypatch):
    """Every report disagrees with most others; claims are grouped by what they measure, so
    the comparisons grow with the number of claims, not with the number of pairs."""
    import newsbrief.conflicts as conflicts

    calls = {"same_quantity": 0, "disagree": 0}

    def counting(name):
        real = getattr(conflicts, name)

        def counted(a, b):
            calls[name] += 1
            return real(a, b)

        return counted

    for name in calls:
        monkeypatch.setattr(conflicts, name, counting(name))
    towns = ["Ardmore", "Bexley", "Carlow", "Dunmore", "Elgin", "Fenwick", "Galway", "Hollis"]
    articles = [
        report(
            f"r{i}",
            f"outlet{i}.example",
            f"The storm near {towns[i % 8]} killed {10 + i % 90} people on Monday. "
            f"Crews in {towns[(i + 3) % 8]} rescued {100 + i % 300} residents from rooftops.",
            hour=i % 24,
        )
        for i in range(1000)
    ]
    found = find_conflicts(articles, {a.id: a.id for a in articles}, limit=10)
    # Pairs of claims would be about 500,000 per quantity.
    assert calls["same_quantity"] < 20 * 2 * len(articles)
    assert calls["disagree"] < 20 * 2 * len(articles)
    tolls = [c for c in found if c.about == "death toll"]
    assert len(tolls) == 1
    assert len(tolls[0].claims) == 90  # one line per value, 10 to 99, each with its sources
    assert sum(len(c.sources) for c in tolls[0].claims) == 1000


def test_the_issues_plain_cases_are_flagged():
    """A takeover reported three ways, and a toll of "Twenty" against "17"."""
    articles = [
        report("a", "reuters.com", "Acme agreed to buy Widget Corp for $2.1 billion on Monday. "
               "Acme will pay $42 a share, a premium of 30% to the closing price.", 8),
        report("b", "ft.com", "Acme will pay $2.4 billion for Widget Corp. Shareholders get "
               "$45 a share in cash, a 35% premium.", 9),
        report("c", "bloomberg.com", "Acme is buying Widget Corp for $2.1 billion, the companies "
               "said.", 10),
        report("d", "apnews.com", "Twenty people died when the bus crashed, police said.", 11),
        report("e", "bbc.co.uk", "The bus crash killed 17 people, officials said.", 12),
    ]  # fmt: skip
    found = find_conflicts(articles, {a.id: a.id for a in articles}, limit=10)
    by_about = {c.about: c for c in found}
    assert set(by_about) == {"value of the deal", "price per share", "premium", "death toll"}
    deal = by_about["value of the deal"]
    assert deal.kind == "contradiction"
    assert [c.value for c in deal.claims] == ["$2.1 billion", "$2.4 billion"]  # best supported
    assert [c.sources for c in deal.claims] == [["a", "c"], ["b"]]
    assert [c.value for c in by_about["price per share"].claims] == ["$42", "$45"]
    assert [c.value for c in by_about["premium"].claims] == ["30%", "35%"]
    assert {c.value for c in by_about["death toll"].claims} == {"Twenty", "17"}


@pytest.mark.parametrize(
    "written",
    ["$2.4bn", "$ 2.4 billion", "US$2,400 million", "2.4 billion dollars", "USD 2.4 billion"],
)
def test_every_way_of_writing_a_price_is_the_same_price(written):
    same = conflicts_of(
        report("a", "x.com", "Acme agreed to buy Widget Corp for $2.4 billion."),
        report("b", "y.com", f"Acme will pay {written} for Widget Corp.", 9),
    )
    assert same == []
    differs = conflicts_of(
        report("a", "x.com", "Acme agreed to buy Widget Corp for $2.1 billion."),
        report("b", "y.com", f"Acme will pay {written} for Widget Corp.", 9),
    )
    assert len(differs) == 1 and differs[0].about == "value of the deal"


def test_figures_written_in_words_and_in_german():
    [two] = figures("Acme will pay two billion dollars for Widget Corp.")
    assert (two.currency, two.low, two.high) == ("USD", 1.5e9, 2.5e9)
    [mrd] = figures("Acme zahlt 2,4 Mrd. Euro für Widget.")
    assert (mrd.currency, mrd.low, mrd.high) == (
        "EUR",
        pytest.approx(2.35e9),
        pytest.approx(2.45e9),
    )
    [twenty] = figures("Twenty people were killed in the blast.")
    assert (twenty.low, twenty.role) == (20, "deaths")
    [split] = figures("Police said as many as 20, 000 people marched.")
    assert split.high == 20000
    assert figures("He is 5-foot-8, weighing 130 pounds.") == []  # a weight, not money
    [games] = figures("Phillips had missed three games earlier this season.")
    assert games.unit_word == "games"  # not "earlier"


def test_magnitudes_of_one_quake_disagree_and_rounding_does_not():
    [quake] = conflicts_of(
        report("a", "x.com", "A magnitude-5.9 earthquake struck the island on Sunday."),
        report("b", "y.com", "The 6.1-magnitude quake struck Qeshm island on Sunday.", 9),
    )
    assert quake.about == "magnitude of the earthquake"
    assert (
        conflicts_of(
            report("a", "x.com", "The film pulled in $140 million worth of business."),
            report("b", "y.com", "To date the film has grossed over $142 million.", 9),
        )
        == []
    )  # a loose figure against a precise one


def test_a_conversion_and_the_setting_are_not_claims():
    assert (
        conflicts_of(
            report("a", "x.com", "Robbers stole jewels worth 85 million euros ($108 million)."),
            report("b", "y.com", "Robbers stole jewels worth 85 million euros ($137 million).", 9),
        )
        == []
    )
    assert (
        conflicts_of(
            report("a", "x.com", "The quake struck Qeshm island, home to 120,000 people."),
            report("b", "y.com", "The quake struck Qeshm island, home to 200,000 people.", 9),
        )
        == []
    )


def test_auxiliary_verbs_do_not_hide_the_role_of_a_count():
    [injured] = conflicts_of(
        report("a", "x.com", "Police said 12 people were injured in the riots."),
        report("b", "y.com", "Police said 18 people had been injured in the violence.", 9),
    )
    assert injured.about == "number injured"
    assert injured.kind == "update" and [c.value for c in injured.claims] == ["18", "12"]


def test_times_hit_and_calibre_of_one_weapon_are_quantities():
    found = conflicts_of(
        report("a", "x.com", "Gray, 16, was shot eleven times by police. He pointed a .357 "
               "caliber revolver at them."),
        report("b", "y.com", "The autopsy found that Gray was shot seven times. A .38-caliber "
               "revolver was recovered at the scene.", 9),
    )  # fmt: skip
    by_about = {c.about: c for c in found}
    assert {c.value for c in by_about["times hit"].claims} == {"eleven", "seven"}
    assert {c.value for c in by_about["caliber of the weapon"].claims} == {".357", ".38"}


def test_counts_of_one_model_worded_differently_disagree():
    [guns] = conflicts_of(
        report("a", "x.com", "The navy said the pirates were carrying seven AK-47s when seized."),
        report("b", "y.com", "Marines seized 12 AK 47 guns from the pirates, the navy said.", 9),
    )
    assert {c.value for c in guns.claims} == {"seven", "12"}


def test_ages_of_one_person_disagree_and_ages_of_others_do_not():
    [age] = conflicts_of(
        report("a", "x.com", "On Saturday, 32-year-old Englishman Robert Buckley fell to his "
               "death."),
        report("b", "y.com", "A climber, 31-year-old Robert Buckley, slipped on the ice.", 9),
        report("c", "z.com", "Duncan Rait, 36, died a day earlier in the same park.", 10),
    )  # fmt: skip
    assert age.about == "age of Buckley"
    assert {c.value for c in age.claims} == {"32", "31"}


def test_an_age_at_the_trial_is_not_the_age_at_the_arrest():
    assert (
        conflicts_of(
            report("a", "x.com", "Police arrested Jose Orozco, 27, near the scene."),
            report("b", "y.com", "A jury found Jose Orozco, 29, guilty of murder at his trial.", 9),
        )
        == []
    )


def test_distances_in_any_unit_and_of_each_person():
    found = conflicts_of(
        report("a", "x.com", "Duncan Rait, 36, died after falling about 150 metres from a "
               "ridge. Robert Buckley, 32, fell about 600 metres (2,000 feet) on Saturday."),
        report("b", "y.com", "The 36-year-old slipped and fell about 200ft from a ridge. "
               "Robert Buckley, 32, fell 2,000ft while climbing.", 9),
        report("c", "z.com", "Robert Buckley, 32, slipped and fell 700 metres to his death.", 10),
    )  # fmt: skip
    values = sorted(sorted(c.value for c in conflict.claims) for conflict in found)
    assert values == [
        ["2,000ft", "700 metres", "about 600 metres"],
        ["about 150 metres", "about 200ft"],
    ]


def test_a_distance_converted_and_rounded_is_the_same_distance():
    assert (
        conflicts_of(
            report("a", "x.com", "Police chased him for 30 miles before he pulled over."),
            report("b", "y.com", "Police chased him for 48km before he pulled over.", 9),
            report("c", "z.com", "The quake struck 35 miles southwest of Bandar Abbas.", 10),
            report("d", "w.com", "The quake struck 60km southwest of Bandar Abbas.", 11),
        )
        == []
    )


def test_durations_and_weights():
    found = conflicts_of(
        report("a", "x.com", "The jury deliberated for 40 hours over four days. The suspect "
               "is 5-foot-8 and weighs 130 pounds."),
        report("b", "y.com", "The jury was unable to decide after 30 hours of deliberation. "
               "The suspect is 5-foot-8, 135 pounds, with tattoos.", 9),
        report("c", "z.com", "Greece was calm after eight days of riots.", 10),
        report("d", "w.com", "The killing sparked five days of riots.", 11),
    )  # fmt: skip
    # Days of riots counted up to each report's day are a running count, which cannot fall
    # from one report to a later one: here a contradiction
    assert sorted(c.about for c in found) == ["duration", "how long so far", "weight"]
    assert [c.kind for c in found if c.about == "how long so far"] == ["contradiction"]
    [duration] = [c for c in found if c.about == "duration"]
    assert {c.value for c in duration.claims} == {"40 hours", "30 hours"}


def test_clock_times_of_one_event_and_game_clocks():
    found = conflicts_of(
        report("a", "x.com", "The earthquake struck the island at 14:20 local time on Sunday, "
               "the seismological centre said."),
        report("b", "y.com", "The earthquake struck the island at 2:35 p.m. local time on "
               "Sunday, the report says.", 9),
        report("c", "z.com", "He set the mark with a jumper with 7:41 left in the first half.", 10),
        report("d", "w.com", "He moved into the top spot with a leaner with 7:42 left in the "
               "first half.", 11),
        report("e", "v.com", "Rescuers were called about 3pm. The three men were rescued by "
               "about 10am on Sunday.", 12),
    )  # fmt: skip
    by_about = {c.about: c for c in found}
    assert set(by_about) == {"time of day", "time left on the clock"}
    assert {c.value for c in by_about["time of day"].claims} == {
        "14:20 local time",
        "2:35 p.m. local time",
    }
    assert {c.value for c in by_about["time left on the clock"].claims} == {"7:41", "7:42"}


def test_what_would_not_be_is_a_figure_and_inflections_agree():
    [shops] = conflicts_of(
        report("a", "x.com", '"In Athens, we had 565 shops suffering serious damage," he said.'),
        report("b", "y.com", "If it had, we wouldn't have 355 damaged shops in Athens.", 9),
    )
    assert {c.value for c in shops.claims} == {"565", "355"}
    assert (
        conflicts_of(
            report("a", "x.com", "In Athens, we had 565 shops suffering serious damage."),
            report("b", "y.com", "A bigger bill would have closed 355 damaged shops in Athens.", 9),
        )
        == []
    )


def test_deadlines_say_when_not_how_long():
    assert (
        conflicts_of(
            report("a", "x.com", "The new rules will take effect in about 30 days."),
            report("b", "y.com", "The law lets officials rescind the rules within 60 days.", 9),
        )
        == []
    )


def test_a_time_into_a_round_however_it_is_written():
    [when] = conflicts_of(
        report("a", "x.com", "The referee stopped the fight 44 seconds into the seventh round."),
        report("b", "y.com", "A left-right-left series led the referee to stop the fight at the "
               "2:15 mark.", 9),
    )  # fmt: skip
    assert when.about == "time into the round or period"
    assert {c.value for c in when.claims} == {"44 seconds", "2:15"}


def test_an_unnamed_age_is_the_age_of_the_person_a_report_names_with_the_same_word():
    [age] = conflicts_of(
        report("a", "x.com", "A 60-year-old woman was struck and killed by a car on Main Street."),
        report("b", "y.com", "The woman, identified as Mary Jones, 64, was struck by a car.", 9),
        report("c", "z.com", "Mary Jones, 64, died at the scene, police said.", 10),
    )
    assert age.about == "age of Jones"
    assert {c.value for c in age.claims} == {"60", "64"}


def test_unnamed_people_described_alike_are_compared_only_when_they_do_the_same_thing():
    assert (
        conflicts_of(
            report("a", "x.com", "A 45-year-old woman who saw the crash called the police."),
            report("b", "y.com", "A 60-year-old woman was struck and killed by the car.", 9),
        )
        == []
    )
    [age] = conflicts_of(
        report("a", "x.com", "A 60-year-old woman was struck and killed by the car."),
        report("b", "y.com", "Police said a 67-year-old woman was struck and killed.", 9),
    )
    assert age.about == "age of the woman"


def test_how_long_ago_counts_back_from_a_report_written_within_a_day_or_two():
    [when] = conflicts_of(
        report("a", "x.com", "The flaw was made public by researchers nine days earlier."),
        report("b", "y.com", "Researchers made the flaw public almost three weeks ago.", 9),
    )
    assert when.about == "how long ago"
    assert {c.value for c in when.claims} == {"nine days earlier", "almost three weeks ago"}
    assert (
        conflicts_of(
            report("a", "x.com", "The teenager was shot and killed by police eight days ago."),
            report(
                "b",
                "y.com",
                "Vigils were held for the teenager shot and killed by police a week ago.",
                9,
            ),
        )
        == []
    )
    later = Article(id="c", title="", source="z.com", published=datetime(2024, 5, 9, tzinfo=UTC),
                    text="Researchers made the flaw public almost three weeks ago.")  # fmt: skip
    first = report("a", "x.com", "The flaw was made public by researchers nine days ago.")
    assert conflicts_of(first, later) == []  # written eight days apart: other days


def test_a_count_governed_by_the_same_word_is_one_quantity():
    [homes] = conflicts_of(
        report("a", "x.com", "The fire destroyed 12 homes, officials said."),
        report("b", "y.com", "In all, 15 homes were destroyed in the blaze.", 9),
    )
    assert {c.value for c in homes.claims} == {"12", "15"}
    assert (
        conflicts_of(
            report("a", "x.com", "A total of 31 fire trucks responded to the blaze."),
            report(
                "b",
                "y.com",
                "The apparatus that responded to the blaze included three ladder trucks.",
                9,
            ),
        )
        == []
    )


def test_dozens_are_counted():
    [pieces] = figures("More than two dozen pieces of equipment were brought to the scene.")
    assert (pieces.low, pieces.unit_word) == (24.0, "pieces")
    [protesters] = figures("Police arrested three dozen protesters.")
    assert protesters.low == protesters.high == 36.0


def test_an_unnamed_age_is_the_age_of_the_one_named_person_said_to_do_the_same():
    [age] = conflicts_of(
        report("a", "x.com", "A 60-year-old woman was struck and killed by a hit-and-run driver."),
        report("b", "y.com", "Mary Jones, 61, was struck and killed by a hit-and-run driver.", 9),
    )
    assert {c.value for c in age.claims} == {"60", "61"}
    assert (
        conflicts_of(
            report(
                "a", "x.com", "A 60-year-old woman was struck and killed by a hit-and-run driver."
            ),
            report(
                "b",
                "y.com",
                "Mary Jones, 61, was struck and killed by a hit-and-run "
                "driver. Ann Lee, 59, was also struck and killed by a hit-and-run driver.",
                9,
            ),
            report(
                "c", "z.com", "Tia Cole, 27, was struck and killed by a hit-and-run driver.", 10
            ),
        )
        == []
    )  # two named women of about that age were killed (and one of 27 is someone else)


def test_an_unnamed_age_sharing_one_word_with_one_named_person_is_theirs():
    [age] = conflicts_of(
        report("a", "x.com", "A 60-year-old woman was charged on Friday."),
        report("b", "y.com", "Police arrested and charged Mary Jones, 61, in the morning.", 9),
    )
    assert {c.value for c in age.claims} == {"60", "61"}
    # One word shared with each of two named people of about that age: neither is known.
    assert not conflicts_of(
        report("a", "x.com", "A 60-year-old woman was charged on Friday."),
        report("b", "y.com", "Police charged Mary Jones, 61, in the morning. Police also "
                             "charged Ann Lee, 59, in the afternoon.", 9),
    )  # fmt: skip


def test_an_age_in_a_reports_first_sentences_is_read_when_it_tells_of_the_past():
    told = "A 60-year-old woman charged with killing two girls 41 years ago was released."
    other = "Mary Jones, 61, charged with killing two girls, was released from jail."
    [age] = conflicts_of(report("a", "x.com", told), report("b", "y.com", other, 9))
    assert {c.value for c in age.claims} == {"60", "61"}
    # Further into a report, such a sentence is the story's background, and so is its age.
    later = "The town was quiet. Shops opened. People talked. Police spoke. " + told
    assert not conflicts_of(report("a", "x.com", later), report("b", "y.com", other, 9))


def test_who_said_a_count_does_not_govern_it():
    # "told the news agency four villages": the agency said it, the villages were destroyed;
    # a relief agency naming the four hardest-hit villages counts something else.
    [villages] = conflicts_of(
        report("a", "x.com", "Ali Reza of the relief agency said the four hardest-hit villages "
                             "were Tonban and Gavarzin."),
        report("b", "y.com", "The governor told the news agency four villages had been "
                             "destroyed.", 9),
        report("c", "z.com", "Officials said buildings in seven villages were destroyed.", 10),
    )  # fmt: skip
    assert {c.value for c in villages.claims} == {"four", "seven"}
    assert villages.claims[0].sources + villages.claims[1].sources in (["b", "c"], ["c", "b"])


def test_what_could_be_in_another_clause_leaves_the_figure_a_claim():
    [dead] = conflicts_of(
        report("a", "x.com", "The fire killed 12 people, and officials say the toll could rise."),
        report("b", "y.com", "The fire killed 15 people at the market.", 9),
    )
    assert {c.value for c in dead.claims} == {"12", "15"}
    assert (
        conflicts_of(
            report("a", "x.com", "The fire killed 12 people at the market."),
            report("b", "y.com", "Officials fear the fire could have killed 15 people.", 9),
        )
        == []
    )


def undated(article_id: str, outlet: str, text: str) -> Article:
    return Article(id=article_id, title="", text=text, source=outlet, published=None)


def test_a_running_total_is_an_update_even_without_dates_largest_last():
    [conflict] = conflicts_of(
        undated("a", "x.com", "Turnout reached 93.87 percent in the parliamentary election."),
        undated("b", "y.com", "Turnout was 88.41 percent as of 4 p.m., the commission said."),
    )
    assert conflict.kind == "update"
    assert [c.value for c in conflict.claims] == ["93.87 percent", "88.41 percent"]  # latest first


def test_without_dates_or_a_sign_of_change_figures_contradict():
    [conflict] = conflicts_of(
        undated("a", "x.com", "Turnout was 93.87 percent in the parliamentary election."),
        undated("b", "y.com", "Turnout was 81 percent in the parliamentary election."),
    )
    assert conflict.kind == "contradiction"


def test_numbers_naming_one_of_a_series_are_not_counts():
    assert figures("The Witcher season 1 episode 7 recap") == []
    assert figures("The Witcher Season 1 Episode 8 Recap") == []
    assert [f.value for f in figures("The police arrested 7 people on Friday.")] == [7]
    assert (
        conflicts_of(
            report("a", "x.com", "", title="The Witcher season 1 episode 7 recap"),
            report("b", "y.com", "", title="The Witcher season 1 episode 8 recap", hour=9),
        )
        == []
    )


def test_one_victim_more_written_as_a_third_or_another_is_counted():
    [_, third] = figures(
        "She is accused of killing two co-workers and critically injuring a third."
    )
    assert (third.role, third.value, third.shown) == ("injuries", 1, "one (a third)")
    [_, other] = figures("Police say two people have been killed and another wounded.")
    assert (other.role, other.value) == ("injuries", 1)
    [_, others] = figures("A woman opened fire, killing two workers and wounding two others.")
    assert (others.role, others.value, others.unit) == ("injuries", 2, "")
    assert figures("Another man was also injured but not seriously.") == []
    [conflict] = conflicts_of(
        report("a", "x.com", "Police say two people have been killed and another wounded."),
        report("b", "y.com", "A woman opened fire, killing two workers and wounding two others."),
    )
    assert conflict.about == "number injured"
    assert sorted(c.value for c in conflict.claims) == ["one (another)", "two"]


def test_ages_in_a_list_are_given_to_the_people_other_reports_name():
    from newsbrief.text.measurements import ages

    listed = ages("Police found the bodies of two women -- 68 and 48-years-old -- in a flat.")
    assert [(f.value, f.unit) for f in listed] == [(68, "~list"), (48, "~list")]
    assert [f.value for f in ages("The women killed, who were 61 and 48 years old, died.")] == [
        61,
        48,
    ]
    assert ages("The final score was 68 and 48 in the game.") == []
    [conflict] = conflicts_of(
        report("a", "x.com", "Gary Gomes, 35, was arrested yesterday and will be arraigned."),
        report(
            "b",
            "x.com",
            "The bodies of Robyn Mendes, 48, and Catherine Gomes, 61, were "
            "found by police and firefighters in an apartment.",
            9,
        ),
        report(
            "c",
            "y.com",
            "Gary Gomes, 35, faces charges after police found the bodies of "
            "two women -- 68 and 48-years-old -- inside an apartment.",
            10,
        ),
    )
    assert conflict.about == "age of Catherine Gomes"  # not Gary Gomes, 35, her son
    assert sorted(c.value for c in conflict.claims) == ["61", "68"]


def test_a_list_of_ages_nobody_can_be_given_is_left_out():
    assert (
        conflicts_of(
            report("a", "x.com", "Two women, 68 and 48, were found dead in the apartment."),
            report("b", "y.com", "Two women, 61 and 45, were found dead in the apartment.", 9),
        )
        == []
    )


def test_times_of_day_of_the_event_itself_are_compared():
    [conflict] = conflicts_of(
        report("a", "x.com", "Seismologists registered the quake at 17:06 local time."),
        report("b", "y.com", "The report says the earthquake struck the island at 5:11 p.m.", 9),
    )
    assert conflict.about == "time of day"
    # Other moments of a story are not the event's: a call and an arrest.
    assert (
        conflicts_of(
            report("a", "x.com", "Police received the call at 9:10 p.m. on Friday."),
            report("b", "y.com", "The suspect was arrested at 11:25 p.m. on Friday.", 9),
        )
        == []
    )


def test_times_of_a_shooting_named_as_opened_fire_gunfire_or_shooting_are_compared():
    # The shooting is the event: "opened fire", "gunfire" and "the shooting" all name it.
    [conflict] = conflicts_of(
        report("a", "x.com", "The gunman entered the office about 10 a.m. and opened fire."),
        report("b", "y.com", "Witnesses heard sounds of gunfire around 10:30 a.m.", 9),
    )
    assert conflict.about == "time of day"
    assert {c.value for c in conflict.claims} == {"about 10 a.m.", "around 10:30 a.m."}
    [conflict] = conflicts_of(
        report("a", "x.com", "The shooting happened at 3:10 p.m. near the school."),
        report("b", "y.com", "Residents reported gunshots at 3:40 p.m. near the school.", 9),
    )
    assert conflict.about == "time of day"
    # A blaze is fire of another kind: the time it broke out is not when shots were heard.
    assert not conflicts_of(
        report("a", "x.com", "The fire broke out at 3 a.m. in the warehouse."),
        report("b", "y.com", "Neighbours heard gunfire at 3:40 a.m. in the street.", 9),
    )


def test_a_possessive_names_the_same_subject_as_the_bare_name():
    # "Google's bid" and "Google made a bid" are about one bidder; Apple's bid is another.
    [conflict] = conflicts_of(
        report("a", "x.com", "On Monday, Google's bid for Nest was put at $3.2 billion."),
        report("b", "y.com", "On Monday, Google made a bid of $2.6 billion for Nest.", 9),
    )
    assert {c.value for c in conflict.claims} == {"$3.2 billion", "$2.6 billion"}
    assert not conflicts_of(
        report("a", "x.com", "On Monday, Google's bid for Nest was put at $3.2 billion."),
        report("b", "y.com", "On Monday, Apple made a bid of $2.6 billion for Nest.", 9),
    )


def test_counts_of_one_model_in_hauls_listed_apart_are_compared():
    # "AK-47 assault rifles" and "AK 47 guns" share no word in their clauses; the rest of each
    # list (other rifles) says both count the same haul.
    lead = "Pirates were caught at sea. Their boats were boarded. The navy gave details. "
    [conflict] = conflicts_of(
        report("a", "x.com", lead + "Marines seized seven AK-47 assault rifles, two other "
                             "rifles and a grenade launcher from the boats."),
        report("b", "y.com", lead + "Indian troops also recovered 12 AK 47 guns, three rifles "
                             "and two grenades along with ammunition.", 9),
    )  # fmt: skip
    assert {c.value for c in conflict.claims} == {"seven", "12"}


def test_numbers_written_in_several_words():
    def values(sentence: str) -> list[float]:
        return [f.value for f in figures(sentence)]

    assert values("The quake killed twenty-three people.") == [23]
    assert values("Forty five people were hurt in the blast.") == [45]
    assert values("Two hundred people were evacuated from the town.") == [200]
    assert values("A toll of one hundred and twenty people was given.") == [120]
    assert values("The blast killed a hundred people.") == [100]
    [conflict] = conflicts_of(
        report("a", "x.com", "Twenty-three people were killed in the blast, police said."),
        report("b", "y.com", "The blast killed 17 people, officials said.", 9),
    )
    assert conflict.about == "death toll"


def test_one_amount_written_every_way_is_one_value():
    written = ["$2.4bn", "$ 2.4 billion", "US$2,400 million", "2.4 billion dollars"]
    amounts = [figures(f"Acme will pay {w} for Widget Corp.")[0] for w in written]
    assert {(f.currency, round(f.value)) for f in amounts} == {("USD", 2_400_000_000)}
    [euro] = figures("Acme zahlt 2,4 Mrd. Euro für Widget.")
    assert (euro.currency, round(euro.value)) == ("EUR", 2_400_000_000)
    assert conflicts_of(*(report(str(n), f"{n}.com", f"Acme will pay {w} for Widget Corp.", 8 + n)
                          for n, w in enumerate(written))) == []  # fmt: skip


def test_weights_given_with_one_height_are_one_persons():
    [conflict] = conflicts_of(
        report(
            "a", "x.com", "He is 5-feet-8 inches tall, weighing 130 pounds, and has a shaved head."
        ),
        report("b", "y.com", "Deputies said that Orozco is 5-foot-8, 135 pounds, with tattoos.", 9),
    )
    assert conflict.about == "weight"
    assert (
        conflicts_of(
            report("a", "x.com", "The first man is 5-foot-8, 130 pounds, police said."),
            report("b", "y.com", "The second man is 6-foot-1, 190 pounds, police said.", 9),
        )
        == []
    )


def test_things_named_alike_are_compared_and_groups_of_people_are_not():
    [conflict] = conflicts_of(
        report("a", "x.com", "State media said three strong aftershocks were felt."),
        report(
            "b", "y.com", "It was followed by at least four strong aftershocks, IRNA reported.", 9
        ),
    )
    assert sorted(c.value for c in conflict.claims) == ["at least four", "three"]
    assert (
        conflicts_of(
            report("a", "x.com", "It is feared that three crew members lost their lives."),
            report("b", "y.com", "Sixteen crew members were aboard the ship.", 9),
        )
        == []
    )


def test_a_euro_sign_left_as_its_letter_is_read_as_euros():
    [conflict] = conflicts_of(
        report(
            "a", "x.com", "", title="Robbers in drag steal e80 million from Paris diamond store"
        ),
        report(
            "b", "y.com", "Armed robbers stole diamonds valued at 85 million euros in Paris.", 9
        ),
    )
    assert {c.value for c in conflict.claims} == {"€80 million", "85 million euros"}
    [oil] = figures("Pirates seized a supertanker loaded with e75m worth of crude oil.")
    assert (oil.kind, oil.currency, oil.value) == ("money", "EUR", 75_000_000)
    # Only before a scale word: a letter and a number otherwise name something
    assert all(f.kind != "money" for f in figures("The e3 show drew 50 million viewers."))


def test_counts_of_one_thing_in_two_reports_leads_are_compared_however_worded():
    lead_a = "The pirates, in three boats, were attempting to hijack the merchant vessel."
    lead_b = "The warship swung into action against the pirates in two boats, the navy said."
    [conflict] = conflicts_of(report("a", "x.com", lead_a), report("b", "y.com", lead_b, 9))
    assert {c.value for c in conflict.claims} == {"three", "two"}
    # Further down, where history and asides are, the same wording is not enough
    filler = " ".join(f"Officials spoke at briefing number {n} on Monday." for n in range(3))
    assert not conflicts_of(
        report("a", "x.com", f"{filler} {lead_a}"), report("b", "y.com", f"{filler} {lead_b}", 9)
    )


def test_leads_counting_people_or_things_described_apart_are_not_compared():
    # A story counts many groups of people: the dead and the marchers are both "people"
    assert not conflicts_of(
        report("a", "x.com", "Three people died in a burning bank in Athens on Wednesday."),
        report("b", "y.com", "Police put the march in Athens at roughly 30,000 people.", 9),
    )
    # Booths abroad are some of the booths
    assert not conflicts_of(
        report("a", "x.com", "Voters cast ballots at more than 2,000 booths across the country."),
        report("b", "y.com", "Turkmens abroad could vote at 27 overseas booths on Sunday.", 9),
    )


# Win-loss records, players' statistics and temperatures (each rule with its own example).


def test_a_teams_record_after_the_game_given_two_ways_is_a_contradiction():
    [conflict] = conflicts_of(
        report("a", "x.com", "The Hawks (12-4) beat the Owls 28-17 on Sunday to reach it."),
        report("b", "y.com", "With the win over the Owls, the Hawks' record rose to 11-4.", 9),
        report("c", "z.com", "The Owls lost, and the Hawks (12-4) are in the playoffs.", 10),
    )
    assert conflict.about == "record of Hawks"
    assert {c.value for c in conflict.claims} == {"12-4", "11-4"}
    assert (
        conflicts_of(
            report("a", "x.com", "The Hawks (12-4) beat the Owls 28-17 on Sunday."),
            report("b", "y.com", "With the win over the Owls, the Hawks' record rose to 12-4.", 9),
        )
        == []
    )


def test_records_name_their_side_and_leave_out_scores_and_split_records():
    from newsbrief.conflicts import records

    sides = {f.unit: f.shown for f in records(
        "The Hawks (12-4) beat the Owls, 28-17, and Jones, 31-2, 24 KOs, watched; the Owls "
        "moved their record to 3-1 in road games."
    )}  # fmt: skip
    assert sides == {"hawks": "12-4", "jones": "31-2"}
    assert [f.unit for f in records("This gave the Hawks a 12-4 season.")] == ["hawks"]
    assert records("Lee defeated Park, 65-53, on Friday.") == []


def test_a_round_up_of_many_games_is_not_compared_with_the_story():
    roundup = report(
        "b", "y.com",
        "The Hawks (9-7) lost again. The Owls (4-12) won. The Bears (8-8) tied. The Lions (2-14) "
        "fell. Jones had 31 points in the Hawks' loss on Sunday.", 9,
    )  # fmt: skip
    story = report("a", "x.com", "Jones scored 20 points on Sunday as the Hawks (12-4) won.")
    assert conflicts_of(story, roundup) == []


def test_a_players_career_total_is_an_exact_tally():
    [conflict] = conflicts_of(
        report("a", "x.com", "Officials stopped the game when Moreno, who now has 3,104 points, "
               "scored again."),
        report("b", "y.com", "Moreno now has 3,105 career points for the Rams. Coach Lee "
               "said Moreno was tired.", 9),
    )  # fmt: skip
    assert conflict.about == "points of Moreno (career)"
    assert conflict.kind == "contradiction"
    assert {c.value for c in conflict.claims} == {"3,104", "3,105"}


def test_statistics_of_different_players_or_spans_are_not_compared():
    assert (
        conflicts_of(
            report("a", "x.com", "Moreno scored 22 points on Friday night in the win over Elm."),
            report("b", "y.com", "Okafor scored 15 points on Friday night in the win over Elm.", 9),
            report("c", "z.com", "Moreno now has 3,104 career points after the win over Elm.", 10),
            report(
                "d", "w.com", "Moreno needed just eight points on Friday to pass the record.", 11
            ),
            report("e", "v.com", "Moreno averaged 19.5 points a game last season.", 12),
            report("f", "u.com", "Moreno scored 11 points in the first half on Friday.", 13),
        )
        == []
    )


def test_a_pronoun_keeps_the_player_the_report_was_about():
    [conflict] = conflicts_of(
        report("a", "x.com", "Diaz came into the year as the top returning rusher. But he missed "
               "seven total games this season with a sprained knee."),
        report("b", "y.com", "Diaz missed six games this season with the knee injury, coach "
               "Ray said of Diaz.", 9),
    )  # fmt: skip
    assert conflict.about == "games of Diaz"
    # A pronoun after a sentence about no one in particular is given to no one.
    assert (
        conflicts_of(
            report(
                "a",
                "x.com",
                "The offense struggled all year. But he missed seven total games this "
                "season with a sprained knee, coach Ray said of Diaz.",
            ),
            report("b", "y.com", "Diaz missed six games this season with the knee injury.", 9),
        )
        == []
    )


def test_a_career_high_is_a_games_tally_not_a_career_total():
    from newsbrief.conflicts import _statistic

    sentence = "Reed had a career-high 14 points in Friday's win."
    [figure] = [f for f in figures(sentence) if f.unit == "point"]
    assert _statistic(sentence, figure, frozenset({"Reed"})) == ("reed", "game")


def test_temperatures_at_the_scene_that_differ_are_a_contradiction():
    [conflict] = conflicts_of(
        report("a", "x.com", "Crews fought the barn fire in temperatures of minus 12 degrees."),
        report("b", "y.com", "Outside temperatures were minus 18 as crews fought the fire.", 9),
    )
    assert conflict.about == "temperature"
    assert (
        conflicts_of(
            report("a", "x.com", "Crews fought the fire in temperatures of 40 degrees Fahrenheit."),
            report("b", "y.com", "Crews fought the fire in temperatures of 4 degrees Celsius.", 9),
            report("c", "z.com", "Temperatures will reach a high of 35 degrees near the fire.", 10),
        )
        == []
    )


def test_clock_times_copied_with_spaces_are_read_whole():
    from newsbrief.text.measurements import measurements

    [time] = measurements("The shooting at the depot occurred about 3: 10 p. m. on Tuesday.")
    assert (time.kind, time.low, time.high) == ("clock", 900.0, 920.0)  # not 10 p.m.
    # "3 p. m." is a time, not three of something called "m"
    assert figures("Ortiz was alone about 3 p. m. when the gunman fired.") == []
    [conflict] = conflicts_of(
        report("a", "x.com", "Firefighters were called to the warehouse blaze at 4: 10 a. m."),
        report("b", "y.com", "Firefighters were called to the warehouse blaze at 5: 40 a. m.", 9),
    )
    assert [c.value for c in conflict.claims] == ["4: 10 a. m.", "5: 40 a. m."]


def test_a_time_something_was_over_by_is_not_the_moment_it_began():
    # "by 7 a.m." allows any time before it; "as of 4 p.m." dates a running count.
    assert (
        conflicts_of(
            report("a", "x.com", "The warehouse fire broke out at 3:30 a.m., the chief said."),
            report("b", "y.com", "The warehouse fire was put out by 7 a.m., the chief said.", 9),
            report("c", "z.com", "The warehouse fire was knocked down by 6:40 a.m. on Monday.", 10),
        )
        == []
    )
    assert (
        conflicts_of(
            report("a", "x.com", "Voters began to cast their ballots at 8:00 a.m. local time."),
            report("b", "y.com", "Most had cast their ballots as of 4:00 p.m. local time.", 9),
        )
        == []
    )


def test_a_time_on_the_half_hour_is_written_loosely():
    assert (
        conflicts_of(
            report("a", "x.com", "The call about the hotel fire came at 3:33 a.m. on Monday."),
            report("b", "y.com", "The call about the hotel fire came at 3:30 a.m. on Monday.", 9),
        )
        == []
    )


def test_ages_spelled_out_or_set_off_by_a_comma_are_read():
    from newsbrief.text.measurements import ages

    [spelled] = ages("Sixty-year-old Mary Ellen Harper is accused of the 1971 killings.")
    assert (spelled.value, spelled.unit) == (60.0, "harper")
    [unnamed] = ages("Police arrested a 58-year-old, terminally ill woman on Friday.")
    assert (unnamed.value, unnamed.unit) == (58.0, "~woman")
    [compound] = ages("A twenty-two-year-old student was hurt.")
    assert compound.value == 22.0


def test_a_qualifier_opening_a_quotation_is_no_name():
    [count] = figures('"Around 1, 000 people are housed in tents," the governor said.')
    assert (count.value, count.unit) == (1000.0, "people")
    assert figures("Flight 370 vanished over the sea.") == []


def test_one_of_a_counted_whole_is_the_whole_count():
    [count] = figures("Marco Rossi, one of 41 alleged Camorra clan members seized on Monday, fled.")
    assert (count.value, count.unit) == (41.0, "member")
    assert figures("He completed 29 of 34 passes.") == []  # a ratio
    assert figures("One in five voters backed the plan.") == []
    # Capitalised words inside a noun phrase do not end it; after its noun they do
    [inside] = figures("Police arrested 41 suspected Camorra members on Monday.")
    assert inside.unit == "member"
    [after] = figures("The 12 pirates Indian commandos caught were flown to Mumbai.")
    assert after.unit == "pirate"
    [conflict] = conflicts_of(
        report("a", "x.com", "Kuhestak is one of 12 villages destroyed by the quake."),
        report("b", "y.com", "The quake destroyed five villages on the island, officials said.", 9),
    )
    assert {c.value for c in conflict.claims} == {"12", "five"}


def test_a_running_count_of_days_is_an_update_latest_first():
    [conflict] = conflicts_of(
        report("a", "x.com", "The shooting sparked five days of rioting in the capital.", 8),
        report("b", "y.com", "The capital was calm after eight days of rioting, police said.", 20),
    )
    assert conflict.kind == "update"
    assert [c.value for c in conflict.claims] == ["eight days", "five days"]
    assert conflict.about == "how long so far"


def test_an_inventory_of_different_things_counts_each():
    # "13 homers and 43 RBIs in 54 games" is a tally of cases; a list of different things
    # seized, each counted once, is an inventory whose counts are claims.
    [conflict] = conflicts_of(
        report("a", "x.com", "Marines recovered 12 AK-47 rifles, three pistols and two grenades."),
        report("b", "y.com", "Marines recovered seven AK-47 rifles from the boat on Sunday.", 9),
    )
    assert {c.value for c in conflict.claims} == {"12", "seven"}
    assert [f.unit for f in figures("They found two grenades along with ammunition.")] == [
        "grenade"
    ]


def test_a_time_whose_clause_says_nothing_is_read_with_the_words_after_its_comma():
    from newsbrief.text.measurements import measurements

    [time] = measurements("Starting at about 8 p.m., nearly 100 people set off to march.")
    assert time.kind == "clock" and "set" in time.context


def test_records_typeset_with_an_en_dash_are_read():
    [conflict] = conflicts_of(
        report("a", "x.com", "The win left the Colts (10\u20135) atop the division."),
        report("b", "y.com", "The win left the Colts (9\u20136) atop the division.", 9),
    )
    assert [c.value for c in conflict.claims] == ["10\u20135", "9\u20136"]


def test_speeds_are_read_as_speeds_in_any_unit():
    from newsbrief.text.measurements import measurements

    # "120 miles an hour" is no distance, and "193km/h" no 193 kilometres
    chase = measurements("They chased him 30 miles at speeds of up to 120 miles an hour.")
    assert [(f.kind, f.unit) for f in chase] == [("distance", "mile"), ("speed", "mph")]
    [metric] = measurements("The car reached speeds of 193km/h on the motorway.")
    assert (metric.kind, round(metric.low), round(metric.high)) == ("speed", 192, 194)
    assert figures("The chase reached 120 mph on the interstate.") == []
    assert (
        conflicts_of(
            report("a", "x.com", "The chase on the interstate reached 120 mph, police said."),
            report("b", "y.com", "The chase on the interstate reached 193 km/h, police said.", 9),
        )
        == []
    )
    [conflict] = conflicts_of(
        report("a", "x.com", "The chase on the interstate reached 120 mph, police said."),
        report("b", "y.com", "The chase on the interstate reached 90 mph, police said.", 9),
    )
    assert conflict.about == "speed"


def test_no_more_than_is_an_upper_bound_and_no_fewer_than_a_lower_one():
    from newsbrief.text.measurements import measurements

    [at_most] = figures("No more than 12 people were hurt in the blast.")
    assert (at_most.low, at_most.high) == (0.0, 12.0)
    [at_least] = figures("Police said no fewer than 40 people were arrested.")
    assert (at_least.low, at_least.high) == (40.0, float("inf"))
    [hours] = measurements("The standoff lasted no more than three hours, police said.")
    assert (hours.low, hours.high) == (0.0, 3 * 3600.0)
    # "no more than 12" and 15 disagree; "more than 12" and 15 would not
    [conflict] = conflicts_of(
        report("a", "x.com", "No more than 12 people were hurt in the blast, police said."),
        report("b", "y.com", "Police said 15 people were hurt in the blast.", 9),
    )
    assert {c.value for c in conflict.claims} == {"No more than 12", "15"}


def test_records_tallied_over_a_span_and_records_in_brackets_of_past_tense_sentences():
    from newsbrief.conflicts import records

    [tallied] = records("In three seasons at the helm, Moreno compiled a mark of 120-140.")
    assert (tallied.unit, tallied.shown) == ("moreno", "120-140")
    [spanned] = records("Moreno compiled a 160-130 record in three-plus seasons and won in 2007.")
    assert (spanned.unit, spanned.shown) == ("moreno", "160-130")
    assert records("The Hawks posted a 9-1 record in one-possession games.") == []
    [conflict] = conflicts_of(
        report("a", "x.com", "In three seasons at the helm, Moreno compiled a mark of 120-140."),
        report(
            "b",
            "y.com",
            "Moreno compiled a 160-130 record in three-plus seasons and "
            "is out after the 2024 season.",
            9,
        ),
    )
    assert {c.value for c in conflict.claims} == {"120-140", "160-130"}
    # A record in brackets labels the side as it stands, whatever the sentence's tense
    [conflict] = conflicts_of(
        report("a", "x.com", "Former champion Jones, 43-1, 33 KOs, won on points on Saturday."),
        report(
            "b", "y.com", "Jones (45-1, 33 KOs) had been training in Germany since September.", 9
        ),
    )
    assert {c.value for c in conflict.claims} == {"43-1", "45-1"}
    # ... but an earlier event's figures in such a sentence stay out
    assert (
        conflicts_of(
            report("a", "x.com", "Jones won on points on Saturday, his 33rd win in 34 fights."),
            report("b", "y.com", "Jones had won 35 fights by knockout since September.", 9),
        )
        == []
    )


@pytest.mark.parametrize(
    ("sentence", "unit"),
    [
        ("Police said 12 heavily armed men stormed the bank.", "men"),
        ("Two badly injured people were taken to hospital.", "people"),
        ("Marines seized 13 fully loaded magazines.", "magazine"),
        ("The team lost its two leading running backs.", "back"),
    ],
)
def test_adverbs_and_participles_before_the_counted_noun_are_not_counted(sentence, unit):
    [count] = figures(sentence)
    assert count.unit == unit


def test_an_adverb_after_the_counted_noun_ends_its_phrase():
    [count] = figures("The studio plans to release 12 films annually.")
    assert count.unit == "film"


def test_two_numbers_joined_by_or_are_one_guess_of_the_count():
    [count] = figures("Witnesses said two or three people were hurt in the blast.")
    assert (count.low, count.high, count.unit, count.role) == (2, 3, "people", "injuries")
    # Amounts given as alternatives are not a range: "$184 million or $23 million per season".
    assert len(figures("He was offered $184 million or $23 million per season.")) == 2


@pytest.mark.parametrize(
    "sentence",
    [
        "Police arrested the suspect five buildings away from the bank.",
        "The man then fled into an apartment three doors away.",
        "The warship was some 13 nautical miles away when the call came.",
        "The villages are 30 miles apart.",
    ],
)
def test_how_far_away_something_is_is_no_count(sentence):
    assert figures(sentence) == []


def test_house_numbers_and_ranks_are_no_counts():
    assert figures("The bodies were found in an apartment at 24 Independent Street.") == []
    assert figures("She was struck outside the store at 200 W. American Blvd. on Friday.") == []
    assert figures("The Broncos have a shot at the #1 seed in the playoffs.") == []
    [arrests] = figures("Police arrested five people two blocks away.")
    assert (arrests.value, arrests.unit, arrests.role) == (5, "people", "arrests")


def test_a_makers_name_and_model_number_name_the_thing_counted():
    assert [f.unit for f in figures("It flies three Boeing 737s and two Boeing 747s.")] == [
        "boeing737",
        "boeing747",
    ]
    assert [f.unit for f in figures("The airline ordered 20 Boeing 737-800 planes.")] == [
        "boeing737"
    ]
    [shot] = figures("Two men were shot at 40 East 5th Ave. on Friday.")
    assert shot.role == "shot" and shot.value == 2  # no house number read as a count


FILLER = "The navy spoke on Monday. It had joined an operation. Ships came near the coast. "


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Police seized seven AK-47 rifles in Mogadishu on Monday.",
         "Soldiers found 12 AK-47 rifles in a cache in Kismayo last year."),
        ("The airline flies eight Boeing 737-800 planes.",
         "The carrier ordered 30 Boeing 737-800 planes from the maker in Seattle."),
    ],
)  # fmt: skip
def test_a_models_own_name_is_no_word_agreeing_around_two_counts(first, second):
    # The one more word that must agree around counts of a model is not the model's spelling
    # ("AK-47") or the noun it names ("rifles"): those name the thing, not which count it is.
    assert (
        conflicts_of(report("a", "x.com", FILLER + first), report("b", "y.com", FILLER + second, 9))
        == []
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "The police said that two plainclothes officers fatally shot the teenager.",
        "Two gunmen shot a police officer outside the bank on Monday.",
        "Three men killed the guard and fled with the cash.",
    ],
)
def test_a_count_of_those_who_did_it_is_not_a_count_of_victims(sentence):
    [doers] = figures(sentence)
    assert doers.role == ""


def test_victims_counted_before_their_verb_keep_their_role():
    assert [f.role for f in figures("Three men killed in a crash were named.")] == ["deaths"]
    assert [f.role for f in figures("Twelve people died the next day.")] == ["deaths"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The office building is about 15 miles north of Detroit.",
        "The USGS said the quake was 35 miles southwest of Bandar Abbas.",
        "The location is about 10 blocks east of the freeway.",
    ],
)
def test_how_far_in_which_direction_is_no_count(sentence):
    assert figures(sentence) == []


def test_staff_counted_are_jobs_only_where_jobs_are_made_or_cut():
    [dead] = figures("Riots left three bank workers dead on Wednesday.")
    assert dead.role == "deaths"  # not hidden by "workers"
    [there] = figures("At least a dozen workers were at the party at the time.")
    assert there.role == ""
    [hired] = figures("The plant is hiring 1000 part-time workers.")
    assert hired.role == "jobs"
    [cut] = figures("The company laid off 200 employees.")
    assert cut.role == "jobs"
