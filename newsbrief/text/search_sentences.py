"""The sentences of an article as the search index holds them: the headline, then the text."""

from __future__ import annotations

from newsbrief.text.sentences import split_sentences

MAX_SENTENCES = 200


def article_sentences(title: str, text: str) -> list[str]:
    out = [" ".join(title.split())] if title.strip() else []
    out.extend(s for s in split_sentences(text or "") if len(s.split()) >= 3)
    return out[:MAX_SENTENCES]
