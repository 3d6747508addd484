""" "Why it matters to you": the story's sentences that speak to this reader.

The shared write-up of a story is made once for every reader; only this section is re-chosen
per reader, from the same candidate sentences, by how many of the reader's terms (interests,
industry, role, follows, what feedback liked) a sentence carries, then by how central it is.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsbrief.models import Article, Sentence, Writeup
from newsbrief.relevance import Reader, terms
from newsbrief.summarize.extractive import _MATTERS, _score, candidates

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
    cands = [c for c in candidates(articles) if c.text not in used]
    _score(cands, articles, None)
    scored = []
    for cand in cands:
        hits = len(wanted.intersection(terms(cand.text)))
        if hits == 0:
            continue
        cue = 1.2 if _MATTERS.search(cand.text) else 1.0
        scored.append((hits * cue, cand.score, cand))
    if not scored:
        return default
    scored.sort(key=lambda x: (-x[0], -x[1], x[2].doc, x[2].position))
    chosen = [c for _, _, c in scored[:SENTENCES]]
    chosen.sort(key=lambda c: (c.doc, c.position))
    return [c.sentence() for c in chosen]
