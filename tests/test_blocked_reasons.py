"""A page read by `import URL` that is no article says why: a short page with no sign of a
paywall was refused as "paywalled or blocked (only a teaser is readable)"."""

from __future__ import annotations

from newsbrief.ingest.extract import Extracted
from newsbrief.ingest.fulltext import blocked_reason, looks_blocked

SHORT = (
    "The council voted on Tuesday to close the old bridge for repairs costing $2 million. "
    "The mayor said the work would take a year."
)
LONG = " ".join([SHORT] * 5)


def test_a_short_page_is_called_short_not_paywalled():
    reason = blocked_reason(Extracted(title="Bridge closes", text=SHORT), "")
    assert reason == "the page holds 24 words of text, too few for an article (at least 60)"


def test_paywalls_and_check_pages_are_named():
    paywalled = Extracted(title="Bridge", text=LONG + " Subscribe now to continue reading.")
    assert blocked_reason(paywalled, "") == "the page is paywalled (only a teaser is readable)"
    check = Extracted(title="Just a moment...", text=LONG)
    assert blocked_reason(check, "").startswith("the page is blocked")


def test_an_article_is_none_of_them():
    page = Extracted(title="Bridge closes", text=LONG)
    assert blocked_reason(page, "") is None and not looks_blocked(page, "")
    # A page no longer than the feed's excerpt adds nothing to it.
    assert looks_blocked(page, LONG)
