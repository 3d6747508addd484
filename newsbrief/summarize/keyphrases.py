"""A story's main entities and keyphrases, for its tags and the briefing's topics.

Entities are capitalised names counted by the number of reports that mention them; a surname
that only ever appears as part of a fuller name ("Cheeks" in "Maurice Cheeks") is folded into
it, and calendar words and sentence-initial capitals are not names. Keyphrases are content-word
pairs and words that many reports share and, when a background is known (the other stories of
the day), that are rarer there than in this story.

Neither is ever a stopword, weekday, month, unit, lone adverb, abbreviation or possessive in the
reports' language (``wordlists.is_junk_topic``): "However", "billion", "company's", "Friday",
"Calif", "capsized" describe no story.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import islice

from newsbrief.models import Article
from newsbrief.summarize.candidates import cached_stem, time_order
from newsbrief.summarize.grounding import addresses_reader
from newsbrief.text import korean, segment
from newsbrief.text.boilerplate import clean_sentence
from newsbrief.text.common_words import CommonWords, english_zipf
from newsbrief.text.sentences import split_sentences
from newsbrief.text.tokens import SCRIPT_CHANGE, STOPWORDS, stem, words
from newsbrief.text.wordlists import (
    core_function_words,
    function_words,
    is_junk_topic,
    language_of,
    without_suffix,
)

_NOT_NAMES = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december today yesterday tonight "
    "mr mrs ms dr the a an in on at of for and but or if as it he she they we i you this that "
    "these those there here when where what who why how after before while during update "
    "updated breaking news video photo photos read more advertisement gmt utc est edt pst pdt "
    "bst cet ist et pt am pm one two three four five six seven eight nine ten eleven twelve "
    "twenty hundred hundreds thousand thousands million millions dozen dozens first second "
    "third fourth fifth last next".split()
)
_POSSESSIVE = re.compile(r"['’]s$")
LEAD_SENTENCES = 4
# A capitalised word written with a stop before a lower-case word or a comma is an
# abbreviation ("Cupertino, Calif., said", "Gov. Brown"), not a name.
_ABBREVIATED = re.compile(r"\b([A-Z][a-z]{1,4})\.(?=,|\s+[a-z]|\s+[A-Z][a-z]+\s)")


# Words and names in any script ("München", "Skellefteå", "Łódź"), not only in ASCII.
_WORD = re.compile(r"[^\W_](?:[\w'’\-]*[^\W_])?")

_UNIT_ENDS = frozenset(".!?…:;\"'”’)]。！？")
_SENTENCE_ENDS = (".", "!", "?", ":", ";", '"', "“", "\n", "-", "–", "—")
_CONNECTORS = frozenset("of de van von al bin the du la del der di da".split())


# Scripts written without spaces (Chinese, Japanese, Thai): a run of their letters is a clause,
# not a word. Chinese and Japanese runs are cut into words by a segmenter when the cjk extra is
# installed (text/segment.py); otherwise, as Thai, a short run is kept as it is.
_UNSPACED = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")
# Korean is written with spaces, but its words are short: two syllables make one ("국회").
_SHORT_WORDS = re.compile(r"[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
UNSPACED_MAX = 4


def _words(text: str, lang: str | None = None) -> list[str]:
    if text.isascii():
        # No Korean, Chinese, Japanese or Thai letter and no curly apostrophe: every word is
        # kept as it is, in lower case (most reports; the checks below cost more than that).
        return [w.lower() for w in _WORD.findall(text)]
    out = []
    for w in _WORD.findall(text):
        if korean.is_hangul(w):
            # The noun without its particle ("국회는": "국회"); a verb is no keyphrase.
            if not korean.is_predicate(w):
                out.append(korean.noun(w))
            continue
        runs = _CJK_RUN.findall(w)
        found = [segment.nouns(run, lang) for run in runs]
        if runs and all(f is not None for f in found):
            # A topic is a noun: time words, verbs and pronouns ("周二", "宣布", "此举") are
            # not, however short the run they are written in; Latin words beside them stay.
            out.extend(p.lower() for p in _CJK_RUN.split(w) if _WORD.fullmatch(p))
            out.extend(n for f in found for n in f or [])
            continue
        if len(w) <= UNSPACED_MAX or not _UNSPACED.search(w):
            out.append(w.lower().replace("’", "'"))
            continue
        for run in runs:  # (no segmenter: a long run is a clause, and is left out)
            out.extend(segment.segmented(run, lang) or [])
    return out


# What ends a phrase: any mark that is not part of a word (a stop, comma, colon, bracket,
# quote, slash, CJK punctuation) and a dash set between spaces. Two words either side of one
# belong to two phrases: "verzichten? Köln", "coronavirus — CANBERA (dpa-AFX)".
_PHRASE_BREAK = re.compile(r"[^\w\s'’\-]+|(?<=\s)[-–—]+(?=\s)")
BREAK = ""  # a token no pair is made across (too short to be a word itself)


@lru_cache(maxsize=8192)
def _phrase_words(text: str, lang: str | None = None) -> tuple[str, ...]:
    """The words of the text, with a BREAK between two phrases."""
    # A briefing reads each report's headline and lead twice: for the write-up and the story's
    # features.
    out: list[str] = []
    for part in _PHRASE_BREAK.split(text):
        found = _words(part, lang)
        if found:
            out.extend(found)
            out.append(BREAK)
    return tuple(out)


def _too_short(word: str) -> bool:
    """Under three letters; two Chinese or Japanese characters are a word ("央行", "円安")."""
    if len(word) != 2:  # (the script decides only for two letters)
        return len(word) < 2
    return not _SHORT_WORDS.search(word)


def _names(
    text: str, stop: frozenset[str] = frozenset(), common: CommonWords | None = None
) -> list[str]:
    """Runs of capitalised words (joined by "of", "de", "von", ...) in any script; a function
    word of the language (``stop``) does not open one at a sentence start ("Ceux", "Czy") or
    when it is a preposition of a letter or two ("В Макао"), nor does a common word of the
    language at a sentence start ("Afirmó", "Verbraucher")."""
    # Chinese and Japanese put no space between a Latin name and the words after it
    # ("Kubernetesが強力で..."): the name ends where the script changes.
    text = SCRIPT_CHANGE.sub(" ", text)
    found: list[str] = []
    run: list[str] = []
    last_end = -1

    def close() -> None:
        while run and run[-1].lower() in _CONNECTORS:
            run.pop()
        if run:
            found.append(" ".join(run))
        run.clear()

    for match in _WORD.finditer(text):
        word = match.group(0)
        joined = last_end >= 0 and not text[last_end : match.start()].strip()
        if not joined:
            close()
        if word[0].isupper():
            opening = not run and (
                len(word) <= 2 or text[: match.start()].rstrip()[-1:] in ("", *_SENTENCE_ENDS)
            )
            # "Unfortunately, ...", "However, ...": a word that opens a sentence and is set
            # off by a comma is a connective, not a name.
            connective = (
                not run
                and text[: match.start()].rstrip()[-1:] in ("", *_SENTENCE_ENDS)
                and text[match.end() : match.end() + 1] == ","
            )
            common_opening = (
                opening and common is not None and len(word) > 2 and common.opens_no_name(word)
            )
            if not (opening and word.lower() in stop) and not connective and not common_opening:
                run.append(word)
        elif run and word in _CONNECTORS:
            run.append(word)
        else:
            close()
        last_end = match.end()
    close()
    return [n for n in found if n.lower() not in STOPWORDS]


def _name_parts(
    found: list[str], lang: str | None, common: CommonWords | None = None
) -> list[list[str]]:
    """The words of each name, a run split where a word is no part of a name ("Monday",
    "The"); "of" and "de" inside a name stay ("Bank of England"). In German a common noun
    is no part of a name ("Finanzminister Christian Lindner" is Christian Lindner, "Angaben
    der Geschäftsführung" none) while an adjective can be ("Deutsche Bank")."""
    out = []
    for name in found:
        runs: list[list[str]] = [[]]
        for word in name.split():
            noun = common is not None and common.leads_no_name(word)
            if (word.lower() in _NOT_NAMES and not word[0].islower()) or noun:
                runs.append([])
            else:
                runs[-1].append(word)
        for parts in runs:
            # "Das Unternehmen", "Der Softwarekonzern SAP": an article or preposition that
            # opens a sentence is no part of the name; nor is a connector at either end.
            while parts and (
                parts[0].lower() in core_function_words(lang or "en") or parts[0] in _CONNECTORS
            ):
                parts.pop(0)
            while parts and parts[-1] in _CONNECTORS:
                parts.pop()
            if common is not None and len(parts) == 1 and common.is_noun(parts[0]):
                continue  # "Regierung", and an adjective left alone ("Heidelberger")
            if parts:
                out.append(parts)
    return out


@lru_cache(maxsize=8192)
def _name_parts_of(text: str, lang: str | None) -> tuple[tuple[str, ...], ...]:
    """``_name_parts`` of the text's names when no story's common words are needed: a briefing
    reads each report's headline and lead for the write-up and for the story's features."""
    found = _names(text, function_words(language_of(lang)), None)
    return tuple(tuple(parts) for parts in _name_parts(found, lang, None))


def language(articles: Sequence[Article]) -> str | None:
    """The language most of the articles are in (None when none says)."""
    found = Counter(a.language for a in articles if a.language)
    return found.most_common(1)[0][0] if found else None


def _lead(article: Article) -> str:
    """The article's first sentences of news: boilerplate and sentences written to an
    automated reader ("... visit acme-deals.example") name no topic."""
    return _lead_of(article.text)


@lru_cache(maxsize=8192)
def _lead_of(text: str) -> str:
    # A briefing reads each article's lead four times: entities and keyphrases, for the
    # write-up and for the story's features.
    kept = (
        s
        for s in split_sentences(text)
        if clean_sentence(s) is not None and not addresses_reader(s)
    )
    # A list item or a line with no stop of its own still ends there: no name or pair runs on
    # into the next ("0 updates" / "Anthropic", "Google DeepMind" / "OpenAI").
    return " ".join(
        s if s.rstrip()[-1:] in _UNIT_ENDS else s.rstrip() + "."
        for s in islice(kept, LEAD_SENTENCES)
    )


def _capitalised_within(text: str) -> set[str]:
    """Words written with a capital where no sentence starts: a sentence's first word is
    capitalised whatever it is, so only a capital inside a sentence says "name". Words in
    capitals are left out: in a shouted line every word has them."""
    out = set()
    before = ""  # the last character before the word that is not a space
    end = 0
    for match in _WORD.finditer(text):
        word = match.group(0)
        gap = text[end : match.start()]
        before = "\n" if "\n" in gap else gap.rstrip()[-1:] or before  # a line is a sentence
        if word[0].isupper() and not word.isupper() and before not in ("", *_SENTENCE_ENDS):
            out.add(_POSSESSIVE.sub("", word).lower())  # "in France's history"
        before, end = word[-1], match.end()
    return out


TITLE_CASE_MIN = 3  # words of four letters or more: fewer tell nothing of a style
_TITLE_WORD_MIN = 4  # letters: "of", "in", "the" stay lower case in title case


def _title_case(title: str) -> bool:
    """Whether a headline capitalises every word of four letters or more."""
    long = [w for w in _WORD.findall(title) if len(w) >= _TITLE_WORD_MIN and w[0].isalpha()]
    return len(long) >= TITLE_CASE_MIN and all(w[0].isupper() for w in long)


def _name_keys(text: str, lang: str | None) -> set[str]:
    return {
        _POSSESSIVE.sub("", " ".join(parts)).strip(".,'’").lower()
        for parts in _name_parts_of(text, lang)
    }


EVERYDAY_ZIPF = 4.0  # an English word this frequent is a word, not a name ("people", "hit")
ACRONYM_MAX = 4  # letters


def _mostly_words(name: str, lowercase: set[str], within: set[str] | None) -> bool:
    """Whether half the words of a run are everyday words: the reports write them in lower
    case, or (in English, ``within`` given) general English writes them often and the reports
    never capitalise them inside a sentence ("PEOPLE HAVE DIED", "Paris Store Hit"; not
    "MARFIN EGNATIA BANK"). Capitals that are style then say nothing of a name."""
    parts = name.lower().split()
    if within is not None:
        # Short words in capitals are as often acronyms as words ("CNN", "REST API").
        parts = [p for p in parts if len(p) > ACRONYM_MAX]
    ordinary = sum(
        p in lowercase
        or (within is not None and p not in within and english_zipf(p) >= EVERYDAY_ZIPF)
        for p in parts
    )
    return bool(parts) and 2 * ordinary >= len(parts)


def entities(articles: Sequence[Article], limit: int = 6) -> list[str]:
    support: Counter[str] = Counter()
    shown: dict[str, Counter[str]] = {}
    lowercase: set[str] = set()  # words the reports also write in lower case: not names
    abbreviated: set[str] = set()
    within: set[str] = set()  # words written with a capital inside a sentence
    styled: Counter[str] = Counter()  # names seen only in capitals or in a title-case title
    lang = language(articles)
    texts = [article.title + ".\n" + _lead(article) for article in articles]
    common = CommonWords(texts, language_of(lang)) if language_of(lang) != "en" else None
    for article, text in zip(articles, texts, strict=True):
        seen = set()
        plain = set()
        lowercase.update(w.lower() for w in _WORD.findall(text) if w[0].islower())
        # German capitalises every noun: only English headlines are told by their style.
        title_case = common is None and _title_case(article.title)
        within.update(_capitalised_within(_lead(article) if title_case else text))
        in_lead = _name_keys(_lead(article), lang) if title_case else set()
        abbreviated.update(m.lower() for m in _ABBREVIATED.findall(text))
        if common is None:
            named: Sequence[Sequence[str]] = _name_parts_of(text, lang)
        else:
            named = _name_parts(
                _names(text, function_words(language_of(lang)), common), lang, common
            )
        for parts in named:
            clean = _POSSESSIVE.sub("", " ".join(parts)).strip(".,'’")  # "Iran's" is Iran
            clean = without_suffix(clean, lang)  # "İran'da" is İran
            key = clean.lower()
            if len(key) < 3 or key in STOPWORDS or key in abbreviated or is_junk_topic(clean, lang):
                continue
            shown.setdefault(key, Counter())[clean] += 1
            seen.add(key)
            if not clean.isupper() and (not title_case or key in in_lead):
                plain.add(key)
        support.update(seen)
        styled.update(seen - plain)
    # A single capitalised word the reports also write in lower case is a sentence start
    # ("Armed robbers ..."), not a name.
    for key in support:
        if " " not in key and key in lowercase:
            support[key] = 0
    # Capitals in a shouted line or a title-case headline are style: a run seen only there is
    # a name only if most of its words are not everyday words ("PEOPLE HAVE DIED", "Paris
    # Store Hit" are none; "MARFIN EGNATIA BANK" is one).
    for key, count in styled.items():
        english = common is None
        if count == support[key] and _mostly_words(key, lowercase, within if english else None):
            support[key] = 0
    # Fold a part of a longer name into that name: "Cheeks" into "Maurice Cheeks".
    parts_of_names = {part for key in support if " " in key for part in key.split()}
    for key in support:
        if " " not in key and key in parts_of_names:
            support[key] = 0
    minimum = 2 if len(articles) >= 3 else 1
    # Ties go by the name itself: support counts come from sets, whose order varies by process.
    ranked = [k for k, n in sorted(support.items(), key=lambda kv: (-kv[1], kv[0])) if n >= minimum]
    return [shown[k].most_common(1)[0][0] for k in ranked[:limit]]


def keyphrases(
    articles: Sequence[Article],
    limit: int = 6,
    rarity: Callable[[str], float] | None = None,
    exclude: Sequence[str] = (),
) -> list[str]:
    """Phrases many reports share; ``rarity`` (an idf) prefers what sets this story apart."""
    support: Counter[str] = Counter()
    frequency: Counter[str] = Counter()  # occurrences in all reports: what a report dwells on
    first_seen: dict[str, int] = {}  # where a phrase first appears: headlines come first
    surface: dict[str, Counter[str]] = {}
    position = 0
    lang = language(articles)
    stop = STOPWORDS | function_words(language_of(lang))
    # German writes every noun with a capital: a word the reports write in lower case more
    # often than not is a verb, adjective or adverb, and ends no keyphrase ("sagte",
    # "schlecht vorbereitet", "cdu sucht"); an adjective may open one ("geschwächte CDU").
    nouns = _capitalised(articles) if language_of(lang) == "de" else None
    for article in time_order(articles):
        tokens = _phrase_words(article.title + " . " + _lead(article), language_of(lang))
        seen = set()
        for i, word in enumerate(tokens):
            if word in stop or _too_short(word) or word[0].isdigit():
                continue
            key = cached_stem(word)
            shown = word if nouns is None else nouns.get(word, word)
            found = [(key, shown)] if nouns is None or word in nouns else []
            if i + 1 < len(tokens):
                nxt = tokens[i + 1]
                unspaced = not (word.isascii() and nxt.isascii()) and (
                    _UNSPACED.search(word) or _UNSPACED.search(nxt)
                )
                if (
                    nxt not in stop
                    and not _too_short(nxt)
                    and not nxt[0].isdigit()
                    and not unspaced
                    and (nouns is None or nxt in nouns)
                ):
                    after = nxt if nouns is None else nouns.get(nxt, nxt)
                    found.append((f"{key} {cached_stem(nxt)}", f"{shown} {after}"))
            for phrase, written in found:
                seen.add(phrase)
                frequency[phrase] += 1
                first_seen.setdefault(phrase, position + i)
                surface.setdefault(phrase, Counter())[written] += 1
        position += len(tokens)
        support.update(seen)
    excluded = {w.lower() for name in exclude for w in name.split()}

    def score(key: str) -> float:
        # Shared by many reports first; among phrases as widely shared, the one the reports
        # repeat (a single report's keyphrases are the words it comes back to).
        base = support[key] * (1.3 if " " in key else 1.0)
        base *= 1.0 + 0.5 * math.log(frequency[key] / support[key])
        if rarity is not None:
            base *= sum(rarity(p) for p in key.split()) / len(key.split())
        return base

    minimum = 2 if len(articles) >= 3 else 1
    # A word or pair met once is no keyphrase: it is often the verb of a headline ("warns",
    # "collapse leaves"); a keyphrase is what the reports come back to.
    ranked = sorted(
        (k for k in support if support[k] >= minimum and frequency[k] >= 2),
        key=lambda k: (-score(k), first_seen[k], k),
    )
    chosen: list[str] = []
    for key in ranked:
        text = _POSSESSIVE.sub("", surface[key].most_common(1)[0][0])
        if set(text.lower().split()) <= excluded or is_junk_topic(text, lang):
            continue
        if any(key in other.split() or set(key.split()) <= set(other.split()) for other in chosen):
            continue
        chosen.append(key)
        if len(chosen) >= limit:
            break
    return [_POSSESSIVE.sub("", surface[k].most_common(1)[0][0]) for k in chosen]


def _capitalised(articles: Sequence[Article]) -> dict[str, str]:
    """The words (in lower case) the reports write with a capital more often than without,
    each with the way they write it ("wahlschlappe": "Wahlschlappe")."""
    upper: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    written: dict[str, Counter[str]] = {}
    for article in articles:
        for word in _WORD.findall(article.title + " " + _lead(article)):
            key = word.lower().replace("’", "'")
            (upper if word[0].isupper() else lower)[key] += 1
            if word[0].isupper():
                written.setdefault(key, Counter())[word] += 1
    return {
        w: written[w].most_common(1)[0][0] if w in written else w
        for w, n in upper.items()
        if n > lower[w]
    }


def idf_of(articles: Sequence[Article]) -> Callable[[str], float]:
    """An idf over a collection (e.g. the day's articles), on stemmed words."""
    df: Counter[str] = Counter()
    for article in articles:
        df.update({stem(w) for w in words(article.title + " " + _lead(article))})
    total = len(articles)
    return lambda term: math.log((total + 1) / (df.get(term, 0) + 1)) + 1.0
