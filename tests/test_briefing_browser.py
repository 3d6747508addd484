"""The standalone HTML briefing in a real headless browser: no requests, responsive, dark, print.

Uses Debian's chromium at /usr/bin/chromium through Playwright (which never downloads a browser);
skips, saying why, when either is missing.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsbrief.briefing.assemble import build_briefing
from newsbrief.demo import DEMO_SINCE, corpus_path
from newsbrief.ingest.files import import_paths
from newsbrief.render import render_html
from newsbrief.store import Store

CHROMIUM = Path(os.environ.get("NEWSBRIEF_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    api = pytest.importorskip("playwright.sync_api")
    with api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("html")
    with Store(folder / "s.db") as store:
        import_paths(store, [str(corpus_path())])
        briefing = build_briefing(store, since=DEMO_SINCE, record=False)
    path = folder / "briefing.html"
    path.write_text(render_html(briefing), encoding="utf-8")
    return path


def _open(browser: Any, path: Path, width: int, **media: str) -> tuple[Any, Any, list[str]]:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    if media:
        page.emulate_media(**media)
    page.goto(path.as_uri())
    return context, page, requests


def _luminance(css_color: str) -> float:
    parts = [float(p) for p in css_color[css_color.index("(") + 1 : -1].split(",")[:3]]
    return sum(parts) / (3 * 255)


def test_the_page_loads_nothing_but_itself_and_reads_on_a_phone(browser, page_file):
    context, page, requests = _open(browser, page_file, 375)
    try:
        assert requests == [page_file.as_uri()]
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, "the page scrolls sideways on a narrow screen"
        assert page.locator("article").count() == 10
        hrefs = page.eval_on_selector_all("a.cite", "els => els.map(e => e.getAttribute('href'))")
        assert hrefs and all(h.startswith(("http://", "https://", "#")) for h in hrefs)
        # Citations link to the sources: to their address, or, for a source without one (the
        # demo's leading stories are its 2008 reports, which carry none), to its entry on the page.
        targets = [h[1:] for h in hrefs if h.startswith("#")]
        assert all(page.locator(f"[id='{t}']").count() == 1 for t in targets)
        font = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
        assert font >= 16
    finally:
        context.close()


def test_dark_mode_and_print_styles_apply(browser, page_file):
    context, page, _ = _open(browser, page_file, 1100, color_scheme="dark")
    try:
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        text = page.evaluate("getComputedStyle(document.body).color")
        assert _luminance(background) < 0.2 < 0.7 < _luminance(text)
    finally:
        context.close()
    context, page, _ = _open(browser, page_file, 1100, media="print", color_scheme="dark")
    try:
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert _luminance(background) > 0.95  # paper stays white, whatever the screen mode
        border = page.evaluate(
            "getComputedStyle(document.querySelector('article')).borderLeftStyle"
        )
        assert border == "none"
    finally:
        context.close()
