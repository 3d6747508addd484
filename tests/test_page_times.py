"""A page's publication time keeps its hour: the extractor gave the day only, so a page
published at 09:00 New York time was dated midnight UTC, 14 hours early, and ranked and
windowed as such. A page that gives only its day keeps its day."""

from __future__ import annotations

import json

from newsbrief.ingest.extract import extract_html
from newsbrief.timeutil import parse_datetime

BODY = (
    "<p>AT&amp;T agreed on Monday to buy Acme for $4.1 billion in cash, the companies said. "
    "The deal is expected to close in the second quarter of next year, pending approval by "
    "regulators.</p><p>Analysts said the purchase would give AT&amp;T a stronger position in "
    "the market for business networks, where Acme has grown quickly over the past three "
    "years. Shares of Acme rose 25 percent in early trading.</p>"
)


def page(head: str) -> str:
    return (
        f"<html><head><title>AT&amp;T buys Acme</title>{head}</head><body><article>"
        f"<h1>AT&amp;T agrees to buy Acme for $4.1 billion</h1>{BODY}</article></body></html>"
    )


def test_the_time_and_zone_of_a_page_are_kept():
    meta = '<meta property="article:published_time" content="2026-12-07T09:00:00-05:00">'
    found = extract_html(page(meta), "https://example.org/att")
    assert found is not None
    assert parse_datetime(found.published).isoformat() == "2026-12-07T14:00:00+00:00"


def test_a_page_that_gives_its_day_only_keeps_the_day():
    meta = '<meta property="article:published_time" content="2026-12-07">'
    found = extract_html(page(meta), "https://example.org/att")
    assert found is not None
    assert parse_datetime(found.published).isoformat() == "2026-12-07T00:00:00+00:00"


def test_an_imported_page_is_dated_to_the_minute(run, tmp_path):
    meta = '<meta property="article:published_time" content="2026-12-07T09:30:00+01:00">'
    (tmp_path / "att.html").write_text(page(meta), encoding="utf-8")
    assert run("import", str(tmp_path / "att.html")).exit_code == 0
    shown = json.loads(run("brief", "--since", "3650d", "--format", "json", "--no-record").output)
    (source,) = shown["stories"][0]["sources"]
    assert source["published"] == "2026-12-07T08:30:00+00:00"
