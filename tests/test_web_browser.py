"""End-to-end: a real ``newsbrief serve`` process driven by headless Chromium (Playwright).

Uses Debian's chromium at /usr/bin/chromium (``make test`` installs it when missing); Playwright
never downloads a browser. Screenshots of the main pages go to .ci-artifacts/screenshots/.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from conftest import REPO
from delivery_kit import WebhookSink, wait_for
from feedserver import FixtureServer
from webtools import LOCAL_FEEDS, XSS_FEED, make_home, serve

from newsbrief.accounts import add_user
from newsbrief.models import Profile
from newsbrief.store import DB_NAME, Store

CHROMIUM = Path(os.environ.get("NEWSBRIEF_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SHOTS = REPO / ".ci-artifacts" / "screenshots"
PROFILES = ("js", "nojs", "settings")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (make test installs Debian's chromium as root)")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    home = make_home(tmp_path_factory.mktemp("site"), extra=(XSS_FEED,))
    with Store(home / DB_NAME) as store:
        for name in PROFILES:
            store.save_profile(Profile(name=name))
    with serve(home) as base:
        yield base


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    errors: list[str] = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))
    yield tab
    context.close()
    assert not errors, f"the page reported errors: {errors}"


def shot(tab: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def story_ids(tab: Any) -> list[str]:
    return tab.eval_on_selector_all("article.story", "els => els.map(e => e.id)")


def test_read_the_briefing_and_a_story_with_the_keyboard(site, page, browser):
    page.goto(site + "/")
    heading = page.locator("h1")
    assert heading.inner_text().strip()
    assert len(story_ids(page)) >= 3
    shot(page, "briefing")
    # The first Tab reaches the skip link; Enter moves to the main content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # Open the first story from the keyboard: focus its headline link and press Enter.
    first = page.locator("article.story h2 a").first
    headline = first.inner_text().strip()
    first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/stories/"))
    assert page.locator("h1").inner_text().startswith(headline)
    for section in ("Timeline", "Sources"):
        assert page.get_by_role("heading", name=re.compile(section)).count() >= 1
    assert page.locator("ol.sources li").count() >= 1
    links = [a.get_attribute("href") for a in page.locator("ol.sources li a").all()]
    assert all(h.startswith(("http://", "https://", "/articles/")) for h in links), links
    shot(page, "story")
    # Dark mode and a phone-sized screen.
    for scheme, width, name in (("dark", 1100, "briefing-dark"), ("light", 390, "briefing-mobile")):
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        tab = context.new_page()
        tab.goto(site + "/")
        scroll = tab.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width, f"{name}: page is wider than the screen ({scroll}px)"
        shot(tab, name)
        context.close()


def test_feedback_with_javascript_takes_effect(site, page):
    page.goto(site + "/?profile=js")
    before = story_ids(page)
    hidden = before[0]
    page.locator(f"article#{hidden} button[value=hide]").click()
    gone = page.locator(".story-gone")
    gone.wait_for()
    assert "Hidden" in gone.inner_text()
    assert page.url.endswith("/?profile=js"), "feedback with JavaScript stays on the page"
    assert hidden not in story_ids(page)
    # Mute an entity of the next story.
    target = before[1]
    card = page.locator(f"article#{target}")
    entity = card.locator("select[name=target]").input_value()
    card.locator("button[value=mute]").click()
    page.locator(".story-gone").nth(1).wait_for()
    page.reload()
    after = story_ids(page)
    assert hidden not in after and target not in after
    page.goto(site + "/profile?profile=js")
    assert entity in page.locator("#mute").input_value()
    # "Useful" keeps the story and says so.
    page.goto(site + "/?profile=js")
    card = page.locator("article.story").first
    card.locator("button[value=useful]").click()
    status = card.locator(".status")
    status.wait_for(state="visible")
    page.wait_for_function("s => s.textContent.length > 0", arg=status.element_handle())
    assert "useful" in status.inner_text()
    assert card.locator("button[value=useful]").get_attribute("aria-pressed") == "true"


def test_feedback_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(site + "/?profile=nojs")
    first = story_ids(tab)[0]
    tab.locator(f"article#{first} button[value=useful]").click()
    tab.wait_for_url(re.compile(r"notice=useful"))
    assert "Marked useful." in tab.locator(".notice").inner_text()
    tab.locator(f"article#{first} button[value=hide]").click()
    tab.wait_for_url(re.compile(r"notice=hide"))
    assert "The story is hidden." in tab.locator(".notice").inner_text()
    assert first not in story_ids(tab)
    shot(tab, "briefing-no-js")
    context.close()


def test_change_a_profile(site, page, browser):
    page.goto(site + "/profile?profile=settings")
    page.get_by_label("Interests").fill("jewel heists and diamonds")
    page.get_by_label("Follow").fill("Waitrose")
    page.get_by_label("Time zone").fill("Europe/Paris")
    count = page.get_by_label("Stories per briefing")
    count.fill("3")
    count.press("Enter")  # submitting from the keyboard
    page.wait_for_url(re.compile(r"saved=1"))
    assert "Saved" in page.locator(".notice").inner_text()
    assert page.get_by_label("Follow").input_value() == "Waitrose"
    shot(page, "profile")
    page.goto(site + "/?profile=settings")
    assert 1 <= len(story_ids(page)) <= 3
    whys = page.locator("article.story .why").all_inner_texts()
    assert any("follows Waitrose" in w for w in whys)
    assert any("matches" in w for w in whys)
    # A bad value is refused (status 400) with a message next to the field.
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(site + "/profile?profile=settings")
    tab.get_by_label("Time zone").fill("Nowhere/Land")
    tab.get_by_role("button", name="Save settings").click()
    assert tab.locator("#timezone-error").inner_text().startswith("an IANA time zone")
    assert tab.get_by_label("Time zone").get_attribute("aria-invalid") == "true"
    context.close()


def test_manage_delivery_channels(tmp_path, page):
    # The webhook receiver is on loopback, which deliveries refuse unless the settings allow it.
    home = make_home(tmp_path / "h", labels={"20_ecb"}, settings="allow_private_addresses = true\n")
    with Store(home / DB_NAME) as store:
        store.save_profile(Profile(name="channels"))
    sink = WebhookSink().start()
    try:
        with serve(home) as site:
            _add_send_and_remove_a_webhook(site, page, sink)
    finally:
        sink.stop()


def _add_send_and_remove_a_webhook(site: str, page: Any, sink: WebhookSink) -> None:
    """Add a webhook from the profile page, send the briefing through it now, remove it."""
    page.goto(site + "/profile?profile=channels")
    assert "No channel yet" in page.locator("#channels").inner_text()
    page.get_by_label("Kind", exact=True).select_option("webhook")
    page.get_by_label("Channel name").fill("team")
    page.get_by_label("URL", exact=True).fill(sink.url("/hooks/T1/B2/s3cr3t"))
    page.get_by_label("Style", exact=True).select_option("slack")
    page.get_by_role("button", name="Add channel").click()
    page.wait_for_url(re.compile(r"channel=added"))
    assert "Channel team added" in page.locator("#channels .notice").inner_text()
    rows = page.locator("table.channel-list tbody tr")
    assert rows.count() == 1
    assert "Webhook" in rows.inner_text() and "s3cr3t" not in rows.inner_text()
    page.get_by_role("button", name="Send now via team").click()
    page.wait_for_url(re.compile(r"channel=sent"))
    assert wait_for(lambda: len(sink.hits) == 1, timeout=30)
    assert sink.hits[0].path == "/hooks/T1/B2/s3cr3t" and "blocks" in sink.hits[0].body
    shot(page, "profile-channels")
    page.get_by_role("button", name="Remove team").click()
    page.wait_for_url(re.compile(r"channel=removed"))
    assert page.locator("table.channel-list").count() == 0


def test_xss_feed_runs_no_script(site, page):
    page.goto(site + "/")
    xss = page.locator("article.story", has_text="Northport harbour")
    assert xss.count() == 1, "the hostile story is in the briefing"
    assert "<script>window.__xss" in xss.text_content(), "shown as text, not run"
    pages = [site + "/", site + "/stories/" + xss.get_attribute("id")]
    for url in pages:
        page.goto(url)
        page.locator("details").evaluate_all("ds => ds.forEach(d => { d.open = true; })")
        for link in page.locator("a").all():
            href = (link.get_attribute("href") or "").strip().lower()
            assert not href.startswith("javascript"), href
        page.mouse.move(10, 10)
        for link in page.locator("ol.sources li").all()[:5]:
            link.hover()
        assert page.evaluate("typeof window.__xss") == "undefined", url
    shot(page, "story-untrusted")


def test_log_in_when_served_beyond_loopback(tmp_path, browser):
    home = make_home(tmp_path / "h", labels={"20_ecb", "24_ecb"})
    with Store(home / DB_NAME) as store:
        add_user(store, "ana", "correct horse")
    with serve(home, host="0.0.0.0") as base:
        context = browser.new_context()
        tab = context.new_page()
        tab.goto(base + "/briefings")
        assert "/login" in tab.url
        shot(tab, "login")
        tab.get_by_label("User name").fill("ana")
        tab.get_by_label("Password").fill("wrong password")
        tab.get_by_role("button", name="Log in").click()
        assert "Wrong user name or password." in tab.get_by_role("alert").inner_text()
        tab.get_by_label("User name").fill("ana")
        tab.get_by_label("Password").fill("correct horse")
        tab.get_by_label("Password").press("Enter")
        tab.wait_for_url(re.compile(r"/briefings$"))
        assert tab.locator("h1").inner_text() == "Archive"
        cookies = {c["name"]: c for c in context.cookies()}
        assert cookies["nb_session"]["httpOnly"] and cookies["nb_session"]["sameSite"] == "Lax"
        tab.goto(base + "/")
        assert len(story_ids(tab)) >= 1
        tab.get_by_role("button", name="Log out").click()
        tab.wait_for_url(re.compile(r"/login"))
        tab.goto(base + "/")
        assert "/login" in tab.url
        context.close()


@pytest.fixture
def feeds() -> Iterator[FixtureServer]:
    with FixtureServer() as fixtures:
        for name in ("news.xml", "xss.xml"):
            fixtures.extra[f"/web/{name}"] = fixtures.body(f"web/{name}")
        yield fixtures


def cookies_of(tab: Any) -> dict[str, str]:
    return {c["name"]: c["value"] for c in tab.context.cookies()}


def add_and_fetch(tab: Any, base: str, url: str) -> None:
    tab.goto(base + "/sources")
    tab.get_by_label("Feed or site address").fill(url)
    tab.get_by_role("button", name="Add", exact=True).click()
    tab.wait_for_url(re.compile(r"added="))
    assert "Subscribed to" in tab.locator(".notice").inner_text()
    tab.get_by_role("button", name="Fetch all now").click()
    tab.wait_for_url(re.compile(r"fetched=1"))
    assert "new articles" in tab.locator(".report").inner_text()


def test_add_a_feed_and_read_its_stories_after_a_fetch(tmp_path, page, feeds):
    home = make_home(tmp_path / "h", labels={"20_ecb"}, settings=LOCAL_FEEDS)
    with serve(home) as base:
        add_and_fetch(page, base, feeds.url("/web/news.xml"))
        feed = page.locator("li.feed", has_text="Valley Courier")
        assert feed.locator(".state").inner_text() == "ok"
        shot(page, "sources")
        page.get_by_role("link", name="Today").click()
        story = page.locator("article.story", has_text="Glacier")
        assert story.count() == 1
        assert "3 independent reports" in story.locator(".why").inner_text()
        story.locator("h2 a").click()
        page.wait_for_url(re.compile(r"/stories/"))
        assert "Glacier" in page.locator("h1").inner_text()
        # The two outlets' figures for the cost sit side by side when the write-up finds them.
        assert page.locator("ol.sources li").count() == 3


def test_an_xss_feed_runs_no_script(tmp_path, page, feeds):
    home = make_home(tmp_path / "h", labels={"20_ecb"}, settings=LOCAL_FEEDS)
    with serve(home) as base:
        add_and_fetch(page, base, feeds.url("/web/xss.xml"))
        assert "Evil Wire" in page.locator("li.feed").first.inner_text()
        page.goto(base + "/")
        dam = page.locator("article.story", has_text="Stone River")
        assert dam.count() == 1, "the hostile feed's story is in the briefing"
        story_url = base + dam.locator("h2 a").get_attribute("href")
        # The hostile links did reach the store: the pages must not make links of them.
        data = httpx.get(base + "/api/briefing", cookies=cookies_of(page)).json()
        urls = [s["url"] for story in data["stories"] for s in story["sources"]]
        assert any(u and u.lower().startswith("javascript:") for u in urls)
        page.goto(story_url)
        article_url = base + page.locator("a.stored").first.get_attribute("href")
        for url in (base + "/", story_url, article_url, base + "/sources"):
            page.goto(url)
            page.locator("details").evaluate_all("ds => ds.forEach(d => { d.open = true; })")
            for link in page.locator("a").all():
                href = (link.get_attribute("href") or "").strip().lower()
                assert not href.startswith("javascript"), (url, href)
            for element in page.locator("main p, main li, main h1, main h2").all()[:60]:
                element.hover()
            assert page.evaluate("typeof window.__xss") == "undefined", url
            assert page.locator("main script, main img, main svg").count() == 0, url
        shot(page, "story-untrusted-feed")


def test_search_with_highlights_and_open_a_result(site, page):
    page.goto(site + "/")
    page.get_by_role("link", name="Search").click()
    box = page.get_by_label("Search for")
    box.fill("pirates navy")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q=pirates"))
    hits = page.locator("li.hit")
    assert hits.count() >= 3
    assert page.locator("li.hit mark").count() >= 3
    shot(page, "search")
    page.get_by_label("Show").select_option("stories")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"view=stories"))
    assert page.locator("li.story-hit").count() >= 1
    first = page.locator("li.story-hit h3 a").first
    title = first.inner_text()
    first.click()
    page.wait_for_url(re.compile(r"/stories/"))
    assert page.locator("ol.sources li", has_text=title[:30]).count() >= 1


def test_ask_a_question_then_a_follow_up(site, page):
    page.goto(site + "/ask")
    page.get_by_label("Your question").fill("How many pirates did the Indian navy capture?")
    page.get_by_role("button", name="Ask").click()
    page.wait_for_url(re.compile(r"/ask#turn-1"))
    turn = page.locator("#turn-1")
    assert turn.locator("ul.answer li").count() >= 1
    assert "pirate" in turn.locator("ul.answer").inner_text().lower()
    assert turn.locator("ol.sources li").count() >= 1
    page.get_by_label("A follow-up question").fill("and what did other outlets say?")
    page.get_by_role("button", name="Ask").click()
    page.wait_for_url(re.compile(r"/ask#turn-2"))
    assert page.locator("#turn-2 .question").inner_text() == "and what did other outlets say?"
    shot(page, "ask")
