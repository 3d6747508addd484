"""Article body extraction quality on the open article-extraction benchmark.

The metric follows the benchmark's definition: the bodies are split into word tokens, compared
as multisets of 4-token shingles (true/false positives and false negatives, normalised per page
so long pages do not weigh more), and precision and recall are averaged over pages.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
import time
from collections import Counter
from pathlib import Path
from typing import Any

from newsbrief.ingest.extract import extract_html

_TOKEN = re.compile(r"\w+", re.UNICODE)
SHINGLE = 4


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    count = max(1, len(tokens) - SHINGLE + 1)
    return Counter(tuple(tokens[i : i + SHINGLE]) for i in range(count) if tokens[i : i + SHINGLE])


def match(true: str, predicted: str) -> tuple[float, float, float]:
    """Normalised (tp, fp, fn) of one page."""
    gold, pred = _shingles(true), _shingles(predicted)
    tp = float(sum((gold & pred).values()))
    fp = float(sum((pred - gold).values()))
    fn = float(sum((gold - pred).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp else 0.0


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn else 0.0


def scores(pages: list[tuple[float, float, float]]) -> dict[str, float]:
    precision = statistics.mean(_precision(*p) for p in pages if p[0] + p[1] > 0)
    recall = statistics.mean(_recall(*p) for p in pages if p[0] + p[2] > 0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def evaluate_extraction(folder: Path) -> dict[str, Any]:
    truth_file = folder / "ground-truth.json"
    if not truth_file.is_file():
        raise ValueError(f"{folder}: no ground-truth.json (expected the benchmark's layout)")
    truth: dict[str, dict[str, str]] = json.loads(truth_file.read_text(encoding="utf-8"))
    pages: list[tuple[float, float, float]] = []
    elapsed = 0.0
    for key, item in truth.items():
        path = folder / "html" / f"{key}.html.gz"
        if not path.is_file():
            raise ValueError(f"{path}: missing page")
        html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        start = time.perf_counter()
        extracted = extract_html(html, url=item.get("url"))
        elapsed += time.perf_counter() - start
        pages.append(match(item.get("articleBody", ""), extracted.text if extracted else ""))
    result: dict[str, Any] = {"pages": len(pages), **scores(pages)}
    result["pages_per_second"] = len(pages) / elapsed if elapsed else 0.0
    result["text"] = (
        f"{folder}: {len(pages)} pages  precision={result['precision']:.3f}  "
        f"recall={result['recall']:.3f}  F1={result['f1']:.3f}  "
        f"{result['pages_per_second']:.1f} pages/s (one core)"
    )
    return result
