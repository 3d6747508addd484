"""Newsletters saved as e-mail files: one article per story, dated and named by the headers."""

from __future__ import annotations

import sqlite3
from email.message import EmailMessage
from pathlib import Path

from conftest import FIXTURES

from newsbrief.store import DB_NAME, Store

EMAIL = FIXTURES / "email"


def articles(home: Path) -> list[sqlite3.Row]:
    with Store(home / DB_NAME) as store:
        return list(store.conn.execute("SELECT * FROM articles ORDER BY rowid"))


def test_an_html_newsletter_gives_one_article_per_story(run, home):
    result = run("import", str(EMAIL / "chip-letter-digest.eml"))
    assert result.exit_code == 0, result.output
    rows = articles(home)
    assert [r["title"] for r in rows] == [
        "TSMC raises its sales forecast for the year",
        "Dutch government widens export rules for lithography machines",
        "Samsung delays its Texas factory opening to 2026",
    ]
    for row in rows:
        assert row["outlet"] == "The Chip Letter"
        assert row["published"] == "2025-03-04T06:30:00+00:00"
        # The greeting, the sponsor and the mailing's own lines are no story and no text.
        for junk in ("Good morning", "WaferCloud", "receiving this email", "Unsubscribe"):
            assert junk not in row["text"], (row["title"], junk)
    assert rows[2]["text"].endswith("most advanced process.")
    assert (
        rows[0]["guid"]
        == "<chip-letter-2025-03-04@example.org>#tsmc-raises-its-sales-forecast-for-the-year"
    )


def test_a_plain_text_message_is_one_article_in_its_own_charset(run, home):
    result = run("import", str(EMAIL / "council-notice.eml"))
    assert result.exit_code == 0, result.output
    (row,) = articles(home)
    assert row["title"] == "Library opening hours change from Monday"
    assert row["outlet"] == "Springfield Council"
    assert row["published"] == "2025-03-07T15:05:00+00:00"  # +0100 in the header
    assert row["text"].startswith("Springfield's central library will open at 9 a.m.")


def test_an_archived_copy_is_the_link(run, home, tmp_path):
    message = EmailMessage()
    message["From"] = "desk@example.org"
    message["Subject"] = "Port strike ends after three days"
    message["Archived-At"] = "<https://lists.example.org/desk/2025-03/0042.html>"
    message.set_content(
        "Dock workers in Rotterdam ended a three-day strike on Monday, the union said."
    )
    file = tmp_path / "strike.eml"
    file.write_bytes(bytes(message))
    assert run("import", str(file)).exit_code == 0
    (row,) = articles(home)
    assert row["url"] == "https://lists.example.org/desk/2025-03/0042.html"
    assert row["outlet"] == "example.org" and row["published"] is None


def test_a_message_with_nothing_to_read_is_named(run, home, tmp_path):
    empty = tmp_path / "empty-body.eml"
    empty.write_bytes(b"From: a@example.org\r\nSubject: Hello\r\n\r\n")
    not_mail = tmp_path / "not-mail.eml"
    not_mail.write_bytes(b"\r\n\r\njust some bytes")
    good = EMAIL / "council-notice.eml"
    result = run("import", str(empty), str(not_mail), str(good))
    assert result.exit_code == 0
    assert "added 1, already present 0, failed 2" in result.stdout
    assert result.stderr.splitlines() == [
        f"failed: {empty}: the message has no text or HTML part",
        f"failed: {not_mail}: not an e-mail message (no headers)",
    ]
