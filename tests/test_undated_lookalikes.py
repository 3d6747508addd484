"""Look-alike events of one kind in one store, one event's reports undated and the other's
dated (by metadata, by a stamp above the headline, by their address): they stay apart, while
each event's reports form one story. The texts are written for these tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from newsbrief.ingest.files import make_article
from newsbrief.models import Article
from newsbrief.store import Store
from newsbrief.stories.cluster import Params, StreamingClusterer, features, is_short
from newsbrief.stories.pipeline import process

SEEN = datetime(2026, 1, 5, 9, tzinfo=UTC)  # when the store imported everything

# (title, text) of each event's reports; the older event's reports give no date of any kind.
QUAKE_2008 = [
    (
        "Quake injures five on Iranian island",
        "A magnitude 5.6 earthquake struck Qeshm island off Iran's southern coast on Sunday, "
        "injuring five people and damaging houses in two villages, state media said. The quake "
        "was centred near the town of Dargahan, officials said, and several aftershocks "
        "followed during the night.",
    ),
    (
        "Earthquake damages villages on Qeshm island",
        "An earthquake of magnitude 5.6 shook Qeshm island in the Gulf on Sunday, damaging "
        "homes in villages near Dargahan and injuring five people, the ISNA news agency "
        "reported. Officials said rescue teams had reached the villages and the injured were "
        "taken to hospital.",
    ),
    (
        "Iran quake hurts five on Gulf island",
        "Five people were hurt when a 5.6 magnitude earthquake hit Qeshm island off southern "
        "Iran on Sunday, Iranian media said. Buildings were damaged around Dargahan, and "
        "aftershocks were felt on Monday as residents camped outside their homes.",
    ),
]
QUAKE_2005 = [
    (
        "Earthquake kills ten on Iran's Qeshm island",
        "A powerful tremor measuring 5.9 on the Richter scale struck Qeshm island on Sunday, "
        "killing ten people and flattening mud-brick hamlets, the governor said. It was felt "
        "across the water in Dubai, where office towers were evacuated.",
    ),
    (
        "Deadly quake levels villages on Qeshm island",
        "Ten people were killed and dozens injured when a tremor measuring 6.1 hit Qeshm "
        "island on Sunday, state television said. Red Crescent teams searched the ruins of "
        "mud-brick hamlets, and high-rises in Dubai were emptied.",
    ),
    (
        "Iran island quake toll rises to ten",
        "The death toll from Sunday's earthquake on Qeshm island off southern Iran rose to "
        "ten, officials said on Monday, as villagers spent the night in tents. The quake, of "
        "magnitude 5.9, destroyed seven villages and was felt in Dubai.",
    ),
]
PATCH_2008 = [
    (
        "Microsoft issues emergency patch for Internet Explorer",
        "Microsoft on Wednesday released an emergency patch for a critical flaw in Internet "
        "Explorer that hackers have used to take over computers, outside its monthly cycle. "
        "The security update, MS08-078, fixes a vulnerability that attackers exploited "
        "through hacked websites, the company said.",
    ),
    (
        "Microsoft rushes out Internet Explorer fix",
        "Microsoft released an out-of-cycle security update on Wednesday to fix a critical "
        "Internet Explorer vulnerability that is being exploited through hacked websites. "
        "Users should install the patch, MS08-078, at once, the company said, as attacks "
        "spread to millions of computers.",
    ),
    (
        "Internet Explorer patch released as attacks spread",
        "An emergency patch for Internet Explorer is out: Microsoft said on Wednesday that "
        "update MS08-078 closes the critical flaw that hackers have exploited through "
        "hacked websites to take over computers, and urged users to install it.",
    ),
]
PATCH_2013 = [
    (
        "Microsoft releases Fix It for Internet Explorer zero-day",
        "Microsoft published a temporary Fix It for Internet Explorer on Tuesday after a "
        "zero-day bug was used in targeted attacks on a few organisations in Japan. A "
        "permanent update will follow on Patch Tuesday, the software maker said.",
    ),
    (
        "Internet Explorer zero-day: Microsoft issues Fix It",
        "Microsoft on Tuesday issued a Fix It for a zero-day bug in all versions of "
        "Internet Explorer that state-backed groups are using in targeted attacks. A full "
        "security update will follow, the company said, and users should apply the Fix It "
        "at once.",
    ),
    (
        "Microsoft rushes fix for Internet Explorer attacks",
        "Targeted attacks exploit a critical flaw in every version of Internet Explorer, "
        "Microsoft said on Tuesday, releasing a Fix It to block them until a security update "
        "is ready. The flaw affects Internet Explorer 6 to 11 on every Windows version.",
    ),
]
RULE_2008 = [
    (
        "Interior Department eases endangered species rule",
        "The Interior Department on Thursday finalised a rule that lets federal agencies "
        "decide for themselves whether dams, mines and highways harm endangered species, "
        "without consulting government wildlife scientists. Environmental groups said they "
        "would sue to block the Endangered Species Act rule.",
    ),
    (
        "Endangered species reviews cut by new rule",
        "Federal agencies no longer need to consult wildlife scientists before approving "
        "projects that may harm endangered species, under an Interior Department rule "
        "finalised on Thursday. Environmental groups vowed to challenge the change to the "
        "Endangered Species Act in court.",
    ),
    (
        "New rule limits scientific review under Endangered Species Act",
        "A rule finalised on Thursday by the Interior Department ends mandatory reviews by "
        "government wildlife scientists of federal projects that may harm endangered "
        "species. Environmental groups called the Endangered Species Act change a gift to "
        "developers and said they would sue.",
    ),
]
RULE_2009 = [
    (
        "Obama administration restores endangered species reviews",
        "The Obama administration on Tuesday revoked a Bush-era rule that let agencies skip "
        "consultations with government wildlife scientists on projects that may harm "
        "endangered species. Interior Secretary Ken Salazar said the reviews under the "
        "Endangered Species Act were back in force from today.",
    ),
    (
        "Bush rule on endangered species overturned",
        "Federal agencies must again consult wildlife scientists before approving projects "
        "that may harm endangered species, after the Obama administration overturned a "
        "Bush-era rule on Tuesday. Environmental groups welcomed the decision by Ken Salazar "
        "and the Interior Department.",
    ),
    (
        "Salazar revokes rule that cut scientists out of species reviews",
        "Interior Secretary Ken Salazar on Tuesday revoked the Bush-era rule that had ended "
        "mandatory reviews by government scientists of projects that may harm endangered "
        "species, restoring consultations that the Endangered Species Act had required for "
        "decades.",
    ),
]

# How the newer event's reports give their dates: metadata, a stamp, their address.
DATED_BY = ["published", "stamp", "address"]


def undated(prefix: str, reports: list[tuple[str, str]]) -> list[Article]:
    return [
        make_article(
            article_id=f"{prefix}{n}",
            title=title,
            text=text,
            url=f"https://news{n}.example/world/{prefix}-{n}",
            source=f"news{n}.example",
            published=None,
            seen_at=SEEN,
        )
        for n, (title, text) in enumerate(reports)
    ]


def dated(prefix: str, reports: list[tuple[str, str]], day: datetime) -> list[Article]:
    """Each report dated its own way (see DATED_BY), a few hours apart."""
    out = []
    for n, (title, text) in enumerate(reports):
        when = day + timedelta(hours=3 * n)
        how = DATED_BY[n % len(DATED_BY)]
        stamp = when.strftime("%B %d, %Y %H:%M GMT")
        url = f"https://wire{n}.example/" + (
            f"{when:%Y/%m/%d}/{prefix}-{n}" if how == "address" else f"world/{prefix}-{n}"
        )
        out.append(
            make_article(
                article_id=f"{prefix}{n}",
                title=stamp if how == "stamp" else title,
                text=f"{title}\n{text}" if how == "stamp" else text,
                url=url,
                source=f"wire{n}.example",
                published=when if how == "published" else None,
                seen_at=SEEN,
            )
        )
    return out


CASES = {
    "two quakes on one island": (QUAKE_2008, QUAKE_2005, datetime(2005, 11, 27, 8, tzinfo=UTC)),
    "two patches of one browser": (PATCH_2008, PATCH_2013, datetime(2013, 9, 17, 16, tzinfo=UTC)),
    "a ruling and its reversal": (RULE_2008, RULE_2009, datetime(2009, 4, 28, 15, tzinfo=UTC)),
}


def by_words(articles: list[Article], params: Params) -> list[set[str]]:
    """The stories the clusterer forms of the articles, all at once."""
    clusterer = StreamingClusterer(params)
    raw = {a.id: features(a) for a in articles}
    for a in articles:
        clusterer.observe(raw[a.id], is_short(a))
    fragment_of = {a.id: clusterer.add(a, raw[a.id], counted=True) for a in articles}
    groups = clusterer._agglomerate(sorted(set(fragment_of.values())))
    return [{aid for aid, fid in fragment_of.items() if fid in group} for group in groups]


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_newer_reports_each_give_their_date(case):
    """By metadata, by the stamp set aside above the headline, by the address; the older
    event's reports give none."""
    old, new, day = CASES[case]
    for n, article in enumerate(dated("n", new, day)):
        when = article.published or article.written
        assert when is not None and when.date() == (day + timedelta(hours=3 * n)).date()
        assert article.written is None or article.published is None
    assert all(a.published is None and a.written is None for a in undated("o", old))


@pytest.mark.parametrize("case", ["two patches of one browser", "a ruling and its reversal"])
def test_by_their_words_alone_the_two_events_are_one_story(case):
    """What makes the cases hard: without regard to which reports give a time, the words of
    the two events join them. (The two quakes, with different tolls, magnitudes and
    villages, are now told apart by their words alone: three reports a side are still too
    few to measure each side's own cohesion, and two such groups must be as alike as two
    reports of one event.) Nor is the measured contrast asked for, which two small groups
    need when one of them gives no time: with it, the patches stay apart as well."""
    old, new, day = CASES[case]
    articles = undated("o", old) + dated("n", new, day)
    stories = by_words(articles, Params(undated_factor=1.0, contrast=0.0))
    assert len(stories) == 1


@pytest.mark.parametrize("case", sorted(CASES))
def test_look_alike_events_stay_apart_when_only_one_gives_its_time(case):
    old, new, day = CASES[case]
    articles = undated("o", old) + dated("n", new, day)
    stories = by_words(articles, Params())
    assert sorted(sorted(s) for s in stories) == [["n0", "n1", "n2"], ["o0", "o1", "o2"]]


def test_the_two_events_stay_apart_through_the_store(tmp_path):
    """Through a store: the written dates are kept with the articles and counted in the
    fragments."""
    old, new, day = CASES["two quakes on one island"]
    articles = undated("o", old) + dated("n", new, day)
    with Store(tmp_path / "s.db") as store:
        for a in articles:
            store.add_article(a)
        assert store.get_articles(["n1"])[0].written == day.replace(hour=0)
        process(store, embedder=False)
        stories = store.story_of([a.id for a in articles])
    assert len({stories[f"o{n}"] for n in range(3)}) == 1
    assert len({stories[f"n{n}"] for n in range(3)}) == 1
    assert stories["o0"] != stories["n0"]


@pytest.mark.parametrize(
    "title,text,url,expected",
    [
        ("September 18th, 2013, 05: 31 GMT", "Microsoft releases a patch", None, "2013-09-18"),
        (
            "Ten dead in quake",
            "Last Updated: Monday, 28 November 2005, 02: 24 GMT",
            None,
            "2005-11-28",
        ),
        ("Quake", "Posted 11 / 27 / 2005 7: 21 AM | Updated", None, "2005-11-27"),
        ("Flips ruling", "04 / 28 / 09 07: 35 PM ET Federal agencies", None, "2009-04-28"),
        ("Obama acts", "WEDNESDAY, MARCH 4, 2009, 10: 53 AM President", None, "2009-03-04"),
        ("IE bug", "Microsoft said today", "https://k.example/2013/09/ie-bug/", "2013-09-01"),
        ("IE", "text", "https://t.example/2013-09-18/internet/42182019_1", "2013-09-18"),
        # A month and year alone recall an earlier event; so does a date far down the text.
        ("Raid", "In December 2008, three men robbed the same store.", None, None),
        ("Raid", "x " * 300 + "on December 4, 2008", None, None),
        ("Raid", "Thieves struck on Monday.", "https://p.example/world/123/456/", None),
        ("Bad", "On February 30, 2009 nothing happened.", None, None),
    ],
)
def test_a_date_written_at_the_top_or_in_the_address(title, text, url, expected):
    from newsbrief.text.written_dates import written_date

    found = written_date(title, text, url)
    assert (found.date().isoformat() if found else None) == expected


def test_only_a_known_time_against_none_counts():
    """Two undated groups, two dated ones, or a group half dated: their words alone decide."""
    from newsbrief.stories.cluster import Group

    clusterer = StreamingClusterer()
    dated_group = Group(id="d", size=4, dated=2, written=1)
    undated_group = Group(id="u", size=4)
    half = Group(id="h", size=4, dated=1)
    assert clusterer.time_unknown(dated_group, undated_group) == pytest.approx(0.85**2)
    assert clusterer.time_unknown(undated_group, dated_group) == pytest.approx(0.85**2)
    assert clusterer.time_unknown(undated_group, undated_group) == 1.0
    assert clusterer.time_unknown(dated_group, dated_group) == 1.0
    assert clusterer.time_unknown(half, undated_group) == 1.0
    assert clusterer.time_unknown(dated_group, half) == 1.0


# Two reports a side, neither side dated: only the words can tell the events apart.
SMALL_CASES = ["two quakes on one island", "a ruling and its reversal"]


@pytest.mark.parametrize("case", SMALL_CASES)
def test_small_undated_look_alike_groups_stay_apart(case):
    """Two reports of each event and no time on either side: too few reports to measure how
    alike each event's own reports are, so the two groups assume the similarity of two
    reports of one event, which the look-alike's reports do not reach."""
    old, new, _ = CASES[case]
    articles = undated("o", old[:2]) + undated("n", new[:2])
    stories = by_words(articles, Params())
    assert sorted(sorted(s) for s in stories) == [["n0", "n1"], ["o0", "o1"]]
    # Assumed as alike as a story's reports on average, and without the measured contrast,
    # they were one story; either alone keeps them apart here.
    lenient = Params().prior_cohesion
    assert len(by_words(articles, Params(prior_pair=lenient, contrast=0.0))) == 1
    assert len(by_words(articles, Params(prior_pair=lenient))) == 2
    assert len(by_words(articles, Params(contrast=0.0))) == 2


def test_the_contrast_of_two_groups_is_measured_without_a_prior():
    """Cross-similarity over the geometric mean of each group's own mean similarity, over the
    bar: groups as alike across as within are one event whatever the scale of their cosines;
    groups of one, two groups that both give times, or groups of four are left to the rest of
    the decision. A dated group beside an undated one is measured too: their times cannot be
    compared."""
    from newsbrief.stories.cluster import Group

    clusterer = StreamingClusterer()
    # Two pairs whose own pairs have similarity 0.4 and 0.1: norm2 = 2 + 2 * similarity.
    a, b = Group(id="a", size=2, norm2=2.8), Group(id="b", size=2, norm2=2.2)
    cross = 0.2  # mean similarity of a report of one to a report of the other
    assert clusterer.contrast(a, b, cross) == pytest.approx(0.2 / 0.2 / 0.8)
    assert clusterer.contrast(a, b, 0.1) == pytest.approx(0.5 / 0.8)
    assert clusterer._undated_pair(a, b)
    assert not clusterer._undated_pair(a, Group(id="c", size=1, norm2=1.0))
    assert not clusterer._undated_pair(a, Group(id="d", size=4, norm2=8.0))
    assert clusterer._undated_pair(a, Group(id="e", size=2, norm2=2.8, dated=1))
    dated = Group(id="g", size=2, norm2=2.8, dated=2)
    assert not clusterer._undated_pair(dated, Group(id="h", size=2, norm2=2.8, written=1))
    assert not clusterer._undated_pair(a, Group(id="f", size=2, norm2=2.8, short=1))
    assert not StreamingClusterer(Params(contrast=0.0))._undated_pair(a, b)


def _headlines(shared_data) -> list[Article]:
    import json

    rows = (shared_data / "uci-news-dev.jsonl").read_text(encoding="utf-8").splitlines()
    others = []
    for line in rows:
        row = json.loads(line)
        published = datetime.fromisoformat(row["published"]) if row["published"] else None
        others.append(
            make_article(
                article_id=f"u{row['id']}",
                title=row["title"],
                text=row["text"] or "",
                url=row["url"],
                source=row["source"],
                published=published,
                seen_at=SEEN,
            )
        )
    return others


@pytest.mark.parametrize("size", [2, 3])
@pytest.mark.parametrize("case", sorted(CASES))
def test_small_undated_look_alike_groups_stay_apart_among_headlines(
    case, size, tmp_path, shared_data
):
    """Two or three reports of each event, none dated, alone and in a store with thousands of
    unrelated headline-only items: the same two stories. Among the headlines the full texts
    weigh their words by the headlines' frequencies, where the kind's words (quake, island;
    rule, species) are as rare as each event's own, and every cosine between them rises: the
    prior of two reports of one event no longer keeps the groups apart, their measured
    contrast does. (Before it, 7 of these 12 stores held one story; the bar was chosen on
    ECB+ dev, not on these reports.)"""
    old, new, _ = CASES[case]
    small = undated("o", old[:size]) + undated("n", new[:size])
    others = _headlines(shared_data)
    for n, store_articles in enumerate([small, others + small]):
        with Store(tmp_path / f"s{n}.db") as store:
            for a in store_articles:
                store.add_article(a)
            process(store, embedder=False)
            stories = store.story_of([a.id for a in store_articles])
        assert len({stories[a.id] for a in small if a.id.startswith("o")}) == 1
        assert len({stories[a.id] for a in small if a.id.startswith("n")}) == 1
        assert stories["o0"] != stories["n0"]
        assert not {stories[a.id] for a in others if a.id in stories} & {
            stories["o0"],
            stories["n0"],
        }
