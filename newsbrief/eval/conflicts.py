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

import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from newsbrief.conflicts import find_conflicts
from newsbrief.eval.labelled import read_jsonl
from newsbrief.eval.summaries import load_articles
from newsbrief.models import Article, Conflict
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


SAME_EVENT = 2.0  # a pair rated at most this (1 = same event, 4 = unrelated) reports one event


# Languages whose pairs are read besides English ones: those the figure reader has words for.
PAIR_LANGUAGES = frozenset("en de es fr it pt ru ar".split())


def load_pairs(path: Path) -> list[Article]:
    """The pairs of a news-similarity file (SemEval-2022 Task 8 lines: ``id``, ``lang_a``,
    ``lang_b``, ``a`` and ``b`` with ``title`` and ``text``, ``overall``) rated as one event and
    written in languages of ``PAIR_LANGUAGES``, as articles: each pair is a story of two reports,
    whose ids are the two numbers of the pair's id and whose language is its side's."""
    articles = []
    for _, row in read_jsonl(path):
        overall = row.get("overall")
        languages = (str(row.get("lang_a")), str(row.get("lang_b")))
        if (
            not set(languages) <= PAIR_LANGUAGES
            or not isinstance(overall, int | float)
            or overall > SAME_EVENT
        ):
            continue
        pair = str(row["id"])
        ids = pair.split("_") if pair.count("_") == 1 else [f"{pair}:a", f"{pair}:b"]
        for article_id, side, language in zip(ids, ("a", "b"), languages, strict=True):
            body = row.get(side) or {}
            articles.append(Article(id=article_id, title=str(body.get("title") or ""),
                                    text=str(body.get("text") or ""), label=pair,
                                    language=language))  # fmt: skip
    if not articles:
        raise ValueError(f"{path}: no pairs rated as one event")
    return articles


def _pair_split(articles: list[Article]) -> str:
    """The split an unlabelled pair counts in: English pairs are the held-out split's, pairs
    with another language the multilingual split's."""
    return "heldout" if all(a.language == "en" for a in articles) else "multilingual"


def _load(path: Path) -> list[tuple[Article, str]]:
    with path.open(encoding="utf-8") as handle:
        first = handle.readline()
    try:
        row = json.loads(first) if first.strip() else {}
    except json.JSONDecodeError:
        row = {}
    if isinstance(row, dict) and "a" in row and "b" in row and "label" not in row:
        pairs: dict[str, list[Article]] = defaultdict(list)
        for article in load_pairs(path):
            pairs[str(article.label)].append(article)
        return [(a, _pair_split(members)) for members in pairs.values() for a in members]
    return [(article, "all") for article in load_articles(path)]


def evaluate_conflicts(gold_path: Path, *articles_paths: Path) -> dict[str, Any]:
    """Run the method over every story of the article files (article JSONL or same-event
    pairs) and score it on the gold quantities of those stories; quantities of stories the
    files do not hold are left out (and counted in ``left_out``)."""
    gold = load_gold(gold_path)
    by_story: dict[str, list] = defaultdict(list)
    unlabelled_split: dict[str, str] = {}  # pairs are the held-out files' stories
    for path in articles_paths:
        for article, split in _load(path):
            unlabelled_split[str(article.label)] = split
            article.content_hash = article.content_hash or content_hash(article.title, article.text)
            by_story[str(article.label)].append(article)
    kept = [g for g in gold if g["story"] in by_story]
    if not kept:
        names = ", ".join(str(p) for p in articles_paths)
        raise ValueError(f"no story of {gold_path} is in {names}")
    left_out, gold = len(gold) - len(kept), kept
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
                    "sentences": [claim.text for claim in conflict.claims],
                    "split": _split((real or matched)[:1] or gold_of.get(story, []))
                    or unlabelled_split[story],
                    "matched": {
                        k: v
                        for k, v in (real or matched or [{"id": None, "kind": "unlabelled"}])[
                            0
                        ].items()
                        if k in ("id", "kind", "quantity")
                    },
                }
            )
    report = _report(gold, shown, found)
    report["left_out"] = left_out
    if left_out:
        report["text"] += f"\n  {left_out} quantities of stories not in the files left out"
    return report


def _split(items: list[dict[str, Any]]) -> str:
    """The split a shown conflict counts in: that of the quantity it matched, else the story's
    (its development split when it has one: a held-out quantity may sit in a development
    story)."""
    splits = [str(g.get("split", "all")) for g in items]
    developed = [s for s in splits if s != "heldout"]
    return (developed or splits or [""])[0]


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
            result["splits"][name] = {
                k: part[k]
                for k in ("precision", "recall", "shown", "shown_right", "gold_disagreements")
            }
            shown_precision = f"{part['precision']:.3f}" if part["shown"] else "n/a"
            lines.append(
                f"  {name}: precision {shown_precision}  recall {part['recall']:.3f}  "
                f"({part['shown_right']} of {part['shown']} shown right, "
                f"{part['gold_disagreements']} disagreements)"
            )
    wrong = ", ".join(f"{k} {v}" for k, v in result["wrongly_shown"].items())
    lines.append(f"  wrongly shown: {wrong}")
    result["text"] = "\n".join(lines)
    result["shown_conflicts"] = shown
    result["missed"] = [_missed(g) for g in real if g["id"] not in found]
    return result


def _missed(item: dict[str, Any]) -> dict[str, Any]:
    """A gold disagreement not shown, with the sentences that state its values."""
    return {
        "id": item["id"],
        "story": item["story"],
        "split": str(item.get("split", "all")),
        "quantity": item.get("quantity", ""),
        "kind": item["kind"],
        "claims": [{"value": c.get("value"), "text": c.get("text", "")} for c in item["claims"]],
    }


def error_lines(report: dict[str, Any], only_split: str | None = None) -> list[str]:
    """Each missed and each wrong disagreement (of one split, or of all), with its gold id (or
    its story, when it matched none) and its sentences, one per line, indented."""
    lines = []
    for item in report["missed"]:
        if only_split is None or item["split"] == only_split:
            lines.append(f"missed\t{item['split']}\t{item['id']}\t{item['quantity']}")
            lines.extend(f"    {c['value']}: {c['text']}" for c in item["claims"])
    for shown in report["shown_conflicts"]:
        if shown["matched"]["kind"] in SHOWN_KINDS:
            continue
        if only_split is None or shown["split"] == only_split:
            name = shown["matched"]["id"] or f"story {shown['story']}"
            lines.append(
                f"wrong\t{shown['split']}\t{name}\t{shown['matched']['kind']}\t{shown['about']}"
            )
            lines.extend(
                f"    {value}: {text}"
                for value, text in zip(shown["values"], shown["sentences"], strict=True)
            )
    return lines
