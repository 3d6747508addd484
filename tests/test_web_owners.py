"""Profiles belong to accounts: through the web app an account sees and changes only its own
profiles (briefings, archive, stories, feedback, settings, delivery settings, feed key);
an admin manages every one; everyone else gets the 404 of a profile that does not exist."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from webtools import add_account, client, copy_home, csrf, login, make_home

from newsbrief.accounts import list_users, remove_user
from newsbrief.models import Profile
from newsbrief.ownership import owner_of
from newsbrief.store import DB_NAME, Store, migrations

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="module")
def corpus_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_home(tmp_path_factory.mktemp("corpus"), labels={"12_ecb", "20_ecb"})


@pytest.fixture
def home(corpus_home: Path, tmp_path: Path) -> Path:
    home = copy_home(corpus_home, tmp_path / "home")
    for name in ("ana", "bo", "cy"):  # ana, the first account, is the admin
        add_account(home, name)
    return home


def feedback_rows(home: Path, profile: str) -> int:
    with Store(home / DB_NAME) as store:
        return len(store.feedback(profile))


async def test_an_account_has_its_own_profiles_and_nobody_elses(home):
    async with client(home, accounts=True) as bo, client(home, accounts=True) as cy:
        await login(bo, "bo", "correct horse")
        await login(cy, "cy", "correct horse")
        # A first visit gives the account a profile of its own, named after it.
        page = await bo.get("/")
        assert page.status_code == 200 and "Today's briefing · bo" in page.text
        assert [p["name"] for p in (await bo.get("/api/profiles")).json()] == ["bo"]
        token = await csrf(bo)
        made = await bo.post("/profiles", data={"csrf_token": token, "name": "bo-work"})
        assert made.status_code == 303
        briefing = (await bo.get("/api/briefing?profile=bo")).json()
        story = briefing["stories"][0]["id"]
        today = datetime.now(UTC).date().isoformat()
        headers = {"X-CSRF-Token": token}
        useful = {"story_id": story, "kind": "useful", "profile": "bo"}
        assert (await bo.post("/api/feedback", json=useful, headers=headers)).status_code == 200
        settings = await bo.patch(
            "/api/profile?profile=bo", json={"delivery_time": "06:15"}, headers=headers
        )
        assert settings.status_code == 200
        bo_page = (await bo.get("/profile?profile=bo")).text
        feed = re.search(r'href="(/feeds/bo\.atom\?key=[0-9a-f]+)"', bo_page).group(1)

        # cy sees only its own profile...
        assert (await cy.get("/")).status_code == 200
        assert [p["name"] for p in (await cy.get("/api/profiles")).json()] == ["cy"]
        cy_page = (await cy.get("/profile")).text
        assert 'value="bo"' not in cy_page and feed not in cy_page
        # ...and for it bo's profiles are as absent as a name nobody uses.
        absent = (await cy.get("/api/profile?profile=nobody")).json()["detail"]
        assert absent == "There is no profile named 'nobody'."
        for name in ("bo", "bo-work"):
            answer = await cy.get(f"/api/profile?profile={name}")
            assert answer.status_code == 404
            assert answer.json()["detail"] == absent.replace("nobody", name)
        for path in (
            "/?profile=bo", "/api/briefing?profile=bo", "/api/briefing?profile=bo&since=3650d",
            f"/api/briefing?profile=bo&date={today}", "/briefings?profile=bo",
            f"/briefings/{today}?profile=bo", "/api/briefings?profile=bo",
            f"/stories/{story}?profile=bo", f"/api/stories/{story}?profile=bo",
            "/articles/x?profile=bo", "/profile?profile=bo", "/search?q=police&profile=bo",
            "/api/search?q=police&profile=bo", "/ask?profile=bo", "/sources?profile=bo",
        ):  # fmt: skip
            answer = await cy.get(path)
            assert answer.status_code == 404, path
            assert "bo.atom" not in answer.text, path
        # Changing anything of bo's: 404, and nothing changes.
        theirs = {"X-CSRF-Token": await csrf(cy)}
        form_token = re.search(r'name="csrf_token" value="([0-9a-f]+)"', cy_page).group(1)
        mute = {"story_id": story, "kind": "mute", "target": "police", "profile": "bo"}
        assert (await cy.post("/api/feedback", json=mute, headers=theirs)).status_code == 404
        hide = {"csrf_token": form_token, "kind": "hide", "profile": "bo", "next": "/"}
        assert (await cy.post(f"/stories/{story}/feedback", data=hide)).status_code == 404
        patch = {"delivery_time": "23:00", "timezone": "Asia/Tokyo", "mute": ["police"]}
        changed = await cy.patch("/api/profile?profile=bo", json=patch, headers=theirs)
        assert changed.status_code == 404
        form = {
            "csrf_token": form_token, "profile": "bo", "role": "spy", "story_count": "1",
            "sections": ["what_is_happening"], "timezone": "UTC", "delivery_time": "01:00",
        }  # fmt: skip
        assert (await cy.post("/profile", data=form)).status_code == 404
        refresh = {"csrf_token": form_token, "profile": "bo"}
        assert (await cy.post("/briefings/refresh", data=refresh)).status_code == 404
        question = {"question": "Who was arrested?", "profile": "bo"}
        assert (await cy.post("/api/ask", json=question, headers=theirs)).status_code == 404
        # Names are shared: an account cannot take another's name, nor the default profile.
        for name in ("bo", "default"):
            taken = await cy.post("/profiles", data={"csrf_token": form_token, "name": name})
            assert taken.status_code == 400, name
        assert (await cy.get("/api/profile")).json()["name"] == "cy"

        # bo's profile is as bo left it.
        mine = (await bo.get("/api/profile?profile=bo")).json()
        assert mine["delivery_time"] == "06:15" and mine["mute"] == [] and mine["role"] == ""
        assert feedback_rows(home, "bo") == 1
        # The private feed address works without a session; a guessed key does not.
        bo.cookies.clear()
        assert (await bo.get(feed)).status_code == 200
        assert (await bo.get("/feeds/bo.atom?key=" + "0" * 32)).status_code == 404
    with Store(home / DB_NAME) as store:
        owners = {name: owner_of(store, name) for name in ("bo", "bo-work", "cy")}
        ids = {u.name: u.id for u in list_users(store)}
    assert owners == {"bo": ids["bo"], "bo-work": ids["bo"], "cy": ids["cy"]}


async def test_an_admin_manages_every_profile(home):
    with Store(home / DB_NAME) as store:
        store.save_profile(Profile(name="shared"))  # made on the command line: no owner
    async with client(home, accounts=True) as bo, client(home, accounts=True) as ana:
        await login(bo, "bo", "correct horse")
        assert (await bo.get("/")).status_code == 200
        assert (await bo.get("/api/profile?profile=shared")).status_code == 404
        await login(ana, "ana", "correct horse")
        names = [p["name"] for p in (await ana.get("/api/profiles")).json()]
        assert names == ["default", "bo", "shared"]
        headers = {"X-CSRF-Token": await csrf(ana)}
        patched = await ana.patch(
            "/api/profile?profile=bo", json={"role": "editor"}, headers=headers
        )
        assert patched.status_code == 200
        assert (await bo.get("/api/profile")).json()["role"] == "editor"
        page = (await ana.get("/profile?profile=bo")).text
        assert re.search(r'href="/feeds/bo\.atom\?key=[0-9a-f]+"', page)
        assert (await ana.get("/?profile=bo")).status_code == 200
    # A removed account's profiles stay, for admins only.
    with Store(home / DB_NAME) as store:
        assert remove_user(store, "bo")
        assert owner_of(store, "bo") is None and store.get_profile("bo") is not None


async def test_a_store_from_before_owners_gives_its_profiles_to_the_first_account(
    corpus_home, tmp_path, monkeypatch
):
    home = tmp_path / "old"
    home.mkdir()
    (home / "config.toml").write_text((corpus_home / "config.toml").read_text())
    every = list(migrations.MIGRATIONS)
    owners = next(i for i, m in enumerate(every) if m[0].endswith("_profile_owners"))
    before = every[:owners]
    monkeypatch.setattr(migrations, "MIGRATIONS", before)
    digest = PasswordHasher().hash("correct horse")
    with Store(home / DB_NAME) as store:
        for name in ("ana", "bo"):
            store.conn.execute(
                "INSERT INTO users (name, password_hash, created) VALUES (?, ?, ?)",
                (name, digest, "2024-01-01T00:00:00+00:00"),
            )
        for name in ("default", "team"):
            store.save_profile(Profile(name=name, role="analyst"))
    monkeypatch.setattr(migrations, "MIGRATIONS", every)
    with Store(home / DB_NAME) as store:
        users = {u.name: u for u in list_users(store)}
        assert users["ana"].admin and not users["bo"].admin
        assert owner_of(store, "default") == owner_of(store, "team") == users["ana"].id
    async with client(home, accounts=True) as bo, client(home, accounts=True) as ana:
        await login(bo, "bo", "correct horse")
        assert (await bo.get("/api/profile")).json()["name"] == "bo"
        assert (await bo.get("/api/profile?profile=team")).status_code == 404
        await login(ana, "ana", "correct horse")
        assert (await ana.get("/api/profile")).json()["role"] == "analyst"
        names = [p["name"] for p in (await ana.get("/api/profiles")).json()]
        assert names == ["bo", "default", "team"]


async def test_without_accounts_every_profile_is_the_readers(home):
    with Store(home / DB_NAME) as store:
        store.save_profile(Profile(name="team"))
    async with client(home) as http:
        assert (await http.get("/api/profile?profile=team")).status_code == 200
        token = await csrf(http)
        made = await http.post("/profiles", data={"csrf_token": token, "name": "mine"})
        assert made.status_code == 303
        names = [p["name"] for p in (await http.get("/api/profiles")).json()]
        assert names == ["default", "mine", "team"]


async def test_only_admins_change_the_feeds_every_account_shares(home):
    from newsbrief.store.sources import add_source, list_sources

    with Store(home / DB_NAME) as store:
        add_source(store, "https://news.example.org/feed.xml", kind="feed", name="Example")
        feed = list_sources(store, "feed")[0].id
    async with client(home, accounts=True) as bo, client(home, accounts=True) as ana:
        await login(bo, "bo", "correct horse")
        page = await bo.get("/sources")
        assert page.status_code == 200 and "news.example.org" in page.text
        assert "Add a source" not in page.text and f"/sources/{feed}/remove" not in page.text
        headers = {"X-CSRF-Token": await csrf(bo)}
        for method, path, body in (
            ("POST", "/api/sources", {"url": "https://other.example.org/feed"}),
            ("POST", "/api/sources/fetch", {}),
            ("POST", f"/api/sources/{feed}/enable", None),
            ("DELETE", f"/api/sources/{feed}", None),
        ):
            answer = await bo.request(method, path, json=body, headers=headers)
            assert answer.status_code == 403, path
            assert "Only an admin can change the feeds" in answer.json()["detail"]
        token = re.search(r'name="csrf_token" value="([0-9a-f]+)"', page.text).group(1)
        form = await bo.post(f"/sources/{feed}/remove", data={"csrf_token": token})
        assert form.status_code == 403
        assert [s["id"] for s in (await bo.get("/api/sources")).json()] == [feed]
        await login(ana, "ana", "correct horse")
        assert f"/sources/{feed}/remove" in (await ana.get("/sources")).text
        removed = await ana.delete(
            f"/api/sources/{feed}", headers={"X-CSRF-Token": await csrf(ana)}
        )
        assert removed.status_code == 200 and removed.json() == {"removed": feed}
