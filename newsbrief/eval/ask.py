"""Evaluation of `newsbrief ask`: retrieval of supporting articles and declining what the
archive cannot answer, on a question set with gold stories."""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from importlib import resources
from pathlib import Path
from typing import Any

from newsbrief.ask import ask
from newsbrief.ingest.files import import_paths
from newsbrief.pipeline import process
from newsbrief.store import Store

QUESTIONS = "ask-questions.jsonl"
K = 5


def default_questions() -> Path:
    return Path(str(resources.files("newsbrief") / "data" / QUESTIONS))


def load_questions(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def evaluate_ask(archive: list[str], questions: Path | None = None) -> dict[str, Any]:
    """Import the archive into a fresh store, ask every question, measure."""
    items = load_questions(questions or default_questions())
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "eval.db") as store:
        imported = import_paths(store, archive)
        if imported.failed or not imported.added:
            raise ValueError("; ".join(str(f) for f in imported.failed) or "empty archive")
        process(store, embedder=False)
        gold: dict[str, set[str]] = {}
        for row in store.conn.execute("SELECT id, label FROM articles WHERE label IS NOT NULL"):
            gold.setdefault(row["label"], set()).add(row["id"])
        recalls, declined, wrongly_declined, latencies = [], [], 0, []
        for item in items:
            start = time.perf_counter()
            answer = ask(store, item["question"])
            latencies.append(time.perf_counter() - start)
            if item["story"] is None:
                declined.append(not answer.found)
                continue
            support = gold.get(item["story"], set())
            if not support:
                raise ValueError(f"question {item['id']}: story {item['story']} not in archive")
            top = answer.supporting[:K]
            recalls.append(len(support.intersection(top)) / min(K, len(support)))
            wrongly_declined += int(not answer.found)
    answerable = len(recalls)
    result: dict[str, Any] = {
        "questions": len(items),
        "answerable": answerable,
        "recall_at_5": statistics.mean(recalls) if recalls else 0.0,
        "declined_no_answer": statistics.mean(declined) if declined else 0.0,
        "no_answer_questions": len(declined),
        "declined_answerable": wrongly_declined / answerable if answerable else 0.0,
        "p50_ms": 1000 * statistics.median(latencies),
    }
    result["text"] = (
        f"{len(items)} questions ({answerable} answerable, {len(declined)} not): "
        f"recall@5 {result['recall_at_5']:.3f}, no-answer questions declined "
        f"{result['declined_no_answer']:.3f}, answerable wrongly declined "
        f"{result['declined_answerable']:.3f}, p50 {result['p50_ms']:.0f} ms"
    )
    return result
