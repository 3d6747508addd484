"""Evaluation metrics."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass
class BCubed:
    precision: float
    recall: float
    f1: float


def bcubed(gold: Sequence[str], predicted: Sequence[str]) -> BCubed:
    """B-cubed precision, recall and F1 (Bagga & Baldwin 1998) of a clustering."""
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted labels differ in length")
    if not gold:
        return BCubed(0.0, 0.0, 0.0)
    pair = Counter(zip(gold, predicted, strict=True))
    gold_size = Counter(gold)
    pred_size = Counter(predicted)
    precision = sum(n * n / pred_size[p] for (_, p), n in pair.items()) / len(gold)
    recall = sum(n * n / gold_size[g] for (g, _), n in pair.items()) / len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return BCubed(precision, recall, f1)


def groups(labels: Sequence[str]) -> dict[str, list[int]]:
    out: dict[str, list[int]] = defaultdict(list)
    for i, label in enumerate(labels):
        out[label].append(i)
    return out
