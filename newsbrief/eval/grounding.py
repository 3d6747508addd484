"""How well the grounding guard catches invented facts, measured on real labelled news.

No model is needed: unfaithful sentences are made from real ones by the transformations that
FactCC (Kryscinski et al., EMNLP 2020) uses to train factual-consistency checkers, each taken
from another story so the invented value is a plausible one:

- number swap: a figure replaced by a figure of another story;
- scale swap: "million" and "billion" (and thousand/trillion) exchanged;
- entity swap: a name replaced by a name of another story;
- quote swap: a word inside a quotation replaced by a word of another story.

Each changed sentence is checked against *all* articles of its story (as if it cited them
all, the hardest case: more text can hold the invented value by chance), and the invented
value is drawn from other stories without looking at this one, so a value that the story
happens to contain elsewhere is a miss, as it would be in use. The original sentences are
checked too: a verbatim sentence must always pass.

What this cannot measure without a model is how often the guard rejects a faithful
paraphrase; the briefing reports every replacement so that rate is visible in use.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsbrief.eval.clustering import load_labelled
from newsbrief.summarize.grounding import Sources, check, figures
from newsbrief.text.boilerplate import clean_sentence
from newsbrief.text.sentences import split_sentences
from newsbrief.text.tokens import STOPWORDS, words

SEED = 13
_SCALE_SWAP = {
    "million": "billion",
    "billion": "million",
    "thousand": "trillion",
    "trillion": "thousand",
}
_QUOTED = re.compile(r"[\"“]([^\"“”]{12,}?)[\"”]")
_NAME = re.compile(r"(?<=[a-z,;] )(?:[A-Z][a-z'’\-]+|[A-Z]{2,})(?: (?:[A-Z][a-z'’\-]+|[A-Z]{2,}))*")


@dataclass
class Rate:
    checked: int = 0
    flagged: int = 0

    @property
    def rate(self) -> float:
        return self.flagged / self.checked if self.checked else 0.0


def _sentences(text: str) -> list[str]:
    out = []
    for raw in split_sentences(text):
        sentence = clean_sentence(raw)
        if sentence and 6 <= len(sentence.split()) <= 60:
            out.append(sentence)
    return out


def _swap_number(sentence: str, pool: list[str], rng: random.Random) -> str | None:
    found = [f for f in figures(sentence) if f[0][0].isdigit() or f[0][0] in "$€£¥"]
    if not found:
        return None
    written, value, _ = rng.choice(found)
    choices = [p for p in pool if float(p.replace(",", "")) != value]
    digits = re.search(r"\d[\d,]*(?:\.\d+)?", written)
    if not choices or digits is None:
        return None
    new = written.replace(digits.group(0), rng.choice(choices), 1)
    return sentence.replace(written, new, 1)


def _swap_scale(sentence: str) -> str | None:
    match = re.search(r"\b(million|billion|thousand|trillion)\b", sentence, re.IGNORECASE)
    if not match:
        return None
    word = match.group(1).lower()
    return sentence[: match.start()] + _SCALE_SWAP[word] + sentence[match.end() :]


def proper_names(sentence: str) -> list[str]:
    """Capitalised word runs inside a sentence (never its first word): names, not openers."""
    return [n for n in _NAME.findall(sentence) if n.split()[0].lower() not in STOPWORDS]


def _swap_name(sentence: str, pool: list[str], rng: random.Random) -> str | None:
    own = proper_names(sentence)
    if not own:
        return None
    name = rng.choice(own)
    choices = [p for p in pool if p.lower() != name.lower()]
    return sentence.replace(name, rng.choice(choices), 1) if choices else None


def _swap_quote(sentence: str, pool: list[str], rng: random.Random) -> str | None:
    match = _QUOTED.search(sentence)
    if not match:
        return None
    inner = match.group(1)
    content = [w for w in re.findall(r"[A-Za-z]{4,}", inner) if w.lower() not in STOPWORDS]
    if not content or not pool:
        return None
    word = rng.choice(content)
    new = re.sub(rf"\b{re.escape(word)}\b", rng.choice(pool), inner, count=1)
    return sentence[: match.start(1)] + new + sentence[match.end(1) :]


def evaluate_grounding(file: Path) -> dict[str, Any]:
    """Catch rates of the guard per kind of invented fact, and its headline false alarms."""
    rows = load_labelled(file)
    stories: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        stories[row["label"]].append(row)
    numbers: dict[str, set[str]] = defaultdict(set)
    people: dict[str, set[str]] = defaultdict(set)
    vocab: dict[str, set[str]] = defaultdict(set)
    for label, items in stories.items():
        for row in items:
            text = f"{row.get('title') or ''}\n{row.get('text') or ''}"
            numbers[label].update(
                re.findall(r"(?<![\w.])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?", text)
            )
            for sentence in _sentences(text):
                people[label].update(proper_names(sentence))
            vocab[label].update(w for w in words(text) if len(w) >= 5 and w not in STOPWORDS)

    def elsewhere(table: dict[str, set[str]], label: str) -> list[str]:
        return sorted({x for other, xs in table.items() if other != label for x in xs})

    rng = random.Random(SEED)
    kinds = {k: Rate() for k in ("number_swap", "scale_swap", "entity_swap", "quote_swap")}
    originals = Rate()
    for label in sorted(stories):
        items = stories[label]
        texts = [f"{r.get('title') or ''}\n{r.get('text') or ''}" for r in items]
        sources = Sources.of(texts)
        pools = {
            "number_swap": elsewhere(numbers, label),
            "entity_swap": elsewhere(people, label),
            "quote_swap": elsewhere(vocab, label),
        }
        for row in items:
            for sentence in _sentences(row.get("text") or ""):
                originals.checked += 1
                originals.flagged += not check(sentence, sources).ok
                changed = {
                    "number_swap": _swap_number(sentence, pools["number_swap"], rng),
                    "scale_swap": _swap_scale(sentence),
                    "entity_swap": _swap_name(sentence, pools["entity_swap"], rng),
                    "quote_swap": _swap_quote(sentence, pools["quote_swap"], rng),
                }
                for kind, altered in changed.items():
                    if altered is None or altered == sentence:
                        continue
                    kinds[kind].checked += 1
                    kinds[kind].flagged += not check(altered, sources).ok
    report: dict[str, Any] = {
        "file": str(file),
        "stories": len(stories),
        "caught": {k: {"n": r.checked, "rate": round(r.rate, 4)} for k, r in kinds.items()},
        "originals_rejected": {"n": originals.checked, "rate": round(originals.rate, 4)},
    }
    lines = [f"grounding guard on {file.name}: {len(stories)} stories"]
    for kind, r in kinds.items():
        lines.append(f"  {kind:12} caught {r.rate:6.1%} of {r.checked}")
    lines.append(f"  original sentences rejected: {originals.rate:.1%} of {originals.checked}")
    report["text"] = "\n".join(lines)
    return report
