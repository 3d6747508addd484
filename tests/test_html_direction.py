"""Text written right to left (Arabic, Hebrew, Persian) reads in its order in every HTML form
of a briefing: the page, the email and the web app. The page is English (its labels), so each
block of article text takes its direction from its own first letters (``dir="auto"``): in a
left-to-right paragraph an Arabic summary's sentences, full stops and citation numbers are
laid out in the wrong order. Titles inside a line of English are isolated (``<bdi>``)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from conftest import write_jsonl
from webtools import client

from newsbrief.briefing.assemble import build_briefing
from newsbrief.render.email import render_email_html
from newsbrief.render.html import render_html
from newsbrief.store import Store

NOW = datetime.now(UTC)
ARABIC = [
    {
        "id": "ar1",
        "title": "افتتاح محطة جديدة لتحلية المياه في دبي",
        "source": "alarabiya.net",
        "url": "https://alarabiya.example/x1",
        "published": (NOW - timedelta(hours=3)).isoformat(),
        "text": "افتتحت هيئة كهرباء ومياه دبي يوم الأحد محطة جديدة لتحلية المياه بتكلفة 800 "
        "مليون درهم. وقال المدير العام سعيد الطاير إن المحطة ستنتج 120 مليون جالون يوميا. "
        "ومن المقرر افتتاح محطة ثانية العام المقبل في منطقة حتا.",
    },
    {
        "id": "ar2",
        "title": "دبي تفتتح محطة لتحلية المياه بتكلفة 800 مليون درهم",
        "source": "aljazeera.net",
        "url": "https://aljazeera.example/y2",
        "published": (NOW - timedelta(hours=2)).isoformat(),
        "text": "افتتحت دبي يوم الأحد محطة لتحلية المياه بتكلفة 800 مليون درهم. وقال سعيد "
        "الطاير إن المحطة ستنتج كميات كبيرة من المياه يوميا لسكان الإمارة.",
    },
]


def arabic_blocks(page: str) -> list[str]:
    """The opening tags of the blocks whose text starts with an Arabic letter."""
    return re.findall(
        r"<(?:h1|h2|p|li|td|blockquote|span)\b[^>]*>(?=\s*(?:\d+\.\s*)?[\u0600-\u06ff])", page
    )


@pytest.fixture
def briefing(home, run, tmp_path):
    assert run("import", str(write_jsonl(tmp_path / "ar.jsonl", ARABIC))).exit_code == 0
    with Store(home / "newsbrief.db") as store:
        return build_briefing(store, since=NOW - timedelta(days=1), record=False)


def test_the_page_and_the_email_give_arabic_blocks_their_direction(briefing):
    assert briefing.stories
    for page in (render_html(briefing), render_email_html(briefing)):
        blocks = arabic_blocks(page)
        assert blocks, "no block of the briefing opens on its Arabic text"
        assert all('dir="auto"' in tag for tag in blocks), blocks
        assert "<bdi>افتتاح محطة جديدة لتحلية المياه في دبي</bdi>" in page


@pytest.mark.anyio
async def test_the_web_app_gives_arabic_blocks_their_direction(briefing, home):
    async with client(home) as http:
        page = (await http.get("/?since=2d")).text
        story = (await http.get(f"/stories/{briefing.stories[0].id}")).text
    for html in (page, story):
        blocks = arabic_blocks(html)
        assert blocks and all('dir="auto"' in tag for tag in blocks), blocks


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
