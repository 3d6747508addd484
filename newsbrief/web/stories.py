"""Story pages: the story as the reader's briefing shows it, with its days and related stories.

A story in today's briefing is shown from the briefing itself (no second write-up); any other
story is written up on demand and kept in a small cache until it gains articles.
"""

from __future__ import annotations

import threading
from collections import OrderedDict, defaultdict
from dataclasses import asdict, dataclass
from typing import Any

from newsbrief.briefing import received
from newsbrief.briefing.story_detail import related_stories, write_up_story
from newsbrief.codec import story_dict
from newsbrief.models import Profile, Story
from newsbrief.store import Store, profiles
from newsbrief.timeutil import parse_datetime, to_iso
from newsbrief.web.security import WorkLimiter

CACHE_SIZE = 256


@dataclass
class StoryPage:
    story: dict[str, Any]  # the JSON briefing's story object
    days: list[dict[str, Any]]  # {"date", "sources": [source objects]} oldest day first
    related: list[dict[str, Any]]  # {"id", "headline", "updated", "articles", "shared"}


def days_of(story: dict[str, Any]) -> list[dict[str, Any]]:
    """The story's sources by publication day, oldest first; undated ones last (date None)."""
    by_day: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
    dated = sorted(story["sources"], key=lambda s: (s["published"] is None, s["published"] or ""))
    for src in dated:
        when = parse_datetime(src["published"])
        by_day[when.date().isoformat() if when else None].append(src)
    return [{"date": d, "sources": refs} for d, refs in by_day.items()]


class StoryPages:
    def __init__(self, size: int = CACHE_SIZE, limiter: WorkLimiter | None = None) -> None:
        self.size = size
        self.limiter = limiter  # write-ups on demand count against the client that asks
        self._cache: OrderedDict[tuple[Any, ...], StoryPage] = OrderedDict()
        self._lock = threading.Lock()

    def page(
        self,
        store: Store,
        story: Story,
        profile: Profile,
        in_briefing: dict[str, Any] | None = None,
        client: str | None = None,
    ) -> StoryPage | None:
        previous = received.reference(store, profile.name, received.basis(store))
        key = (story.id, len(story.article_ids), to_iso(story.updated), profile.name,
               profile_stamp(store, profile.name), previous.time)  # fmt: skip
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None and (in_briefing is None or hit.story is in_briefing):
                self._cache.move_to_end(key)
                return hit
        data = in_briefing
        if data is None:
            if self.limiter is not None and client is not None:
                self.limiter.spend(client)
            written = write_up_story(store, story, profile, previous)
            if written is None:
                return None
            data = story_dict(written)
        related = [
            {**asdict(r), "updated": to_iso(r.updated)}
            for r in related_stories(store, story, data["entities"] + data["keyphrases"])
        ]
        page = StoryPage(data, days_of(data), related)
        with self._lock:
            self._cache[key] = page
            while len(self._cache) > self.size:
                self._cache.popitem(last=False)
        return page


def profile_stamp(store: Store, name: str) -> str | None:
    return profiles.profile_json(store, name)
