"""Clustering evaluation: newsbrief's stories against gold labels and two reference methods."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from newsbrief.eval.labelled import read_jsonl
from newsbrief.eval.metrics import BCubed, bcubed
from newsbrief.text.tokens import words

# A pair of a news-similarity file rated at most this (1 = the same event, 4 = unrelated)
# reports one event (as in the conflicts evaluation).
SAME_EVENT = 2.0


def load_labelled(file: Path) -> list[dict[str, Any]]:
    """The labelled articles of an article file, or of a news-similarity file (see
    :func:`pair_articles`)."""
    values = [obj for _, obj in read_jsonl(file)]
    if values and _is_pair(values[0]):
        return pair_articles(file, values)
    rows = [obj for obj in values if isinstance(obj, dict) and obj.get("label") is not None]
    if not rows:
        raise ValueError(f"{file}: no articles with a 'label'")
    return rows


def _is_pair(value: Any) -> bool:
    return isinstance(value, dict) and "a" in value and "b" in value and "label" not in value


def pair_articles(file: Path, values: list[Any]) -> list[dict[str, Any]]:
    """Every text of a news-similarity file (SemEval-2022 Task 8 lines: ``id`` as two article
    numbers joined by ``_``, ``lang_a``/``lang_b``, ``a``/``b`` with ``title`` and ``text``,
    ``overall``) as an undated labelled article: texts joined by pairs rated as one event
    share a label, and every other text is a story of its own (so a merge of two texts nobody
    compared counts as an error, which it mostly is)."""
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    rows: dict[str, dict[str, Any]] = {}
    for number, value in enumerate(values, 1):
        if not _is_pair(value) or not isinstance(value.get("id"), str):
            raise ValueError(f"{file}:{number}: expected a pair with an id, a and b")
        pair = value["id"]
        ids = pair.split("_") if pair.count("_") == 1 else [f"{pair}:a", f"{pair}:b"]
        for key, side in zip(ids, ("a", "b"), strict=True):
            body = value.get(side) or {}
            parent.setdefault(key, key)
            rows.setdefault(
                key,
                {
                    "id": key,
                    "title": str(body.get("title") or ""),
                    "text": str(body.get("text") or ""),
                    "language": value.get(f"lang_{side}"),
                    "published": None,
                },
            )
        overall = value.get("overall")
        if isinstance(overall, int | float) and overall <= SAME_EVENT:
            parent[find(ids[0])] = find(ids[1])
    return [{**row, "label": find(key)} for key, row in rows.items()]


def article_file(file: Path, folder: Path) -> Path:
    """``file`` itself when it holds articles; a news-similarity file's texts written as an
    article file in ``folder`` (clustering reads articles)."""
    if not _is_pair(next((obj for _, obj in read_jsonl(file)), None)):
        return file
    out = folder / f"{file.stem}.articles.jsonl"
    with out.open("w", encoding="utf-8") as stream:
        for row in load_labelled(file):
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")
    return out


def pairwise(gold: list[str], predicted: list[str]) -> dict[str, float]:
    """Pairwise precision and recall: of the pairs of articles put in one story, the share that
    report one event; of the pairs that report one event, the share put in one story. Two
    small look-alike groups merged wrongly weigh little in B-cubed and much here."""
    together = Counter(predicted)
    same = Counter(gold)
    both = Counter(zip(gold, predicted, strict=True))
    right = sum(n * (n - 1) / 2 for n in both.values())
    found = sum(n * (n - 1) / 2 for n in together.values())
    wanted = sum(n * (n - 1) / 2 for n in same.values())
    return {
        "precision": round(right / found, 4) if found else 1.0,
        "recall": round(right / wanted, 4) if wanted else 1.0,
    }


def title_jaccard(rows: list[dict[str, Any]], threshold: float = 0.55) -> list[str]:
    """What several digest tools do: merge items whose title-word sets overlap (single link)."""
    sets = [set(words(r.get("title") or "")) for r in rows]
    parent = list(range(len(rows)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(rows)):
        for j in range(i):
            a, b = sets[i], sets[j]
            if a and b and len(a & b) / len(a | b) >= threshold:
                parent[find(i)] = find(j)
    return [str(find(i)) for i in range(len(rows))]


def tfidf_tree(rows: list[dict[str, Any]]) -> Any:
    """Batch TF-IDF cosine average-linkage dendrogram of the articles (a reference method)."""
    from scipy.cluster.hierarchy import linkage
    from sklearn.feature_extraction.text import TfidfVectorizer

    docs = [f"{r.get('title') or ''} {r.get('text') or ''}" for r in rows]
    matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(docs)
    return linkage(matrix.toarray().astype(np.float32), method="average", metric="cosine")


def best_tfidf(rows: list[dict[str, Any]], gold: list[str]) -> tuple[float, BCubed, int]:
    """The reference cut at its best distance threshold on this file (an optimistic reference)."""
    from scipy.cluster.hierarchy import fcluster

    tree = tfidf_tree(rows)
    best: tuple[float, BCubed, int] | None = None
    for threshold in np.arange(0.3, 0.96, 0.05):
        labels = [str(x) for x in fcluster(tree, t=float(threshold), criterion="distance")]
        score = bcubed(gold, labels)
        if best is None or score.f1 > best[1].f1:
            best = (round(float(threshold), 2), score, len(set(labels)))
    assert best is not None
    return best


def _fmt(name: str, score: BCubed, found: int) -> str:
    return (
        f"{name:<34} P={score.precision:.3f}  R={score.recall:.3f}  F1={score.f1:.3f}  "
        f"stories={found}"
    )


def evaluate_clustering(
    file: Path, assignments: dict[str, str], semantic: bool = False
) -> dict[str, Any]:
    """Our figures next to the two references; ``semantic``: embeddings were used."""
    rows = load_labelled(file)
    rows = [r for r in rows if str(r["id"]) in assignments]
    gold = [str(r["label"]) for r in rows]
    ours = [assignments[str(r["id"])] for r in rows]
    score = bcubed(gold, ours)
    jaccard = title_jaccard(rows)
    j_score = bcubed(gold, jaccard)
    threshold, t_score, tfidf_found = best_tfidf(rows, gold)
    report: dict[str, Any] = {
        "file": str(file),
        "articles": len(rows),
        "gold_stories": len(set(gold)),
        "semantic": semantic,
        "newsbrief": {**vars(score), "stories": len(set(ours))},
        "title_jaccard_0.55_single_link": {**vars(j_score), "stories": len(set(jaccard))},
        "tfidf_average_link": {**vars(t_score), "stories": tfidf_found, "threshold": threshold},
    }
    report["text"] = "\n".join(
        [
            f"{file}: {len(rows)} articles, {len(set(gold))} gold stories",
            _fmt("newsbrief" + (" (semantic)" if semantic else ""), score, len(set(ours))),
            _fmt("title Jaccard >= 0.55 single-link", j_score, len(set(jaccard))),
            _fmt(f"TF-IDF average-link (best t={threshold})", t_score, tfidf_found),
        ]
    )
    return report


def combine(files: list[Path], out: Path) -> None:
    """Write the labelled files as one stream, one after the other (as ``cat`` would).

    Each file's labels are its own: a label is qualified by its file so that two files'
    stories never count as one. Ids must be unique across the files.
    """
    seen: dict[str, Path] = {}
    with out.open("w", encoding="utf-8") as stream:
        for n, file in enumerate(files):
            for row in load_labelled(file):
                key = str(row["id"])
                if key in seen:
                    raise ValueError(f"{file}: id {key!r} is also in {seen[key]}")
                seen[key] = file
                stream.write(json.dumps({**row, "label": f"{n}:{row['label']}"}) + "\n")


def evaluate_mixed(
    files: list[Path],
    alone: dict[Path, dict[str, str]],
    mixed: dict[str, str],
    semantic: bool = False,
) -> dict[str, Any]:
    """Each file clustered alone and all of them as one stream: per file and overall.

    A story must not depend on what else the store holds: each file's figure in the mixed
    stream should equal its figure alone (``change`` is mixed minus alone).
    """
    per_file: list[dict[str, Any]] = []
    gold_all: list[str] = []
    ours_all: list[str] = []
    lines = []
    for n, file in enumerate(files):
        rows = [r for r in load_labelled(file) if str(r["id"]) in mixed]
        gold = [str(r["label"]) for r in rows]
        by_itself = bcubed(gold, [alone[file][str(r["id"])] for r in rows])
        together = bcubed(gold, [mixed[str(r["id"])] for r in rows])
        gold_all += [f"{n}:{g}" for g in gold]
        ours_all += [mixed[str(r["id"])] for r in rows]
        per_file.append(
            {
                "file": str(file),
                "articles": len(rows),
                "gold_stories": len(set(gold)),
                "alone": vars(by_itself),
                "mixed": vars(together),
                "change": round(together.f1 - by_itself.f1, 4),
                "pairs": {
                    "alone": pairwise(gold, [alone[file][str(r["id"])] for r in rows]),
                    "mixed": pairwise(gold, [mixed[str(r["id"])] for r in rows]),
                },
            }
        )
        lines += [
            f"{file}: {len(rows)} articles, {len(set(gold))} gold stories",
            _fmt("  alone", by_itself, len({alone[file][str(r["id"])] for r in rows})),
            _fmt("  mixed", together, len({mixed[str(r["id"])] for r in rows}))
            + f"  change={together.f1 - by_itself.f1:+.3f}",
            _pairs_line(per_file[-1]["pairs"]),
        ]
    overall = bcubed(gold_all, ours_all)
    mixing = _stories_mixing(files, mixed)
    lines.append(
        _fmt(f"all {len(files)} files as one stream", overall, len(set(ours_all)))
        + f"  stories mixing files={mixing}"
    )
    report: dict[str, Any] = {
        "files": per_file,
        "semantic": semantic,
        "overall": {**vars(overall), "stories": len(set(ours_all)), "articles": len(gold_all)},
        "stories_mixing_files": mixing,
        "worst_change": min(float(f["change"]) for f in per_file),
    }
    report["text"] = "\n".join(lines)
    return report


def _pairs_line(pairs: dict[str, dict[str, float]]) -> str:
    alone, mixed = pairs["alone"], pairs["mixed"]
    return (
        f"  pairs: alone P={alone['precision']:.3f} R={alone['recall']:.3f}, "
        f"mixed P={mixed['precision']:.3f} R={mixed['recall']:.3f}"
    )


def _stories_mixing(files: list[Path], mixed: dict[str, str]) -> int:
    """Stories of the mixed stream holding articles of more than one file."""
    origin: dict[str, set[int]] = {}
    for n, file in enumerate(files):
        for row in load_labelled(file):
            story = mixed.get(str(row["id"]))
            if story is not None:
                origin.setdefault(story, set()).add(n)
    return sum(1 for found in origin.values() if len(found) > 1)
