"""Build the blind look-alike stress set (``newsbrief/data/lookalikes-blind.jsonl``) from the
labelled ECB+ dev file, by the rules in ``newsbrief/data/README.md`` ("Look-alike stress set").

Every ECB+ topic holds two different events of one kind. For each topic with both events, a
small group of each event's reports is drawn (2 to 4, the size fixed by a hash of the event's
label; the reports are the first by a hash of their id, so nobody chose them by reading the
output), and in two topics of three every publication time is removed, so that both events are
undated. Nothing else is changed: a date written in the text or the address stays where it is.

    python benchmarks/lookalikes_blind.py ../shared/data/ecbplus-dev.jsonl \
        newsbrief/data/lookalikes-blind.jsonl

It was run once, and its output committed before the method was measured on it.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import defaultdict
from pathlib import Path


def _hash(text: str) -> int:
    return int(hashlib.sha1(text.encode("utf-8")).hexdigest(), 16)


def build(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    events: dict[str, list[dict[str, object]]] = defaultdict(list)
    for row in rows:
        events[str(row["label"])].append(row)
    topics: dict[str, list[str]] = defaultdict(list)
    for label in events:
        topics[label.split("_")[0]].append(label)
    out = []
    for topic in sorted(topics, key=int):
        labels = sorted(topics[topic])
        if len(labels) != 2:
            continue  # a topic needs both of its look-alike events
        undated = _hash(f"dates:{topic}") % 3 != 0
        for label in labels:
            size = 2 + _hash(f"size:{label}") % 3
            chosen = sorted(events[label], key=lambda r: _hash(str(r["id"])))[:size]
            for row in sorted(chosen, key=lambda r: str(r["id"])):
                article = dict(row)
                article["id"] = f"la-{row['id']}"
                if undated:
                    article["published"] = None
                out.append(article)
    return out


def main() -> None:
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    rows = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line]
    with target.open("w", encoding="utf-8") as out:
        for article in build(rows):
            out.write(json.dumps(article, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
