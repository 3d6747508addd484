"""Briefing one story of many figure-bearing reports; prints JSON figures.

.venv/bin/python benchmarks/conflicts_scale.py [--reports 2000]

One story of N independent reports, every one carrying figures about the same few quantities
with values that differ from report to report (a death toll, a number injured, a deal price, a
per-share price, a premium, a survivor's age, how far she fell, when she was pulled out, how long
the search lasted, an unnamed woman's age, how long ago she was pulled out, how long after a
smaller tremor the quake struck), as a feed of many near-identical reports does. Every report
disagrees with most others, the worst case for disagreement detection: comparing claims pair by
pair would be quadratic. Measured: finding the story's disagreements on its own, and the whole
briefing (ranking, write-up, conflicts) over a store holding only that story; wall time and
CPU time (the machine may be shared), and peak RSS.

The reports repeat many sentences word for word, as copies of a wire report do, and readings
of a sentence or an article are kept for reuse. ``--no-reuse`` computes every reading kept
since (a sentence's background check and subjects, a context's word families, an article's
lead and its words and names) each time, as if no report repeated another; a sentence's
figures are still read once, as they were before.
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsbrief.briefing.assemble import build_briefing
from newsbrief.conflicts import find_conflicts
from newsbrief.models import Article
from newsbrief.store import Store
from newsbrief.stories.dedupe import content_hash

NOW = datetime(2024, 5, 2, 6, tzinfo=UTC)
TOWNS = ["Ardmore", "Bexley", "Carlow", "Dunmore", "Elgin", "Fenwick", "Galway", "Hollis"]


def reports(total: int) -> list[Article]:
    out = []
    for i in range(total):
        when = NOW - timedelta(hours=20) + timedelta(seconds=72000 * i / total)
        town = TOWNS[i % len(TOWNS)]
        text = (
            f"The earthquake near {town} killed {10 + i % 90} people, officials said. "
            f"At least {100 + (i * 7) % 400} people were injured in the quake. "
            f"Acme agreed to buy Widget Corp for ${1 + (i % 30) / 10:.1f} billion on Monday. "
            f"Acme will pay ${40 + i % 9} a share for Widget Corp. "
            f"The offer is a premium of {20 + i % 21}% to Widget's closing price. "
            f"Rescue teams searched the rubble in {town} for {2 + i % 9} hours. "
            f"Survivor Anna Berg, {20 + i % 50}, fell {3 + i % 30} metres and was pulled out at "
            f"{1 + i % 11}:{10 + i % 49:02d} p.m. on Monday, rescuers said. "
            f"A {25 + i % 40}-year-old woman was pulled from the rubble {2 + i % 6} hours "
            f"earlier. The quake struck {3 + i % 5} days after a smaller tremor."
        )
        title = f"Quake near {town} kills {10 + i % 90}"
        out.append(
            Article(
                id=f"r{i}",
                title=title,
                text=text,
                url=f"https://outlet{i}.example/quake/{i}",
                source=f"outlet{i}.example",
                published=when,
                first_seen=when,
                content_hash=content_hash(title, text),
            )
        )
    return out


def _no_reuse() -> None:
    """Bypass the sentence readings kept for reuse, where this version of the code has them."""
    import newsbrief.conflicts as conflicts
    import newsbrief.summarize.keyphrases as keyphrases
    import newsbrief.text.alignment as alignment

    for module, name in (
        (conflicts, "_background_on"),
        (conflicts, "_subjects_up_to"),
        (conflicts, "families"),
        (alignment, "families"),
        (keyphrases, "_lead_of"),
        (keyphrases, "_phrase_words"),
        (keyphrases, "_name_parts_of"),
    ):
        kept = getattr(module, name, None)
        if kept is not None and hasattr(kept, "__wrapped__"):
            setattr(module, name, kept.__wrapped__)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=2000)
    parser.add_argument("--no-reuse", action="store_true")
    args = parser.parse_args()
    if args.no_reuse:
        _no_reuse()
    articles = reports(args.reports)
    t0, c0 = time.perf_counter(), time.process_time()
    found = find_conflicts(articles, {a.id: a.id for a in articles}, limit=100)
    t1, c1 = time.perf_counter(), time.process_time()
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.db") as store:
        for article in articles:
            store.add_article(article)
            store.assign(article.id, "s-quake", article.id, article.published or NOW)
        t2, c2 = time.perf_counter(), time.process_time()
        briefing = build_briefing(store, since=NOW - timedelta(hours=24), now=NOW, record=False)
        t3, c3 = time.perf_counter(), time.process_time()
    story = briefing.stories[0] if briefing.stories else None
    figures = {
        "reports": len(articles),
        "find_conflicts_s": round(t1 - t0, 3),
        "find_conflicts_cpu_s": round(c1 - c0, 3),
        "conflicts_found": len(found),
        "claims_in_largest": max((len(c.claims) for c in found), default=0),
        "briefing_s": round(t3 - t2, 3),
        "briefing_cpu_s": round(c3 - c2, 3),
        "conflicts_in_briefing": len(story.conflicts) if story else 0,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
