"""Canonical URLs, exact and near-duplicate detection, and syndication groups ("reports").

A *report* is one piece of journalism: a wire story republished by many outlets is one report
with several outlets. Exact copies are found by a hash of the normalised text, near copies
(re-edited headlines, trimmed paragraphs) by MinHash over word shingles with LSH.

Copies that word shingles miss (newsletter boilerplate added or taken away, a few words
swapped, a "spun" copy with synonyms for most words, a clickbait copy with a new headline and
lines of its own) keep the names and numbers of the original in the same order: MinHash over
runs of those finds the candidates, and a sentence-by-sentence comparison decides. A sentence
is copied when most of its words come in the same order, or, for spun copies, when its shape
(function words, names and numbers in place, every other word a slot) is the same and a good
part of its words too. Two texts are near copies when on average most of their words are in
copied sentences, and each has a fair share of them (a digest that quotes a short report whole
is not a copy of it).

Within a report, ``original`` tells the original from its copies: not clickbait, the plain
wording (a spinner swaps in rarer synonyms), then the earliest. Write-ups take their sentences
and headline from originals only (``writeup_articles``).
"""

from __future__ import annotations

import hashlib
import re
import statistics
import zlib
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from newsbrief.models import Article
from newsbrief.stories import minhash
from newsbrief.text import segment
from newsbrief.text.boilerplate import clean_sentence
from newsbrief.text.sentences import split_sentences
from newsbrief.text.tokens import COPY_WORD, STOPWORDS, copy_words
from newsbrief.urls import TRACKING_PARAMETER

_TRACKING = TRACKING_PARAMETER


def canonical_url(url: str) -> str:
    """The URL without tracking parameters, fragment, default port or case in the host."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    port = parts.port if parts.port not in (None, 80, 443) else None
    netloc = f"{host}:{port}" if port else host
    query = sorted((k, v) for k, v in parse_qsl(parts.query) if not _TRACKING.match(k))
    path = parts.path or "/"
    if len(path) > 1:
        path = path.rstrip("/")
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))


def content_hash(title: str, text: str) -> str:
    """Same words in the same order give the same hash, whatever the punctuation or case, in
    any script."""
    normal = " ".join(copy_words(title)) + "\n" + " ".join(copy_words(text))
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def _shingles(article: Article, size: int = 4) -> set[bytes]:
    tokens = copy_words(article.title + " " + article.text)
    if len(tokens) < size:
        return set()
    return {" ".join(tokens[i : i + size]).encode("utf-8") for i in range(len(tokens) - size + 1)}


MIN_COPY_WORDS = 6  # fewer words than this are the same by chance more often than by copying

# Near copies that word shingles miss (see the module docstring). Measured on the full-text dev
# data: between different reports of one event about 1% of sentences pass the copied test by
# chance; a heavily spun copy keeps its sentences' shape (similarity 0.74-1.0) where different
# reports' sentences mostly stay under 0.7. A report that pastes a press release under its own
# third (shares 0.31 and 0.71) is its own report; AP copy edited by two papers (0.75, 0.75) is
# one report.
COPY_WORDS = 0.55  # word-order similarity (Indel, over word tokens) of a copied sentence
SPUN_SHAPE = 0.8  # ... or the sentence's shape is this similar
SPUN_WORDS = 0.3  # ... and this share of its words are the same
COPY_SHARE = 0.7  # mean of the two texts' shares of words in sentences copied from the other
COPY_SHARE_OTHER = 0.2  # and each at least this, so that a digest is no copy of one of its items
MIN_SHARED_KEYS = 0.3  # a candidate shares this share of the shorter text's sentence keys
MAX_VERIFIED = 10  # candidates compared sentence by sentence, most keys shared first
COMMON_KEY = 50  # a key that many articles have ("New York", "Los Angeles") finds no copies
TEXT_CACHE = 2000  # texts of recent articles kept for those comparisons

_TOKEN = COPY_WORD  # in any script: a Russian or Arabic copy is found as an English one


@lru_cache(maxsize=4096)
def _forms(text: str) -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """Each sentence of a text as (its words, its shape)."""
    out = []
    for sentence in split_sentences(text):
        tokens = _TOKEN.findall(sentence)
        if len(tokens) < 4:
            continue
        lower = tuple(t.lower().replace("’", "'") for t in tokens)
        shape = tuple(
            low if low in STOPWORDS or t[0].isdigit() or (i and t[0].isupper()) else "*"
            for i, (t, low) in enumerate(zip(tokens, lower, strict=True))
        )
        out.append((lower, shape))
    return tuple(out)


def _copied_share(
    mine: Sequence[tuple[tuple[str, ...], tuple[str, ...]]],
    theirs: Sequence[tuple[tuple[str, ...], tuple[str, ...]]],
) -> float:
    """Share of my words that are in sentences copied from theirs."""
    from rapidfuzz.distance import Indel  # only when copies are compared

    total = sum(len(w) for w, _ in mine)
    if not total or not theirs:
        return 0.0
    vocab = [set(w) for w, _ in theirs]
    copied = 0
    for own, shape in mine:
        present = set(own)
        for (other, other_shape), other_vocab in zip(theirs, vocab, strict=True):
            if len(present & other_vocab) < SPUN_WORDS * min(len(present), len(other_vocab)):
                continue
            similar = Indel.normalized_similarity(own, other)
            if similar >= COPY_WORDS or (
                similar >= SPUN_WORDS
                and Indel.normalized_similarity(shape, other_shape) >= SPUN_SHAPE
            ):
                copied += len(own)
                break
    return copied / total


def copied_shares(a: str, b: str) -> tuple[float, float]:
    """(share of a's words copied from b, share of b's words copied from a)."""
    fa, fb = _forms(a), _forms(b)
    return _copied_share(fa, fb), _copied_share(fb, fa)


def is_near_copy(a: str, b: str) -> bool:
    """Two texts (bodies) that are one report: copied, trimmed, padded, reworded or spun."""
    one, other = copied_shares(a, b)
    return (one + other) / 2 >= COPY_SHARE and min(one, other) >= COPY_SHARE_OTHER


def sentence_keys(text: str) -> set[int]:
    """A key for each sentence with two or more names or numbers: them, in order.

    Copies keep these whatever else they change (a spinner leaves names and figures alone), and
    a trimmed copy keeps those of the sentences it keeps, so shared keys find copies of any
    length. A sentence's first word is left out: any word is capitalised there. A sentence
    without Latin letters that has fewer of them (Arabic and Chinese write no capitals; Russian
    news often writes figures in words) is keyed by all its words: a copy that adds or drops
    lines keeps its other sentences whole.
    """
    keys = set()
    for sentence in split_sentences(text):
        tokens = _TOKEN.findall(sentence)
        anchors = [
            token.lower()
            for i, token in enumerate(tokens)
            if token[0].isdigit() or (i and token[0].isupper() and token.lower() not in STOPWORDS)
        ]
        if len(anchors) >= 2:
            keys.add(zlib.crc32(" ".join(anchors).encode()))
        elif len(tokens) >= MIN_COPY_WORDS and not _LATIN.search(sentence):
            keys.add(zlib.crc32("\t".join(t.lower() for t in tokens).encode()))
    return keys


_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")


class Deduper:
    """Assigns each article the report it belongs to, as articles stream in.

    ``known_hash`` and ``known_url`` look up the report of an earlier copy that is not in
    memory (in a store); near copies are found among the signatures added or loaded, and
    ``known_text`` gives the body of such an earlier article for the sentence comparison.
    """

    def __init__(
        self,
        min_shingles: int = 25,
        known_hash: Callable[[str], str | None] | None = None,
        known_url: Callable[[str], str | None] | None = None,
        known_text: Callable[[str], str | None] | None = None,
    ) -> None:
        self.num_perm = minhash.NUM_PERM
        self.min_shingles = min_shingles
        self.lsh = minhash.Index()
        self.postings: dict[int, list[str]] = {}  # sentence key -> articles that have it
        self.key_count: dict[str, int] = {}
        self.known_hash = known_hash
        self.known_url = known_url
        self.known_text = known_text
        self.texts: OrderedDict[str, str] = OrderedDict()  # recent bodies, for comparisons
        self.by_hash: dict[str, str] = {}
        self.by_url: dict[str, str] = {}
        self.report_of: dict[str, str] = {}  # article id -> report id
        self.order: dict[str, int] = {}  # report id -> arrival rank, so the oldest wins
        # article id -> MinHash values of word shingles added here, then its sentence keys:
        # one blob, as the store keeps it (a blob of an older version holds no keys)
        self.signatures: dict[str, bytes] = {}

    def load(self, article_id: str, report: str, signature: bytes) -> None:
        """Remember an earlier article's signature (from a store)."""
        if article_id in self.report_of:
            return
        import numpy as np

        values = np.frombuffer(signature, dtype=np.uint32)
        self.lsh.insert(article_id, values[: self.num_perm])
        self._index(article_id, {int(k) for k in values[self.num_perm :]})
        self.report_of[article_id] = report
        self.order.setdefault(report, len(self.order))

    def add(self, article: Article) -> str:
        """The id of the report this article belongs to (its own id when it is original)."""
        if article.id in self.report_of:
            return self.report_of[article.id]
        report = self._exact(article) or article.id
        shingles = _shingles(article)
        # Short texts (headlines) share shingles by chance; only exact copies count for them.
        if len(shingles) >= self.min_shingles:
            import numpy as np

            signature = minhash.signature(shingles, self.num_perm)
            if report == article.id:
                candidates = [self.report_of[key] for key in self.lsh.query(signature)]
                if candidates:
                    report = self._oldest(candidates)
            self.lsh.insert(article.id, signature)
            keys = sentence_keys(article.text)
            if report == article.id:
                report = self._near_copy(article, keys) or report
            self._index(article.id, keys)
            self._remember(article.id, article.text)
            values = np.concatenate([signature, np.array(sorted(keys), dtype=np.uint32)])
            self.signatures[article.id] = values.tobytes()
        self.order.setdefault(report, len(self.order))
        self.report_of[article.id] = report
        if _enough_words(article):
            self.by_hash.setdefault(article.content_hash, report)
        if article.canonical_url:
            self.by_url.setdefault(article.canonical_url, report)
        return report

    def _oldest(self, reports: list[str]) -> str:
        return min(reports, key=lambda r: self.order.get(r, len(self.order)))

    def _index(self, article_id: str, keys: set[int]) -> None:
        self.key_count[article_id] = len(keys)
        for key in keys:
            posting = self.postings.setdefault(key, [])
            if len(posting) <= COMMON_KEY:
                posting.append(article_id)

    def _near_copy(self, article: Article, keys: set[int]) -> str | None:
        """The report of an earlier text this one copies, found by its sentence keys."""
        shared: dict[str, int] = {}
        for key in keys:
            posting = self.postings.get(key, [])
            if len(posting) <= COMMON_KEY:
                for other in posting:
                    shared[other] = shared.get(other, 0) + 1
        ranked = sorted(
            (n / max(1, min(len(keys), self.key_count[other])), other)
            for other, n in shared.items()
        )
        found = []
        for share, other in reversed(ranked[-MAX_VERIFIED:]):
            if share < MIN_SHARED_KEYS:
                break
            text = self._text(other)
            if text and is_near_copy(article.text, text):
                found.append(self.report_of[other])
        return self._oldest(found) if found else None

    def _remember(self, article_id: str, text: str) -> None:
        self.texts[article_id] = text
        if len(self.texts) > TEXT_CACHE:
            self.texts.popitem(last=False)

    def _text(self, article_id: str) -> str | None:
        if article_id in self.texts:
            return self.texts[article_id]
        return self.known_text(article_id) if self.known_text is not None else None

    def _exact(self, article: Article) -> str | None:
        """The report of an exact copy: the same words, or the same address."""
        enough = _enough_words(article)
        found = self.by_hash.get(article.content_hash) if enough else None
        if found is None and article.canonical_url:
            found = self.by_url.get(article.canonical_url)
        if found is None and enough and self.known_hash is not None and article.content_hash:
            found = self.known_hash(article.content_hash)
        if found is None and self.known_url is not None and article.canonical_url:
            found = self.known_url(article.canonical_url)
        return found


def _enough_words(article: Article) -> bool:
    """Whether a text is long enough for the same words to mean a copy: a few words ("Live
    updates") are the same by chance, not by copying."""
    return len(copy_words(f"{article.title} {article.text}")) >= MIN_COPY_WORDS


# originals and their copies ------------------------------------------------------------

_CLICKBAIT = re.compile(
    r"\b(?:you won'?t believe|what happened next|here'?s (?:why|what|how|everything)|this is why|"
    r"the reason why|everything you need to know|things you|will blow your mind|shocking|"
    r"jaw-dropping|unbelievable|mind-blowing|you need to|must see|must-see|gone wrong|"
    r"goes viral|can'?t stop)\b",
    re.IGNORECASE,
)
_READER = re.compile(r"\b(?:you|your|you're|you'll|you've)\b", re.IGNORECASE)
PLAIN_MARGIN = 0.1  # mean word frequency (Zipf scale) by which plainer wording wins


def bait(article: Article) -> int:
    """How much a text reads as clickbait: baiting phrases, a headline that addresses the
    reader or shouts, sentences that speak to the reader."""
    title = article.title
    score = 2 * len(_CLICKBAIT.findall(title)) + len(_CLICKBAIT.findall(article.text))
    score += 2 * bool(_READER.search(title)) + title.count("!") + title.rstrip().endswith("?")
    capitalised = [w for w in title.split() if w[:1].isupper()]
    if len(title.split()) >= 6 and len(capitalised) == len(title.split()):
        score += 1  # Every Word Capitalised, as bait headlines are written
    unquoted = re.sub(r"\"[^\"]*\"|“[^”]*”", " ", article.text)
    score += sum(bool(_READER.search(s)) for s in split_sentences(unquoted))
    return score


@lru_cache(maxsize=4096)
def plainness(text: str, language: str | None = "en") -> float:
    """Mean frequency in general use of its language (Zipf scale) of the text's lower-case
    words: a spinner swaps common words for rarer synonyms ("stole" 4.2, "pilfered" 2.1;
    "stahlen" 3.0, "entwendeten" 2.7). 0 for a language with no word list: no judgement."""
    # wordfreq loads its word lists: only when copies are compared.
    from wordfreq import zipf_frequency

    language = (language or "en").split("-")[0].lower()
    if language not in _word_lists():
        return 0.0
    segment.quiet_jieba(language)
    found = [
        zipf_frequency(w, language)
        for sentence in split_sentences(text)
        if clean_sentence(sentence) is not None
        for w in _TOKEN.findall(sentence)
        # Lower case, or a script without case (Arabic, Chinese), and not a figure.
        if w == w.lower() and not w[0].isdigit() and w not in STOPWORDS
    ]
    return statistics.fmean(found) if found else 0.0


@lru_cache(maxsize=1)
def _word_lists() -> frozenset[str]:
    from wordfreq import available_languages

    return frozenset(available_languages())


def original(members: Sequence[Article]) -> Article:
    """The original among the copies of one report: the least clickbait, then the plainest
    wording (within a margin: an edited copy words things as plainly as the original), then
    the earliest."""
    least = min(bait(a) for a in members)
    honest = [a for a in members if bait(a) == least]
    plainest = max(plainness(a.text, a.language) for a in honest)
    plain = [a for a in honest if plainness(a.text, a.language) >= plainest - PLAIN_MARGIN]
    earliest = datetime.max.replace(tzinfo=UTC)
    return min(plain, key=lambda a: (a.when or earliest, members.index(a)))


def writeup_articles(articles: Sequence[Article], reports: dict[str, str]) -> list[Article]:
    """What a write-up may take sentences and its headline from: every report's original, and
    its copies with the original's headline and only the sentences they carry word for word
    from it (so that such a sentence cites every outlet that carries it)."""
    by_report: dict[str, list[Article]] = {}
    for article in articles:
        by_report.setdefault(reports.get(article.id, article.id), []).append(article)
    chosen: dict[str, Article] = {}
    for members in by_report.values():
        if len(members) == 1:
            chosen[members[0].id] = members[0]
            continue
        first = original(members)
        own = {" ".join(copy_words(s)) for s in split_sentences(first.text)}
        for article in members:
            if article is first:
                chosen[article.id] = article
                continue
            kept = [s for s in split_sentences(article.text) if " ".join(copy_words(s)) in own]
            chosen[article.id] = replace(article, title=first.title, text="\n".join(kept))
    return [chosen[a.id] for a in articles]
