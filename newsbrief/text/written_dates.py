"""Dates written at the top of a report: "September 18th, 2013", "27 NOVEMBER, 2005",
"Tuesday 28 April 2009", "11 / 27 / 2005", "on Monday, July 13, 2009".

Pages copied as text and files without metadata often carry their date as a stamp or in the
first lines. Only a whole date (day, month and year) near the top counts: a month and year alone
("In December 2008, three men ...") usually recalls an earlier event, and so does a date deep in
the text.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

# Characters of the text read after the title: stamps, datelines and the lead's first sentence.
TOP_CHARS = 400

_MONTH_NUMBERS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12, "january": 1, "february": 2,
    "march": 3, "april": 4, "june": 6, "july": 7, "august": 8, "september": 9,
    "october": 10, "november": 11, "december": 12,
}  # fmt: skip
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTH_NUMBERS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_PATTERNS = [
    # "September 18th, 2013", "Nov 27, 2005", "Sep 19 2012", "MARCH 4, 2009"
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s*{_YEAR}\b", re.IGNORECASE),
    # "18 September 2013", "27 NOVEMBER, 2005", "November 27-2005" is taken by the first
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    # "2013-09-18"
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
    # "11 / 27 / 2005", "04/28/09": month first, as US pages write it (day first when the
    # first number cannot be a month)
    re.compile(r"\b(?P<a>[0-3]?\d)\s*/\s*(?P<b>[0-3]?\d)\s*/\s*(?P<year>(?:19|20)?\d\d)\b"),
]


# A page's address often carries its date: "/2013/09/18/", "/2013-09-18/", "/2013/09/".
_URL_DATE = re.compile(
    r"/(?P<year>(?:19|20)\d\d)[/-](?P<month>0?[1-9]|1[0-2])(?:[/-](?P<day>[0-3]?\d))?(?=[/-])"
)


def written_date(title: str, text: str, url: str | None = None) -> datetime | None:
    """The date a report gives of itself without metadata: the first whole date in its title
    or the top of its text, else the date in its address (the first of that month when the
    address gives a month only); midnight UTC, or None."""
    top = f"{title}\n{text[:TOP_CHARS]}"
    found: list[tuple[int, datetime]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(top):
            when = _date(match)
            if when is not None:
                found.append((match.start(), when))
                break
    if found:
        return min(found, key=lambda item: item[0])[1]
    return _url_date(url) if url else None


def _url_date(url: str) -> datetime | None:
    match = _URL_DATE.search(url)
    if match is None:
        return None
    day = int(match.group("day") or 1)
    try:
        return datetime(int(match.group("year")), int(match.group("month")), day, tzinfo=UTC)
    except ValueError:
        return None


def _date(match: re.Match[str]) -> datetime | None:
    parts = match.groupdict()
    year = int(parts["year"])
    if year < 100:
        year += 1900 if year >= 70 else 2000
    if parts.get("month") is not None:
        month_text = parts["month"].lower().rstrip(".")
        month = _MONTH_NUMBERS.get(month_text) or int(month_text)
        day = int(parts["day"])
    else:
        a, b = int(parts["a"]), int(parts["b"])
        month, day = (a, b) if a <= 12 else (b, a)
    try:
        return datetime(year, month, day, tzinfo=UTC)
    except ValueError:
        return None
