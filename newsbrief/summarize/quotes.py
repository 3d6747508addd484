"""A notable quote and who said it.

A quote is a sentence with a quotation of at least a few words and an attribution next to it:
"…," said Jane Doe; "…," Doe said; Jane Doe said: "…"; "…," the company said. The speaker is
the named person or body of the attribution; a pronoun ("he said") leaves the speaker unknown,
and such quotes rank below attributed ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsbrief.models import Quote
from newsbrief.summarize.candidates import Candidate

_SAY = (
    r"(?:said|says|told|added|explained|wrote|stated|insisted|argued|warned|declared|"
    r"announced|tweeted|noted|asked|replied|recalled|acknowledged|admitted|conceded)"
)
_QUOTED = re.compile(r"[\"“]([^\"”]{12,})[\"”]")
_NAME = r"(?:[A-Z][\w.'’\-]+(?:\s+(?:[A-Z][\w.'’\-]+|de|van|von|bin|al|da|del|la|le)){0,4})"
_BODY = r"(?:the\s+(?:[a-z][\w\-]+\s+){0,2}[a-z][\w\-]+)"
# "…," said Jane Doe, the mayor / "…," said the company
_AFTER_SAID = re.compile(rf"^[,\s]*{_SAY}\s+(?P<who>{_NAME}|{_BODY})")
# "…," Jane Doe said / "…," Doe, the mayor, said / "…," the military said
_AFTER_NAME = re.compile(
    rf"^[,\s]*(?P<who>(?:(?:[a-z][\w\-]+\s+){{0,5}}){_NAME}|{_BODY})"
    rf"(?:,\s+[^,\"“]{{2,80}},)?\s+(?:also\s+|later\s+)?{_SAY}\b"
)
# Jane Doe said: "…" / Jane Doe told reporters that "…"
_BEFORE = re.compile(
    rf"(?P<who>{_NAME}|{_BODY})(?:,\s+[^,\"“]{{2,80}},)?\s+{_SAY}"
    rf"(?:\s+(?:reporters|journalists|the\s+\w+|\w+))?(?:\s+that)?[:,]?\s*$"
)
_PRONOUN = re.compile(r"^(?:he|she|they|it|we|i|you)$", re.IGNORECASE)
_TITLE_WORDS = re.compile(
    r"^(?:(?:[a-z][\w\-]+|and|of|the)\s+)*(?=[A-Z])",
)


@dataclass
class Attribution:
    speaker: str | None
    quoted_words: int


def attribution(text: str) -> Attribution | None:
    """The quotation in a sentence and its speaker, or None when it quotes nothing."""
    match = _QUOTED.search(text)
    if not match:
        return None
    quoted_words = len(match.group(1).split())
    if quoted_words < 5:
        return None
    tail, head = text[match.end() :], text[: match.start()]
    speaker = None
    for pattern, part in ((_AFTER_SAID, tail), (_AFTER_NAME, tail), (_BEFORE, head)):
        found = pattern.search(part)
        if found:
            speaker = _clean_speaker(found.group("who"))
            break
    return Attribution(speaker, quoted_words)


def _clean_speaker(who: str) -> str | None:
    who = who.strip().rstrip(",.")
    # "team president and general manager Ed Stefanski" -> "Ed Stefanski"
    who = _TITLE_WORDS.sub("", who) if re.search(r"[A-Z]", who) else who
    if not who or _PRONOUN.match(who):
        return None
    return who


def choose_quote(
    cands: list[Candidate], value: dict[int, float], exclude: set[str]
) -> Quote | None:
    """The most central attributed quotation; ``value`` maps id(candidate) to its centrality."""
    best: tuple[float, Quote] | None = None
    for cand in cands:
        if cand.text in exclude:
            continue
        found = attribution(cand.text)
        if found is None:
            continue
        score = value.get(id(cand), 0.0) * (2.0 if found.speaker else 0.6)
        score *= min(1.0, found.quoted_words / 10)  # a phrase is less of a quote than a thought
        if best is None or score > best[0]:
            best = (score, Quote(text=cand.text, speaker=found.speaker, cites=list(cand.cites)))
    return best[1] if best else None
