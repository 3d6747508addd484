"""The briefing of a store that holds no article yet.

Made without loading what ranks, writes up and checks stories (summarizing, disagreements,
the checks of every sentence: most of what `brief` would load before finding nothing to do).
It is the briefing ``assemble.build_briefing`` makes over no article, and is not recorded.
"""

from __future__ import annotations

from datetime import datetime

from newsbrief.briefing import received
from newsbrief.models import Briefing
from newsbrief.store import Store, briefings
from newsbrief.timeutil import now as utcnow

NO_NEWS = "No news in this window"  # the title of a briefing without stories


def holds_no_article(store: Store) -> bool:
    return briefings.article_basis(store)[1] == 0


def empty_briefing(
    store: Store, profile: str, since: datetime, now: datetime | None = None
) -> Briefing:
    return Briefing(
        title=NO_NEWS,
        overview=[],
        key_takeaways=[],
        topics=[],
        stories=[],
        generated=now or utcnow(),
        since=since,
        profile=profile,
        basis=received.basis(store),
    )
