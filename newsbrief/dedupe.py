"""Canonical URLs, exact and near-duplicate detection, and syndication groups ("reports").

A *report* is one piece of journalism: a wire story republished by many outlets is one report
with several outlets. Exact copies are found by a hash of the normalised text, near copies
(re-edited headlines, trimmed paragraphs) by MinHash over word shingles with LSH.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import numpy as np
from datasketch import MinHash, MinHashLSH

from newsbrief.models import Article
from newsbrief.text.tokens import words

_TRACKING = re.compile(
    r"^(utm_.*|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|_ga|yclid|ocid|cmpid|"
    r"smid|sr_share|ref|ref_src|rss|track|tracking|at_medium|at_campaign)$",
    re.IGNORECASE,
)


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
    """Same words in the same order give the same hash, whatever the punctuation or case."""
    normal = " ".join(words(title)) + "\n" + " ".join(words(text))
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def _shingles(article: Article, size: int = 4) -> set[bytes]:
    tokens = words(article.title + " " + article.text)
    if len(tokens) < size:
        return set()
    return {" ".join(tokens[i : i + size]).encode("utf-8") for i in range(len(tokens) - size + 1)}


SCHEME = "affine32"  # datasketch's permutation scheme: 32-bit values, kept in the store
MIN_COPY_WORDS = 6  # fewer words than this are the same by chance more often than by copying


class Deduper:
    """Assigns each article the report it belongs to, as articles stream in.

    ``known_hash`` and ``known_url`` look up the report of an earlier copy that is not in
    memory (in a store); near copies are found among the signatures added or loaded.
    """

    def __init__(
        self,
        threshold: float = 0.7,
        num_perm: int = 64,
        min_shingles: int = 25,
        known_hash: Callable[[str], str | None] | None = None,
        known_url: Callable[[str], str | None] | None = None,
    ) -> None:
        self.num_perm = num_perm
        self.min_shingles = min_shingles
        self.lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self.known_hash = known_hash
        self.known_url = known_url
        self.by_hash: dict[str, str] = {}
        self.by_url: dict[str, str] = {}
        self.report_of: dict[str, str] = {}  # article id -> report id
        self.order: dict[str, int] = {}  # report id -> arrival rank, so the oldest wins
        self.signatures: dict[str, bytes] = {}  # article id -> MinHash values, added here

    def load(self, article_id: str, report: str, signature: bytes) -> None:
        """Remember an earlier article's signature (from a store)."""
        if article_id in self.report_of:
            return
        values = np.frombuffer(signature, dtype=np.uint32)
        minhash = MinHash(num_perm=self.num_perm, hashvalues=values, scheme=SCHEME)
        self.lsh.insert(article_id, minhash)
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
            signature = MinHash(num_perm=self.num_perm, scheme=SCHEME)
            signature.update_batch(list(shingles))
            if report == article.id:
                candidates = [self.report_of[key] for key in self.lsh.query(signature)]
                if candidates:
                    report = min(candidates, key=lambda r: self.order.get(r, len(self.order)))
            self.lsh.insert(article.id, signature)
            self.signatures[article.id] = signature.hashvalues.astype(np.uint32).tobytes()
        self.order.setdefault(report, len(self.order))
        self.report_of[article.id] = report
        if len(f"{article.title} {article.text}".split()) >= MIN_COPY_WORDS:
            self.by_hash.setdefault(article.content_hash, report)
        if article.canonical_url:
            self.by_url.setdefault(article.canonical_url, report)
        return report

    def _exact(self, article: Article) -> str | None:
        """The report of an exact copy: the same words, or the same address."""
        # A few words ("Live updates") are the same by chance, not by copying.
        enough = len(f"{article.title} {article.text}".split()) >= MIN_COPY_WORDS
        found = self.by_hash.get(article.content_hash) if enough else None
        if found is None and article.canonical_url:
            found = self.by_url.get(article.canonical_url)
        if found is None and enough and self.known_hash is not None and article.content_hash:
            found = self.known_hash(article.content_hash)
        if found is None and self.known_url is not None and article.canonical_url:
            found = self.known_url(article.canonical_url)
        return found
