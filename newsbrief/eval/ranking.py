"""Ranking evaluation: do profiles see the stories their interests describe?

Profiles (bundled in ``newsbrief/data/ranking-profiles.json``) describe some labelled stories of
a dev file in the reader's words. The file is imported and clustered, each profile's briefing is
built by the normal code path, and nDCG@10 of its stories is measured: a story gains 1 when the
gold story most of its articles belong to is one the profile should see (counted once: a second
story for the same event gains nothing), discounted by rank.
"""

from __future__ import annotations

import json
import math
import statistics
from collections import Counter
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from newsbrief.briefing.assemble import build_briefing
from newsbrief.ingest.files import import_paths
from newsbrief.models import Profile
from newsbrief.store import Store, articles, scratch_store
from newsbrief.stories.pipeline import process

K = 10
ALL_TIME = datetime(1900, 1, 1, tzinfo=UTC)


def default_profiles() -> Path:
    return Path(str(resources.files("newsbrief") / "data" / "ranking-profiles.json"))


def ndcg(gains: list[float], ideal_count: int, k: int = K) -> float:
    dcg = sum(g / math.log2(i + 2) for i, g in enumerate(gains[:k]))
    ideal = sum(1 / math.log2(i + 2) for i in range(min(k, ideal_count)))
    return dcg / ideal if ideal else 0.0


def evaluate_ranking(
    file: Path, profiles_file: Path | None = None, home: Path | None = None
) -> dict[str, Any]:
    specs = json.loads((profiles_file or default_profiles()).read_text(encoding="utf-8"))
    with scratch_store(home) as store:
        result = import_paths(store, [str(file)])
        if not result.added:
            raise ValueError(f"{file}: no articles imported")
        process(store, embedder=False)
        labels = articles.labels(store)
        rows: list[dict[str, Any]] = []
        for spec in specs:
            relevant = set(spec["relevant"])
            profile = Profile(
                name=spec["name"],
                role=spec.get("role", ""),
                industry=spec.get("industry", ""),
                interests=spec.get("interests", ""),
                follow=spec.get("follow", []),
            )
            personal = _score(store, profile, labels, relevant)
            baseline = _score(store, Profile(name="baseline"), labels, relevant)
            rows.append(
                {"profile": spec["name"], "ndcg_at_10": personal, "unpersonalised": baseline}
            )
    mean = statistics.mean(r["ndcg_at_10"] for r in rows)
    base = statistics.mean(r["unpersonalised"] for r in rows)
    lines = [
        f"{r['profile']:<18} nDCG@10 {r['ndcg_at_10']:.3f}  (no profile: {r['unpersonalised']:.3f})"
        for r in rows
    ]
    lines.append(f"{'mean':<18} nDCG@10 {mean:.3f}  (no profile: {base:.3f})")
    return {"profiles": rows, "ndcg_at_10": mean, "unpersonalised": base, "text": "\n".join(lines)}


def _score(store: Store, profile: Profile, labels: dict[str, str], relevant: set[str]) -> float:
    briefing = build_briefing(store, profile, since=ALL_TIME, limit=K, record=False)
    gains: list[float] = []
    seen: set[str] = set()
    for story in briefing.stories:
        votes = Counter(labels.get(s.id) for s in story.sources)
        label = votes.most_common(1)[0][0] if votes else None
        gains.append(1.0 if label in relevant and label not in seen else 0.0)
        if label:
            seen.add(label)
    return ndcg(gains, len(relevant))
