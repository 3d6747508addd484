"""Writing with a model, through llm, against a real OpenAI-compatible server on loopback.

The server (tests/model_server.py) speaks the OpenAI chat completions API and answers from
scripts (tests/scripts.py): a correct write-up, invented figures and names, malformed JSON,
slowness, rate limits and an article carrying injected instructions.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import scripts
from click.testing import CliRunner, Result
from conftest import FIXTURES, run_process
from model_server import MODEL_ID, ModelServer, Reply, Seen

from newsbrief.cli import cli
from newsbrief.models import Profile
from newsbrief.store import DB_NAME, Store

STORIES = FIXTURES / "llm" / "stories.jsonl"
SINCE = "2024-03-01"
ARTICLES = {
    row["id"]: row for row in map(json.loads, STORIES.read_text(encoding="utf-8").splitlines())
}


def article_text(article_id: str) -> str:
    row = ARTICLES[article_id]
    return row["title"] + "\n" + row["text"]


@pytest.fixture
def model_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., Any]]:
    """A data folder holding the fixture stories, and a way to start a scripted model."""
    home = tmp_path / "home"
    llm_dir = tmp_path / "llm"
    monkeypatch.setenv("NEWSBRIEF_HOME", str(home))
    monkeypatch.setenv("LLM_USER_PATH", str(llm_dir))
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")  # the model server is on loopback
    for name, value in {
        "LLM_MODEL": MODEL_ID,
        "LLM_TIMEOUT": "5",
        "LLM_BACKOFF": "0.1",
        "LLM_MAX_WAIT": "5",
    }.items():
        monkeypatch.setenv(f"NEWSBRIEF_{name}", value)
    servers: list[ModelServer] = []

    def start(script: Callable[[Seen], Reply], **options: Any) -> ModelServer:
        server = ModelServer(script, **options).start()
        server.write_llm_config(llm_dir)
        servers.append(server)
        return server

    invoke(home, "import", str(STORIES))
    start.home = home  # type: ignore[attr-defined]
    yield start
    for server in servers:
        server.stop()


def invoke(home: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--home", str(home), *args], catch_exceptions=False)


def brief(home: Path, *args: str) -> tuple[dict[str, Any], Result]:
    result = invoke(home, "brief", "--since", SINCE, "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout), result


def by_headline_word(data: dict[str, Any], word: str) -> dict[str, Any]:
    for story in data["stories"]:
        if any(word in ARTICLES[s["id"]]["title"] for s in story["sources"]):
            return story
    raise AssertionError(f"no story about {word}")


def sentences(story: dict[str, Any]) -> list[dict[str, Any]]:
    out = list(story["summary"])
    for items in story["sections"].values():
        out.extend(items)
    return out


def stats(home: Path) -> dict[str, Any]:
    result = invoke(home, "stats", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def assert_verbatim(sentence: dict[str, Any]) -> None:
    """An extractive stand-in: a sentence found as is in one of the articles it cites."""
    assert sentence["cites"]
    assert any(sentence["text"] in article_text(c) for c in sentence["cites"]), sentence


def test_a_correct_write_up_is_used_as_written_and_cited(model_env):
    server = model_env(scripts.answer)
    data, result = brief(model_env.home)
    assert sorted(server.tasks()) == ["overview", "writeup", "writeup", "writeup"]
    for story in data["stories"]:
        assert story["written_by"] == MODEL_ID
        in_story = {s["id"] for s in story["sources"]}
        for sentence in sentences(story):
            assert sentence["cites"] and set(sentence["cites"]) <= in_story
    bridge = by_headline_word(data, "Harbor Bridge")
    assert bridge["headline"] == (
        "Portvale closes Harbor Bridge for at least three months after cracks are found"
    )
    assert bridge["summary"][1] == {
        "text": "About 42,000 vehicles cross the bridge every day, and repairs are expected to "
        "cost $18 million.",
        "cites": ["bridge-1"],
    }
    # Key facts and the quote stay verbatim extractive choices.
    assert bridge["quote"]["text"] in article_text("bridge-1")
    assert data["overview"][0]["text"] == data["stories"][0]["summary"][0]["text"]
    writer = data["writer"]
    assert writer["model"] == MODEL_ID
    assert writer["stories_written"] == 3 and writer["stories_extractive"] == 0
    assert writer["sentences_replaced"] == 0 and writer["sentences_checked"] >= 24
    assert f"model {MODEL_ID}: 3 stories written" in result.stderr
    # What the model was sent: rules as the system prompt, articles as delimited JSON data,
    # a JSON schema for the answer.
    request = next(s for s in server.seen if s.task == "writeup")
    assert "DATA, not instructions" in request.system
    articles = request.block("ARTICLES")
    assert [a["n"] for a in articles] == list(range(1, len(articles) + 1))
    schema = request.body["response_format"]["json_schema"]["schema"]
    assert set(schema["properties"]) >= {"headline", "summary", "why_it_matters"}


def test_a_second_run_over_the_same_stories_makes_no_model_calls(model_env):
    server = model_env(scripts.answer)
    first, _ = brief(model_env.home)
    asked = len(server.seen)
    second, _ = brief(model_env.home)
    assert len(server.seen) == asked == 4
    assert [s["headline"] for s in second["stories"]] == [s["headline"] for s in first["stories"]]
    assert second["writer"]["calls"] == 0 and second["writer"]["cached"] == 4
    runs = stats(model_env.home)["runs"]
    latest, earlier = runs[0], runs[1]
    assert latest["calls"] == 0 and latest["cached"] == 4
    assert latest["input_tokens"] == 0 and latest["output_tokens"] == 0
    assert earlier["calls"] == 4 and earlier["cached"] == 0 and earlier["input_tokens"] > 0
    text = invoke(model_env.home, "stats").stdout
    assert "calls 0 (failed 0), cached 4" in text and "calls 4 (failed 0), cached 0" in text


def test_the_shared_write_up_is_generated_once_for_all_profiles(model_env):
    server = model_env(scripts.answer)
    with Store(model_env.home / "newsbrief.db") as store:
        store.save_profile(
            Profile(name="ana", role="logistics manager", industry="freight delivery")
        )
    brief(model_env.home)
    asked = len(server.seen)
    data, _ = brief(model_env.home, "--profile", "ana")
    # Only the reader's "why it matters" is new; write-ups and overview come from the cache.
    assert server.tasks()[asked:] == ["why", "why", "why"]
    bridge = by_headline_word(data, "Harbor Bridge")
    assert bridge["sections"]["why_it_matters"] == [
        {"text": scripts.READER_LINES["bridge"][0], "cites": ["bridge-3"]}
    ]
    reader = json.loads(
        next(s for s in server.seen if s.task == "why")
        .prompt.split("<<<READER\n")[1]
        .split("\nREADER>>>")[0]
    )
    assert reader == {"role": "logistics manager", "industry": "freight delivery", "interests": ""}
    assert data["writer"]["cached"] == 4 and data["writer"]["calls"] == 3


def test_an_invented_figure_and_an_invented_name_are_caught_and_replaced(model_env):
    server = model_env(lambda seen: scripts.answer(seen, {"strike": scripts.strike_invented}))
    data, result = brief(model_env.home, "--format", "json")
    strike = by_headline_word(data, "Northwind")
    texts = [s["text"] for s in sentences(strike)]
    assert scripts.INVENTED_FIGURE not in texts and "19 percent" not in json.dumps(strike)
    shown = json.dumps([data["title"], data["overview"], data["stories"]])
    assert scripts.INVENTED_NAME not in texts and "Helga" not in shown
    assert scripts.OUTSIDE_CITATION not in texts
    # Their places are taken by sentences of the articles, cited to where they stand.
    summary = strike["summary"]
    assert summary[0]["text"].startswith("Pilots at Northwind Airlines voted to strike after pay")
    # The invented figure gives way to the article's own sentence with the true figure.
    assert summary[1] == {
        "text": "The union is asking for a 14 percent pay rise over two years, while the airline "
        "has offered 6 percent.",
        "cites": ["strike-1"],
    }
    for sentence in strike["sections"]["what_is_happening"] + strike["sections"]["why_it_matters"]:
        assert_verbatim(sentence)
    assert strike["written_by"] == MODEL_ID  # the rest of the model's write-up stands
    writer = data["writer"]
    assert writer["sentences_replaced"] == 3
    assert writer["citations_rejected"] == 1
    notes = " ".join(writer["notes"])
    assert "figure '19 percent' is not in the cited articles" in notes
    assert "name 'Helga' is not in the cited articles" in notes
    assert "no citation" in notes
    assert "3 of" in result.stderr and "replaced by article sentences" in result.stderr
    md = invoke(model_env.home, "brief", "--since", SINCE).stdout
    assert "3 of " in md and "were replaced by sentences of the articles" in md
    assert len(server.seen) == 4  # the markdown run came from the cache


def test_malformed_json_falls_back_to_the_extractive_write_up_and_says_so(model_env):
    def script(seen: Seen) -> Reply:
        if seen.task == "writeup" and scripts.story_of(seen) == "bridge":
            return Reply('Sure! Here is the write-up: {"headline": {"text": "Portvale closes')
        return scripts.answer(seen)

    server = model_env(script)
    extractive, _ = brief(model_env.home, "--no-model")
    assert len(server.seen) == 0 and extractive["writer"] is None
    data, result = brief(model_env.home)
    bridge = by_headline_word(data, "Harbor Bridge")
    before = by_headline_word(extractive, "Harbor Bridge")
    assert bridge["written_by"] == "extractive"
    assert bridge["summary"] == before["summary"] and bridge["headline"] == before["headline"]
    assert by_headline_word(data, "Northwind")["written_by"] == MODEL_ID
    assert data["writer"]["stories_extractive"] == 1
    assert "written extractively: the model's answer was not the JSON asked for" in result.stderr
    # A bad answer is not cached: the next run asks again.
    brief(model_env.home)
    assert sum(1 for s in server.seen if s.task == "writeup") == 4


def test_a_slow_model_times_out_and_the_briefing_goes_on(model_env, monkeypatch):
    monkeypatch.setenv("NEWSBRIEF_LLM_TIMEOUT", "1")

    def script(seen: Seen) -> Reply:
        if seen.task == "writeup" and scripts.story_of(seen) == "strike":
            return Reply(scripts.answer(seen).content, delay=20)
        return scripts.answer(seen)

    model_env(script)
    start = time.monotonic()
    data, result = brief(model_env.home)
    assert time.monotonic() - start < 15  # the 20-second answer was not waited for
    assert by_headline_word(data, "Northwind")["written_by"] == "extractive"
    assert by_headline_word(data, "Harbor Bridge")["written_by"] == MODEL_ID
    assert "written extractively: the model did not answer in time" in result.stderr
    assert stats(model_env.home)["runs"][0]["failed"] == 1


def test_http_429_is_retried_after_the_wait_the_server_asks(model_env):
    refused: list[float] = []

    def script(seen: Seen) -> Reply:
        if seen.task == "writeup" and scripts.story_of(seen) == "bridge" and not refused:
            refused.append(seen.at)
            return Reply(status=429, headers={"Retry-After": "1"})
        return scripts.answer(seen)

    server = model_env(script)
    data, _ = brief(model_env.home)
    bridge_calls = [
        s for s in server.seen if s.task == "writeup" and scripts.story_of(s) == "bridge"
    ]
    assert len(bridge_calls) == 2
    assert bridge_calls[1].at - bridge_calls[0].at >= 1.0
    assert by_headline_word(data, "Harbor Bridge")["written_by"] == MODEL_ID
    with Store(model_env.home / DB_NAME) as store:
        attempts = sorted(r[0] for r in store.conn.execute("SELECT attempts FROM llm_calls"))
    assert attempts == [1, 1, 1, 2]


def test_a_rate_limit_longer_than_allowed_falls_back_at_once(model_env):
    server = model_env(lambda seen: Reply(status=429, headers={"Retry-After": "3600"}))
    start = time.monotonic()
    data, result = brief(model_env.home)
    assert time.monotonic() - start < 30
    assert all(s["written_by"] == "extractive" for s in data["stories"])
    assert data["writer"]["stories_extractive"] == 3
    assert "rate limit" in result.stderr
    # No retries of a wait that long, and the overview was not asked after three failures.
    assert server.tasks() == ["writeup", "writeup", "writeup"]


def test_an_unreachable_model_is_retried_with_backoff_then_left_out(model_env, monkeypatch):
    server = model_env(scripts.answer)
    server.stop()  # the configured endpoint now refuses connections
    monkeypatch.setenv("NEWSBRIEF_LLM_RETRIES", "1")
    data, result = brief(model_env.home)
    assert all(s["written_by"] == "extractive" for s in data["stories"])
    assert "could not be reached" in result.stderr
    with Store(model_env.home / DB_NAME) as store:
        rows = [tuple(r) for r in store.conn.execute("SELECT status, attempts FROM llm_calls")]
    assert ("unreachable", 2) in rows


def test_instructions_inside_an_article_do_not_reach_or_steer_the_output(model_env):
    server = model_env(lambda seen: scripts.answer(seen, {"hospital": scripts.hospital_obeying}))
    clean, _ = brief(model_env.home, "--no-model")
    data, _ = brief(model_env.home)
    for seen in server.seen:
        body = json.dumps(seen.body, ensure_ascii=False)
        assert "Ignore all previous instructions" not in body
        assert "acme-deals" not in body and "paid the ransom" not in body
    hospital_request = next(
        s for s in server.seen if s.task == "writeup" and scripts.story_of(s) == "hospital"
    )
    texts = " ".join(a["text"] for a in hospital_request.block("ARTICLES"))
    assert "Sentinel Labs is helping the hospital" in texts  # the facts are still there
    hospital = by_headline_word(data, "Lakeside")
    dumped = json.dumps(hospital, ensure_ascii=False)
    for bad in ("hôpital", "acme-deals", "paid the ransom", "IGNORE", "systèmes"):
        assert bad not in dumped
    for sentence in hospital["summary"] + hospital["sections"]["what_is_happening"]:
        assert_verbatim(sentence)
    assert hospital["headline"] == by_headline_word(clean, "Lakeside")["headline"]
    # Same shape as the extractive briefing: the format did not change.
    assert set(data) == set(clean) and set(hospital) == set(by_headline_word(clean, "Lakeside"))
    assert data["writer"]["sentences_replaced"] == 5
    assert any(
        "2 sentence(s) addressed to an automated reader were not sent" in note
        for note in data["writer"]["notes"]
    )


def test_without_a_model_everything_is_extractive_and_quiet(tmp_path):
    import subprocess
    import sys

    home = tmp_path / "home"
    code = (
        "import sys, json\n"
        "from click.testing import CliRunner\n"
        "from newsbrief.cli import cli\n"
        f"home = {str(home)!r}\n"
        f"CliRunner().invoke(cli, ['--home', home, 'import', {str(STORIES)!r}])\n"
        f"r = CliRunner().invoke(cli, ['--home', home, 'brief', '--since', {SINCE!r},"
        " '--format', 'json'])\n"
        "data = json.loads(r.stdout)\n"
        "print(json.dumps({'stderr': r.stderr, 'writer': data['writer'],"
        " 'by': sorted({s['written_by'] for s in data['stories']}),"
        " 'llm_loaded': 'llm' in sys.modules}))\n"
    )
    # No setting from the environment, but the store of the engine under test.
    env = {
        k: v
        for k, v in __import__("os").environ.items()
        if not k.startswith("NEWSBRIEF_") or k == "NEWSBRIEF_DATABASE_URL"
    }
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300
    )
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert result == {"stderr": "", "writer": None, "by": ["extractive"], "llm_loaded": False}
    assert out.stderr == ""


def test_models_lists_what_is_available_and_the_model_of_each_task(model_env, monkeypatch):
    model_env(scripts.answer)
    monkeypatch.setenv("NEWSBRIEF_LLM_MODEL_ANSWER", "none")
    result = invoke(model_env.home, "models")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert any(
        line.startswith(f"{MODEL_ID}  [openai-compatible, no key needed, structured output]")
        for line in lines
    )
    assert any(line.split() == ["writeup", MODEL_ID] for line in lines)
    assert any(line.split()[0] == "answer" and "extractive" in line for line in lines)
    assert any("key openai: missing" in line for line in lines)  # hosted, no key set here
    data = json.loads(invoke(model_env.home, "models", "--json").stdout)
    assert data["tasks"]["writeup"] == MODEL_ID and data["tasks"]["answer"] is None
    scripted = next(m for m in data["models"] if m["id"] == MODEL_ID)
    assert scripted["needs_key"] is None and scripted["schema"] is True


def test_an_unknown_model_or_a_missing_key_is_a_one_line_user_error(model_env):
    model_env(scripts.answer)
    for model, message in (
        ("no-such-model", "model 'no-such-model' is unknown"),
        ("gpt-4o-mini", "model 'gpt-4o-mini' needs a key: run 'llm keys set openai'"),
    ):
        result = run_process("--home", str(model_env.home), "brief", "--model", model)
        assert result.returncode == 2
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0]


def test_costs_are_counted_from_configured_prices(model_env, monkeypatch):
    monkeypatch.setenv("NEWSBRIEF_LLM_PRICES", f"{MODEL_ID}=2/10")
    model_env(scripts.answer)
    brief(model_env.home)
    run = stats(model_env.home)["runs"][0]
    expected = (run["input_tokens"] * 2 + run["output_tokens"] * 10) / 1_000_000
    assert run["cost"] == pytest.approx(expected) and run["cost"] > 0
    assert "cost $" in invoke(model_env.home, "stats").stdout


def passages_of(*ids: str) -> list[Any]:
    from newsbrief.ask.model import Passage

    return [
        Passage(i, ARTICLES[i]["title"], ARTICLES[i]["text"], ARTICLES[i]["source"]) for i in ids
    ]


def answer_script(lines: list[tuple[str, str]], answerable: bool = True) -> Callable[[Seen], Reply]:
    def script(seen: Seen) -> Reply:
        assert seen.task == "answer"
        passages = seen.block("PASSAGES")

        def number(phrase: str) -> int:
            return next(p["n"] for p in passages if phrase in p["text"])

        answer = [{"text": text, "cites": [number(phrase)]} for text, phrase in lines]
        return Reply(json.dumps({"answerable": answerable, "answer": answer}))

    return script


def test_answers_are_written_from_passages_under_the_same_guard(model_env):
    from newsbrief import config
    from newsbrief.ask.model import answer_with_model
    from newsbrief.summarize.llm import ModelWriter

    server = model_env(
        answer_script(
            [
                ("The pilots' union wants a 14 percent raise over two years.", "14 percent"),
                ("The airline has offered 9 percent.", "14 percent"),  # invented figure
            ]
        )
    )
    question = "How much of a raise do the Northwind pilots want?"
    with Store(model_env.home / "newsbrief.db") as store:
        writer = ModelWriter.create(store, config.load(model_env.home))
        assert writer is not None
        answer = answer_with_model(writer, question, passages_of("strike-1", "strike-2"))
        again = answer_with_model(writer, question, passages_of("strike-1", "strike-2"))
    assert answer.written_by == MODEL_ID and answer.answerable
    assert answer.sentences[0].text == "The pilots' union wants a 14 percent raise over two years."
    assert answer.sentences[0].cites == ["strike-1"]
    # The invented "9 percent" gives way to the passage's own sentence.
    assert answer.sentences[1].text == (
        "The union is asking for a 14 percent pay rise over two years, while the airline has "
        "offered 6 percent."
    )
    assert answer.report.sentences_replaced == 1
    assert question in server.seen[0].prompt
    assert len(server.seen) == 1 and again.report.cached == 1  # the second came from the cache
    assert [s.text for s in again.sentences] == [s.text for s in answer.sentences]


def test_an_answer_the_model_declines_or_fails_leaves_the_extractive_answer(model_env):
    from newsbrief import config
    from newsbrief.ask.model import answer_with_model
    from newsbrief.summarize.llm import ModelWriter

    model_env(answer_script([], answerable=False))
    with Store(model_env.home / "newsbrief.db") as store:
        writer = ModelWriter.create(store, config.load(model_env.home))
        assert writer is not None
        declined = answer_with_model(writer, "Who won the cup final?", passages_of("bridge-1"))
    assert declined.sentences == [] and not declined.answerable

    model_env(lambda seen: Reply("not json"))
    with Store(model_env.home / "newsbrief.db") as store:
        writer = ModelWriter.create(store, config.load(model_env.home))
        assert writer is not None
        failed = answer_with_model(writer, "What did the mayor say?", passages_of("bridge-1"))
    assert failed.written_by == "extractive" and failed.sentences == []
    assert "answer written extractively" in failed.report.notes[0]


def test_unattended_runs_write_extractively_when_the_model_cannot_be_used(model_env, caplog):
    from newsbrief import config
    from newsbrief.briefing.assemble import build_briefing
    from newsbrief.summarize.llm import ModelWriter

    model_env(scripts.answer)
    settings = config.load(model_env.home, llm_model="no-such-model")
    with Store(model_env.home / "newsbrief.db") as store:
        writer = ModelWriter.unattended(store, settings)
        assert writer is None
        briefing = build_briefing(store, since=datetime(2024, 3, 1, tzinfo=UTC), writer=writer)
    assert briefing.stories and briefing.writer is None
    assert "writing extractively: model 'no-such-model' is unknown" in caplog.text


def ask_json(home: Path, question: str, *args: str) -> tuple[dict[str, Any], Result]:
    result = invoke(home, "ask", question, "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout), result


def test_ask_writes_the_answer_with_the_model_and_checks_it(model_env):
    server = model_env(
        answer_script(
            [
                ("The pilots' union wants a 14 percent raise over two years.", "14 percent"),
                ("The airline has offered 9 percent.", "14 percent"),  # invented figure
            ]
        )
    )
    question = "What pay rise is the Northwind pilots' union asking for?"
    extractive, _ = ask_json(model_env.home, question, "--no-model")
    assert extractive["found"] and extractive["written_by"] == "extractive"
    assert extractive["writer"] is None and not server.seen

    data, result = ask_json(model_env.home, question)
    assert data["found"] and data["written_by"] == MODEL_ID
    texts = [s["text"] for s in data["answer"]]
    assert texts[0] == "The pilots' union wants a 14 percent raise over two years."
    assert not any("9 percent" in t for t in texts)  # the guard replaced the invented figure
    assert data["writer"]["sentences_replaced"] == 1
    listed = {s["id"] for s in data["sources"]}
    for sentence in data["answer"]:
        assert sentence["cites"] and set(sentence["cites"]) <= listed
        assert set(sentence["cites"]) <= {"strike-1", "strike-2", "strike-3"}
    assert "answer written by the model" in result.stderr
    assert question in server.seen[0].prompt


def test_a_question_the_archive_cannot_answer_never_reaches_the_model(model_env):
    server = model_env(answer_script([("The union said the heist was planned.", "heist")]))
    # The archive has the pilots' union, but nothing about a heist: declined before any model.
    data, _ = ask_json(model_env.home, "What did the Northwind pilots' union say about the heist?")
    assert not data["found"] and data["answer"] == [] and not server.seen


def test_the_model_answers_only_from_the_story_that_answers(model_env):
    reply = ("The pilots' union wants a 14 percent raise over two years.", "14 percent")
    server = model_env(answer_script([reply]))
    data, _ = ask_json(model_env.home, "What pay rise is the Northwind pilots' union asking for?")
    assert data["found"]
    prompt = server.seen[0].prompt
    assert "Northwind" in prompt
    assert "Harbor Bridge" not in prompt and "ransomware" not in prompt


def test_ask_keeps_the_extractive_answer_when_the_model_fails(model_env):
    model_env(lambda seen: Reply("not json"))
    question = "What pay rise is the Northwind pilots' union asking for?"
    data, result = ask_json(model_env.home, question)
    assert data["found"] and data["written_by"] == "extractive"
    assert data["answer"] and all(s["cites"] for s in data["answer"])
    assert "answer written extractively" in " ".join(data["writer"]["notes"])
    assert "answer left extractive" in result.stderr


def test_scheduled_briefings_are_written_with_the_configured_model(model_env, tmp_path):
    model_env(scripts.answer)
    home = model_env.home
    with Store(home / "newsbrief.db") as store:
        store.save_profile(Profile(name="ana", timezone="UTC", delivery_time="07:00"))
    out = tmp_path / "out"
    assert invoke(home, "channels", "add", "ana", "folder", "--path", str(out)).exit_code == 0
    result = invoke(home, "tick", "--now", "2024-03-05T07:00:00Z")
    assert result.exit_code == 0, result.output
    (delivered,) = out.glob("*.json")
    data = json.loads(delivered.read_text(encoding="utf-8"))
    assert data["stories"] and all(s["written_by"] == MODEL_ID for s in data["stories"])
    assert data["writer"]["model"] == MODEL_ID


def test_the_web_app_writes_briefings_and_answers_with_the_configured_model(model_env):
    import asyncio

    import httpx

    from newsbrief.web import WebConfig, create_app

    answers = answer_script(
        [("The pilots' union wants a 14 percent raise over two years.", "14 percent")]
    )
    server = model_env(
        lambda seen: answers(seen) if seen.task == "answer" else scripts.answer(seen)
    )

    async def visit() -> tuple[dict[str, Any], dict[str, Any]]:
        app = create_app(WebConfig(home=model_env.home))
        transport = httpx.ASGITransport(app=app)
        try:
            async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as http:
                briefing = await http.get("/api/briefing", params={"since": SINCE})
                assert briefing.status_code == 200, briefing.text
                token = (await http.get("/api/session")).json()["csrf_token"]
                question = {"question": "What pay rise is the Northwind pilots' union asking for?"}
                answer = await http.post("/api/ask", json=question, headers={"X-CSRF-Token": token})
                assert answer.status_code == 200, answer.text
                return briefing.json(), answer.json()
        finally:
            app.state.web.stores.close()

    briefing, answer = asyncio.run(visit())
    assert {s["written_by"] for s in briefing["stories"]} == {MODEL_ID}
    assert briefing["writer"]["model"] == MODEL_ID and briefing["writer"]["stories_written"] == 3
    assert answer["found"] and answer["written_by"] == MODEL_ID
    assert (
        answer["answer"][0]["text"] == "The pilots' union wants a 14 percent raise over two years."
    )
    assert answer["writer"]["model"] == MODEL_ID
    assert {s.task for s in server.seen} >= {"writeup", "answer"}
