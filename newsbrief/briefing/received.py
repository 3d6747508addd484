"""What a reader has received, and what "new since your last briefing" is measured against.

A briefing counts as *received* when the reader got it: printed or written by
``newsbrief brief`` (not ``--no-record``, which is a preview), delivered through a channel of
the schedule, or read in the web app. Stories and reports are *new* when they arrived after
the last briefing the reader received.

A briefing built again over the same articles (the store has gained or lost none since) is the
same briefing, whatever its format, window or length: it is measured against the same earlier
briefing, so it shows the same marks and the same order. Only a briefing over different
articles moves the reference on.

Every part of newsbrief that makes or shows briefings (the CLI, the web app, the scheduler)
asks this module, so the rule lives in one place.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from newsbrief.store import Store, briefings
from newsbrief.timeutil import now as utcnow
from newsbrief.timeutil import parse_datetime


@dataclass(frozen=True)
class Reference:
    """The last briefing the reader received before this one, if any."""

    time: datetime | None = None  # when it was made: articles added later are new
    stories: frozenset[str] = field(default_factory=frozenset)  # the stories it held


def basis(store: Store) -> str:
    """What the store holds, as far as a briefing is concerned: its articles.

    Two briefings over the same basis are the same briefing. Cheap: two index lookups.
    """
    newest, count = briefings.article_basis(store)
    return f"{newest}:{count}"


def reference(store: Store, profile: str, current: str) -> Reference:
    """The last briefing the profile received that is not this one (``current`` basis).

    Briefings the reader received over one basis are one briefing shown several ways (two
    formats, two lengths): the stories of all of them count as received.
    """
    rows = briefings.received_briefings(store, profile)
    found: Reference | None = None
    found_basis: str | None = None
    for briefing_id, created, made_over in rows:
        if made_over == current and found is None:
            continue  # this same briefing, received before: measure against the one before
        if found is not None and made_over != found_basis:
            break
        stories = frozenset(_story_ids(briefings.briefing_json(store, briefing_id) or ""))
        if found is None:
            found, found_basis = Reference(parse_datetime(created), stories), made_over
        else:
            found = Reference(found.time, found.stories | stories)
        if made_over is None:
            break  # recorded before briefings had a basis: each stands alone
    return found or Reference()


def _story_ids(data: str) -> set[str]:
    try:
        stories = json.loads(data).get("stories", [])
        return {str(s["id"]) for s in stories if isinstance(s, dict) and "id" in s}
    except (ValueError, TypeError, AttributeError):
        return set()


def record(
    store: Store,
    profile: str,
    since: datetime,
    data: dict[str, Any],
    made_over: str,
    created: datetime | None = None,
    received: bool = True,
) -> int:
    """Store a briefing; ``received`` when the reader has it now (not a scheduled edition
    waiting for its delivery). Returns its id."""
    created = created or utcnow()
    return briefings.insert_briefing(
        store, profile, created, since, json.dumps(data), made_over, utcnow() if received else None
    )


def mark_received(store: Store, briefing_id: int, when: datetime | None = None) -> None:
    """The reader got this briefing (delivered, or read in the web app); the first time counts."""
    briefings.mark_received(store, briefing_id, when or utcnow())
