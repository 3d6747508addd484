"""The clusterer's shortcuts give what the plain method gives: candidates summed in numpy and
checked against the window all at once, and scores and heavy terms kept between
consolidations. Each is compared with the plain method written out here."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import UTC, datetime, timedelta

import numpy as np

from newsbrief.models import Article
from newsbrief.stories.cluster import (
    CANDIDATE_TERMS,
    SHORTLIST,
    Group,
    StreamingClusterer,
    _headlines,
    _Scores,
    _top,
    features,
    gap_hours,
    is_short,
)

T0 = datetime(2024, 3, 4, 8, tzinfo=UTC)
WORDS = [f"{c}{v}{c}{v}k" for c in "bdfgklmnprstvz" for v in "aeiou"][:60]


def _articles(rng: random.Random, count: int, start: int = 0) -> list[Article]:
    """Articles of a few words each from a small vocabulary (so many candidates share terms,
    and many tie), some headline-only, some undated, spread over ten days."""
    out = []
    for n in range(start, start + count):
        title = " ".join(rng.choice(WORDS) for _ in range(5)).capitalize()
        body = " ".join(rng.choice(WORDS) for _ in range(rng.choice([5, 40, 60])))
        hours = rng.uniform(0, 240)
        when = None if rng.random() < 0.15 else T0 + timedelta(hours=hours)
        out.append(
            Article(
                id=f"a{n:04}",
                title=title,
                text=body,
                source="x",
                published=when,
                first_seen=T0 + timedelta(hours=hours),
                language="en",
            )
        )
    return out


def _clusterer(rng: random.Random) -> StreamingClusterer:
    clusterer = StreamingClusterer()
    for article in _articles(rng, 300):
        clusterer.add(article)
    # Forgotten fragments give their slots to new ones.
    clusterer.forget_before(T0 + timedelta(hours=60))
    for article in _articles(rng, 200, start=300):
        clusterer.add(article)
    return clusterer


def _plain_shortlist(
    clusterer: StreamingClusterer, vector: dict[str, float], terms: list[str], near: Group
) -> set[str]:
    """The shortlist as first written: weights summed fragment by fragment, candidates ranked
    by (score descending, id), the first SHORTLIST within the window taken."""
    shared: dict[str, float] = defaultdict(float)
    short = _headlines(near)
    for term in terms:
        weight = vector[term] * clusterer.idf(term, short)
        for fid, fragment in clusterer.fragments.items():
            if term in fragment.vector:
                shared[fid] += weight
    shared.pop(near.id, None)
    window = clusterer.params.window.total_seconds() / 3600
    out: set[str] = set()
    for fid in sorted(shared, key=lambda f: (-shared[f], f)):
        gap = gap_hours(near, clusterer.fragments[fid])
        if gap is None or gap <= window:
            out.add(fid)
            if len(out) >= SHORTLIST:
                break
    return out


def test_the_shortlist_is_the_plain_one_for_fragments_and_new_articles():
    rng = random.Random(11)
    clusterer = _clusterer(rng)
    assert len(clusterer.fragments) > 3 * SHORTLIST  # the cut is reached
    for fragment in clusterer.fragments.values():
        heavy = clusterer._heavy(fragment)
        expected = _plain_shortlist(clusterer, fragment.vector, heavy, fragment)
        assert clusterer._neighbours(fragment) == expected
    for article in _articles(rng, 60, start=1000):
        raw = features(article)
        single = clusterer.single(article, raw)
        short = _headlines(single)
        known = [t for t in single.vector if t in clusterer.index]
        rare = sorted(known, key=lambda t: (-clusterer.idf(t, short), t))[:CANDIDATE_TERMS]
        expected = _plain_shortlist(clusterer, single.vector, rare, single)
        assert clusterer._shortlist(single.vector, rare, single) == expected


def test_the_best_ids_are_the_first_of_the_ranking_ties_by_id():
    rng = random.Random(7)
    ids = [f"f{n:03}" for n in range(300)]
    scores = np.array([float(rng.randint(0, 30)) for _ in ids])  # many ties
    slots = np.arange(len(ids))
    ranking = sorted(range(len(ids)), key=lambda n: (-scores[n], ids[n]))
    for n in (1, 40, 80, 299, 300, 500):
        assert _top(ids, slots, scores, n) == {ids[k] for k in ranking[:n]}
    assert _top(ids, slots[:0], scores[:0], 5) == set()


def test_scores_kept_between_consolidations_are_those_of_unchanged_fragments(monkeypatch):
    rng = random.Random(3)
    clusterer = _clusterer(rng)
    fids = sorted(clusterer.fragments)
    first = clusterer._agglomerate(fids)
    scored: list[tuple[str, str]] = []
    plain = clusterer.affinity

    def counting(a: Group, b: Group) -> float:
        scored.append((a.id, b.id))
        return plain(a, b)

    monkeypatch.setattr(clusterer, "affinity", counting)
    assert clusterer._agglomerate(fids) == first
    # Nothing changed: the same groups form in the same order, and nothing is scored again.
    assert scored == []
    # A fragment takes an article: its pairs are scored again, and the grouping is what a
    # clusterer keeping nothing finds.
    changed = fids[0]
    article = _articles(rng, 1, start=2000)[0]
    single = clusterer.single(article, features(article))
    clusterer.fragments[changed].absorb(single)
    scored.clear()
    kept = clusterer._agglomerate(fids)
    near = clusterer._neighbours(clusterer.fragments[changed])
    assert near and all((min(changed, o), max(changed, o)) in scored for o in near)
    assert scored  # and the groups it joins
    clusterer._scores = _Scores()  # keeping nothing
    assert kept == clusterer._agglomerate(fids)


def test_heavy_terms_follow_the_fragment_and_the_counts():
    rng = random.Random(5)
    clusterer = _clusterer(rng)
    fragment = next(iter(clusterer.fragments.values()))
    before = clusterer._heavy(fragment)
    assert clusterer._heavy(fragment) is before  # kept
    for article in _articles(rng, 50, start=3000):
        clusterer.observe(features(article), is_short(article))  # new counts: worked out again
    again = clusterer._heavy(fragment)
    assert again is not before
    copy = fragment.copy()  # not the fragment in memory: never kept
    assert clusterer._heavy(copy) == again and clusterer._heavy(copy) is not again
