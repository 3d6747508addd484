"""The sentences of an article as the search index holds them: the headline, then the text."""

from __future__ import annotations

import re

from newsbrief.text.sentences import split_sentences

MAX_SENTENCES = 200
# Chinese and Japanese write no spaces: a sentence of theirs counts a word per two characters.
_CJK_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def article_sentences(title: str, text: str) -> list[str]:
    out = [" ".join(title.split())] if title.strip() else []
    out.extend(s for s in split_sentences(text or "") if _words(s) >= 3)
    return out[:MAX_SENTENCES]


def _words(sentence: str) -> int:
    count = len(sentence.split())
    if not sentence.isascii():
        count += len(_CJK_CHAR.findall(sentence)) // 2
    return count
