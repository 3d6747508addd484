"""Evaluation of disagreement detection on a hand-labelled set of quantities per story.

A gold file is JSONL, one checked quantity per line: ``id``, ``story`` (a label of the article
file), ``quantity`` (what is measured, in words), ``kind`` and ``claims``: the values the
reports give, each ``{"value", "articles": [ids], "text": sentence}``. Kinds:

- ``contradiction``: independent reports give values that cannot both be right;
- ``update``: a later report gives a new value of a quantity that changes (a rising toll);
- ``rounding``: values that differ only by rounding or precision ("about 300" and 312);
- ``background``: figures of another event or of the past, which a briefing leaves out;
- ``consistent``: checked, and the reports agree.

Only contradictions and updates should be shown. The method runs over every story of the
article file (stories from the gold labels, syndicated copies folded as the pipeline folds
them); a conflict it shows *matches* a gold quantity of its story when two of its claims with
different values each share an article and a number with two different gold claims. Precision
is over everything shown, recall over the gold contradictions and updates.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from newsbrief.conflicts import find_conflicts
from newsbrief.eval.labelled import read_jsonl
from newsbrief.eval.summaries import load_articles
from newsbrief.models import Conflict
from newsbrief.stories.dedupe import Deduper, content_hash

KINDS = ("contradiction", "update", "rounding", "background", "consistent")
SHOWN_KINDS = ("contradiction", "update")
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20,
          "thirty": 30, "forty": 40, "fifty": 50, "dozen": 12, "hundred": 100}  # fmt: skip
_NUMBER = re.compile(r"\d+(?:[.,]\s?\d+)*|[A-Za-z]+")


def load_gold(path: Path) -> list[dict[str, Any]]:
    items = []
    for number, item in read_jsonl(path):
        if not isinstance(item, dict) or item.get("kind") not in KINDS:
            raise ValueError(f"{path}: line {number} needs a kind, one of {', '.join(KINDS)}")
        claims = item.get("claims")
        if not item.get("story") or not isinstance(claims, list) or len(claims) < 2:
            raise ValueError(f"{path}: line {number} needs a story and at least two claims")
        items.append(item)
    return items


def numbers(text: str) -> set[float]:
    """The numbers a value is written with: "$2.4 billion" -> {2.4}, "seven" -> {7}."""
    out = set()
    for token in _NUMBER.findall(text):
        if token[0].isdigit():
            digits = re.sub(r"[,\s]", "", token) if re.search(r",\s?\d{3}", token) else token
            try:
                out.add(float(digits.replace(",", ".")))
            except ValueError:
                continue
        elif token.lower() in _WORDS:
            out.add(float(_WORDS[token.lower()]))
    return out


def _claim_hits(claim: Any, wanted: dict[str, Any]) -> bool:
    shown = numbers(claim.value) or numbers(claim.text)
    return bool(set(claim.sources) & set(wanted["articles"]) and shown & numbers(wanted["value"]))


def _hits(conflict: Conflict, gold: dict[str, Any]) -> bool:
    """Two claims of the conflict, with different values, are two different gold claims."""
    pairs = set()
    for i, claim in enumerate(conflict.claims):
        shown = numbers(claim.value) or numbers(claim.text)
        for j, wanted in enumerate(gold["claims"]):
            if set(claim.sources) & set(wanted["articles"]) and shown & numbers(wanted["value"]):
                pairs.add((i, j))
    return any(i1 != i2 and j1 != j2 for i1, j1 in pairs for i2, j2 in pairs)


def _kind_shown(conflict: Conflict) -> str:
    return "update" if conflict.note.startswith("updated") else "contradiction"


def evaluate_conflicts(gold_path: Path, articles_path: Path) -> dict[str, Any]:
    gold = load_gold(gold_path)
    articles = load_articles(articles_path)
    by_story: dict[str, list] = defaultdict(list)
    for article in articles:
        article.content_hash = article.content_hash or content_hash(article.title, article.text)
        by_story[str(article.label)].append(article)
    missing = sorted({g["story"] for g in gold} - set(by_story))
    if missing:
        raise ValueError(f"stories not in {articles_path}: {', '.join(missing[:5])}")
    gold_of: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for item in gold:
        gold_of[item["story"]].append(item)
    shown: list[dict[str, Any]] = []
    found: set[str] = set()
    for story, members in sorted(by_story.items()):
        deduper = Deduper()
        reports = {a.id: deduper.add(a) for a in members}
        for conflict in find_conflicts(members, reports, limit=1000):
            matched = [g for g in gold_of.get(story, []) if _hits(conflict, g)]
            claims_right = sum(
                any(_claim_hits(claim, wanted) for g in matched for wanted in g["claims"])
                for claim in conflict.claims
            )
            real = [g for g in matched if g["kind"] in SHOWN_KINDS]
            found.update(g["id"] for g in real)
            shown.append(
                {
                    "story": story,
                    "about": conflict.about,
                    "values": [c.value for c in conflict.claims],
                    "kind_shown": _kind_shown(conflict),
                    "claims": len(conflict.claims),
                    "claims_right": claims_right,
                    "split": _split(gold_of.get(story, [])),
                    "matched": {
                        k: v
                        for k, v in (real or matched or [{"id": None, "kind": "unlabelled"}])[
                            0
                        ].items()
                        if k in ("id", "kind", "quantity")
                    },
                }
            )
    return _report(gold, shown, found)


def _split(items: list[dict[str, Any]]) -> str:
    return str(items[0].get("split", "all")) if items else "all"


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _report(
    gold: list[dict[str, Any]], shown: list[dict[str, Any]], found: set[str]
) -> dict[str, Any]:
    real = [g for g in gold if g["kind"] in SHOWN_KINDS]
    right = [s for s in shown if s["matched"]["kind"] in SHOWN_KINDS]
    result: dict[str, Any] = {
        "gold_quantities": len(gold),
        "gold_disagreements": len(real),
        "shown": len(shown),
        "shown_right": len(right),
        "precision": _ratio(len(right), len(shown)),
        "recall": _ratio(sum(g["id"] in found for g in real), len(real)),
        # Of the values listed in the disagreements shown right, the share that are the
        # quantity's values in the gold set (the others are stray: another event's figure)
        "claim_precision": _ratio(
            sum(s["claims_right"] for s in right), sum(s["claims"] for s in right)
        ),
        "wrongly_shown": {
            kind: sum(s["matched"]["kind"] == kind for s in shown)
            for kind in ("rounding", "background", "consistent", "unlabelled")
        },
        "kinds": {},
    }
    for kind in SHOWN_KINDS:
        of_kind = [g for g in real if g["kind"] == kind]
        said = [s for s in shown if s["kind_shown"] == kind]
        result["kinds"][kind] = {
            "gold": len(of_kind),
            "recall": _ratio(sum(g["id"] in found for g in of_kind), len(of_kind)),
            "shown": len(said),
            "precision": _ratio(sum(s["matched"]["kind"] in SHOWN_KINDS for s in said), len(said)),
            "kind_right": sum(s["matched"]["kind"] == kind for s in said),
        }
    lines = [
        f"{len(gold)} quantities checked, {len(real)} disagreements "
        f"({result['kinds']['contradiction']['gold']} contradictions, "
        f"{result['kinds']['update']['gold']} updates); {len(shown)} shown, {len(right)} right",
        f"precision {result['precision']:.3f}  recall {result['recall']:.3f}  "
        f"(values in the right ones that are the quantity's: {result['claim_precision']:.3f})",
    ]
    for kind, figures in result["kinds"].items():
        lines.append(
            f"  {kind}: recall {figures['recall']:.3f} of {figures['gold']}; shown as {kind} "
            f"{figures['shown']}, precision {figures['precision']:.3f}, "
            f"kind right {figures['kind_right']}"
        )
    splits = sorted({str(g.get("split", "all")) for g in gold})
    if len(splits) > 1:
        result["splits"] = {}
        for name in splits:
            part = _report([g for g in gold if g.get("split", "all") == name],
                           [s for s in shown if s["split"] == name], found)  # fmt: skip
            result["splits"][name] = {k: part[k] for k in ("precision", "recall", "shown")}
            lines.append(
                f"  {name}: precision {part['precision']:.3f}  recall {part['recall']:.3f}"
            )
    wrong = ", ".join(f"{k} {v}" for k, v in result["wrongly_shown"].items())
    lines.append(f"  wrongly shown: {wrong}")
    result["text"] = "\n".join(lines)
    result["shown_conflicts"] = shown
    return result
