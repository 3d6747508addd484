"""Korean words as a reader of topics needs them: the noun without its particle, and predicates
told from nouns.

Korean writes spaces between phrases, not words: a noun carries its case particle in the same
token ("삼성전자가", Samsung Electronics + subject particle; "국회는", the National Assembly +
topic particle), and a clause ends on a verb or copula with its endings ("밝혔다", "said";
"투자한다고", "that it invests"). A topic is the noun alone, and never a predicate. No
morphological analyser ships with the project, so both are told by their endings: the
particles are a closed class of a few dozen forms, and a finished predicate ends on "다" after
a past or future marker (a final ㅆ: "했다", "밝혔다", "있다"), after the present "-ㄴ/는"
("한다", "짓는다"), or on the copula "이다", alone or quoted ("-다고", "-다며").
"""

from __future__ import annotations

import re

_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_SYLLABLE_START, _SYLLABLE_END = 0xAC00, 0xD7A3
_FINALS = 28
_FINAL_N, _FINAL_SS, _FINAL_BS = 4, 20, 18  # ㄴ, ㅆ, ㅄ as the last consonant of a syllable

# Longest first, so that "에서는" goes before "는".
PARTICLES = tuple(
    sorted(
        """에서는 에게서 으로는 으로도 에서도 까지는 부터는 이라고 에서 에게 한테 으로
        까지 부터 보다 처럼 마다 조차 이나 에는 에도 과의 와의 의 은 는 이 가 을 를 에
        와 과 도 로 만 께""".split(),
        key=len,
        reverse=True,
    )
)
_QUOTED_ENDINGS = ("다고", "다며", "다는", "라고", "라며", "이다")
MIN_STEM = 2  # syllables a noun keeps: "국가" (country) is no "국" + subject particle


def is_hangul(word: str) -> bool:
    return bool(_HANGUL.search(word))


def _final(syllable: str) -> int | None:
    code = ord(syllable)
    if not _SYLLABLE_START <= code <= _SYLLABLE_END:
        return None
    return (code - _SYLLABLE_START) % _FINALS


def noun(word: str) -> str:
    """The word without a trailing particle ("국회는" -> "국회"); other words unchanged."""
    if not is_hangul(word):
        return word
    for particle in PARTICLES:
        if word.endswith(particle) and len(word) - len(particle) >= MIN_STEM:
            return word[: -len(particle)]
    return word


def has_particle(word: str) -> bool:
    return noun(word) != word


def is_predicate(word: str) -> bool:
    """A finished verb or copula ("밝혔다", "발표했다", "짓는다", "예정이다", "투자한다고")."""
    if not is_hangul(word) or len(word) < 2:
        return False
    if word.endswith(_QUOTED_ENDINGS):
        return True
    if not word.endswith("다"):
        return False
    before = word[-2]
    final = _final(before)
    return before == "는" or final in (_FINAL_SS, _FINAL_BS, _FINAL_N)
