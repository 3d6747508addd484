"""Canonical URLs, exact and near-duplicate detection, and syndication groups ("reports").

A *report* is one piece of journalism: a wire story republished by many outlets is one report
with several outlets. Exact copies are found by a hash of the normalised text, near copies
(re-edited headlines, trimmed paragraphs) by MinHash over word shingles with LSH.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

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


class Deduper:
    """Assigns each article the report it belongs to, as articles stream in."""

    def __init__(self, threshold: float = 0.7, num_perm: int = 64, min_shingles: int = 25) -> None:
        self.num_perm = num_perm
        self.min_shingles = min_shingles
        self.lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self.by_hash: dict[str, str] = {}
        self.report_of: dict[str, str] = {}  # article id -> report id
        self.order: dict[str, int] = {}  # report id -> arrival rank, so the oldest wins

    def add(self, article: Article) -> str:
        """The id of the report this article belongs to (its own id when it is original)."""
        if article.id in self.report_of:
            return self.report_of[article.id]
        report = self.by_hash.get(article.content_hash, article.id)
        shingles = _shingles(article)
        # Short texts (headlines) share shingles by chance; only exact copies count for them.
        if report == article.id and len(shingles) >= self.min_shingles:
            signature = MinHash(num_perm=self.num_perm)
            signature.update_batch(list(shingles))
            candidates = [self.report_of[key] for key in self.lsh.query(signature)]
            if candidates:
                report = min(candidates, key=lambda r: self.order[r])
            self.lsh.insert(article.id, signature)
        self.order.setdefault(report, len(self.order))
        self.report_of[article.id] = report
        self.by_hash.setdefault(article.content_hash, report)
        return report
