"""Newsletters saved as e-mail files (``.eml``): the message's stories become articles.

An e-mail newsletter is a digest like any other (one article per story under its own heading),
with its facts in the message's headers rather than in the page: the subject is the title, the
``Date`` header the publication time, the sender's display name the source, and an
``Archived-At`` address (RFC 5064), when the list gives one, the link. The HTML part is read
when there is one (newsletters put their structure there), else the plain-text part.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from email import policy
from email.message import EmailMessage, MIMEPart
from email.parser import BytesParser
from email.utils import parseaddr, parsedate_to_datetime

from newsbrief.text.boilerplate import boilerplate_reason
from newsbrief.text.sentences import split_sentences
from newsbrief.text.structure import HEADING, Block, blocks_from_plain

EMAIL_SUFFIXES = {".eml"}


@dataclass
class Message:
    """What a saved message holds for the article reader: its text as blocks, and the facts
    its headers give."""

    blocks: list[Block]
    title: str
    url: str | None
    source: str | None
    published: datetime | None
    language: str | None
    guid: str | None
    raw: str


def read_message(data: bytes, depth: int = 0) -> Message | str:
    """The message's text and headers, or the reason (one line) it holds nothing to read."""
    message = BytesParser(policy=policy.default).parsebytes(data)
    if not isinstance(message, EmailMessage) or not message.keys():
        return "not an e-mail message (no headers)"
    message = _with_boundary_repaired(message, data)
    forwarded = _forwarded(message, depth)
    if forwarded is not None:
        return read_message(forwarded, depth + 1)
    body = message.get_body(preferencelist=("html", "plain"))
    if body is None and _broken_multipart(message):
        body = message  # no parts to be found: its body is its text
    content = _content(body) if body is not None else None
    if body is None or not content or not content.strip():
        attached = [p.get_filename() or p.get_content_type() for p in message.iter_attachments()]
        if attached:
            return "the message holds only attachments (" + ", ".join(attached[:5]) + ")"
        return "the message has no text or HTML part"
    if body.get_content_subtype() == "html":
        from newsbrief.ingest.extract import extract_html  # trafilatura: only for HTML

        extracted = extract_html(content)
        plain = message.get_body(preferencelist=("plain",))
        text = _content(plain) if plain is not None else None
        if extracted is not None:
            blocks, language = extracted.blocks, extracted.language
        elif text and text.strip():
            # The HTML holds too little for the extractor (a short note): its text version
            # says the same.
            blocks, language = blocks_from_plain(text), None
        else:
            return "no article text found in the message's HTML"
    else:
        blocks, language = blocks_from_plain(content), None
    return Message(
        blocks=[b for b in blocks if not _about_the_message(b)],
        title=" ".join(str(message.get("subject") or "").split()),
        url=_archived_at(message),
        source=_sender(message),
        published=_sent(message),
        language=language,
        guid=str(message.get("message-id") or "").strip() or None,
        raw=content,
    )


FORWARD_NOTE_WORDS = 60  # a note over a forwarded message ("Worth a read, see below.")
MAX_FORWARDS = 3  # messages forwarded inside forwarded messages, read to this depth


def _forwarded(message: EmailMessage, depth: int) -> bytes | None:
    """The message forwarded as an attachment (``message/rfc822``), when the message's own
    text is only a short note over it: a newsletter sent on to someone is the newsletter."""
    if depth >= MAX_FORWARDS:
        return None
    inner = next(
        (p for p in message.iter_attachments() if p.get_content_type() == "message/rfc822"),
        None,
    )
    if inner is None:
        return None
    body = message.get_body(preferencelist=("plain", "html"))
    note = _content(body) if body is not None else None
    if note and len(note.split()) > FORWARD_NOTE_WORDS:
        return None  # a message of its own, with something attached
    payload = inner.get_payload()
    attached = payload[0] if isinstance(payload, list) and payload else None
    return bytes(attached) if isinstance(attached, EmailMessage) else None


def _broken_multipart(message: EmailMessage) -> bool:
    """A message that says it has parts, whose parts the parser could not find."""
    return message.get_content_maintype() == "multipart" and not message.is_multipart()


_BOUNDARY_LINE = re.compile(
    rb"^--([0-9A-Za-z'()+_,./:=?-][ 0-9A-Za-z'()+_,./:=?-]{0,69})\r?$", re.M
)


def _with_boundary_repaired(message: EmailMessage, data: bytes) -> EmailMessage:
    """The message read again with the boundary its body uses, when its header names another
    (or none): mail tools that rewrite a header or cut a message leave such copies, and the
    parser then finds no part at all."""
    if not _broken_multipart(message):
        return message
    header_end = re.search(rb"\r?\n\r?\n", data)
    if header_end is None:
        return message
    found = Counter(m.group(1).removesuffix(b"--") for m in _BOUNDARY_LINE.finditer(data))
    if not found:
        return message
    boundary = found.most_common(1)[0][0].decode("ascii")
    repaired = EmailMessage(policy=policy.default)
    for name, value in message.items():
        if name.lower() != "content-type":
            repaired[name] = value
    repaired["Content-Type"] = f'{message.get_content_type()}; boundary="{boundary}"'
    head = bytes(repaired).split(b"\n\n", 1)[0]
    fixed = BytesParser(policy=policy.default).parsebytes(head + b"\n\n" + data[header_end.end() :])
    return fixed if isinstance(fixed, EmailMessage) and fixed.is_multipart() else message


def _about_the_message(block: Block) -> bool:
    """A paragraph about the mailing, not the news: "View this email in your browser", "You
    are receiving this email because ...", an address and an unsubscribe link. Left in, it
    would end the last story's text."""
    if block.kind == HEADING:
        return False
    first = next(iter(split_sentences(block.text)), block.text)
    return boilerplate_reason(first) is not None


def _content(part: MIMEPart) -> str | None:
    """A part's text, decoded from its transfer encoding and charset; None when unreadable."""
    try:
        content = part.get_content()
    except (LookupError, UnicodeDecodeError, ValueError):  # an unknown or wrong charset
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            return None
        content = payload.decode("utf-8", errors="replace")
    return content if isinstance(content, str) else None


def _sender(message: EmailMessage) -> str | None:
    """The sender's display name ("The Chip Letter"), else the domain of its address."""
    name, address = parseaddr(str(message.get("from") or ""))
    if name.strip():
        return name.strip()
    return address.rpartition("@")[2] or None


def _sent(message: EmailMessage) -> datetime | None:
    try:
        sent = parsedate_to_datetime(str(message.get("date") or ""))
    except (TypeError, ValueError, IndexError):
        return None
    if sent.tzinfo is None:
        sent = sent.replace(tzinfo=UTC)
    return sent.astimezone(UTC)


def _archived_at(message: EmailMessage) -> str | None:
    """The message's web copy (``Archived-At: <https://...>``), when the list gives one."""
    value = str(message.get("archived-at") or "").strip().strip("<>")
    return value if value.lower().startswith(("https://", "http://")) else None
