"""Pair similarity against human ratings: Pearson with -overall (SemEval-2022 Task 8 style)."""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from typing import Any

from newsbrief.stories.cluster import Embedder
from newsbrief.stories.similarity import Pair, similarities


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Pearson correlation; 0 when either side does not vary."""
    n = len(xs)
    if n < 2:
        return 0.0
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx <= 0 or syy <= 0:
        return 0.0
    return sxy / math.sqrt(sxx * syy)


def held_out(pair: Pair) -> bool:
    """The quarter of the pairs kept out of every choice of the method's constants: those whose
    id hashes to 0 mod 4 (a fixed split, whatever the order or size of the file)."""
    return int(hashlib.sha1(pair.id.encode("utf-8")).hexdigest(), 16) % 4 == 0


def evaluate_similarity(pairs: Sequence[Pair], embedder: Embedder | None = None) -> dict[str, Any]:
    """Pearson of the similarity with ``-overall`` (1 = same event ... 4 = unrelated): over all
    rated pairs, same-language and cross-language pairs, and per language pairing; and the
    same three over the held-out quarter and the rest (``held_out``, ``tuning``)."""
    rated = [p for p in pairs if isinstance(p.record.get("overall"), int | float)]
    if not rated:
        raise ValueError("no pair has an 'overall' rating")
    scores = similarities(rated, embedder)
    gold = [-float(p.record["overall"]) for p in rated]

    def pairing(p: Pair) -> str:
        return f"{p.record.get('lang_a') or '?'}-{p.record.get('lang_b') or '?'}"

    def figure(keep: list[int]) -> dict[str, Any]:
        return {
            "pairs": len(keep),
            "pearson": round(pearson([scores[i] for i in keep], [gold[i] for i in keep]), 4),
        }

    everything = list(range(len(rated)))
    same = [i for i in everything if _same_language(pairing(rated[i]))]
    cross = [i for i in everything if not _same_language(pairing(rated[i]))]
    by_pairing: dict[str, list[int]] = {}
    for i in everything:
        by_pairing.setdefault(pairing(rated[i]), []).append(i)
    report: dict[str, Any] = {
        "overall": figure(everything),
        "same_language": figure(same),
        "cross_language": figure(cross),
        "by_pairing": {k: figure(v) for k, v in sorted(by_pairing.items())},
        "semantic": embedder is not None,
    }
    same_set = set(same)
    for part, keep in (("held_out", True), ("tuning", False)):
        inside = [i for i in everything if held_out(rated[i]) == keep]
        report[part] = {
            "overall": figure(inside),
            "same_language": figure([i for i in inside if i in same_set]),
            "cross_language": figure([i for i in inside if i not in same_set]),
        }
    model = " (with sentence embeddings)" if embedder is not None else ""
    lines = [
        f"Pearson with -overall{model}: {report['overall']['pearson']:.3f} ({len(rated)} pairs)"
    ]
    for name in ("same_language", "cross_language"):
        row = report[name]
        lines.append(f"  {name.replace('_', '-'):<14} {row['pearson']:.3f} ({row['pairs']} pairs)")
    for name, row in report["by_pairing"].items():
        lines.append(f"  {name:<14} {row['pearson']:.3f} ({row['pairs']} pairs)")
    for part in ("held_out", "tuning"):
        row = report[part]
        figures = ", ".join(
            f"{name.replace('_', '-')} {row[name]['pearson']:.3f}"
            for name in ("overall", "same_language", "cross_language")
        )
        lines.append(f"{part.replace('_', '-')} ({row['overall']['pairs']} pairs): {figures}")
    report["text"] = "\n".join(lines)
    return report


def _same_language(pairing: str) -> bool:
    a, _, b = pairing.partition("-")
    return a == b
