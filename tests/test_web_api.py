"""The web app in-process (httpx's ASGI transport) on a real SQLite file."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from webtools import (
    XSS_FEED,
    add_account,
    briefing_rows,
    client,
    copy_home,
    csrf,
    login,
    make_home,
)

from newsbrief.accounts import add_user
from newsbrief.models import Profile
from newsbrief.store import DB_NAME, Store
from newsbrief.web import WebConfig, create_app

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="module")
def corpus_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_home(tmp_path_factory.mktemp("corpus"))


@pytest.fixture
def home(corpus_home: Path, tmp_path: Path) -> Path:
    """A fresh copy of the corpus data folder for each test (tests change it)."""
    return copy_home(corpus_home, tmp_path / "home")


def story_ids(briefing: dict) -> list[str]:
    return [s["id"] for s in briefing["stories"]]


async def test_briefing_page_shows_the_api_briefing_with_security_headers(home):
    async with client(home) as http:
        page = await http.get("/")
        assert page.status_code == 200
        csp = page.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "default-src 'none'" in csp
        assert "unsafe-inline" not in csp
        assert page.headers["x-content-type-options"] == "nosniff"
        assert page.headers["x-frame-options"] == "DENY"
        client_cookie = page.headers["set-cookie"]
        assert "HttpOnly" in client_cookie and "SameSite=Lax" in client_cookie
        data = (await http.get("/api/briefing")).json()
        assert data["stories"], "the corpus gives a briefing with stories"
        for story in data["stories"]:
            headline = story["headline"].replace("&", "&amp;").replace('"', "&#34;")
            assert headline.replace("'", "&#39;") in page.text
            assert f'href="/stories/{story["id"]}"' in page.text
        # Landmarks and labelled controls.
        assert '<main id="main"' in page.text and '<nav aria-label="Main">' in page.text
        assert '<label for="profile-switch">' in page.text


async def test_briefing_is_built_once_and_reused_until_the_store_changes(home, tmp_path):
    async with client(home) as http:
        first = (await http.get("/api/briefing")).json()
        assert briefing_rows(home) == 1
        for _ in range(3):
            assert (await http.get("/")).status_code == 200
        assert briefing_rows(home) == 1, "serving the page must not rebuild the briefing"
    # A restarted app reuses the recorded briefing while nothing changed.
    async with client(home) as http:
        again = (await http.get("/api/briefing")).json()
        assert briefing_rows(home) == 1
        assert story_ids(again) == story_ids(first)
        # New articles make the next request rebuild it.
        with Store(home / DB_NAME) as store:
            from newsbrief.ingest.files import import_paths

            import_paths(store, [str(XSS_FEED)])
        rebuilt = (await http.get("/api/briefing")).json()
        assert briefing_rows(home) == 2
        assert any(s["id"] not in story_ids(first) for s in rebuilt["stories"])


async def test_story_page_and_api(home):
    with Store(home / DB_NAME) as store:
        store.save_profile(Profile(name="default", story_count=3))
    async with client(home) as http:
        briefing = (await http.get("/api/briefing")).json()
        story = briefing["stories"][0]
        page = await http.get(f"/stories/{story['id']}")
        assert page.status_code == 200
        for heading in ("Timeline", "Sources", "Was this story useful?"):
            assert heading in page.text
        data = (await http.get(f"/api/stories/{story['id']}")).json()
        assert data["story"]["id"] == story["id"]
        assert data["story"]["summary"] == story["summary"]  # the briefing's own write-up
        assert sum(len(d["sources"]) for d in data["days"]) == len(story["sources"])
        dates = [d["date"] for d in data["days"]]
        dated = sorted(d for d in dates if d is not None)
        assert dates == dated + [None] * (len(dates) - len(dated))  # undated sources last
        for related in data["related"]:
            assert related["id"] != story["id"] and len(related["shared"]) >= 2
        # A story outside the briefing is written up on demand.
        with Store(home / DB_NAME) as store:
            every = [s.id for s in store.stories()]
        other = next(s for s in every if s not in story_ids(briefing))
        written = (await http.get(f"/api/stories/{other}")).json()
        assert written["story"]["id"] == other and written["story"]["summary"]
        assert (await http.get(f"/stories/{other}")).status_code == 200
        missing = await http.get("/stories/nope")
        assert missing.status_code == 404 and "no story" in missing.text
        assert (await http.get("/api/stories/nope")).json()["detail"] == "no story 'nope'"


async def test_changing_requests_need_a_csrf_token_from_this_site(home):
    async with client(home) as http:
        sid = story_ids((await http.get("/api/briefing")).json())[0]
        body = {"story_id": sid, "kind": "useful"}
        assert (await http.post("/api/feedback", json=body)).status_code == 403
        bad = {"X-CSRF-Token": "0" * 64}
        assert (await http.post("/api/feedback", json=body, headers=bad)).status_code == 403
        token = await csrf(http)
        ok = await http.post("/api/feedback", json=body, headers={"X-CSRF-Token": token})
        assert ok.status_code == 200 and ok.json()["kind"] == "useful"
        # The same token from another site's page is refused.
        cross = {"X-CSRF-Token": token, "Origin": "http://evil.example"}
        assert (await http.post("/api/feedback", json=body, headers=cross)).status_code == 403
        # HTML forms: no token, or a token of another client, is refused.
        form = {"kind": "useful"}
        assert (await http.post(f"/stories/{sid}/feedback", data=form)).status_code == 403
        async with client(home) as other:
            foreign = await csrf(other)
        refused = await http.post(f"/stories/{sid}/feedback", data={**form, "csrf_token": foreign})
        assert refused.status_code == 403
        for path in ("/profile", "/profiles", "/briefings/refresh", "/logout"):
            assert (await http.post(path, data={"name": "x"})).status_code == 403, path
    with Store(home / DB_NAME) as store:
        assert [f["kind"] for f in store.feedback("default")] == ["useful"]


async def test_hide_mute_and_follow_take_effect(home):
    async with client(home) as http:
        token = {"X-CSRF-Token": await csrf(http)}
        before = (await http.get("/api/briefing")).json()
        first, second = before["stories"][0], before["stories"][1]
        hide = {"story_id": first["id"], "kind": "hide"}
        assert (await http.post("/api/feedback", json=hide, headers=token)).status_code == 200
        after = (await http.get("/api/briefing")).json()
        assert first["id"] not in story_ids(after)
        assert first["id"] not in (await http.get("/")).text
        # Mute an entity of a story: its stories leave the briefing.
        entity = second["entities"][0]
        mute = {"story_id": second["id"], "kind": "mute", "target": entity}
        response = await http.post("/api/feedback", json=mute, headers=token)
        assert response.status_code == 200 and entity in response.json()["message"]
        muted = (await http.get("/api/briefing")).json()
        assert second["id"] not in story_ids(muted)
        assert (await http.get("/api/profile")).json()["mute"] == [entity]
        # Follow: the reason shows in the story's explanation.
        third = muted["stories"][0]
        follow = {"story_id": third["id"], "kind": "follow", "target": third["entities"][0]}
        assert (await http.post("/api/feedback", json=follow, headers=token)).status_code == 200
        followed = (await http.get("/api/briefing")).json()
        why = {s["id"]: s["why_included"] for s in followed["stories"]}
        assert f"follows {third['entities'][0]}" in why[third["id"]]
        # Bad feedback: a clear 400 (unknown kind is rejected by the schema: 422).
        empty = {"story_id": third["id"], "kind": "mute", "target": "  "}
        bad = await http.post("/api/feedback", json=empty, headers=token)
        assert bad.status_code == 400 and "name what to mute" in bad.json()["detail"]
        unknown = {"story_id": third["id"], "kind": "love"}
        assert (await http.post("/api/feedback", json=unknown, headers=token)).status_code == 422
        nowhere = {"story_id": "nope", "kind": "useful"}
        assert (await http.post("/api/feedback", json=nowhere, headers=token)).status_code == 404


async def test_feedback_form_works_without_javascript(home):
    async with client(home) as http:
        page = await http.get("/")
        token = re.search(r'name="csrf_token" value="([0-9a-f]+)"', page.text).group(1)
        # Every form of the (cached) page carries this reader's own token.
        assert set(re.findall(r'name="csrf_token" value="([^"]+)"', page.text)) == {token}
        assert token == await csrf(http)
        async with client(home) as other:
            theirs = await other.get("/")
            assert token not in theirs.text and 'value="csrf-slot' not in theirs.text
        sid = story_ids((await http.get("/api/briefing")).json())[0]
        form = {"csrf_token": token, "kind": "hide", "profile": "default", "next": "/"}
        response = await http.post(f"/stories/{sid}/feedback", data=form)
        assert response.status_code == 303 and response.headers["location"] == "/?notice=hide"
        shown = await http.get(response.headers["location"])
        assert "The story is hidden." in shown.text and f'id="{sid}"' not in shown.text
        # An outside address in "next" is not followed.
        form = {**form, "kind": "useful", "next": "//evil.example/"}
        response = await http.post(f"/stories/{sid}/feedback", data=form)
        assert response.headers["location"].startswith(f"/stories/{sid}")
        # With JavaScript the same endpoint answers JSON.
        js = await http.post(
            f"/stories/{sid}/feedback", data=form, headers={"Accept": "application/json"}
        )
        assert js.json() == {
            "kind": "useful", "story_id": sid, "target": None, "message": "Thanks: marked useful.",
        }  # fmt: skip


async def test_profile_settings_form_and_api(home):
    async with client(home) as http:
        page = await http.get("/profile")
        token = re.search(r'name="csrf_token" value="([0-9a-f]+)"', page.text).group(1)
        for field in ("role", "industry", "interests", "follow", "mute", "story_count",
                      "timezone", "delivery_time", "language"):  # fmt: skip
            assert f'<label for="{field}">' in page.text, field
        assert '<option value="de" lang="de">Deutsch</option>' in page.text
        form = {
            "csrf_token": token, "profile": "default", "role": "analyst", "industry": "health",
            "interests": "surgeon general nomination", "follow": "Waitrose\n",
            "mute": "", "story_count": "3", "sections": ["what_is_happening", "whats_next"],
            "timezone": "Mars/Olympus", "delivery_time": "25:00", "language": "German",
        }  # fmt: skip
        bad = await http.post("/profile", data=form)
        assert bad.status_code == 400
        assert "an IANA time zone" in bad.text and "a time of day as HH:MM" in bad.text
        assert "a language code such as de or fr" in bad.text
        assert 'aria-invalid="true"' in bad.text
        form.update(timezone="Europe/Paris", delivery_time="06:30", language="de")
        saved = await http.post("/profile", data=form)
        assert saved.status_code == 303 and saved.headers["location"] == "/profile?saved=1"
        assert '<option value="de" lang="de" selected>' in (await http.get("/profile")).text
        profile = (await http.get("/api/profile")).json()
        assert profile["timezone"] == "Europe/Paris" and profile["story_count"] == 3
        assert profile["language"] == "de"
        assert profile["follow"] == ["Waitrose"]
        assert profile["sections"] == ["what_is_happening", "whats_next"]
        briefing = (await http.get("/api/briefing")).json()
        assert len(briefing["stories"]) <= 3
        assert any("follows Waitrose" in s["why_included"] for s in briefing["stories"])
        headers = {"X-CSRF-Token": await csrf(http)}
        patched = await http.patch("/api/profile", json={"story_count": 2}, headers=headers)
        assert patched.status_code == 200 and patched.json()["story_count"] == 2
        assert patched.json()["role"] == "analyst"  # untouched fields keep their value
        assert patched.json()["language"] == "de"
        cleared = await http.patch("/api/profile", json={"language": ""}, headers=headers)
        assert cleared.status_code == 200 and cleared.json()["language"] == ""
        assert len((await http.get("/api/briefing")).json()["stories"]) <= 2
        wrong = await http.patch("/api/profile", json={"story_count": 0}, headers=headers)
        assert wrong.status_code == 400 and "story_count" in wrong.json()["detail"]


async def test_profiles_are_created_and_selected_by_query(home):
    async with client(home) as http:
        token = await csrf(http)
        created = await http.post("/profiles", data={"csrf_token": token, "name": "ana"})
        assert created.status_code == 303 and created.headers["location"] == "/profile?profile=ana"
        dup = await http.post("/profiles", data={"csrf_token": token, "name": "ana"})
        assert dup.status_code == 400 and "already exists" in dup.text
        bad = await http.post("/profiles", data={"csrf_token": token, "name": "../x"})
        assert bad.status_code == 400
        page = await http.get("/?profile=ana")
        assert page.status_code == 200 and "Today's briefing · ana" in page.text
        assert (await http.get("/api/briefing?profile=ana")).json()["profile"] == "ana"
        assert [p["name"] for p in (await http.get("/api/profiles")).json()] == ["default", "ana"]
        missing = await http.get("/?profile=nobody")
        assert missing.status_code == 404 and "no profile named" in missing.text


async def test_archive_by_date(home):
    async with client(home) as http:
        data = (await http.get("/api/briefing")).json()
        today = datetime.now(UTC).date().isoformat()
        archive = await http.get("/briefings")
        assert f'href="/briefings/{today}"' in archive.text
        day = await http.get(f"/briefings/{today}")
        assert day.status_code == 200 and f"Briefing of {today}" in day.text
        days = (await http.get("/api/briefings")).json()
        assert days[0]["date"] == today and days[0]["title"] == data["title"]
        assert (await http.get(days[0]["url"])).json()["title"] == data["title"]
        old = (datetime.now(UTC) - timedelta(days=400)).date().isoformat()
        assert (await http.get(f"/briefings/{old}")).status_code == 404
        assert (await http.get(f"/api/briefing?date={old}")).status_code == 404
        assert (await http.get("/briefings/not-a-date")).status_code == 400
        assert (await http.get("/api/briefing?since=yesterdayish")).status_code == 400
        wider = (await http.get("/api/briefing?since=3650d")).json()
        assert wider["stories"]


async def test_untrusted_article_content_is_escaped(tmp_path):
    home = make_home(tmp_path / "xss", labels={"20_ecb"}, extra=(XSS_FEED,))
    async with client(home) as http:
        data = (await http.get("/api/briefing")).json()
        story = next(s for s in data["stories"] if any(x["id"] == "xss-1" for x in s["sources"]))
        article = await http.get("/articles/xss-1")
        assert article.status_code == 200 and f'href="/stories/{story["id"]}"' in article.text
        assert (await http.get("/articles/nope")).status_code == 404
        pages = [
            (await http.get("/")).text,
            (await http.get(f"/stories/{story['id']}")).text,
            article.text,
        ]
        for html in pages:
            assert "window.__xss" in html  # the text is there, as text
            assert "<script>window" not in html and "<svg" not in html and "<img" not in html
            assert "<b onmouseover" not in html
            assert not re.search(r"href=\"\s*javascript:", html, re.IGNORECASE)
            assert "&lt;script&gt;" in html
            scripts = re.findall(r"<script[^>]*>", html)
            assert scripts == ['<script src="/static/app.js?v=' + scripts[0].split("?v=")[1]]


async def test_only_loopback_host_names_without_accounts(home):
    async with client(home) as http:
        assert (await http.get("/", headers={"Host": "evil.example"})).status_code == 421
        assert (await http.get("/", headers={"Host": "localhost:8000"})).status_code == 200
        assert (await http.get("/", headers={"Host": "[::1]:8000"})).status_code == 200


async def test_openapi_document_describes_the_api(home):
    async with client(home) as http:
        doc = (await http.get("/openapi.json")).json()
    for path in ("/api/briefing", "/api/briefings", "/api/stories/{story_id}", "/api/feedback",
                 "/api/profile", "/api/profiles", "/api/session"):  # fmt: skip
        assert path in doc["paths"], path
    assert "/" not in doc["paths"] and "/login" not in doc["paths"]
    assert "Story" in doc["components"]["schemas"]


def test_api_schema_matches_the_json_briefing(tmp_path):
    """The OpenAPI shapes list exactly the keys the JSON briefing has."""
    from newsbrief.briefing.assemble import build_briefing
    from newsbrief.codec import briefing_dict
    from newsbrief.web import schemas

    home = make_home(tmp_path / "h", labels={"20_ecb", "2_ecb"})
    with Store(home / DB_NAME) as store:
        data = briefing_dict(
            build_briefing(store, since=datetime(2000, 1, 1, tzinfo=UTC), record=False)
        )
    assert set(data) == set(schemas.Briefing.model_fields)
    assert set(data["stories"][0]) == set(schemas.Story.model_fields)
    schemas.Briefing.model_validate(data)


# accounts --------------------------------------------------------------------------------


async def test_accounts_guard_every_page_and_the_api(home):
    add_account(home)
    async with client(home, accounts=True) as http:
        response = await http.get("/stories/x?profile=default")
        assert response.status_code == 303
        assert response.headers["location"] == "/login?next=%2Fstories%2Fx%3Fprofile%3Ddefault"
        assert (await http.get("/api/briefing")).status_code == 401
        assert (await http.get("/profile")).status_code == 303
        assert (await http.get("/static/style.css")).status_code == 200
        # Any host name is served when accounts guard the app.
        page = await http.get("/login", headers={"Host": "news.example.org"})
        assert page.status_code == 200 and 'autocomplete="current-password"' in page.text
        wrong = await login(http, "ana", "wrong password")
        assert wrong.status_code == 401 and "Wrong user name or password." in wrong.text
        assert "nb_session" not in wrong.headers.get("set-cookie", "")
        ok = await login(http, "ana", "correct horse", next="/profile")
        assert ok.status_code == 303 and ok.headers["location"] == "/profile"
        cookie = ok.headers["set-cookie"]
        assert cookie.startswith("nb_session=")
        assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
        page = await http.get("/")
        assert page.status_code == 200 and "Log out" in page.text
        assert (await http.get("/api/briefing")).status_code == 200
        token = re.search(r'name="csrf_token" value="([0-9a-f]+)"', page.text).group(1)
        # Tokens are bound to the session: the one from before the login no longer works.
        before = re.search(r'name="csrf_token" value="([0-9a-f]+)"', wrong.text).group(1)
        assert before != token
        assert (await http.post("/logout", data={"csrf_token": before})).status_code == 403
        out = await http.post("/logout", data={"csrf_token": token})
        assert out.status_code == 303 and out.headers["location"] == "/login"
        assert (await http.get("/")).status_code == 303
    with Store(home / DB_NAME) as store:
        assert store.conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == 0


async def test_login_is_rate_limited(home):
    add_account(home)
    async with client(home, accounts=True) as http:
        for _ in range(5):
            assert (await login(http, "ana", "guess")).status_code == 401
        locked = await login(http, "ana", "correct horse")
        assert locked.status_code == 429 and int(locked.headers["retry-after"]) > 0
        assert "Too many failed logins" in locked.text
        # Another user name from the same address is limited too.
        assert (await login(http, "bob", "guess")).status_code == 429


async def test_parallel_logins_check_no_more_passwords_than_the_limit(home):
    import asyncio

    add_account(home)
    async with client(home, accounts=True) as http:
        page = await http.get("/login")
        token = re.search(r'name="csrf_token" value="([0-9a-f]+)"', page.text).group(1)
        forms = [
            {"csrf_token": token, "username": "ana", "password": f"guess {i}", "next": "/"}
            for i in range(60)
        ]
        answers = await asyncio.gather(*(http.post("/login", data=f) for f in forms))
        statuses = sorted(a.status_code for a in answers)
        # Five passwords were checked (and were wrong); the other 55 were turned away.
        assert statuses == [401] * 5 + [429] * 55, statuses


async def test_login_next_never_leaves_the_app(home):
    add_account(home)
    async with client(home, accounts=True) as http:
        for target in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
            response = await login(http, "ana", "correct horse", next=target)
            assert response.headers["location"] == "/", target
            http.cookies.delete("nb_session")


def test_passwords_are_hashed_with_argon2_and_sessions_expire(tmp_path):
    from newsbrief.accounts import (
        AccountError,
        authenticate,
        create_session,
        session_user,
        set_password,
    )

    with Store(tmp_path / "s.db") as store:
        user = add_user(store, "ana", "correct horse")
        digest = store.conn.execute("SELECT password_hash FROM users").fetchone()[0]
        assert digest.startswith("$argon2id$") and "correct horse" not in digest
        assert authenticate(store, "ana", "correct horse").name == "ana"
        assert authenticate(store, "ana", "Correct horse") is None
        assert authenticate(store, "nobody", "correct horse") is None
        token = create_session(store, user)
        stored = store.conn.execute("SELECT id FROM sessions").fetchone()[0]
        assert token != stored and token not in json.dumps(stored)
        assert session_user(store, token).name == "ana"
        assert session_user(store, token, datetime.now(UTC) + timedelta(days=15)) is None
        set_password(store, "ana", "battery staple")
        assert session_user(store, token) is None, "a new password ends every session"
        for bad_name, bad_password in (("a b", "long enough"), ("ana2", "short")):
            with pytest.raises(AccountError):
                add_user(store, bad_name, bad_password)
        with pytest.raises(AccountError, match="already exists"):
            add_user(store, "ana", "another password")


def test_profile_dataclass_round_trips_through_the_form():
    from newsbrief.web.profiles import ProfileForm, check

    profile = Profile(name="p", follow=["A", "B"], mute=["C"], story_count=5, language="zh")
    assert check(ProfileForm.of(profile), profile) == profile


async def test_an_unexpected_failure_is_a_short_500(home, monkeypatch):
    from newsbrief.web import pages

    def broken(*args: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(pages, "get_story", broken)
    app = create_app(WebConfig(home=home))
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as http:
        page = await http.get("/stories/x")
        assert page.status_code == 500 and "Something went wrong" in page.text
        assert "disk on fire" not in page.text


def add_edition(home: Path, day: str, title: str) -> None:
    """A scheduled briefing of the default profile, as the scheduler records it."""
    from newsbrief.store.deliveries import DeliveryStore

    when = datetime.fromisoformat(day + "T07:00:00+00:00")
    data = {"title": title, "overview": [], "key_takeaways": [], "topics": ["ports"],
            "stories": [], "profile": "default", "generated": when.isoformat(),
            "since": (when - timedelta(days=1)).isoformat()}  # fmt: skip
    with Store(home / DB_NAME) as store:
        DeliveryStore(store).create_edition("default", day, when, when, data, [], when)


async def test_archive_shows_the_delivered_edition_and_the_atom_feed(home):
    add_edition(home, "2024-03-05", "Harbour reopens")
    async with client(home) as http:
        days = (await http.get("/api/briefings")).json()
        assert {"date": "2024-03-05", "title": "Harbour reopens",
                "url": "/api/briefing?date=2024-03-05"} in days  # fmt: skip
        page = await http.get("/briefings/2024-03-05")
        assert page.status_code == 200 and "Harbour reopens" in page.text
        feed = await http.get("/feeds/default.atom")
        assert feed.headers["content-type"].startswith("application/atom+xml")
        assert "<title>2024-03-05: Harbour reopens</title>" in feed.text
        assert 'href="http://127.0.0.1/briefings/2024-03-05"' in feed.text
        assert 'href="/feeds/default.atom"' in (await http.get("/profile")).text
        assert (await http.get("/feeds/nobody.atom")).status_code == 404


async def test_with_accounts_the_feed_needs_its_private_key(home):
    add_account(home)
    add_edition(home, "2024-03-05", "Harbour reopens")
    async with client(home, accounts=True) as http:
        assert (await http.get("/feeds/default.atom")).status_code == 404
        assert (await http.get("/feeds/default.atom?key=" + "0" * 32)).status_code == 404
        await login(http, "ana", "correct horse")
        page = (await http.get("/profile")).text
        link = re.search(r'href="(/feeds/default\.atom\?key=[0-9a-f]+)"', page).group(1)
        http.cookies.clear()  # a feed reader has no session
        feed = await http.get(link)
        assert feed.status_code == 200 and "Harbour reopens" in feed.text


async def test_concurrent_readers_share_one_build_per_profile(home):
    import asyncio

    with Store(home / DB_NAME) as store:
        for name in ("ana", "bo"):
            store.save_profile(Profile(name=name))
    async with client(home) as http:
        paths = [f"/?profile={p}" for p in ("default", "ana", "bo") for _ in range(6)]
        pages = await asyncio.gather(*(http.get(p) for p in paths))
        assert [p.status_code for p in pages] == [200] * len(paths)
    assert briefing_rows(home) == 3
