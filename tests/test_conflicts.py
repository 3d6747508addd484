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
    assert [c.value for c in conflict.claims] == ["12", "15"]
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
        # A magnitude is a measurement, not a count.
        ("A 6.1 quake hit the island.", "A 5.9 quake hit the island."),
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
    assert [rifles.unit, magazines.unit, rounds.unit] == ["rifle", "magazine", "round"]
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
