"""Stories across runs: kept state, merges and splits with stable ids, what is new since when."""

from __future__ import annotations

import functools
import json
from datetime import datetime, timedelta

import pytest
from conftest import write_jsonl
from test_cluster import QUAKE_A, QUAKE_B, T0, WIRE, article, cluster

from newsbrief.store import Store
from newsbrief.store import clustering as state
from newsbrief.stories import pipeline
from newsbrief.stories.cluster import (
    Group,
    Params,
    StreamingClusterer,
    features,
    is_short,
    story_id_for,
)

# Clustering keeps its state in the store between runs: checked on both engines.
pytestmark = pytest.mark.engines


def quake(kind: list[tuple[str, str]], prefix: str, hours: int = 0) -> list:
    return [
        article(f"{prefix}{n}", title, text, T0 + timedelta(hours=hours + n))
        for n, (title, text) in enumerate(kind)
    ]


def with_params(monkeypatch: pytest.MonkeyPatch, **changes: float) -> None:
    """Run the pipeline with other constants, to make stories that later turn out wrong."""
    monkeypatch.setattr(pipeline, "Params", functools.partial(Params, **changes))


def changes(store: Store) -> list[tuple[str, str, str]]:
    rows = store.conn.execute("SELECT story_id, kind, other FROM story_changes ORDER BY id")
    return [tuple(r) for r in rows]


def test_state_is_kept_and_new_articles_are_known(tmp_path):
    path = tmp_path / "s.db"
    with Store(path) as store:
        first = cluster(store, quake(QUAKE_A[:2], "a"))
        assert store.conn.execute("SELECT count(*) FROM cluster_fragments").fetchone()[0] >= 1
        assert state.load_documents(store).docs == 2
    stamp = store_time(path)
    with Store(path) as store:  # the next day's run, on a fresh connection
        later = cluster(store, [seen_later(article("a2", *QUAKE_A[2], T0 + timedelta(days=1)))])
        assert later["a2"] == first["a0"] == first["a1"]
        assert state.load_documents(store).docs == 3
        assert state.articles_since(store, stamp) == ["a2"]
        assert state.new_since(store, [first["a0"]], stamp) == {first["a0"]: 1}


def seen_later(item):
    """The same article, first seen by the store after everything already in it."""
    from dataclasses import replace

    return replace(item, first_seen=item.first_seen + timedelta(days=1))


def store_time(path):
    """A time between two runs: after everything the store holds was first seen."""
    with Store(path) as store:
        last = store.conn.execute("SELECT max(first_seen) FROM articles").fetchone()[0]
    from newsbrief.timeutil import parse_datetime

    stamp = parse_datetime(last)
    assert stamp is not None
    return stamp + timedelta(seconds=1)  # the store keeps whole seconds


def test_stories_that_turn_out_to_be_one_merge_and_keep_the_older_id(tmp_path, monkeypatch):
    path = tmp_path / "s.db"
    with Store(path) as store:
        with_params(monkeypatch, merge_full=50.0, join_margin=50.0)  # nothing joins
        early = cluster(store, quake(QUAKE_A[:2], "a"))
    assert early["a0"] != early["a1"]
    monkeypatch.undo()
    with Store(path) as store:
        now = cluster(store, [article("a2", *QUAKE_A[2], T0 + timedelta(hours=5))])
        kept = story_id_for("a0")
        assert store.story_of(["a0", "a1", "a2"]) == {"a0": kept, "a1": kept, "a2": kept}
        assert now["a2"] == kept
        merged = store.conn.execute(
            "SELECT merged_into FROM stories WHERE id = ?", (early["a1"],)
        ).fetchone()[0]
        assert merged == kept
        assert (early["a1"], "merge", kept) in changes(store)
        [story] = store.stories()
        assert story.id == kept and story.article_ids == ["a0", "a1", "a2"]


HEIST = [
    ("Robbers steal $100m of jewels in Paris", WIRE),
    ("Paris jewel heist: police hunt four men", "Police in Paris are hunting four men. " + WIRE),
    ("Harry Winston robbery among largest in France", WIRE + " Insurers are assessing the loss."),
]


def test_a_story_that_drifted_splits_and_its_bulk_keeps_the_id(tmp_path):
    path = tmp_path / "s.db"
    items = quake(QUAKE_A, "a") + quake(HEIST[:2], "b", hours=3)
    with Store(path) as store:
        early = cluster(store, items)
        drifted, heist = early["a0"], early["b0"]
        assert heist != drifted
        # As a store left by a run that wrongly put the heist reports in the quake story.
        with store.transaction() as tx:
            tx.execute(
                "UPDATE story_articles SET story_id = ? WHERE story_id = ?", (drifted, heist)
            )
            tx.execute(
                "UPDATE cluster_fragments SET story_id = ? WHERE story_id = ?", (drifted, heist)
            )
            tx.execute("DELETE FROM stories WHERE id = ?", (heist,))
    with Store(path) as store:
        cluster(store, [article("b2", *HEIST[2], T0 + timedelta(hours=6))])
        now = store.story_of([a.id for a in items] + ["b2"])
        assert {now["a0"], now["a1"], now["a2"]} == {drifted}  # the larger part keeps the id
        assert now["b0"] == now["b1"] == now["b2"] != drifted
        assert (now["b0"], "split", drifted) in changes(store)


def test_a_syndicated_copy_in_a_later_run_is_the_same_report(tmp_path):
    path = tmp_path / "s.db"
    with Store(path) as store:
        cluster(store, [article("w1", "Robbers steal $100m of jewels in Paris", WIRE, T0)])
    with Store(path) as store:
        copy = article(
            "w9", "Paris jewel heist nets robbers millions", WIRE + " More.", T0, "b.com"
        )
        stories = cluster(store, [copy])
        assert store.report_ids(["w9"]) == {"w9": "w1"}
        assert stories["w9"] == store.story_of(["w1"])["w1"]


def test_a_store_without_clustering_state_rebuilds_it_once(tmp_path):
    path = tmp_path / "s.db"
    with Store(path) as store:
        first = cluster(store, quake(QUAKE_A[:2], "a"))
        with store.transaction() as tx:  # as a store clustered before the state was kept
            for table in ("cluster_terms", "cluster_fragments", "article_signatures"):
                tx.execute(f"DELETE FROM {table}")
            tx.execute("UPDATE story_articles SET fragment = NULL")
    with Store(path) as store:
        later = cluster(store, [article("a2", *QUAKE_A[2], T0 + timedelta(hours=4))])
        assert later["a2"] == first["a0"]
        assert state.load_documents(store).docs == 3


def test_consolidation_names_merges_and_splits_deterministically():
    clusterer = StreamingClusterer()
    items = quake(QUAKE_A, "a") + quake(QUAKE_B, "b")
    for item in items:
        clusterer.observe(features(item))

    def fragment(item, story):
        group = clusterer.single(item, features(item)).copy("f" + item.id)
        clusterer.load_fragment(group, story)

    # Story "old" holds two A reports and one B report; "young" holds the rest of both.
    fragment(items[0], "old")
    fragment(items[1], "old")
    fragment(items[3], "old")
    for item in (items[2], items[4], items[5]):
        fragment(item, "young")
    change = clusterer.consolidate({"old", "young"})
    story = {f[1:]: s for f, s in clusterer.story_of.items()}
    assert story["a0"] == story["a1"] == story["a2"] == "old"
    assert story["b0"] == story["b1"] == story["b2"] == "young"
    assert change.merged == {} and change.split == {}


def test_cluster_command_reports_one_story_per_event(tmp_path):
    """The contract of `newsbrief cluster`: one line per input, in order, one story per event."""
    from conftest import run_process

    rows = []
    for n, (title, text) in enumerate(QUAKE_A + HEIST):
        day = T0 + timedelta(hours=5 * (n % 3))
        rows.append({"id": f"q{n}", "title": title, "text": text, "published": day.isoformat()})
    file = write_jsonl(tmp_path / "q.jsonl", rows)
    result = run_process("cluster", str(file), env={"NEWSBRIEF_SEMANTIC": "off"})
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == [r["id"] for r in rows]
    stories = [line["story"] for line in lines]
    assert len(set(stories[:3])) == 1 and len(set(stories[3:])) == 1
    assert stories[0] != stories[3]


def test_groups_sum_like_their_articles():
    clusterer = StreamingClusterer()
    items = quake(QUAKE_A, "a")
    singles = []
    for item in items:
        clusterer.observe(features(item))
    for item in items:
        singles.append(clusterer.single(item, features(item)))
    total = Group(id="g")
    for single in singles:
        total.absorb(single)
    dots = sum(
        sum(w * b.vector.get(t, 0.0) for t, w in a.vector.items()) for a in singles for b in singles
    )
    assert total.size == 3 and abs(total.norm2 - dots) < 1e-9
    assert total.first_article == "a0" and total.created == items[0].published
    cohesion = clusterer.cohesion(total)
    assert 0 < cohesion < 1


def test_a_developing_story_with_one_report_a_day_keeps_its_id(tmp_path):
    path = tmp_path / "s.db"
    ids = []
    for day, (title, text) in enumerate(QUAKE_A):
        with Store(path) as store:  # one run a day
            item = article(f"a{day}", title, text, T0 + timedelta(days=day, hours=2))
            ids.append(cluster(store, [item])[item.id])
    assert len(set(ids)) == 1
    with Store(path) as store:
        assert store.story_of(["a0", "a1", "a2"]) == dict.fromkeys(("a0", "a1", "a2"), ids[0])


def test_a_headline_only_story_with_a_report_every_twelve_hours_keeps_its_id(tmp_path):
    # Feeds that carry only titles: the follow-ups of a developing story share a few words
    # with it and come hours apart; a faster time decay (one that cuts stories per day) would
    # split this one.
    titles = [
        "GM recall of 1.6 million cars over faulty ignition switches",
        "GM hires law firm to probe ignition switch recall",
        "Congress to investigate GM ignition switch recall",
    ]
    path = tmp_path / "s.db"
    ids = []
    for n, title in enumerate(titles):
        with Store(path) as store:  # a run every twelve hours
            item = article(f"gm{n}", title, "", T0 + timedelta(hours=12 * n))
            ids.append(cluster(store, [item])[item.id])
    assert len(set(ids)) == 1


NOMINEE_A = [
    ("Obama picks Sanjay Gupta as surgeon general",
     "President Barack Obama has offered the post of surgeon general to Sanjay Gupta, the CNN "
     "medical correspondent and Atlanta neurosurgeon, officials said. Gupta, who works at Emory "
     "University hospital in Atlanta, has accepted, according to CNN."),
    ("CNN's Gupta offered surgeon general post",
     "Sanjay Gupta, CNN's chief medical correspondent, was offered the job of surgeon general "
     "by President Barack Obama, officials said. The Emory neurosurgeon in Atlanta is expected "
     "to accept the post, CNN said."),
    ("Gupta in line to be surgeon general",
     "Atlanta neurosurgeon Sanjay Gupta of CNN and Emory University is in line to become "
     "surgeon general after President Barack Obama offered him the post, officials said."),
]  # fmt: skip
NOMINEE_B = [
    ("Obama picks Regina Benjamin as surgeon general",
     "President Barack Obama has chosen Regina Benjamin, a family doctor from Bayou La Batre in "
     "Alabama, as surgeon general, officials said. Benjamin runs a rural clinic on the Gulf "
     "coast that was rebuilt after Hurricane Katrina."),
    ("Alabama doctor Benjamin named surgeon general",
     "Regina Benjamin, who founded a rural health clinic in Bayou La Batre, Alabama, was named "
     "surgeon general by President Barack Obama, officials said. Her clinic was rebuilt after "
     "Hurricane Katrina."),
    ("Benjamin to be surgeon general",
     "Family physician Regina Benjamin of Bayou La Batre, Alabama, will be surgeon general, "
     "President Barack Obama said, praising her rural clinic on the Gulf coast after Katrina."),
]  # fmt: skip


def test_look_alike_events_about_different_people_stay_apart(tmp_path):
    """Two surgeon-general nominations: the same words, different people and places."""
    items = quake(NOMINEE_A, "a") + quake(NOMINEE_B, "b", hours=1)
    with Store(tmp_path / "s.db") as store:
        stories = cluster(store, items)
    assert len({stories[f"a{n}"] for n in range(3)}) == 1
    assert len({stories[f"b{n}"] for n in range(3)}) == 1
    assert stories["a0"] != stories["b0"]


def test_groups_about_different_people_count_as_less_close():
    clusterer = StreamingClusterer()
    items = quake(NOMINEE_A + NOMINEE_A[:1], "a") + quake(NOMINEE_B, "b")
    for item in items:
        clusterer.observe(features(item))

    def group(members: list) -> Group:
        total = Group(id=members[0].id)
        for item in members:
            total.absorb(clusterer.single(item, features(item)))
        return total

    gupta, gupta_later, benjamin = group(items[:2]), group(items[2:4]), group(items[4:])
    assert clusterer._names_factor(gupta, gupta_later) == 1.0
    assert clusterer._names_factor(gupta, benjamin) < 0.5
    plain = StreamingClusterer(Params(names_cosine=0.0))
    plain.df, plain.docs = clusterer.df, clusterer.docs
    assert plain._names_factor(gupta, benjamin) == 1.0


MONDAY_CLOSE = [
    "Stocks slip on weak China export data",
    "Wall Street edges lower after China exports slump",
    "Dow falls as China trade data disappoints investors",
    "US stocks retreat from record on China worries",
    "Stocks lower as China exports plunge",
    "Wall Street slips on China data, Boeing drags",
    "S&P 500 retreats from record after China trade figures",
    "Stocks fall on discouraging news from China",
    "Dow slides as China exports drop sharply",
    "US stocks end lower on China export slump",
]
TUESDAY_CLOSE = [
    "Wall Street closes lower as China worries linger",
    "Stocks fall again on China growth fears",
    "Dow ends down as China concerns weigh on stocks",
    "US stocks close lower in choppy trading on China",
    "Stocks lower for second day on China worries",
    "Wall Street falls as China fears hit stocks",
    "S&P 500 closes lower as China weighs",
    "Dow drops on renewed China growth worries",
    "US stocks slide as China fears persist",
    "Stocks end lower as investors fret over China",
]


def burst(titles: list[str], prefix: str, start: datetime) -> list:
    """Headline-only reports of one event, a few minutes apart."""
    return [
        article(f"{prefix}{n}", title, "", start + timedelta(minutes=4 * n), source=f"s{n}.com")
        for n, title in enumerate(titles)
    ]


def test_a_burst_of_headlines_that_went_quiet_is_over_and_the_next_days_burst_is_new(tmp_path):
    # Each day's market close is its own event, reported by many outlets within the hour; the
    # words of the two days are nearly the same, only the silence between them tells them apart.
    monday = burst(MONDAY_CLOSE, "mon", T0 + timedelta(hours=20))
    tuesday = burst(TUESDAY_CLOSE, "tue", T0 + timedelta(days=1, hours=20))
    path = tmp_path / "s.db"
    with Store(path) as store:
        first = cluster(store, monday)
    with Store(path) as store:
        second = cluster(store, tuesday)
    assert len(set(first.values())) == 1 and len(set(second.values())) == 1
    assert set(first.values()) != set(second.values())
    # In one run, with the days interleaved by nothing but their times, the same holds.
    with Store(tmp_path / "one.db") as store:
        both = cluster(store, monday + tuesday)
    assert len({both[a.id] for a in monday}) == 1 and len({both[a.id] for a in tuesday}) == 1
    assert both[monday[0].id] != both[tuesday[0].id]


def test_the_pace_of_a_group_is_its_spread_shrunk_towards_the_default():
    clusterer = StreamingClusterer()
    hours = [0.0, 12.0, 24.0]
    slow = Group(id="slow", dated=3, hours=sum(hours), hours2=sum(h * h for h in hours))
    lone = Group(id="lone", dated=1, hours=5.0, hours2=25.0)
    quick = [5.0 + n / 100 for n in range(100)]  # a hundred reports within an hour
    fast = Group(id="fast", dated=100, hours=sum(quick), hours2=sum(h * h for h in quick))
    p = clusterer.params
    shrunk = (p.pace_prior / (1 + p.pace_prior)) ** 0.5  # one report: all prior
    assert clusterer.pace(lone) == pytest.approx(p.decay_hours * shrunk)
    assert clusterer.pace(slow) == p.decay_hours  # its spread is wider than the default
    assert clusterer.pace(fast) == p.pace_floor_hours
    assert clusterer.pace(Group(id="undated")) == p.decay_hours


def test_fragments_stored_before_their_times_were_kept_get_them_from_their_articles(tmp_path):
    path = tmp_path / "s.db"
    with Store(path) as store:
        cluster(store, quake(QUAKE_A, "a") + quake(QUAKE_B, "b", hours=30))
        rows = "SELECT id, hours, hours2 FROM cluster_fragments ORDER BY id"
        kept = [tuple(r) for r in store.conn.execute(rows)]
        assert kept and all(hours > 0 for _, hours, _ in kept)
        # The store as the previous release left it: no such columns, migration not applied.
        store.conn.execute("ALTER TABLE cluster_fragments DROP COLUMN hours")
        store.conn.execute("ALTER TABLE cluster_fragments DROP COLUMN hours2")
        store.conn.execute("DELETE FROM migrations WHERE name = '011_fragment_times'")
        store.conn.commit()
    with Store(path) as store:
        again = [tuple(r) for r in store.conn.execute(rows)]
    assert [r[0] for r in again] == [r[0] for r in kept]
    for (_, hours, hours2), (_, want, want2) in zip(again, kept, strict=True):
        assert hours == pytest.approx(want) and hours2 == pytest.approx(want2)


QESHM_UNDATED = [
    ("Qeshm island mourns ten killed in earthquake",
     "Villagers in Tourian and Ramkan on Qeshm island buried the ten people killed by the "
     "magnitude 6.1 earthquake, as Red Crescent teams from Bandar Abbas handed out tents, the "
     "Hormozgan governor said."),
    ("Hormozgan governor: Qeshm quake damage in Tourian and Ramkan",
     "The governor of Hormozgan province said the 6.1-magnitude earthquake on Qeshm island "
     "destroyed most houses in Tourian and Ramkan; rescue teams from Bandar Abbas are there."),
]  # fmt: skip


def test_undated_reports_join_their_story_whatever_newer_news_came_between(tmp_path, monkeypatch):
    # Steps of three articles: the dated Qeshm reports, then newer unrelated news, then the
    # undated Qeshm reports. Newer news must not push the old story out of reach.
    monkeypatch.setattr(pipeline, "STEP", 3)
    old = T0 - timedelta(days=400)
    dated = [article(f"q{i}", t, x, old + timedelta(hours=i)) for i, (t, x) in enumerate(QUAKE_A)]
    undated = [article(f"u{i}", t, x, None) for i, (t, x) in enumerate(QESHM_UNDATED)]
    between = [article(f"b{i}", t, x, T0 + timedelta(hours=i)) for i, (t, x) in enumerate(QUAKE_B)]
    between += [
        article(
            f"w{i}", f"Paris jewel robbery: report {i}", WIRE + f" Update {i}.", T0, f"o{i}.com"
        )
        for i in range(3)
    ]
    qeshm = [a.id for a in dated + undated]
    with Store(tmp_path / "alone.db") as store:
        alone = cluster(store, dated + undated)
    with Store(tmp_path / "mixed.db") as store:
        mixed = cluster(store, dated + between + undated)
    assert len({alone[a] for a in qeshm}) == 1
    assert len({mixed[a] for a in qeshm}) == 1
    assert not {mixed[a] for a in qeshm} & {mixed[a.id] for a in between}


def test_counts_kept_before_the_kinds_were_told_apart_are_counted_again(tmp_path):
    path = tmp_path / "s.db"
    headlines = [
        article(f"h{i}", f"Quake shakes Qeshm island, report {i}", "", T0) for i in range(3)
    ]
    with Store(path) as store:
        items = quake(QUAKE_A, "a") + headlines
        cluster(store, items)
        kept = state.load_documents(store)
        assert kept.short_docs == sum(map(is_short, items)) >= 3
        assert kept.docs == len(items)
        # As an earlier release left the store: one count for every kind.
        store.conn.execute("DELETE FROM cluster_terms WHERE term LIKE '^%'")
        store.save_blob(state.DOCUMENTS_KEY, {"docs": kept.docs})
        assert not state.load_documents(store).by_kind
    with Store(path) as store:
        later = article("a9", *QUAKE_A[0], T0 + timedelta(hours=5))
        cluster(store, [seen_later(later)])
        again = state.load_documents(store)
    assert again.by_kind
    assert again.docs == kept.docs + 1
    assert again.short_docs == kept.short_docs
    assert again.short_df == kept.short_df


@pytest.mark.parametrize("keep", [pipeline.KEEP_FEATURES, 2])
def test_a_run_works_out_each_articles_features_once_up_to_its_limit(tmp_path, monkeypatch, keep):
    """Counting a run's articles (before any is placed) and placing them use the same features:
    worked out once per article, and for the articles past ``KEEP_FEATURES`` once more when
    they are placed (the stories are the same either way)."""
    seen: list[str] = []

    def counted(item):
        seen.append(item.id)
        return features(item)

    monkeypatch.setattr(pipeline, "features", counted)
    monkeypatch.setattr(pipeline, "KEEP_FEATURES", keep)
    articles = quake(QUAKE_A, "a") + quake(QUAKE_B, "b", hours=30)
    with Store(tmp_path / "s.db") as store:
        stories = cluster(store, articles)
    ids = [a.id for a in articles]
    assert set(seen) == set(ids) and max(seen.count(i) for i in ids) <= 2
    assert len(seen) == len(ids) + max(0, len(ids) - keep)
    assert stories["a0"] != stories["b0"]
    assert len({stories[a.id] for a in articles[: len(QUAKE_A)]}) == 1
