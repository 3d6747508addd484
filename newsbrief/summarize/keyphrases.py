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
from itertools import islice

from newsbrief.models import Article
from newsbrief.summarize.candidates import cached_stem, time_order
from newsbrief.summarize.grounding import addresses_reader
from newsbrief.text.boilerplate import clean_sentence
from newsbrief.text.sentences import split_sentences
from newsbrief.text.tokens import STOPWORDS, names, stem, words
from newsbrief.text.wordlists import is_junk_topic

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


def language(articles: Sequence[Article]) -> str | None:
    """The language most of the articles are in (None when none says)."""
    found = Counter(a.language for a in articles if a.language)
    return found.most_common(1)[0][0] if found else None


def _lead(article: Article) -> str:
    """The article's first sentences of news: boilerplate and sentences written to an
    automated reader ("... visit acme-deals.example") name no topic."""
    kept = (
        s
        for s in split_sentences(article.text)
        if clean_sentence(s) is not None and not addresses_reader(s)
    )
    return " ".join(islice(kept, LEAD_SENTENCES))


def entities(articles: Sequence[Article], limit: int = 6) -> list[str]:
    support: Counter[str] = Counter()
    shown: dict[str, Counter[str]] = {}
    lowercase: set[str] = set()  # words the reports also write in lower case: not names
    abbreviated: set[str] = set()
    lang = language(articles)
    for article in articles:
        seen = set()
        text = article.title + ".\n" + _lead(article)
        lowercase.update(w.lower() for w in re.findall(r"\b[a-z][\w'’-]*", text))
        abbreviated.update(m.lower() for m in _ABBREVIATED.findall(text))
        for name in names(text):
            parts = [p for p in name.split() if p.lower() not in _NOT_NAMES]
            if not parts:
                continue
            clean = _POSSESSIVE.sub("", " ".join(parts)).strip(".,'’")  # "Iran's" is Iran
            key = clean.lower()
            if len(key) < 3 or key in STOPWORDS or key in abbreviated or is_junk_topic(clean, lang):
                continue
            shown.setdefault(key, Counter())[clean] += 1
            seen.add(key)
        support.update(seen)
    # A single capitalised word the reports also write in lower case is a sentence start
    # ("Armed robbers ..."), not a name.
    for key in support:
        if " " not in key and key in lowercase:
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
    surface: dict[str, Counter[str]] = {}
    for article in time_order(articles):
        tokens = [w for w in words(article.title + " . " + _lead(article))]
        seen = set()
        for i, word in enumerate(tokens):
            if word in STOPWORDS or len(word) < 3 or word[0].isdigit():
                continue
            key = cached_stem(word)
            seen.add(key)
            surface.setdefault(key, Counter())[word] += 1
            if i + 1 < len(tokens):
                nxt = tokens[i + 1]
                if nxt not in STOPWORDS and len(nxt) >= 3 and not nxt[0].isdigit():
                    pair = f"{key} {cached_stem(nxt)}"
                    seen.add(pair)
                    surface.setdefault(pair, Counter())[f"{word} {nxt}"] += 1
        support.update(seen)
    excluded = {w.lower() for name in exclude for w in name.split()}
    lang = language(articles)

    def score(key: str) -> float:
        base = support[key] * (1.3 if " " in key else 1.0)
        if rarity is not None:
            base *= sum(rarity(p) for p in key.split()) / len(key.split())
        return base

    minimum = 2 if len(articles) >= 3 else 1
    ranked = sorted((k for k in support if support[k] >= minimum), key=lambda k: (-score(k), k))
    chosen: list[str] = []
    for key in ranked:
        text = _POSSESSIVE.sub("", surface[key].most_common(1)[0][0])
        if set(text.split()) <= excluded or is_junk_topic(text, lang):
            continue
        if any(key in other.split() or set(key.split()) <= set(other.split()) for other in chosen):
            continue
        chosen.append(key)
        if len(chosen) >= limit:
            break
    return [_POSSESSIVE.sub("", surface[k].most_common(1)[0][0]) for k in chosen]


def idf_of(articles: Sequence[Article]) -> Callable[[str], float]:
    """An idf over a collection (e.g. the day's articles), on stemmed words."""
    df: Counter[str] = Counter()
    for article in articles:
        df.update({stem(w) for w in words(article.title + " " + _lead(article))})
    total = len(articles)
    return lambda term: math.log((total + 1) / (df.get(term, 0) + 1)) + 1.0
