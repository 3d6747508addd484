"""Import of local files: article JSONL, .txt/.md, .html, and folders of them."""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from newsbrief.ingest.mail import EMAIL_SUFFIXES, read_message
from newsbrief.limits import MAX_TITLE, capped, cut
from newsbrief.models import Article
from newsbrief.progress import Progress
from newsbrief.store import Store
from newsbrief.stories.dedupe import canonical_url, content_hash
from newsbrief.text.digests import document_title, split_digest
from newsbrief.text.frontmatter import Header, split_front_matter
from newsbrief.text.language import detect_language
from newsbrief.text.repair import repair_line
from newsbrief.text.stamps import headline_after_stamps
from newsbrief.text.structure import HEADING, Block, blocks_from_plain, render
from newsbrief.text.wordlists import language_of
from newsbrief.text.written_dates import written_date
from newsbrief.timeutil import now, parse_datetime

log = logging.getLogger(__name__)

JSONL_SUFFIXES = {".jsonl", ".ndjson"}
TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
SUPPORTED = JSONL_SUFFIXES | TEXT_SUFFIXES | HTML_SUFFIXES | EMAIL_SUFFIXES
# A text, page or message read as one document: the limit a fetched page has on the wire. Past
# it a file is no article (a log, a dump, a book), and reading it whole would take minutes. An
# archive of records (JSONL) is read record by record, whatever its size.
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
LANGUAGE_BLOCKS = 30  # the opening blocks of a text are enough to tell its language
# Articles stored per transaction: a commit is what a write costs on a disk-backed database
# (PostgreSQL waits for the disk on each), and a batch this size is still quick to redo.
IMPORT_BATCH = 200


@dataclass
class Failure:
    where: str  # file, or file:line
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclass
class Notice:
    """Something read that was imported, but not as given (an unreadable date left out)."""

    where: str  # file:line
    note: str

    def __str__(self) -> str:
        return f"{self.where}: {self.note}"


@dataclass
class ImportResult:
    added: int = 0
    present: int = 0
    failed: list[Failure] = field(default_factory=list)
    notes: list[Notice] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)  # every article read, in input order


def import_paths(
    store: Store,
    paths: list[str],
    seen_at: datetime | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Import files and folders, ``IMPORT_BATCH`` articles a transaction; failures reported.
    ``progress`` hears of every article read (the total is not known before the end).

    An import cut off half-way keeps every batch committed before it; the article ids are
    stable, so importing the same files again stores the rest and nothing twice.
    """
    result = ImportResult()
    seen_at = seen_at or now()
    batch: list[Article] = []

    def store_batch() -> None:
        for added in store.add_articles(batch):
            result.added += int(added)
            result.present += int(not added)
        batch.clear()

    for count, item in enumerate(read_paths(paths, seen_at), 1):
        if progress is not None:
            progress("importing articles", count, None)
        if isinstance(item, Failure):
            log.info("%s", item)  # the caller reports failures, once
            result.failed.append(item)
            continue
        if isinstance(item, Notice):
            result.notes.append(item)
            continue
        result.ids.append(item.id)
        batch.append(item)
        if len(batch) >= IMPORT_BATCH:
            store_batch()
    store_batch()
    return result


def read_paths(paths: list[str], seen_at: datetime) -> Iterator[Article | Failure | Notice]:
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            yield Failure(raw, "no such file or folder")
        elif path.is_dir():
            files = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in SUPPORTED
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not files:
                yield Failure(raw, "folder holds no .jsonl, .txt, .md, .html or .eml files")
            for file in files:
                yield from read_file(file, seen_at)
        else:
            yield from read_file(path, seen_at)


def read_file(path: Path, seen_at: datetime) -> Iterator[Article | Failure | Notice]:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        yield Failure(str(path), f"unsupported file type {suffix or '(none)'}")
        return
    try:
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES and suffix not in JSONL_SUFFIXES:
            yield Failure(str(path), _too_large(size))
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Failure(str(path), f"cannot read ({exc.strerror or exc})")
        return
    if suffix in EMAIL_SUFFIXES:  # bytes: each part says its own charset
        yield from _from_email(data, path, seen_at)
        return
    text = _decode(data, suffix)
    if text is None:
        jsonl = suffix in JSONL_SUFFIXES
        why = "binary or not UTF-8" if jsonl else "binary, or its charset unknown"
        yield Failure(str(path), f"not a text file ({why})")
        return
    if not text.strip():
        yield Failure(str(path), "empty file")
        return
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl_text(text, str(path), seen_at)
    elif suffix in TEXT_SUFFIXES:
        yield from _from_text(text, path, seen_at)
    else:
        yield from _from_html(text, path, seen_at)


def _too_large(size: int) -> str:
    limit = MAX_DOCUMENT_BYTES // (1024 * 1024)
    return (
        f"too large to read as one document ({size / 1024 / 1024:.1f} MB; the limit is {limit} MB)"
    )


def _decode(data: bytes, suffix: str) -> str | None:
    """The file's text: UTF-8, else a page in the charset it declares or one found in its
    bytes (a page saved from a Russian or Japanese site is often windows-1251 or Shift_JIS),
    a text file in the charset found in its bytes (Notepad's legacy code pages). JSONL is
    UTF-8 (as JSON is). None for binary data or text whose charset cannot be told."""
    if b"\x00" in data[:8192]:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if suffix in JSONL_SUFFIXES:
        return None
    if suffix not in TEXT_SUFFIXES:
        # The fetcher's reading of a page's bytes (BOM, declaration, then detection); loaded
        # only for a page that is not UTF-8.
        from newsbrief.ingest.fetch import decode

        return decode(data)[0]
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or not best.encoding:
        return None
    try:
        return data.decode(best.encoding)
    except (LookupError, UnicodeDecodeError):
        return None


def read_jsonl_text(
    text: str, where: str, seen_at: datetime
) -> Iterator[Article | Failure | Notice]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Failure(f"{where}:{number}", f"invalid JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(obj, dict):
            yield Failure(f"{where}:{number}", "expected a JSON object")
            continue
        try:
            found = articles_from_record(obj, seen_at)
        except ValueError as exc:
            yield Failure(f"{where}:{number}", str(exc))
            continue
        stated = obj.get("published")
        if isinstance(stated, str) and stated.strip() and parse_published(stated) is None:
            note = f"field 'published' {cut(stated, 40)!r} is not a date; imported as undated"
            yield Notice(f"{where}:{number}", note)
        yield from found


def parse_published(value: str | None) -> datetime | None:
    """A record's publication time: ISO 8601, or RFC 2822 as feeds and mail write it
    ("Mon, 13 Jul 2009 10:00:00 GMT"); None when it is neither."""
    parsed = parse_datetime(value)
    if parsed is not None or not value:
        return parsed
    try:
        mailed = parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError):
        return None
    if mailed.tzinfo is None:
        mailed = mailed.replace(tzinfo=UTC)
    return mailed.astimezone(UTC)


_ID_FIELDS = ("id", "label")  # names: a number will do ("id": 7)


def _text_field(obj: dict[str, Any], key: str) -> str | None:
    """A string field, or None when absent or null; any other type is the line's error."""
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if key in _ID_FIELDS and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    kind = "a string or a whole number" if key in _ID_FIELDS else "a string"
    raise ValueError(f"field {key!r} must be {kind}, not {_json_type(value)}")


def _json_type(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def article_from_record(obj: dict[str, Any], seen_at: datetime) -> Article:
    """One article from one object of the article JSONL format (a digest stays whole)."""
    return articles_from_record(obj, seen_at, split=False)[0]


def articles_from_record(
    obj: dict[str, Any], seen_at: datetime, split: bool = True
) -> list[Article]:
    """The articles of one object of the article JSONL format: one, or one per story of a
    digest."""
    # Cut before repair: a 5 MB title is not worth reading whole.
    title = repair_line(cut(_text_field(obj, "title"), 4 * MAX_TITLE) or "")
    text = (_text_field(obj, "text") or "").strip()
    if not title and not text:
        raise ValueError("article has neither title nor text")
    url = _text_field(obj, "url")
    published_text = _text_field(obj, "published")
    published = parse_published(published_text)
    return make_articles(
        blocks=blocks_from_plain(text),
        title=title,
        article_id=_text_field(obj, "id"),
        url=url,
        source=_text_field(obj, "source"),
        published=published,
        seen_at=seen_at,
        label=_text_field(obj, "label"),
        split=split,
    )


def make_articles(
    *,
    blocks: list[Block],
    title: str,
    article_id: str | None,
    url: str | None,
    source: str | None,
    published: datetime | None,
    seen_at: datetime,
    label: str | None = None,
    raw: str | None = None,
    language: str | None = None,
    guid: str | None = None,
    split: bool = True,
) -> list[Article]:
    """The article of a structured text, or one article per story when it is a digest.

    A story of a digest keeps the digest's source and time; its link is the digest's with the
    story's heading as fragment, and its id, GUID and canonical URL are the digest's marked
    with that fragment, so each story is stored (and found again) on its own.
    """
    # Files and JSONL records do not say their language: it decides which words are function
    # words when a digest is split and when topics are chosen, so it is detected here.
    language = language or detect_language(
        title + "\n" + "\n".join(b.text for b in blocks[:LANGUAGE_BLOCKS])
    )
    lang = language_of(language)
    title, body = document_title(blocks, repair_line(title), lang)
    whole_text = render(body)
    whole = make_article(
        article_id=article_id or _derived_id(title, whole_text, url),
        title=title,
        text=whole_text,
        url=url,
        source=source,
        published=published,
        seen_at=seen_at,
        label=label,
        raw=raw,
        language=language,
    )
    whole.guid = guid
    parts = split_digest(body, lang, title) if split else []
    if not parts:
        return [whole]
    out = []
    for part in parts:
        fragment = "#" + part.anchor
        article = make_article(
            article_id=f"{whole.id}-{hashlib.sha256(fragment.encode()).hexdigest()[:8]}",
            title=part.title,
            text=render(part.blocks),
            url=(url.split("#", 1)[0] + fragment) if url else None,
            source=source,
            published=published,
            seen_at=seen_at,
            label=label,
            raw=raw,
            language=language,
        )
        if whole.canonical_url:
            article.canonical_url = whole.canonical_url + fragment
        article.guid = guid + fragment if guid else None
        out.append(article)
    return out


def make_article(
    *,
    article_id: str,
    title: str,
    text: str,
    url: str | None,
    source: str | None,
    published: datetime | None,
    seen_at: datetime,
    label: str | None = None,
    raw: str | None = None,
    language: str | None = None,
) -> Article:
    # Read before the stamp above the headline is set aside: it is often the only date.
    written = written_date(title, text, url)
    title, text = headline_after_stamps(title, text)
    published = plausible_date(published, seen_at)
    article = Article(
        id=article_id,
        title=title,
        text=text,
        url=url,
        source=source,
        published=published,
        first_seen=seen_at,
        canonical_url=canonical_url(url) if url else None,
        content_hash=content_hash(title, text),
        label=label,
        raw=raw,
        language=language,
        written=written if published is None else None,
    )
    return capped(article)


# How far ahead of the import a date may be and still be read as a clock or time-zone slip.
FUTURE_SLACK = timedelta(days=1)


def plausible_date(published: datetime | None, seen_at: datetime) -> datetime | None:
    """The publication time to store: a date a little ahead of the import is a clock or
    time-zone slip and becomes the import time; one further ahead is a publisher's error and
    tells nothing about when the report was written, so the article stays undated (dating it by
    its import would show it as breaking news)."""
    if published is None or published <= seen_at:
        return published
    return seen_at if published - seen_at <= FUTURE_SLACK else None


def _derived_id(title: str, text: str, url: str | None) -> str:
    basis = url or f"{title}\n{text}"
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]


def _from_text(text: str, path: Path, seen_at: datetime) -> list[Article]:
    markdown = path.suffix.lower() in {".md", ".markdown"}
    header, body = split_front_matter(text)
    if not body.strip():
        body, header = text, Header()
    blocks = blocks_from_plain(body, markdown=markdown)
    lines = body.splitlines()
    first = next(i for i, line in enumerate(lines) if line.strip())
    if blocks and blocks[0].kind != HEADING and not _TERMINAL.search(lines[first].strip()):
        # A first line that names the text is its title, whatever follows it.
        first_line = repair_line(lines[first].lstrip("#").strip() if markdown else lines[first])
        if blocks[0].text == first_line:
            blocks[0] = Block(HEADING, first_line, 1)
    return make_articles(
        blocks=blocks,
        title=header.title,
        article_id=None,
        url=None,
        source=None,
        published=parse_datetime(header.date) if header.date else None,
        seen_at=seen_at,
        raw=text,
    )


_TERMINAL = re.compile(r"[.!?…;,。、](?:\s?[\"'”’)\]」』])*\s*$")


def _from_email(data: bytes, path: Path, seen_at: datetime) -> list[Article | Failure]:
    message = read_message(data)
    if isinstance(message, str):
        return [Failure(str(path), message)]
    return list(
        make_articles(
            blocks=message.blocks,
            title=message.title,
            article_id=None,
            url=message.url,
            source=message.source,
            published=message.published,
            seen_at=seen_at,
            raw=message.raw,
            language=message.language,
            guid=message.guid,
        )
    )


def _from_html(html: str, path: Path, seen_at: datetime) -> list[Article | Failure]:
    from newsbrief.ingest.extract import extract_html  # trafilatura: only for HTML files

    extracted = extract_html(html)
    if extracted is None:
        return [Failure(str(path), "no article text found in the page")]
    return list(
        make_articles(
            blocks=extracted.blocks,
            title=extracted.title,
            article_id=None,
            url=extracted.url,
            source=extracted.sitename,
            published=parse_datetime(extracted.published),
            seen_at=seen_at,
            raw=html,
            language=extracted.language,
        )
    )
