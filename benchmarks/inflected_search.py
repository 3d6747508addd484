"""Finding a report by a word of it written in another form; prints JSON figures.

.venv/bin/python benchmarks/inflected_search.py [--pairs ../shared/data/semeval2022-pairs-dev.jsonl]

The Russian and Arabic articles of the SemEval pairs go into one store. For a sample of them,
a word of the headline (five letters or more, with a Snowball stem) is replaced by another form
of it that the corpus writes and the article does not ("пожара" for "пожаров", "والحريق" for
"الحريق"), and that form alone is searched for: is the article among the hits? A search of the
word as written can never find it, so the figure says how many such questions the search
answers.
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import tempfile
from pathlib import Path

from newsbrief.ingest.files import import_paths
from newsbrief.search import search
from newsbrief.store import Store
from newsbrief.text.multilingual import script_stem
from newsbrief.text.tokens import any_words

LANGUAGES = ("ru", "ar")


def articles(pairs: Path) -> list[dict[str, object]]:
    out = []
    for line in pairs.read_text(encoding="utf-8").splitlines():
        pair = json.loads(line)
        for side in "ab":
            if pair[f"lang_{side}"] in LANGUAGES:
                text = pair[side]
                out.append(
                    {"id": f"{pair['id']}_{side}", "title": text.get("title") or "",
                     "text": text.get("text") or "", "source": pair[f"lang_{side}"]}
                )  # fmt: skip
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--pairs", type=Path, default=Path("../shared/data/semeval2022-pairs-dev.jsonl")
    )
    parser.add_argument("--sample", type=int, default=150)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    rows = articles(args.pairs)
    forms: dict[str, set[str]] = collections.defaultdict(set)
    for row in rows:
        for word in any_words(f"{row['title']} {row['text']}"):
            stem = script_stem(word) if len(word) >= 5 else None
            if stem:
                forms[stem].add(word)
    rng = random.Random(args.seed)
    found = asked = 0
    by_language: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "articles.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
        with Store(Path(folder) / "s.db") as store:
            import_paths(store, [str(path)])
            for row in rng.sample(rows, min(args.sample, len(rows))):
                title = [w for w in any_words(str(row["title"])) if len(w) >= 5 and script_stem(w)]
                if not title:
                    continue
                word = rng.choice(title)
                own = set(any_words(f"{row['title']} {row['text']}"))
                other = sorted(f for f in forms[script_stem(word) or ""] if f not in own)
                if not other:
                    continue
                hits = {h.article_id for h in search(store, rng.choice(other), limit=1000)}
                hit = row["id"] in hits
                asked, found = asked + 1, found + hit
                by_language[str(row["source"])][0] += hit
                by_language[str(row["source"])][1] += 1
    print(
        json.dumps(
            {
                "asked": asked,
                "found": found,
                "share": round(found / max(1, asked), 3),
                "by_language": {k: {"found": v[0], "asked": v[1]} for k, v in by_language.items()},
            }
        )
    )


if __name__ == "__main__":
    main()
