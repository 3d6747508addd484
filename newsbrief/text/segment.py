"""Words of Chinese and Japanese text, which is written without spaces between words.

With the ``cjk`` extra (``pip install 'newsbrief[cjk]'``), a dictionary segmenter cuts a run of
CJK characters into words: jieba for Chinese (MIT licence) and Janome for Japanese (Apache-2.0,
with the IPADIC dictionary inside the package). Both are pure Python and ship their
dictionaries, so nothing is downloaded at run time. Function words go: single characters in
Chinese (particles such as 的, 了, 在), and in Japanese particles, auxiliary verbs and symbols,
by the part of speech Janome tells; a Japanese verb or adjective is given in its dictionary
form, as a stemmer would give it.

Without the extra, a run is cut into overlapping pairs of characters, the usual unit of CJK
retrieval when no segmenter is at hand.
"""

from __future__ import annotations

import functools
import logging
import re
from typing import Any

_KANA = re.compile(r"[\u3040-\u30ff]")
# Parts of speech (IPADIC) whose words carry what a text is about.
_JA_CONTENT = ("名詞", "動詞", "形容詞", "副詞", "連体詞", "接頭詞")
_JA_NOT_CONTENT = ("非自立", "代名詞", "接尾", "数")
# Nouns that name no subject: adverbial ones ("今日", "最近"). Verbal nouns stay: "利上げ" (a
# rate rise) names an event.
_JA_NOT_NAMING = ("副詞可能",)


def character_pairs(run: str) -> list[str]:
    """Overlapping pairs of characters: "央行降准" -> 央行, 行降, 降准."""
    return [run[i : i + 2] for i in range(max(len(run) - 1, 1))]


def words(run: str, language: str = "zh") -> list[str]:
    """The content words of a run of CJK characters; pairs of characters without a segmenter.

    Japanese when ``language`` says so or the run has kana, Chinese otherwise.
    """
    found = segmented(run, language)
    return character_pairs(run) if found is None else found


def segmented(run: str, language: str | None = "zh") -> list[str] | None:
    """The content words of a run of CJK characters, or None without a segmenter."""
    japanese = language == "ja" or bool(_KANA.search(run))
    return _japanese(run) if japanese else _chinese(run)


# Parts of speech (jieba's ICTCLAS tags) of words that never name a subject: time words (t:
# "周二", "今年"), pronouns (r: "此举"), adverbs, numerals and measure words, prepositions,
# conjunctions, particles, directions, interjections and the like. Nouns stay, and so do verbs
# written as the name of an event ("宣布降准", a cut in banks' reserve ratio; see
# _names_an_event); the common verbs of reporting ("宣布", "表示") are function words of the
# language (wordlists).
_ZH_NOT_NAMING = ("t", "r", "d", "m", "q", "p", "c", "u", "f", "x", "y", "e", "o", "z")


def nouns(run: str, language: str | None = "zh") -> list[str] | None:
    """The words of a run of CJK characters that a topic may be, or None without a
    segmenter: no time word, pronoun or particle; in Japanese only nouns, as written."""
    japanese = language == "ja" or bool(_KANA.search(run))
    if japanese:
        return _japanese(run, nouns_only=True)
    jieba = _jieba()
    if jieba is None:
        return None
    import jieba.posseg as posseg

    pairs = posseg.lcut(run)
    return [
        pair.word
        for i, pair in enumerate(pairs)
        if not pair.flag.startswith(_ZH_NOT_NAMING)
        and (len(pair.word) > 1 or not _is_cjk(pair.word))
        and not pair.flag.startswith(_ZH_ADJECTIVES)
        and (not _is_verb(pair.flag) or _names_an_event(pairs, i))
    ]


# Adjectives and adverbial adjectives ("深远", "稳定") describe, they name nothing; an adjective
# used as a noun ("an") stays.
_ZH_ADJECTIVES = ("a", "ad", "ag")


def _is_verb(flag: str) -> bool:
    """A verb, not a verbal noun ("vn": "研究", "筛查"), which names what is done."""
    return flag.startswith("v") and flag != "vn"


def _names_an_event(pairs: list[Any], i: int) -> bool:
    """Whether a Chinese verb is written as the name of an event: the object of another verb
    ("宣布降准", "举行罢工"), the subject of one ("降准旨在...") or measured by a figure
    ("降准0.5个百分点"). A verb with an object or an aspect particle after it is a verb
    ("呼吁各方", "发布新手机", "结婚了"), and a verb alone between nouns or at a clause's end
    ("工人罢工") is told by nothing: a topic is a noun, so it goes."""
    before = pairs[i - 1].flag if i > 0 else ""
    after = pairs[i + 1].flag if i + 1 < len(pairs) else ""
    return _is_verb(before) or _is_verb(after) or after.startswith("m")


def available(language: str = "zh") -> bool:
    """Whether the segmenter of the language is installed."""
    return (_janome() if language == "ja" else _jieba()) is not None


def _chinese(run: str) -> list[str] | None:
    jieba = _jieba()
    if jieba is None:
        return None
    return [w for w in jieba.lcut(run) if len(w) > 1 or not _is_cjk(w)]


def _japanese(run: str, nouns_only: bool = False) -> list[str] | None:
    tokenizer = _janome()
    if tokenizer is None:
        return None
    out = []
    for token in tokenizer.tokenize(run):
        kind = token.part_of_speech.split(",")
        if kind[0] not in _JA_CONTENT or any(k in _JA_NOT_CONTENT for k in kind[1:3]):
            continue
        if nouns_only and (kind[0] != "名詞" or any(k in _JA_NOT_NAMING for k in kind[1:3])):
            continue
        word = token.surface if kind[0] == "名詞" else token.base_form
        if word and word != "*" and (len(word) > 1 or not _KANA.search(word)):
            out.append(word)
    return out


def _is_cjk(word: str) -> bool:
    return any("\u3040" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" for c in word)


def quiet_jieba(language: str | None) -> None:
    """Before wordfreq reads Chinese: it cuts it with jieba, whose notices of building its
    dictionary would reach stderr (twice, through the log as well) on a command's output."""
    if (language or "").split("-")[0].lower() == "zh":
        _jieba()


@functools.cache
def _jieba() -> Any:
    try:
        import jieba
    except ImportError:
        return None
    # jieba reports building its dictionary cache on stderr at INFO: not a user's concern.
    jieba.setLogLevel(logging.WARNING)
    return jieba


@functools.cache
def _janome() -> Any:
    try:
        from janome.tokenizer import Tokenizer
    except ImportError:
        return None
    return Tokenizer()
