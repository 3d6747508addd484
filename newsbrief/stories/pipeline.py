"""Runs dedupe and clustering over the articles of a store that are in no story yet.

The clustering state (term counts, the fragments of recently active stories, signatures of
recent articles) is kept in the store, so a run loads only what the last few days need and a
developing story keeps its id across runs. Articles are taken in steps of ``STEP`` in order of
publication; each step is clustered, consolidated and written in one transaction.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from newsbrief import config
from newsbrief.models import Article
from newsbrief.progress import Progress
from newsbrief.store import Store
from newsbrief.stories.cluster import (
    Embedder,
    Group,
    Params,
    StreamingClusterer,
    embedding_text,
    features,
    is_short,
    load_embedder,
)
from newsbrief.timeutil import now

if TYPE_CHECKING:
    from newsbrief.store.clustering import Documents
    from newsbrief.stories.dedupe import Deduper

log = logging.getLogger(__name__)

STEP = 1000  # articles clustered and consolidated per transaction
STAGE = "clustering articles"  # what progress reports call this work
EMBED_BATCH = 256
# The features of a run's first articles are kept from counting them (before any is placed) to
# placing them, so they are worked out once: about 9 KB each, so at most 45 MB. A larger run
# works out the rest again when it places them rather than hold them all.
KEEP_FEATURES = 5 * STEP


@dataclass
class ProcessResult:
    articles: int = 0
    new_stories: int = 0
    stories_touched: int = 0
    merged: int = 0
    split: int = 0


def process(
    store: Store,
    window_hours: float | None = None,
    embedder: Embedder | bool | None = None,
    progress: Progress | None = None,
) -> ProcessResult:
    """Fold new articles into reports and stories; stories keep their ids across runs.

    ``embedder``: None follows the ``semantic`` setting, False turns embeddings off, True
    requires them. One process clusters at a time (others wait): two would both take the
    same new articles. ``progress`` hears of every article clustered.
    """
    with store.exclusive("clustering"):
        return _process(store, window_hours, embedder, progress)


def _process(
    store: Store,
    window_hours: float | None,
    embedder: Embedder | bool | None,
    progress: Progress | None,
) -> ProcessResult:
    result = ProcessResult()
    queue = store.unclustered_ids()
    if not queue:
        return result
    # Loaded only with something to cluster: duplicate detection and the clustering state
    # bring numpy, MinHash and text repair, which a command on a settled store never needs.
    from newsbrief.store import clustering as state
    from newsbrief.stories.dedupe import Deduper

    pending = store.get_articles(queue[:STEP])
    settings = config.load(store.home)
    window = timedelta(hours=window_hours or settings.story_window_hours)
    chosen = _embedder(embedder, settings.semantic)
    clusterer = StreamingClusterer(
        Params(window=window), chosen, exists=lambda sid: state.story_exists(store, sid)
    )
    deduper = Deduper(
        known_hash=lambda h: state.report_by_hash(store, h),
        known_url=lambda u: state.report_by_url(store, u),
        known_text=lambda aid: next((a.text for a in store.get_articles([aid])), None),
    )
    since = min(a.when or now() for a in pending) - window
    _restore(store, clusterer, deduper, since)
    # Every queued article is in the store already: all their words count in the IDF from the
    # start, so an article is weighed the same whichever step of the run it falls in (and the
    # same whether the run takes it alone or among thousands of others).
    saved = (clusterer.docs, clusterer.short_docs)
    kept: dict[str, dict[str, float]] = {}  # article id -> features, for _step
    for start in range(0, len(queue), STEP):
        batch = pending if start == 0 else store.get_articles(queue[start : start + STEP])
        for article in batch:
            raw = features(article)
            clusterer.observe(raw, is_short(article))
            if len(kept) < KEEP_FEATURES:
                kept[article.id] = raw
    known = set(clusterer.story_of.values())
    touched_all: set[str] = set()
    undated = store.unclustered_undated_ids()
    placed: set[str] = set()  # fragments that took an article in this run
    short_done = 0  # headline-only articles placed so far
    for start in range(0, len(queue), STEP):
        pending = pending if start == 0 else store.get_articles(queue[start : start + STEP])
        counter = _counter(progress, start, len(queue))
        touched_all |= _step(
            store,
            clusterer,
            deduper,
            pending,
            result,
            placed,
            (saved[0] + result.articles, saved[1] + short_done),
            kept,
            counter,
        )
        short_done += sum(1 for a in pending if is_short(a))
        undated.difference_update(a.id for a in pending)
        latest = max(a.when or now() for a in pending)
        # An undated report joins a story by its words alone, whenever that story happened:
        # while undated reports are still to come, the fragments of this run stay in reach
        # (dropping them by publication time split a 2008 story's dated reports from its
        # undated ones whenever newer news came between them).
        clusterer.forget_before(latest - 2 * window, keep=placed if undated else set())
    state.forget_before(store, _quiet_before(clusterer))
    result.new_stories = len(
        {sid for sid in touched_all if sid not in known and state.story_exists(store, sid)}
    )
    result.stories_touched = len(touched_all)
    log.info(
        "clustered %d articles: %d new stories, %d merged, %d split",
        result.articles,
        result.new_stories,
        result.merged,
        result.split,
    )
    return result


def _counter(progress: Progress | None, done: int, total: int) -> Callable[[int], None] | None:
    """Tells ``progress`` of the articles placed, counting from ``done`` of ``total``."""
    if progress is None:
        return None
    report = progress
    return lambda n: report(STAGE, done + n, total)


def _quiet_before(clusterer: StreamingClusterer) -> datetime:
    """Two windows before the latest activity: older fragments can take no article."""
    seen = [f.seen for f in clusterer.fragments.values() if f.seen is not None]
    latest = max(seen) if seen else now()
    return latest - 2 * clusterer.params.window


def _embedder(choice: Embedder | bool | None, setting: str) -> Embedder | None:
    if choice is None:
        return load_embedder(setting)
    if choice is True:
        return load_embedder("on")
    if choice is False:
        return None
    return choice


def _step(
    store: Store,
    clusterer: StreamingClusterer,
    deduper: Deduper,
    articles: list[Article],
    result: ProcessResult,
    placed_in: set[str],
    before: tuple[int, int],
    kept: dict[str, dict[str, float]],
    placed_so_far: Callable[[int], None] | None = None,
) -> set[str]:
    """Cluster, consolidate and write one step of articles; returns the stories touched.

    ``placed_in`` gathers the fragments that took an article; ``before``: the document
    counts (all, headline-only) in the store before this step (the clusterer counts the whole
    run already); ``kept``: features worked out when the run counted its articles (taken out
    as they are used; the others are worked out here);
    ``placed_so_far`` hears how many of the step's articles are placed, batch by batch.
    """
    from newsbrief.store import clustering as state

    raws = [_features(a, kept) for a in articles]
    df: Counter[str] = Counter()  # already counted in the clusterer (see _process)
    short_df: Counter[str] = Counter()
    for article, raw in zip(articles, raws, strict=True):
        df.update(raw.keys())
        if is_short(article):
            short_df.update(raw.keys())
    placed: list[tuple[Article, str, str]] = []  # article, fragment, report
    touched: set[str] = set()
    for start in range(0, len(articles), EMBED_BATCH):
        batch = articles[start : start + EMBED_BATCH]
        vectors = _embed(clusterer, batch)
        chunk = raws[start : start + EMBED_BATCH]
        for article, vector in zip(batch, vectors, strict=True):
            # The batch's embeddings count in their languages' centres before any is placed.
            clusterer.observe_article_embedding(article, vector)
        for article, raw, vector in zip(batch, chunk, vectors, strict=True):
            report = deduper.add(article)
            fragment = clusterer.add(article, raw=raw, embedding=vector, counted=True)
            placed.append((article, fragment, report))
            touched.add(clusterer.story_of[fragment])
        if placed_so_far is not None:
            placed_so_far(len(placed))
    placed_in.update(fid for _, fid, _ in placed)
    change = clusterer.consolidate(touched)
    step = state.Checkpoint(
        df=dict(df),
        short_df=dict(short_df),
        docs=before[0] + len(placed),
        short_docs=before[1] + sum(1 for a in articles if is_short(a)),
    )
    fragments = {fid for _, fid, _ in placed} | set(change.story_of)
    step.fragments = [(clusterer.fragments[f], clusterer.story_of[f]) for f in fragments]
    # A fragment that took a new article may also have changed story: its earlier articles
    # move with it (the new ones are written with their final story anyway).
    step.moved = dict(change.story_of)
    step.assignments = [(a.id, clusterer.story_of[fid], fid, report) for a, fid, report in placed]
    stories = {clusterer.story_of[f] for f in fragments}
    step.stories = _story_times(clusterer, stories)
    step.merged = {g: k for g, k in change.merged.items() if state.story_exists(store, g)}
    step.split = {new: old for new, old in change.split.items() if state.story_exists(store, old)}
    step.signatures = [
        (a.id, a.when or now(), deduper.signatures[a.id])
        for a, _, _ in placed
        if a.id in deduper.signatures
    ]
    state.save(store, step)
    result.articles += len(placed)
    result.merged += len(step.merged)
    result.split += len(step.split)
    return stories


def _features(article: Article, kept: dict[str, dict[str, float]]) -> dict[str, float]:
    raw = kept.pop(article.id, None)
    return features(article) if raw is None else raw


def _story_times(
    clusterer: StreamingClusterer, stories: set[str]
) -> dict[str, tuple[datetime | None, datetime | None]]:
    """(created, updated) of each story from the fragments in memory."""
    out: dict[str, tuple[datetime | None, datetime | None]] = {}
    for fid, sid in clusterer.story_of.items():
        if sid not in stories or fid not in clusterer.fragments:
            continue
        frag = clusterer.fragments[fid]
        created, updated = out.get(sid, (None, None))
        if frag.created is not None and (created is None or frag.created < created):
            created = frag.created
        if frag.seen is not None and (updated is None or frag.seen > updated):
            updated = frag.seen
        out[sid] = (created, updated)
    return out


def _embed(clusterer: StreamingClusterer, batch: list[Article]) -> list[list[float] | None]:
    """Embeddings of the articles the clusterer's embedder embeds, in one batch; else None."""
    wanted = [a for a in batch if clusterer.wants_embedding(a)]
    if clusterer.embedder is None or not wanted:
        return [None] * len(batch)
    vectors = iter(clusterer.embedder.embed([embedding_text(a) for a in wanted]))
    return [next(vectors) if clusterer.wants_embedding(a) else None for a in batch]


def _restore(
    store: Store, clusterer: StreamingClusterer, deduper: Deduper, since: datetime
) -> None:
    """Continue from the state kept in the store (rebuilt once for a store without one)."""
    from newsbrief.store import clustering as state

    if state.needs_rebuild(store):
        _rebuild(store, clusterer, since)
    documents = state.load_documents(store)
    if not documents.by_kind:
        documents = _recount(store)
    clusterer.docs, clusterer.df = documents.docs, defaultdict(int, documents.df)
    clusterer.short_docs = documents.short_docs
    clusterer.short_df = defaultdict(int, documents.short_df)
    for group, story in state.load_fragments(store, since):
        clusterer.load_fragment(group, story)
    for article_id, report, signature in state.load_signatures(store, since):
        deduper.load(article_id, report, signature)


def _rebuild(store: Store, clusterer: StreamingClusterer, since: datetime) -> None:
    """State for a store whose stories were formed before it was kept: one fragment per story.

    Term counts come from every clustered article; each story active since ``since`` becomes
    one fragment, so new articles can still join it.
    """
    from newsbrief.store import clustering as state

    log.info("building the clustering state from the stories in the store")
    counted = _count(store)
    clusterer.docs, clusterer.df = counted.docs, defaultdict(int, counted.df)
    clusterer.short_docs = counted.short_docs
    clusterer.short_df = defaultdict(int, counted.short_df)
    step = state.Checkpoint(
        df=counted.df, short_df=counted.short_df, docs=counted.docs, short_docs=counted.short_docs
    )
    for story in store.stories(active_since=since):
        group: Group | None = None
        for article in store.get_articles(story.article_ids):
            single = clusterer.single(article, features(article))
            if group is None:
                group = single.copy("f" + story.id[1:])
            else:
                group.absorb(single)
        if group is not None:
            step.fragments.append((group, story.id))
    state.set_fragments(store, step.fragments)
    state.save(store, step)


def _count(store: Store) -> Documents:
    """Document counts and frequencies of every clustered article, by kind."""
    from newsbrief.store import clustering as state

    df: Counter[str] = Counter()
    short_df: Counter[str] = Counter()
    docs = short_docs = 0
    ids = state.clustered_article_ids(store)
    for start in range(0, len(ids), 500):
        for article in store.get_articles(ids[start : start + 500]):
            terms = features(article).keys()
            df.update(terms)
            docs += 1
            if is_short(article):
                short_df.update(terms)
                short_docs += 1
    return state.Documents(docs, dict(df), short_docs, dict(short_df))


def _recount(store: Store) -> Documents:
    """Counts kept before headline-only items were counted apart: counted again, by kind."""
    from newsbrief.store import clustering as state

    log.info("counting the clustering terms of headline-only items apart")
    documents = _count(store)
    state.replace_documents(store, documents)
    return documents
