"""How likely two reports are of one event, as the story clusterer sees them.

A diagnostic for "why are these two one story, or not": each pair is scored with the
clusterer's own features and decision (:meth:`StreamingClusterer.affinity` of the two articles
as groups of one), with the document frequencies learned from every article of the file, as
the clusterer learns them from everything it has seen. The affinity (>= 1: one story) is put on
0..1 as ``affinity / (1 + affinity)``, so 0.5 is the clusterer's bar.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsbrief.models import Article
from newsbrief.stories.cluster import (
    Embedder,
    StreamingClusterer,
    embedding_text,
    features,
    is_short,
    model_judges,
)
from newsbrief.timeutil import now

log = logging.getLogger(__name__)

EMBED_BATCH = 64


@dataclass
class Pair:
    """One line of a pairs file: two articles, and anything else the line carried."""

    id: str
    a: Article
    b: Article
    record: dict[str, Any]


@dataclass
class BadLine:
    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


def read_pairs(file: Path) -> Iterator[Pair | BadLine]:
    """The pairs of a JSONL file, or one BadLine for each line that cannot be used."""
    from newsbrief.ingest.files import article_from_record

    seen_at = now()
    with file.open(encoding="utf-8", errors="replace") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            where = f"{file}:{number}"
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                yield BadLine(where, f"invalid JSON ({exc.msg} at column {exc.colno})")
                continue
            if not isinstance(obj, dict):
                yield BadLine(where, "expected a JSON object")
                continue
            pair_id = obj.get("id")
            if not isinstance(pair_id, str | int) or isinstance(pair_id, bool):
                yield BadLine(where, "field 'id' must be a string or a whole number")
                continue
            sides: list[Article] = []
            for side in ("a", "b"):
                value = obj.get(side)
                if not isinstance(value, dict):
                    yield BadLine(where, f"field {side!r} must be an article object")
                    break
                try:
                    sides.append(article_from_record({**value, "id": f"{pair_id}/{side}"}, seen_at))
                except ValueError as exc:
                    yield BadLine(where, f"article {side!r}: {exc}")
                    break
            else:
                yield Pair(str(pair_id), sides[0], sides[1], obj)


def similarities(pairs: Sequence[Pair], embedder: Embedder | None = None) -> list[float]:
    """The similarity (0..1) of each pair, with document frequencies from all their articles;
    with ``embedder``, the articles it embeds are embedded (as clustering embeds them)."""
    clusterer = StreamingClusterer(embedder=embedder)
    raw = [(features(p.a), features(p.b)) for p in pairs]
    for pair, (fa, fb) in zip(pairs, raw, strict=True):
        clusterer.observe(fa, is_short(pair.a))
        clusterer.observe(fb, is_short(pair.b))
    groups = [
        (clusterer.single(p.a, fa), clusterer.single(p.b, fb))
        for p, (fa, fb) in zip(pairs, raw, strict=True)
    ]
    # Only the pairs an embedding can change are embedded: a multilingual model judges no
    # pair of English full texts.
    wanted = [
        article
        for pair, (a, b) in zip(pairs, groups, strict=True)
        if embedder is not None and (model_judges(a, b) or not embedder.multilingual)
        for article in (pair.a, pair.b)
    ]
    vectors = _embeddings(clusterer, wanted)
    if embedder is not None and embedder.multilingual:
        # Every article embedded counts in its language's centre before the first is compared,
        # as every article counts in the document frequencies.
        for pair_groups in groups:
            for group in pair_groups:
                if group.id in vectors:
                    clusterer.observe_embedding(group.languages, vectors[group.id], 1)
    out = []
    for a, b in groups:
        a.embedding, b.embedding = vectors.get(a.id), vectors.get(b.id)
        affinity = clusterer.affinity(a, b)
        out.append(affinity / (1.0 + affinity))
    return out


def _embeddings(clusterer: StreamingClusterer, articles: list[Article]) -> dict[str, list[float]]:
    wanted = [a for a in articles if clusterer.wants_embedding(a)]
    if clusterer.embedder is None or not wanted:
        return {}
    out: dict[str, list[float]] = {}
    for start in range(0, len(wanted), EMBED_BATCH):
        batch = wanted[start : start + EMBED_BATCH]
        vectors = clusterer.embedder.embed([embedding_text(a) for a in batch])
        out.update(zip([a.id for a in batch], vectors, strict=True))
    return out


def pairs_of(file: Path) -> list[Pair]:
    """The usable pairs of a file; each bad line is logged on one line and skipped."""
    pairs: list[Pair] = []
    for item in read_pairs(file):
        if isinstance(item, BadLine):
            log.warning("%s", item)
        else:
            pairs.append(item)
    return pairs
