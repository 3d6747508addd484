"""A reader's language is read alike by the command line and the web app: a tag as feeds and
browsers write it ("DE", "pt-BR") is its language's code, and a code of no language ("zz",
"German"), which no report could ever match, is refused instead of silently changing nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from webtools import client, csrf

from newsbrief.profiles import language_code


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def test_a_language_tag_is_read_as_its_language():
    assert language_code("de") == "de" and language_code(" DE ") == "de"
    assert language_code("pt-BR") == "pt" and language_code("zh_Hant_TW") == "zh"
    assert language_code("fil") == "fil" and language_code("") == ""
    assert language_code("zz") is None and language_code("German") is None
    assert language_code("de DE") is None and language_code("xx-YY") is None


@pytest.mark.parametrize(("given", "stored"), [("DE", "de"), ("pt-BR", "pt"), ("fr", "fr")])
def test_the_command_line_stores_the_language_code(run, given, stored):
    assert run("profile", "create", "ana", "--language", given).exit_code == 0
    shown = json.loads(run("profile", "show", "ana", "--json").output)
    assert shown["language"] == stored


@pytest.mark.parametrize("given", ["zz", "German", "english please"])
def test_the_command_line_refuses_a_code_of_no_language(run, given):
    done = run("profile", "create", "ana", "--language", given)
    assert done.exit_code == 2
    (line,) = done.output.strip().splitlines()
    assert line.endswith("profile 'ana': language: a language code such as de or fr, or empty")
    assert run("profile", "edit", "default", "--language", given).exit_code == 2


@pytest.mark.anyio
async def test_the_web_app_reads_the_language_as_the_command_line_does(home: Path):
    async with client(home) as http:
        headers = {"X-CSRF-Token": await csrf(http)}
        tagged = await http.patch("/api/profile", json={"language": "de-DE"}, headers=headers)
        assert tagged.status_code == 200 and tagged.json()["language"] == "de"
        wrong = await http.patch("/api/profile", json={"language": "zz"}, headers=headers)
        assert wrong.status_code == 400 and "language" in wrong.json()["detail"]
        assert (await http.get("/api/profile")).json()["language"] == "de"
