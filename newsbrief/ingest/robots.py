"""robots.txt for page fetches, read once per host and run."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from newsbrief.ingest.fetch import Fetcher, FetchError

log = logging.getLogger(__name__)


class Robots:
    def __init__(self, fetcher: Fetcher) -> None:
        self.fetcher = fetcher
        self.rules: dict[str, RobotFileParser | None] = {}

    async def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self.rules:
            self.rules[origin] = await self._load(origin)
        rules = self.rules[origin]
        return rules is None or rules.can_fetch(self.fetcher.policy.user_agent, url)

    async def _load(self, origin: str) -> RobotFileParser | None:
        try:
            response = await self.fetcher.get(origin + "/robots.txt", max_bytes=512 * 1024)
        except FetchError as exc:
            # No robots.txt (4xx) or none reachable: nothing is disallowed.
            log.debug("robots.txt of %s: %s", origin, exc)
            return None
        parser = RobotFileParser()
        parser.parse(response.text.splitlines())
        return parser
