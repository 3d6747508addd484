"""Hostile files given to `newsbrief import`: each bad one costs one line, the rest are stored."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newsbrief.ingest.files import MAX_DOCUMENT_BYTES, Failure, read_file
from newsbrief.models import Article

SEEN = datetime(2026, 1, 1, tzinfo=UTC)
NEWS = "The council said on Monday that the bridge would reopen in March after repairs."

_HEADERS = (
    "From: Sender <a@example.org>\nTo: b@example.org\nSubject: Weekly letter\n"
    "Date: Tue, 04 Mar 2025 06:30:00 +0000\nMIME-Version: 1.0\n"
)


def _wrong_boundary() -> str:
    """The header names one boundary, the body uses another."""
    return (
        _HEADERS + 'Content-Type: multipart/alternative; boundary="ABC"\n\n'
        f"--ABD\nContent-Type: text/plain; charset=utf-8\n\n{NEWS}\n\n"
        "--ABD\nContent-Type: text/html; charset=utf-8\n\n<p>The bridge reopens.</p>\n--ABD--\n"
    )


def _no_boundary() -> str:
    return _HEADERS + f"Content-Type: multipart/mixed\n\n{NEWS}\n"


def _attachments_only() -> str:
    return (
        _HEADERS + 'Content-Type: multipart/mixed; boundary="XYZ"\n\n'
        '--XYZ\nContent-Type: application/pdf\nContent-Disposition: attachment; filename="a.pdf"\n'
        "Content-Transfer-Encoding: base64\n\nJVBERi0xLjQK\n"
        '--XYZ\nContent-Type: image/png\nContent-Disposition: attachment; filename="b.png"\n'
        "Content-Transfer-Encoding: base64\n\niVBORw0KGgo=\n--XYZ--\n"
    )


def _deep_page(depth: int = 3000) -> str:
    return f"<html><body>{'<div>' * depth}<p>{NEWS}</p>{'</div>' * depth}</body></html>"


def _digest(stories: int = 200) -> str:
    """A digest of many headed stories on different subjects (made-up words, so that no two
    share a subject)."""
    rng = random.Random(7)

    def word() -> str:
        return "".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(3))

    parts = ["# The Big Daily Digest\n"]
    for _ in range(stories):
        heading = " ".join(word() for _ in range(6)).capitalize()
        text = " ".join(word() for _ in range(25)).capitalize() + "."
        parts.append(f"## {heading}\n\n{text}\n")
    return "\n".join(parts)


def _articles(path: Path) -> list[Article]:
    return [a for a in read_file(path, SEEN) if isinstance(a, Article)]


def _failures(path: Path) -> list[Failure]:
    return [f for f in read_file(path, SEEN) if isinstance(f, Failure)]


def test_a_document_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("w") as out:  # one line, no break: a dump, no article
        while out.tell() <= MAX_DOCUMENT_BYTES:
            out.write(NEWS[:-1] + ", and more. " * 1000)
    (failure,) = _failures(huge)
    assert "too large to read as one document" in failure.reason and "10 MB" in failure.reason


def test_a_page_nested_past_the_parsers_depth_keeps_its_text(tmp_path: Path) -> None:
    page = tmp_path / "deep.html"
    page.write_text(_deep_page())
    (article,) = _articles(page)
    assert NEWS in article.text
    empty = tmp_path / "empty.html"  # a shallow page with no article stays a failure
    empty.write_text("<html><body><div><script>var x = 1;</script></div></body></html>")
    assert _failures(empty) and not _articles(empty)


def test_a_message_whose_boundary_is_wrong_or_missing_is_read(tmp_path: Path) -> None:
    for name, body in (("wrong.eml", _wrong_boundary()), ("none.eml", _no_boundary())):
        path = tmp_path / name
        path.write_text(body)
        (article,) = _articles(path)
        assert article.title == "Weekly letter" and "bridge would reopen" in article.text, name


def test_a_message_of_attachments_only_says_so(tmp_path: Path) -> None:
    path = tmp_path / "files.eml"
    path.write_text(_attachments_only())
    (failure,) = _failures(path)
    assert failure.reason == "the message holds only attachments (a.pdf, b.png)"


def test_a_digest_of_two_hundred_stories_is_two_hundred_articles(tmp_path: Path) -> None:
    path = tmp_path / "digest.md"
    path.write_text(_digest())
    assert len(_articles(path)) == 200


def test_an_import_of_hostile_files_reports_each_bad_one_in_one_line(run: Any, tmp_path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "files.eml").write_text(_attachments_only())
    (folder / "garbage.eml").write_bytes(bytes(random.Random(1).randrange(256) for _ in range(999)))
    with (folder / "huge.txt").open("w") as out:
        out.write("x" * (MAX_DOCUMENT_BYTES + 1))
    (folder / "deep.html").write_text(_deep_page())
    (folder / "wrong.eml").write_text(_wrong_boundary())
    (folder / "digest.md").write_text(_digest(20))
    (folder / "note.txt").write_text("Tram line opens\n" + NEWS.replace("bridge", "tram line"))
    result = run("import", str(folder))
    assert result.exit_code == 0, result.output
    failed = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(failed) == 3 and all(line.startswith("failed: ") for line in failed), failed
    assert "Traceback" not in result.output and "WARNING" not in result.stderr
    assert "added 23, already present 0, failed 3" in result.stdout  # 20 + deep, wrong, note


def test_a_newsletter_forwarded_as_an_attachment_is_the_newsletter(tmp_path: Path) -> None:
    from email import policy
    from email.message import EmailMessage
    from email.parser import BytesParser

    from conftest import FIXTURES

    letter = (FIXTURES / "realworld" / "chip-letter-digest.eml").read_bytes()
    inner = BytesParser(policy=policy.default).parsebytes(letter)
    outer = EmailMessage()
    outer["From"] = "Me <me@example.org>"
    outer["Subject"] = "Fwd: The Chip Letter"
    outer["Date"] = "Wed, 05 Mar 2025 08:00:00 +0000"
    outer.set_content("Forwarding this, worth a read.")
    outer.add_attachment(inner)
    path = tmp_path / "fwd.eml"
    path.write_bytes(bytes(outer))
    articles = _articles(path)
    assert [a.source for a in articles] == ["The Chip Letter"] * 3
    assert articles[0].title == "TSMC raises its sales forecast for the year"
    # A message of its own with a message attached stays that message.
    outer.replace_header("Subject", "Council minutes")
    long_note = "The council met on Monday and agreed the budget for the new tram line. " * 8
    own = EmailMessage()
    for name in ("From", "Subject", "Date"):
        own[name] = outer[name]
    own.set_content(long_note)
    own.add_attachment(inner)
    path.write_bytes(bytes(own))
    (article,) = _articles(path)
    assert article.title == "Council minutes" and "tram line" in article.text
