"""A hostile visitor against the web app: reflected markup, requests forged by another site,
paths out of the app's folders, and redirects to another site. (Stored markup from feeds:
``test_untrusted_article_content_is_escaped`` and the browser tests.)"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from webtools import add_account, client, copy_home, login, make_home

from newsbrief.web.auth import safe_next

pytestmark = pytest.mark.anyio

EVIL = '"><script>alert(1)</script><img src=x onerror=alert(2)>'


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="module")
def corpus_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_home(tmp_path_factory.mktemp("corpus"), labels={"20_ecb"})


@pytest.fixture
def home(corpus_home: Path, tmp_path: Path) -> Path:
    return copy_home(corpus_home, tmp_path / "home")


def assert_inert(html: str) -> None:
    """The hostile text may be shown, only as text."""
    assert "<script>alert" not in html and "<img src=x" not in html, html[:2000]
    scripts = re.findall(r"<script[^>]*>", html)
    assert all(s.startswith('<script src="/static/') for s in scripts), scripts


async def test_reflected_markup_is_escaped_on_every_page_that_echoes_input(home):
    add_account(home)
    async with client(home) as http:
        for path, params, status in (
            ("/", {"profile": EVIL}, 404),
            ("/", {"since": EVIL}, 400),
            ("/stories/" + EVIL, {}, 404),
            ("/articles/" + EVIL, {}, 404),
            ("/briefings/" + EVIL, {}, 404),  # its "/" makes it no route
            ("/briefings/" + EVIL.replace("/", ""), {}, 400),
            ("/search", {"q": EVIL}, 200),
            ("/search", {"q": "fire", "since": EVIL}, 400),
            ("/profile", {"profile": EVIL}, 404),
        ):
            page = await http.get(path, params=params)
            assert page.status_code == status, (path, params, page.status_code)
            assert page.headers["content-type"].startswith("text/html")
            assert_inert(page.text)
        api = await http.get("/api/briefing", params={"profile": EVIL})
        assert api.status_code == 404 and api.headers["content-type"] == "application/json"
    async with client(home, accounts=True) as http:
        page = await http.get("/login", params={"next": "/" + EVIL})
        assert page.status_code == 200
        assert_inert(page.text)
        failed = await login(http, "ana", "wrong password", next="/" + EVIL)
        assert failed.status_code == 401
        assert_inert(failed.text)


async def test_requests_forged_by_another_site_change_nothing(home):
    add_account(home)
    async with client(home, accounts=True) as http:
        await login(http, "ana", "correct horse")
        before = (await http.get("/api/profile")).json()
        session = (await http.get("/api/session")).json()["csrf_token"]
        # A form on another site posts with the reader's cookies but cannot know the token;
        # with the token (leaked), its Origin still gives it away.
        forged = {
            "profile": before["name"], "role": "forged", "story_count": "1",
            "sections": ["whats_next"], "timezone": "UTC", "delivery_time": "01:00",
        }  # fmt: skip
        assert (await http.post("/profile", data=forged)).status_code == 403
        cross = {"Origin": "https://evil.example"}
        posted = await http.post("/profile", data={**forged, "csrf_token": session}, headers=cross)
        assert posted.status_code == 403
        patch = await http.patch("/api/profile", json={"role": "forged"}, headers=cross)
        assert patch.status_code == 403
        # Logging someone in to the attacker's account (login CSRF) needs the token too.
        http.cookies.delete("nb_session")
        plain = {"username": "ana", "password": "correct horse", "next": "/"}
        assert (await http.post("/login", data=plain)).status_code == 403
        await login(http, "ana", "correct horse")
        assert (await http.get("/api/profile")).json() == before


async def test_paths_cannot_leave_the_apps_folders(home):
    (home / "secret.txt").write_text("the data folder's secret", encoding="utf-8")
    async with client(home) as http:
        for path in (
            "/static/../secret.txt", "/static/%2e%2e/%2e%2e/%2e%2e/secret.txt",
            "/static/..%2f..%2fapp.py", "/static/%2e%2e%2fapp.py", "/static//etc/passwd",
            "/static/..\\app.py", "/feeds/..%2f..%2fsecret.txt.atom",
            "/articles/..%2f..%2fsecret.txt",
            "/stories/../../secret.txt", "/briefings/..%2fsecret.txt",
        ):  # fmt: skip
            answer = await http.get(path)
            assert answer.status_code in (400, 404), (path, answer.status_code)
            assert "secret" not in answer.text.replace(path, "")
            assert "def create_app" not in answer.text and "root:" not in answer.text
        assert (await http.get("/static/style.css")).status_code == 200


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example/", "https://evil.example/", "/\\evil.example", "\\\\evil.example",
        "/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example", " //evil.example",
        "javascript:alert(1)", "/%0a/evil", "http:/evil.example",
    ],
)  # fmt: skip
def test_redirect_targets_stay_in_the_app(target):
    # Browsers drop tabs and line breaks from a URL: "/\t/evil.example" is "//evil.example".
    chosen = safe_next(target)
    assert chosen.startswith("/") and not chosen.startswith("//")
    assert not re.search(r"[\x00-\x20\\]", chosen)
    assert "evil" not in chosen or chosen == target  # an app path, such as /%0a/evil


async def test_no_redirect_leaves_the_app(home):
    add_account(home)
    async with client(home, accounts=True) as http:
        # A login wall's "next" is the path asked for, kept inside the app; a path that
        # starts with "//" (another site, to a browser) matches no page at all.
        assert (await http.get("http://127.0.0.1//evil.example/")).status_code == 404
        wall = await http.get("/stories/x", params={"next": "//evil.example"})
        assert wall.status_code == 303
        location = wall.headers["location"]
        assert location == "/login?next=%2Fstories%2Fx%3Fnext%3D%252F%252Fevil.example"
        target = unquote(location.split("next=", 1)[1])
        back = await login(http, "ana", "correct horse", next=target)
        assert back.headers["location"] == "/stories/x?next=%2F%2Fevil.example"
        http.cookies.delete("nb_session")
        for target in ("/\t/evil.example", "/\\evil.example", "https://evil.example"):
            answer = await login(http, "ana", "correct horse", next=target)
            assert answer.headers["location"] == "/", target
            http.cookies.delete("nb_session")
        await login(http, "ana", "correct horse")
        page = await http.get("/")
        token = re.search(r'name="csrf_token" value="([0-9a-f]+)"', page.text).group(1)
        story = re.search(r'href="/stories/([^"?]+)"', page.text).group(1)
        for target in ("/\t/evil.example", "//evil.example", "https://evil.example"):
            form = {"csrf_token": token, "kind": "useful", "next": target}
            answer = await http.post(f"/stories/{story}/feedback", data=form)
            assert answer.status_code == 303
            assert answer.headers["location"].startswith(f"/stories/{story}"), target
