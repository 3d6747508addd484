"""Section accuracy of the write-up classifier on hand-labelled sentences.

Each line of the set is a sentence of a real article with the section a careful editor would put
it in (see the labelling guide beside the set). The classifier reads the sentence as the
summarizer does: its text, its article's publication time and its place in the article.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from newsbrief.eval.labelled import load_labelled
from newsbrief.summarize.candidates import Candidate, content_tokens
from newsbrief.summarize.sections import classify
from newsbrief.timeutil import parse_datetime

SECTIONS = ("what_is_happening", "why_it_matters", "whats_next", "beyond_the_headlines")


def bundled_set() -> Path:
    return Path(__file__).resolve().parents[1] / "data" / "sections-labelled.jsonl"


def load_set(path: Path) -> list[dict[str, Any]]:
    return load_labelled(path, "section", SECTIONS)


def predict(row: dict[str, Any]) -> str:
    text = str(row["text"])
    cand = Candidate(
        text=text,
        cites=[str(row.get("article") or row.get("id") or "")],
        doc=0,
        position=int(row.get("position") or 0),
        when=parse_datetime(row["published"]) if row.get("published") else None,
        tokens=content_tokens(text),
        length=len(text.split()),
    )
    return classify(cand)


def score(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """Accuracy, and per section its recall (share of its sentences put there), precision
    and count; ``balanced`` is the mean recall over the sections present; ``matrix`` counts
    each gold section's sentences by the section they were put in."""
    total = len(pairs)
    right = sum(1 for gold, got in pairs if gold == got)
    per: dict[str, dict[str, float]] = {}
    gold_count = Counter(g for g, _ in pairs)
    got_count = Counter(p for _, p in pairs)
    for section in SECTIONS:
        hits = sum(1 for g, p in pairs if g == section and p == section)
        per[section] = {
            "sentences": gold_count[section],
            "recall": round(hits / gold_count[section], 3) if gold_count[section] else 0.0,
            "precision": round(hits / got_count[section], 3) if got_count[section] else 0.0,
        }
    present = [per[s]["recall"] for s in SECTIONS if gold_count[s]]
    pair_count = Counter(pairs)
    return {
        "sentences": total,
        "accuracy": round(right / total, 3) if total else 0.0,
        "balanced": round(sum(present) / len(present), 3) if present else 0.0,
        "sections": per,
        # The confusion matrix: for each gold section, how many of its sentences went where.
        "matrix": {g: {p: pair_count[(g, p)] for p in SECTIONS} for g in SECTIONS},
    }


def evaluate_sections(path: Path | None = None) -> dict[str, Any]:
    rows = load_set(path or bundled_set())
    labelled = [(row, predict(row)) for row in rows]
    report: dict[str, Any] = {"file": str(path or bundled_set())}
    report["all"] = score([(str(r["section"]), p) for r, p in labelled])
    for split in sorted({str(r.get("split") or "all") for r in rows} - {"all"}):
        report[split] = score(
            [(str(r["section"]), p) for r, p in labelled if r.get("split") == split]
        )
    report["confusions"] = [
        {
            "id": r.get("id"),
            "split": r.get("split"),
            "gold": r["section"],
            "got": p,
            "text": r["text"],
        }
        for r, p in labelled
        if p != r["section"]
    ]
    report["text"] = _text(report)
    return report


def _text(report: dict[str, Any]) -> str:
    lines = []
    for part in [k for k in report if k not in ("file", "confusions", "text")]:
        s = report[part]
        lines.append(
            f"{part}: accuracy {s['accuracy']:.3f} over {s['sentences']} sentences "
            f"(balanced {s['balanced']:.3f})"
        )
        for section in SECTIONS:
            f = s["sections"][section]
            lines.append(
                f"  {section:<21} recall {f['recall']:.3f}  precision {f['precision']:.3f}  "
                f"({f['sentences']} sentences)"
            )
        misplaced = sorted(
            ((n, g, p) for g, row in s["matrix"].items() for p, n in row.items() if g != p and n),
            key=lambda t: (-t[0], SECTIONS.index(t[1]), SECTIONS.index(t[2])),
        )
        if misplaced:
            lines.append(
                "  misplaced (gold -> put in): "
                + ", ".join(f"{g} -> {p} {n}" for n, g, p in misplaced)
            )
    return "\n".join(lines)
