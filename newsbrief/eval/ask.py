"""Evaluation of `newsbrief ask`: retrieval of supporting articles, answers that are right, and
declining what the archive cannot answer, on a question set with gold stories.

A question set is JSONL: ``id``, ``question``, ``story`` (the gold story label whose articles
answer it, or null when nothing in the archive does) and, optionally, ``answers`` (short
accepted answers) and ``split`` (a name to report figures by, e.g. development and check
halves). An answerable question with ``answers`` is answered right when one sentence of the
answer holds an accepted answer and cites an article of the gold story.
"""

from __future__ import annotations

import re
import statistics
import time
from collections import defaultdict
from importlib import resources
from pathlib import Path
from typing import Any

from newsbrief.ask.answers import ask
from newsbrief.ask.results import Answer
from newsbrief.eval.labelled import read_jsonl
from newsbrief.ingest.files import import_paths
from newsbrief.store import articles, scratch_store
from newsbrief.stories.pipeline import process

QUESTIONS = "ask-questions.jsonl"
K = 5


def default_questions() -> Path:
    return Path(str(resources.files("newsbrief") / "data" / QUESTIONS))


def load_questions(path: Path) -> list[dict[str, Any]]:
    items = []
    for number, item in read_jsonl(path):
        if not isinstance(item, dict) or "question" not in item or "story" not in item:
            raise ValueError(f"{path}: line {number} needs a question and a story (or null)")
        items.append(item)
    return items


def normal(text: str) -> str:
    """Lower-case words and numbers, space-separated and padded: "$30, 000" and "30,000" are
    both " 30000 ", "O 'Brien" and "O'Brien" both " o brien ", "8.49pm" " 8 49 pm "."""
    text = text.lower().replace("’", "'")
    text = re.sub(r"(\d)[,.]\s?(?=\d{3}\b)", r"\1", text)
    # "8.49pm" holds the time "8.49": a clock time's am or pm is a word of its own
    text = re.sub(r"(\d)(?=(?:am|pm|a\.m|p\.m)\b)", r"\1 ", text)
    return " " + " ".join(re.findall(r"[a-z0-9]+", text)) + " "


def answered_right(answer: Answer, accepted: list[str], story_articles: set[str]) -> bool:
    """One sentence holds an accepted answer and cites an article of the right story."""
    wanted = [normal(a) for a in accepted]
    return any(
        any(w in normal(sentence.text) for w in wanted)
        and bool(story_articles.intersection(sentence.cites))
        for sentence in answer.answer
    )


def evaluate_ask(
    archive: list[str], questions: Path | None = None, home: Path | None = None
) -> dict[str, Any]:
    """Import the archive into a fresh store (on the engine of ``home``'s settings, see
    ``scratch_store``), ask every question, measure."""
    items = load_questions(questions or default_questions())
    with scratch_store(home) as store:
        imported = import_paths(store, archive)
        if imported.failed or not imported.added:
            raise ValueError("; ".join(str(f) for f in imported.failed) or "empty archive")
        process(store, embedder=False)
        gold: dict[str, set[str]] = {}
        for article_id, label in articles.labels(store).items():
            gold.setdefault(label, set()).add(article_id)
        recalls, declined, wrongly_declined, latencies = [], [], 0, []
        splits: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
        results: list[dict[str, Any]] = []
        for item in items:
            start = time.perf_counter()
            answer = ask(store, item["question"])
            latencies.append(time.perf_counter() - start)
            split = splits[str(item.get("split", "all"))]
            results.append(_result(item, answer))
            if item["story"] is None:
                declined.append(not answer.found)
                split["declined"].append(not answer.found)
                results[-1]["ok"] = not answer.found
                continue
            support = gold.get(item["story"], set())
            if not support:
                raise ValueError(f"question {item['id']}: story {item['story']} not in archive")
            top = answer.supporting[:K]
            recalls.append(len(support.intersection(top)) / min(K, len(support)))
            split["recall"].append(recalls[-1])
            split["wrongly_declined"].append(not answer.found)
            wrongly_declined += int(not answer.found)
            results[-1]["ok"] = not answer.found
            if item.get("answers"):
                split["right"].append(answered_right(answer, item["answers"], support))
                results[-1]["ok"] = split["right"][-1]
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
    right = [r for s in splits.values() for r in s["right"]]
    text = (
        f"{len(items)} questions ({answerable} answerable, {len(declined)} not): "
        f"recall@5 {result['recall_at_5']:.3f}, no-answer questions declined "
        f"{result['declined_no_answer']:.3f}, answerable wrongly declined "
        f"{result['declined_answerable']:.3f}, p50 {result['p50_ms']:.0f} ms"
    )
    if right:
        result["answer_accuracy"] = statistics.mean(right)
        result["answers_checked"] = len(right)
        result["decline_accuracy"] = result["declined_no_answer"]
        text += (
            f"\nanswer accuracy {result['answer_accuracy']:.3f} ({sum(right)} of {len(right)} "
            f"answered right, citing the right story), decline accuracy "
            f"{result['decline_accuracy']:.3f} ({sum(declined)} of {len(declined)})"
        )
    if len(splits) > 1:
        result["splits"] = {}
        for name in sorted(splits):
            rights, declines = splits[name]["right"], splits[name]["declined"]
            recall, wrong = splits[name]["recall"], splits[name]["wrongly_declined"]
            figures = {
                "answer_accuracy": statistics.mean(rights) if rights else None,
                "answerable": len(rights),
                "decline_accuracy": statistics.mean(declines) if declines else None,
                "no_answer_questions": len(declines),
                "recall_at_5": statistics.mean(recall) if recall else None,
                "declined_answerable": statistics.mean(wrong) if wrong else None,
            }
            result["splits"][name] = figures
            text += f"\n  {name}: " + ", ".join(
                f"{key.replace('_', ' ')} {value:.3f}" if isinstance(value, float) else
                f"{key.replace('_', ' ')} {value}"
                for key, value in figures.items()
                if value is not None
            )  # fmt: skip
    result["results"] = results
    result["text"] = text
    return result


def _result(item: dict[str, Any], answer: Answer) -> dict[str, Any]:
    """One question's outcome, to study misses by kind: what was asked, what was said, and the
    stories it cited (``ok`` is set by the caller: answered right, or declined)."""
    return {
        "id": item.get("id"),
        "split": item.get("split"),
        "kind": item.get("kind"),
        "story": item["story"],
        "found": answer.found,
        "stories": answer.stories,
        "answer": [sentence.text for sentence in answer.answer],
        "ok": False,
    }
