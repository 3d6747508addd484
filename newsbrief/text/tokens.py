"""Words, stopwords and capitalised names."""

from __future__ import annotations

import re

STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are aren't as at be because been
    before being below between both but by can can't cannot could couldn't did didn't do does
    doesn't doing don't down during each few for from further had hadn't has hasn't have haven't
    having he he'd he'll he's her here here's hers herself him himself his how how's i i'd i'll
    i'm i've if in into is isn't it it's its itself let's me more most mustn't my myself no nor
    not of off on once only or other ought our ours ourselves out over own same shan't she she'd
    she'll she's should shouldn't so some such than that that's the their theirs them themselves
    then there there's these they they'd they'll they're they've this those through to too under
    until up very was wasn't we we'd we'll we're we've were weren't what what's when when's
    where where's which while who who's whom why why's with won't would wouldn't you you'd
    you'll you're you've your yours yourself yourselves said says say told will just like new
    one two also us mr mrs ms may might get got make made according since still yet many much
    even well back last first year years day days time week weeks month months now around
    including
    """.split()
)

_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-]*[A-Za-z0-9]|[A-Za-z0-9]")
_NAME = re.compile(
    r"\b(?:[A-Z][a-zA-Z'’\-]+|[A-Z]{2,})(?:\s+(?:of|de|van|von|al|bin|the)?\s*"
    r"(?:[A-Z][a-zA-Z'’\-]+|[A-Z]{2,}))*"
)


def words(text: str) -> list[str]:
    """Lower-cased word tokens."""
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


# A figure is one term, whole: "7.8", "0.25", "3:32", "7.0.6", "8,000" (its thousands commas
# dropped). Cut at its points it left "8", "25", "32" and "000", which any figure shares, and
# the figure that tells two look-alike events apart (a magnitude of 7.8 or 7.3) was lost.
FIGURE = re.compile(r"\d+(?:[.,:]\d+)+")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")


def figure_term(figure: str) -> str:
    """A figure as one term, without its thousands commas ("8,000" as 8000; "2,4" stays)."""
    return figure.replace(",", "") if _THOUSANDS.fullmatch(figure) else figure


# Words as copies are compared (``stories/dedupe.py``): in any script, each Chinese or
# Japanese character a word of its own (they are written without spaces); on ASCII text the
# same tokens as ``_WORD``, so that what was computed from English text stays valid.
_CJK_LETTERS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
COPY_WORD = re.compile(
    rf"[{_CJK_LETTERS}]|[^\W_{_CJK_LETTERS}](?:(?:[^\W_{_CJK_LETTERS}]|['’\-])*[^\W_{_CJK_LETTERS}])?"
)


def copy_words(text: str) -> list[str]:
    """Lower-cased word tokens in any script (see ``COPY_WORD``)."""
    return [w.lower().replace("’", "'") for w in COPY_WORD.findall(text)]


_ANY_WORD = re.compile(r"[^\W_][\w'’\-]*[^\W_]|[^\W_]")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_CJK_CHARS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Where Latin letters or digits meet Chinese or Japanese ones: written without a space, yet a
# word ends there ("Kubernetesが強力で...").
SCRIPT_CHANGE = re.compile(
    rf"(?<=[^\W{_CJK_CHARS}])(?=[{_CJK_CHARS}])|(?<=[{_CJK_CHARS}])(?=[^\W{_CJK_CHARS}])"
)


def count_words(text: str) -> int:
    """How many words a text holds, in any script. Chinese and Japanese are written without
    spaces, so a run of their characters counts one word for every two characters (the length
    of a common word there): "改进全节点启动时的功能协商" is a headline of about seven words,
    not one."""
    count = 0
    for token in text.split():
        runs = CJK.findall(token)
        if not runs:
            count += 1
            continue
        count += sum((len(run) + 1) // 2 for run in runs) + len(
            [t for t in CJK.split(token) if any(c.isalnum() for c in t)]
        )
    return count


def any_words(text: str, language: str | None = None) -> list[str]:
    """Lower-cased words in any script; a run of Chinese or Japanese characters as its words
    (see ``text/segment.py``). ASCII text gives what ``words`` gives."""
    from newsbrief.text import segment

    out: list[str] = []
    for word in _ANY_WORD.findall(text):
        low = word.lower().replace("’", "'")
        if not CJK.search(low):
            out.append(low)
            continue
        for part in CJK.split(low):
            out.extend(any_words(part))
        for run in CJK.findall(low):
            out.extend(segment.words(run, language or "zh"))
    return out


def content_words(text: str) -> list[str]:
    """Words that carry meaning: no stopwords, no one-letter tokens."""
    return [w for w in words(text) if len(w) > 1 and w not in STOPWORDS]


def stem(word: str) -> str:
    """A light suffix stripper so that 'quake' and 'quakes' meet."""
    if word.endswith("'s"):  # a possessive, however short the name: "GM's" is GM
        word = word[:-2]
    word = word.rstrip("'")  # "investors'"
    for suffix, keep in (("ies", "y"), ("sses", "ss"), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word
            return word[: -len(suffix)] + keep
    return word


def terms(text: str) -> list[str]:
    return [stem(w) for w in content_words(text)]


def names(text: str) -> list[str]:
    """Capitalised word sequences not at a sentence start: people, places, organisations."""
    found: list[str] = []
    for match in _NAME.finditer(text):
        name = match.group(0).strip()
        start = match.start()
        prefix = text[:start].rstrip()
        at_sentence_start = not prefix or prefix[-1] in '.!?"“:\n'
        if name.lower() in STOPWORDS or (at_sentence_start and " " not in name and len(name) < 3):
            continue
        found.append(name)
    return found
