"""What one visitor can make the web app do: briefings kept in bounded memory, browsing not
recorded as read, and expensive builds limited per client."""

from __future__ import annotations

from pathlib import Path

import pytest
from webtools import add_account, briefing_rows, client, copy_home, login, make_home

from newsbrief.store import DB_NAME, Store

pytestmark = pytest.mark.anyio

# Windows that each give a briefing with stories over the test corpus (its events are old).
WINDOWS = ["1999-06-01", "1999-07-01", "1999-08-01", "1999-09-01"]


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="module")
def corpus_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_home(tmp_path_factory.mktemp("corpus"), labels={"12_ecb", "20_ecb", "2_ecb"})


async def test_a_briefing_over_another_window_is_browsing_and_not_recorded(corpus_home, tmp_path):
    home = copy_home(corpus_home, tmp_path / "home")
    async with client(home) as http:
        for window in WINDOWS[:3]:
            answer = await http.get("/api/briefing", params={"since": window})
            assert answer.status_code == 200 and answer.json()["stories"], window
        page = await http.get("/", params={"since": WINDOWS[0]})
        assert page.status_code == 200
        assert briefing_rows(home) == 0, "a briefing built for browsing is not received"
        # The reader's own briefing (the since setting's window) is read, so recorded.
        assert (await http.get("/")).status_code == 200
        assert briefing_rows(home) == 1
    with Store(home / DB_NAME) as store:
        spans = [r[0] for r in store.conn.execute("SELECT span FROM web_briefings")]
    assert spans == ["2000-01-01"]


async def test_briefings_are_kept_within_the_memory_setting(corpus_home, tmp_path):
    probe = copy_home(corpus_home, tmp_path / "probe")
    async with client(probe) as http:
        assert (await http.get("/api/briefing", params={"since": WINDOWS[0]})).status_code == 200
        one = http.app.state.web.briefings.cached_bytes()
    assert one > 10_000, "the size counts the briefing's objects, not a token amount"
    # Room for two briefings and a half: never more than that is kept.
    allowed_mb = 2.5 * one / 2**20
    home = copy_home(corpus_home, tmp_path / "home", f"web_briefing_cache_mb = {allowed_mb}\n")
    async with client(home) as http:
        briefings = http.app.state.web.briefings
        for window in WINDOWS:
            assert (await http.get("/api/briefing", params={"since": window})).status_code == 200
            assert briefings.cached_bytes() <= briefings.max_bytes
            # The first window is read again each time: the least recently used go first.
            await http.get("/api/briefing", params={"since": WINDOWS[0]})
        kept = [window for _, window in briefings.cached_windows()]
        assert 1 <= len(kept) < len(WINDOWS)
        assert WINDOWS[0] in kept and WINDOWS[-1] in kept
    # Even a setting too small for one briefing keeps the latest (or every request would
    # build it again).
    tiny = copy_home(corpus_home, tmp_path / "tiny", "web_briefing_cache_mb = 0.001\n")
    async with client(tiny) as http:
        for window in WINDOWS[:2]:
            await http.get("/api/briefing", params={"since": window})
        assert [w for _, w in http.app.state.web.briefings.cached_windows()] == [WINDOWS[1]]


async def test_expensive_builds_are_limited_per_client(corpus_home, tmp_path):
    home = copy_home(corpus_home, tmp_path / "home", "web_builds_per_minute = 3\n")
    add_account(home, "ana")
    add_account(home, "bo")
    async with client(home, accounts=True) as ana, client(home, accounts=True) as bo:
        await login(ana, "ana", "correct horse")
        await login(bo, "bo", "correct horse")
        for window in WINDOWS[:3]:
            assert (await ana.get("/api/briefing", params={"since": window})).status_code == 200
        busy = await ana.get("/api/briefing", params={"since": WINDOWS[3]})
        assert busy.status_code == 429
        assert 0 < int(busy.headers["retry-after"]) <= 60
        assert "try again in" in busy.json()["detail"]
        page = await ana.get("/", params={"since": WINDOWS[3]})
        assert page.status_code == 429 and "Too many briefings" in page.text
        # A story written up on demand is a build too.
        with Store(home / DB_NAME) as store:
            story = store.stories()[0].id
        assert (await ana.get(f"/api/stories/{story}")).status_code == 429
        # What is already built is still served, and another account has its own share.
        again = await ana.get("/api/briefing", params={"since": WINDOWS[0]})
        assert again.status_code == 200
        assert (await bo.get("/api/briefing", params={"since": WINDOWS[3]})).status_code == 200


async def test_another_sites_page_cannot_make_the_app_build_in_the_background(
    corpus_home, tmp_path
):
    home = copy_home(corpus_home, tmp_path / "home")
    image = {"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "no-cors", "Sec-Fetch-Dest": "image"}
    async with client(home) as http:
        for site in ("cross-site", "same-site"):
            for mode in ("no-cors", "cors"):
                headers = {**image, "Sec-Fetch-Site": site, "Sec-Fetch-Mode": mode}
                answer = await http.get("/", params={"since": WINDOWS[0]}, headers=headers)
                assert answer.status_code == 403 and "another site" in answer.text
                assert (await http.get("/api/briefing", headers=headers)).status_code == 403
        assert http.app.state.web.briefings.cached_windows() == []
        assert briefing_rows(home) == 0
        # Following a link from another site is a navigation: it works (and builds once).
        link = {"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate"}
        assert (await http.get("/", headers=link)).status_code == 200
        same = {"Sec-Fetch-Site": "same-origin", "Sec-Fetch-Mode": "cors"}
        assert (await http.get("/api/briefing", headers=same)).status_code == 200
        # Feed readers may fetch a feed from anywhere.
        assert (await http.get("/feeds/default.atom", headers=image)).status_code == 200
