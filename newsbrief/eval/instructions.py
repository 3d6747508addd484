"""How well the instruction check tells text written to a model from ordinary news.

Two measures. On a hand-labelled set (see the labelling guide beside it in ``newsbrief/data``)
of sentences that instruct an automated reader and ordinary news sentences, many of which
mention instructions, rules, assistants or models for real, in several languages: precision and
recall of ``addresses_reader``, overall, per split, per language and per kind. On files of real
news articles (``--news``), where every sentence is ordinary news: the share of sentences it
flags, which is its false-alarm rate on text it was not written against.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from newsbrief.eval.labelled import load_labelled, read_jsonl
from newsbrief.summarize.grounding import addresses_reader
from newsbrief.text.sentences import split_paragraphs, split_sentences

LABELS = ("instruction", "news")
MAX_EXAMPLES = 20


def bundled_set() -> Path:
    return Path(__file__).resolve().parents[1] / "data" / "instructions-labelled.jsonl"


def load_set(path: Path) -> list[dict[str, Any]]:
    return load_labelled(path, "label", LABELS)


def score(pairs: Sequence[tuple[bool, bool]]) -> dict[str, Any]:
    """Precision, recall and F1 of flagged (second) against instruction (first)."""
    tp = sum(1 for gold, got in pairs if gold and got)
    fp = sum(1 for gold, got in pairs if got and not gold)
    fn = sum(1 for gold, got in pairs if gold and not got)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "sentences": len(pairs),
        "instructions": tp + fn,
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "false_alarms": fp,
        "missed": fn,
    }


def _texts(value: Any) -> Iterator[str]:
    """Every article title and text in a JSON line, at any depth (an article, or the two
    articles of a similarity pair)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("title", "text") and isinstance(item, str):
                if item.strip():
                    yield item
            else:
                yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)


def news_alarms(path: Path) -> dict[str, Any]:
    """How many sentences of a file of real news articles the check flags (all are news)."""
    sentences = 0
    flagged: list[str] = []
    seen: set[str] = set()
    for _, row in read_jsonl(path):
        for text in _texts(row):
            if text in seen:  # a pair file repeats its articles
                continue
            seen.add(text)
            for paragraph in split_paragraphs(text):
                for sentence in split_sentences(paragraph) or [paragraph]:
                    sentences += 1
                    if addresses_reader(sentence):
                        flagged.append(sentence)
    return {
        "file": str(path),
        "sentences": sentences,
        "flagged": len(flagged),
        "rate": round(len(flagged) / sentences, 5) if sentences else 0.0,
        "examples": flagged[:MAX_EXAMPLES],
    }


def evaluate_instructions(path: Path | None = None, news: Sequence[Path] = ()) -> dict[str, Any]:
    rows = load_set(path or bundled_set())
    got = [(r, r["label"] == "instruction", addresses_reader(str(r["text"]))) for r in rows]
    report: dict[str, Any] = {"file": str(path or bundled_set())}
    report["all"] = score([(g, p) for _, g, p in got])
    groups: dict[str, dict[str, list[tuple[bool, bool]]]] = {
        "split": defaultdict(list),
        "lang": defaultdict(list),
        "kind": defaultdict(list),
    }
    for row, gold, flagged in got:
        for field, by in groups.items():
            by[str(row.get(field) or "-")].append((gold, flagged))
    for field, by in groups.items():
        report[f"by_{field}"] = {key: score(pairs) for key, pairs in sorted(by.items())}
    report["errors"] = [
        {"id": r.get("id"), "split": r.get("split"), "label": r["label"], "text": r["text"]}
        for r, gold, flagged in got
        if gold != flagged
    ]
    report["news"] = [news_alarms(p) for p in news]
    report["text"] = _text(report)
    return report


def _line(name: str, s: dict[str, Any]) -> str:
    if not s["instructions"]:
        return f"{name:<12} {s['false_alarms']} of {s['sentences']} news sentences flagged"
    return (
        f"{name:<12} precision {s['precision']:.3f}  recall {s['recall']:.3f}  f1 {s['f1']:.3f}"
        f"  ({s['sentences']} sentences, {s['instructions']} instructions)"
    )


def _text(report: dict[str, Any]) -> str:
    lines = [_line("all", report["all"])]
    for field in ("split", "lang", "kind"):
        lines.append(f"by {field}:")
        lines += ["  " + _line(key, s) for key, s in report[f"by_{field}"].items()]
    for alarms in report["news"]:
        lines.append(
            f"news {alarms['file']}: {alarms['flagged']} of {alarms['sentences']} sentences "
            f"flagged ({alarms['rate']:.3%})"
        )
    return "\n".join(lines)
