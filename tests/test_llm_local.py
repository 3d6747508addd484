"""The local model of the ``local`` extra, for real: llama.cpp in process, no network.

Skipped where the extra is not installed (``make test`` does not install it; ``make local``
does, from a cached build). Run alone with ``pytest -m local_model``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from test_llm import ARTICLES, STORIES, article_text, brief, invoke, sentences, stats

pytestmark = pytest.mark.local_model

pytest.importorskip("llama_cpp", reason="the local extra is not installed")

from newsbrief.llm.local import bundled_file  # noqa: E402  (after the skip)

if bundled_file() is None:
    pytest.skip("the local extra's model file is not installed", allow_module_level=True)

_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("NEWSBRIEF_HOME", str(home))
    monkeypatch.setenv("LLM_USER_PATH", str(tmp_path / "llm"))
    monkeypatch.setenv("NEWSBRIEF_LLM_TIMEOUT", "300")  # a cold start on a busy machine
    monkeypatch.setenv("NEWSBRIEF_LLM_CONCURRENCY", "1")
    monkeypatch.setenv("NEWSBRIEF_LLM_MODEL", "local")
    monkeypatch.setenv("NEWSBRIEF_LLM_MODEL_OVERVIEW", "none")  # one call: the story
    assert invoke(home, "import", str(STORIES)).exit_code == 0
    return home


def test_the_local_model_is_listed(home):
    result = invoke(home, "models", "--json")
    assert result.exit_code == 0, result.output
    (local,) = [m for m in json.loads(result.stdout)["models"] if m["id"] == "local"]
    assert local["provider"] == "newsbrief" and local["needs_key"] is None and local["schema"]


def test_one_story_written_by_the_local_model_cites_its_articles_and_figures(home):
    data, _ = brief(home, "--limit", "1")
    (story,) = data["stories"]
    run = stats(home)["runs"][0]
    # The model answered, with JSON of the story's shape, and wrote sentences the guard checked
    # (how many it keeps depends on the model: BENCHMARKS.md has the figures).
    assert run["calls"] == 1 and run["failed"] == 0
    assert run["sentences_checked"] >= 1
    ids = {s["id"] for s in story["sources"]}
    headline = {"text": story["headline"], "cites": story["headline_cites"]}
    for sentence in [headline, *sentences(story)]:
        assert sentence["cites"] and set(sentence["cites"]) <= ids, sentence
        cited = " ".join(article_text(c) for c in sentence["cites"])
        for figure in _FIGURE.findall(sentence["text"]):
            assert figure in cited, (figure, sentence["text"])
    assert all(c in ARTICLES for c in ids)
