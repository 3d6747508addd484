"""Search and ask in the web app (in-process, real SQLite file with the FTS5 index)."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest
from webtools import XSS_FEED, corpus_labels, make_home

from newsbrief.web import WebConfig, create_app

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_home(tmp_path_factory.mktemp("search"), corpus_labels(), extra=(XSS_FEED,))


@asynccontextmanager
async def client(home: Path) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(WebConfig(home=home))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as http:
        yield http
    app.state.web.stores.close()


async def test_search_articles_with_highlights_and_filters(home):
    async with client(home) as http:
        page = await http.get("/search", params={"q": "earthquake Iran"})
        assert page.status_code == 200
        assert page.text.count('<li class="hit">') >= 3
        assert re.search(r"<mark>(earthquake|Earthquake|Iran)</mark>", page.text)
        assert '<form class="search" method="get" action="/search" role="search">' in page.text
        data = (await http.get("/api/search", params={"q": "earthquake Iran"})).json()
        hits = data["results"]
        assert hits and all("<mark>" in h["snippet_html"] for h in hits)
        assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
        # Source filter: only that outlet.
        outlet = next(h["source"] for h in hits if h["source"])
        only = (await http.get("/api/search", params={"q": "earthquake", "source": outlet})).json()
        assert only["results"] and {h["source"] for h in only["results"]} == {outlet}
        assert f'<option value="{outlet}">' in page.text
        # Date filter: the corpus's reports are years old; 2001 has none, their year has.
        none = {"q": "earthquake", "since": "2001-01-01", "until": "2001-12-31"}
        assert (await http.get("/api/search", params=none)).json()["results"] == []
        # Undated reports stay undated (published null), never dated by their import.
        year = min(h["published"][:4] for h in hits if h["published"])
        window = {"q": "earthquake", "since": f"{year}-01-01", "until": f"{year}-12-31"}
        dated = (await http.get("/api/search", params=window)).json()["results"]
        assert dated and all((h["published"] or "").startswith(year) for h in dated)
        every = (await http.get("/api/search", params={"q": "earthquake"})).json()["results"]
        assert any(not (h["published"] or "").startswith(year) for h in every)
        # Grouped by story.
        stories = await http.get("/api/search", params={"q": "earthquake", "view": "stories"})
        groups = stories.json()["results"]
        assert groups and all(g["hits"] for g in groups)
        assert len({g["story_id"] for g in groups}) == len(groups)
        grouped = await http.get("/search", params={"q": "earthquake", "view": "stories"})
        assert '<li class="story-hit">' in grouped.text


async def test_search_input_and_article_text_are_escaped(home):
    async with client(home) as http:
        evil = '<script>alert(1)</script>"><img src=x>'
        page = await http.get("/search", params={"q": evil})
        assert page.status_code == 200
        assert "<script>alert" not in page.text and "<img src=x>" not in page.text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
        hostile = await http.get("/search", params={"q": "Northport harbour"})
        assert "Northport" in hostile.text and "<script>window" not in hostile.text
        assert "<img" not in hostile.text and "<svg" not in hostile.text
        snippets = re.findall(r'<p class="snippet">(.*?)</p>', hostile.text, re.S)
        assert snippets and all(set(re.findall(r"</?(\w+)", s)) <= {"mark"} for s in snippets)


async def test_search_errors_and_paging(home):
    async with client(home) as http:
        assert (await http.get("/search", params={"q": "x" * 501})).status_code == 400
        wrong = {"q": "fire", "since": "2020-02-02", "until": "2020-01-01"}
        assert (await http.get("/search", params=wrong)).status_code == 400
        assert (await http.get("/api/search", params={"q": "fire", "view": "x"})).status_code == 422
        empty = await http.get("/search")
        assert empty.status_code == 200 and '<li class="hit">' not in empty.text
        nothing = await http.get("/search", params={"q": "zzyzzyva"})
        assert "Nothing matches" in nothing.text
        first = (await http.get("/api/search", params={"q": "the"})).json()["results"]
        second = (await http.get("/api/search", params={"q": "the", "page": 1})).json()["results"]
        assert len(first) == 20 and second
        assert not {h["article_id"] for h in first} & {h["article_id"] for h in second}
        page = await http.get("/search", params={"q": "the"})
        assert 'rel="next"' in page.text


async def test_ask_a_question_and_a_follow_up(home):
    async with client(home) as http:
        page = await http.get("/ask")
        token = re.search(r'name="csrf_token" value="([0-9a-f]+)"', page.text).group(1)
        asked = await http.post(
            "/ask", data={"csrf_token": token, "question": "How strong was the earthquake in Iran?"}
        )
        assert asked.status_code == 303 and asked.headers["location"] == "/ask#turn-1"
        page = await http.get("/ask")
        turn = page.text.split('id="turn-1"', 1)[1].split("</article>", 1)[0]
        assert "How strong was the earthquake in Iran?" in turn
        assert '<ul class="answer">' in turn and '<a class="cite" href="#turn-1-src-1"' in turn
        assert 'id="turn-1-src-1"' in turn
        follow = await http.post(
            "/ask", data={"csrf_token": token, "question": "and what did other outlets say?"}
        )
        assert follow.headers["location"] == "/ask#turn-2"
        page = await http.get("/ask")
        assert 'id="turn-2"' in page.text and "A follow-up question" in page.text
        # Questions that cannot be asked, or that nothing answers.
        empty = await http.post("/ask", data={"csrf_token": token, "question": "   "})
        assert empty.status_code == 400 and "the question is empty" in empty.text
        await http.post("/ask", data={"csrf_token": token, "question": "Who won the Zorblax cup?"})
        page = await http.get("/ask")
        assert "No answer:" in page.text.split('id="turn-3"', 1)[1]
        cleared = await http.post("/ask/clear", data={"csrf_token": token})
        assert cleared.status_code == 303
        assert 'id="turn-1"' not in (await http.get("/ask")).text
        assert (await http.post("/ask", data={"question": "quake?"})).status_code == 403


async def test_ask_api(home):
    async with client(home) as http:
        headers = {"X-CSRF-Token": (await http.get("/api/session")).json()["csrf_token"]}
        body = {"question": "How strong was the earthquake in Iran?"}
        answer = (await http.post("/api/ask", json=body, headers=headers)).json()
        assert answer["found"] and answer["answer"]
        ids = {s["id"] for s in answer["sources"]}
        assert all(set(s["cites"]) <= ids for s in answer["answer"])
        follow = {"question": "and what did other outlets say?",
                  "history": [{"question": body["question"], "cited": sorted(ids)}]}  # fmt: skip
        more = (await http.post("/api/ask", json=follow, headers=headers)).json()
        assert not ({s["id"] for s in more["sources"]} & ids), "other outlets, not the same ones"
        nothing = {"question": "Who won the Zorblax cup?"}
        declined = (await http.post("/api/ask", json=nothing, headers=headers)).json()
        assert declined["found"] is False and declined["note"]
        bad = await http.post("/api/ask", json={"question": "x" * 1001}, headers=headers)
        assert bad.status_code == 400 and "characters" in bad.json()["detail"]
        window = {**body, "since": "yesterdayish"}
        assert (await http.post("/api/ask", json=window, headers=headers)).status_code == 400
        assert (await http.post("/api/ask", json=body)).status_code == 403


async def test_an_empty_form_field_is_no_filter(home):
    async with client(home) as http:
        form = {"q": "earthquake", "since": "", "until": "", "source": "", "view": "articles"}
        page = await http.get("/search", params=form)
        assert page.status_code == 200 and '<li class="hit">' in page.text
        bad = await http.get("/search", params={**form, "since": "03/04/2020"})
        assert bad.status_code == 400 and "expected a day as YYYY-MM-DD" in bad.text


def test_snippets_keep_only_their_marks():
    from newsbrief.web.templating import marked

    assert str(marked("a <mark>quake</mark> &lt;b&gt;")) == "a <mark>quake</mark> &lt;b&gt;"
    assert "<script>" not in str(marked("<mark>x</mark><script>alert(1)</script>"))


async def test_results_are_kept_until_articles_change(home, tmp_path, monkeypatch):
    import shutil

    from newsbrief.models import Article
    from newsbrief.store import DB_NAME, Store
    from newsbrief.web import searching

    calls: list[str] = []
    real = searching.run_search

    def counting(*args: object) -> object:
        calls.append("run")
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(searching, "run_search", counting)
    copy = tmp_path / "copy"
    shutil.copytree(home, copy)
    query = {"q": "volcano eruption"}
    async with client(copy) as http:
        for _ in range(3):
            await http.get("/api/search", params=query)
        assert len(calls) == 1
        await http.get("/api/search", params=query, headers={"Cache-Control": "no-cache"})
        assert len(calls) == 2
        with Store(copy / DB_NAME) as store:
            store.add_article(Article(id="v1", title="Volcano eruption", content_hash="v"))
        hits = (await http.get("/api/search", params=query)).json()
        assert len(calls) == 3 and "v1" in [h["article_id"] for h in hits["results"]]


async def test_the_briefing_page_has_an_ask_box(home):
    async with client(home) as http:
        page = await http.get("/")
        form = page.text.split('<section class="ask-box"', 1)[1]
        token = re.search(r'name="csrf_token" value="([0-9a-f]+)"', form).group(1)
        assert '<label for="question">' in form and 'action="/ask"' in form
        asked = await http.post(
            "/ask", data={"csrf_token": token, "question": "Who stole the diamonds?"}
        )
        assert asked.status_code == 303
        assert "Who stole the diamonds?" in (await http.get("/ask")).text
