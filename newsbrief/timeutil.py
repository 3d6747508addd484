"""Time is UTC inside: parsing, formatting and windows."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

_SPAN = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(m|min|h|d|w)\s*$", re.IGNORECASE)
_UNITS = {"m": 60, "min": 60, "h": 3600, "d": 86400, "w": 604800}
# A span reaching further back than this means "all the news there is": it starts here rather
# than at a date no calendar prints (or past the first year, where date arithmetic fails).
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)


def now() -> datetime:
    return datetime.now(UTC)


def to_iso(value: datetime | None) -> str | None:
    """Sortable UTC text for the store."""
    if value is None:
        return None
    return value.astimezone(UTC).isoformat(timespec="seconds")


def parse_datetime(value: str | None) -> datetime | None:
    """An ISO 8601 date or date-time as aware UTC; naive values are taken as UTC.

    Returns None for empty or unparseable text: a missing date is not an error.
    """
    if not value or not value.strip():
        return None
    text = value.strip()
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def parse_since(value: str, reference: datetime | None = None) -> datetime:
    """``24h``, ``90m``, ``7d``, ``2w`` before the reference time, or an ISO date-time."""
    reference = reference or now()
    match = _SPAN.match(value)
    if match:
        seconds = float(match.group(1)) * _UNITS[match.group(2).lower()]
        if seconds >= (reference - EARLIEST).total_seconds():
            return EARLIEST
        return reference - timedelta(seconds=seconds)
    parsed = parse_datetime(value)
    if parsed is None:
        raise ValueError(f"--since {value!r}: expected a span like 24h, 7d or an ISO date")
    return parsed
