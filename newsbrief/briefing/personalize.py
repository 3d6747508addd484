""" "Why it matters to you": the story's sentences that speak to this reader.

The shared write-up of a story is made once for every reader; only this section is re-chosen
per reader, from the same candidate sentences, by how many of the reader's terms (interests,
industry, role, follows, what feedback liked) a sentence carries; then sentences that read as
consequences ("why it matters" by the section classifier) first, then those more reports carry.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsbrief.briefing.relevance import Reader, present_terms
from newsbrief.models import Article, Sentence, Writeup
from newsbrief.summarize.candidates import candidates
from newsbrief.summarize.sections import classify

SENTENCES = 2


def why_it_matters_for(
    reader: Reader, articles: Sequence[Article], writeup: Writeup
) -> list[Sentence]:
    """Sentences for the reader's "Why it matters"; the shared ones when nothing is personal."""
    default = writeup.sections.why_it_matters
    wanted = reader.terms
    if not reader.personal or not wanted:
        return default
    used = {s.text for s in writeup.summary}
    scored = []
    for cand in candidates(articles):
        if cand.text in used or cand.from_title:
            continue
        hits = len(wanted.intersection(present_terms(cand.text)))
        if hits == 0:
            continue
        matters = classify(cand) == "why_it_matters"
        scored.append((hits, matters, len(cand.cites), -cand.doc, -cand.position, cand))
    if not scored:
        return default
    scored.sort(key=lambda x: x[:5], reverse=True)
    chosen = [x[5] for x in scored[:SENTENCES]]
    chosen.sort(key=lambda c: (c.doc, c.position))
    return [c.sentence() for c in chosen]
