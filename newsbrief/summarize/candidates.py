"""The sentences a write-up may use: cleaned, whole, deduplicated, each citing all its carriers.

Every candidate is a sentence of at least one article, after ``clean_sentence`` (datelines and
photo credits stripped, boilerplate dropped). Identical sentences carried by several articles
(wire copy, quotes repeated by many outlets) become one candidate citing every one of them;
variants that differ in a mark are separate candidates, and coverage never picks both.
A candidate must read as a sentence on its own: it starts like one, ends with end punctuation,
is not cut off ("..."), and opens no quotation or bracket it does not close.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from newsbrief.models import Article, Sentence
from newsbrief.text import korean
from newsbrief.text.boilerplate import clean_sentence
from newsbrief.text.sentences import quote_balance, split_sentences
from newsbrief.text.tokens import STOPWORDS, any_words, count_words, stem, words

MIN_WORDS, MAX_WORDS = 6, 70
# Articles are read down to this many sentences: news puts the event first, and the tail of a
# long article is background that the section classifier still sees in the first sentences.
MAX_SENTENCES_PER_ARTICLE = 40

_START = re.compile(r"^[\"'“‘(\[]?[A-Z0-9]")
# Questions and exclamations are rarely facts; quoted ones keep their closing mark: '?"'.
_END = re.compile(r"(?:\.|[?!][\"'”’])[\"'”’)\]]*$")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]")
_LOWER_WORD = re.compile(r"\b[a-z]{3,}")
_CUT = re.compile(r"(?:\.\.\.|…)[\"'”’)\]]*$")
_UPPER = re.compile(r"[A-Z]")
_LOWER = re.compile(r"[a-z]")
_ANAPHORIC_START = re.compile(
    r"^[\"“]?(?:he|she|it|they|his|her|its|their|this|that|these|those|but|however|also|and|"
    r"so|still|yet|meanwhile|instead|then|there|here|such|both|another|other|others|the two)\b",
    re.IGNORECASE,
)


@dataclass
class Candidate:
    text: str
    cites: list[str]
    doc: int  # order of the first article carrying it (articles in time order)
    position: int  # sentence index within that article (0 = lead)
    when: datetime | None = None  # publication time of the earliest article carrying it
    tokens: list[str] = field(default_factory=list)  # stemmed content words, in order
    length: int = 0  # words
    from_title: bool = False

    def sentence(self) -> Sentence:
        return Sentence(text=self.text, cites=list(self.cites))

    @property
    def anaphoric(self) -> bool:
        """Starts with a pronoun or connective that needs the sentence before it."""
        return bool(_ANAPHORIC_START.match(self.text))


def is_well_formed(text: str, names_ok: bool = False) -> bool:
    """A whole sentence that can stand on its own in a summary; ``names_ok`` lets a sentence
    of many names pass that reads like a line in title case."""
    if not text.isascii() and (
        _other_script(text) or not text.lstrip(_OPENING_MARKS)[:1].isascii()
    ):
        # Text in another script, or opening on a letter beyond ASCII ("Über", "Él"): the
        # rules below know only ASCII capitals.
        return _is_well_formed_in_any_script(text, names_ok)
    count = text.count(" ") + 1
    if count < MIN_WORDS or count > MAX_WORDS:
        return False
    if not _START.match(text) or not _END.search(text) or _CUT.search(text):
        return False
    if quote_balance(text) or text.count("(") != text.count(")"):
        return False
    # Lines in capitals are headings and furniture, not sentences.
    upper = len(_UPPER.findall(text))
    if upper >= len(_LOWER.findall(text)):
        return False
    # Nor are lines in title case ("Obama Restores Species Protections."): a sentence has
    # lower-case words between its names.
    return names_ok or len(_LOWER_WORD.findall(text)) >= len(_CAPITALISED.findall(text)) * 0.6


_OPENING_MARKS = "\"'“‘([«„"
_FULL_STOPS = ".。।"  # Latin and most scripts, Chinese and Japanese, Devanagari
_END_ANY = re.compile(rf"(?:[{_FULL_STOPS}]|[?!？！][\"'”’»」])[\"'”’)\]»」]*$")
_CUT_ANY = re.compile(r"(?:\.\.\.|…|⋯)[\"'”’)\]»」]*$")


def _is_well_formed_in_any_script(text: str, names_ok: bool) -> bool:
    """``is_well_formed`` for text beyond ASCII: a sentence opens on a capital of any alphabet,
    a digit or a letter of a script without capitals (Arabic, Korean, Chinese), ends on the
    full stop of its script, and its words are counted as ``count_words`` counts them (a
    Chinese sentence has no spaces). Lines in capitals or in title case are no sentences,
    judged by the cased letters there are."""
    count = count_words(text)
    if count < MIN_WORDS or count > MAX_WORDS:
        return False
    first = text.lstrip(_OPENING_MARKS)[:1]
    caseless = first.isalpha() and first.lower() == first.upper()
    if not (first.isdigit() or first.isupper() or caseless):
        return False
    if not _END_ANY.search(text) or _CUT_ANY.search(text):
        return False
    if quote_balance(text) or text.count("(") != text.count(")"):
        return False
    upper = sum(1 for c in text if c.isupper())
    lower = sum(1 for c in text if c.islower())
    if (upper or lower) and upper >= lower:
        return False
    tokens = [t.strip(_OPENING_MARKS + ".,;:!?\"'”’)»") for t in text.split()]
    capitalised = sum(1 for t in tokens if t[:1].isupper() and t[1:2].islower())
    lower_words = sum(1 for t in tokens if len(t) >= 3 and t[:1].islower())
    return names_ok or lower_words >= capitalised * 0.6


_STEMS: dict[str, str] = {}


def cached_stem(word: str) -> str:
    found = _STEMS.get(word)
    if found is None:
        if len(_STEMS) > 200_000:
            _STEMS.clear()  # a bound on memory; the vocabulary of news refills it quickly
        found = _STEMS[word] = stem(word)
    return found


def content_tokens(text: str) -> list[str]:
    if _other_script(text):
        # Cyrillic, Greek, Arabic, Korean, Chinese...: ASCII words would leave a sentence only
        # its figures, and no sentence without one could be chosen. Words of its own script,
        # a run of Chinese or Japanese cut into its words, and a Korean noun without its
        # particle.
        return [korean.noun(w) for w in any_words(text) if len(w) > 1 and w not in STOPWORDS]
    return [cached_stem(w) for w in words(text) if len(w) > 1 and w not in STOPWORDS]


def _other_script(text: str) -> bool:
    """Whether most of the text's letters are of a script other than Latin."""
    if text.isascii():
        return False
    letters = [c for c in text if c.isalpha()]
    latin = sum(1 for c in letters if c <= "\u024f")
    return latin * 2 < len(letters)


def time_order(articles: Sequence[Article]) -> list[Article]:
    """Articles oldest first (undated ones last, in the order given)."""
    indexed = list(enumerate(articles))
    indexed.sort(key=lambda p: (p[1].published is None, p[1].published or datetime.min, p[0]))
    return [a for _, a in indexed]


def article_sentences(article: Article, names_ok: bool = False) -> list[tuple[int, str, bool]]:
    """(position, cleaned sentence, from title) for the well-formed sentences of an article.

    Where a source had no headline the title is the article's first sentence, so a title that
    is itself a sentence leads the article. ``names_ok`` lets the text's sentences of many
    names pass (never the title's).
    """
    out: list[tuple[int, str, bool]] = []
    title = clean_sentence(article.title) if article.title else None
    position = 0
    if title and is_well_formed(title):
        out.append((0, title, True))
        position = 1
    for raw in split_sentences(article.text)[:MAX_SENTENCES_PER_ARTICLE]:
        text = clean_sentence(raw)
        if text is None:
            continue
        if is_well_formed(text, names_ok):
            out.append((position, text, False))
        position += 1
    return out


def candidates(articles: Sequence[Article], names_ok: bool = False) -> list[Candidate]:
    """Clean, whole, deduplicated sentences of the articles, each citing every carrier."""
    by_key: dict[str, Candidate] = {}
    for doc, article in enumerate(time_order(articles)):
        for position, text, from_title in article_sentences(article, names_ok):
            # The exact text is the key: a citation promises these very words and marks.
            found = by_key.get(text)
            if found is not None:
                if article.id not in found.cites:
                    found.cites.append(article.id)
                continue
            by_key[text] = Candidate(
                text=text,
                cites=[article.id],
                doc=doc,
                position=position,
                when=article.published,
                tokens=content_tokens(text),
                length=len(text.split()),
                from_title=from_title,
            )
    return [c for c in by_key.values() if c.tokens]
