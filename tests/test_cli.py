from __future__ import annotations

import json
from datetime import UTC, datetime

from conftest import FIXTURES, engine_env, run_process, write_jsonl

from newsbrief import __version__
from newsbrief.demo import corpus_path
from newsbrief.store import DB_NAME, Store
from newsbrief.store import db as store_db
from newsbrief.store.postgres import is_url
from newsbrief.timeutil import parse_since


def corpus_rows(labels: set[str] | None = None) -> list[dict]:
    rows = [json.loads(line) for line in corpus_path().read_text(encoding="utf-8").splitlines()]
    return [r for r in rows if labels is None or r["label"] in labels]


def test_version_and_help():
    result = run_process("--version")
    assert result.returncode == 0 and __version__ in result.stdout
    assert "brief" in run_process("--help").stdout


def test_user_errors_exit_2_with_one_line(tmp_path):
    missing = tmp_path / "nope.jsonl"
    for args in (
        ["cluster", str(missing)],
        ["summarize", str(missing)],
        ["--home", str(tmp_path / "h"), "brief", "--since", "yesterday-ish"],
        ["--home", str(tmp_path / "h"), "brief", "--profile", "nobody"],
        ["brief", "--format", "pdf"],
        ["--home", str(tmp_path / "h"), "stories", "--limit", "-1"],
        ["--home", str(tmp_path / "h"), "deliveries", "--limit", "0"],
        ["no-such-command"],
    ):
        result = run_process(*args)
        assert result.returncode == 2, (args, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), (args, result.stderr)
        assert "Traceback" not in result.stderr


def test_the_data_folder_is_made_only_when_something_is_written(tmp_path):
    home = tmp_path / "a" / "home"
    for args in (
        ["brief", "--since", "yesterday-ish"],
        ["brief", "--profile", "nobody"],
        ["profile", "show", "nobody"],
        ["profile", "edit", "nobody", "--role", "x"],
        ["feedback", "s0000", "more"],
        ["feeds", "remove", "3"],
        ["import", str(tmp_path / "missing.txt")],
        ["stories"],
        ["brief"],
        ["ask", "What happened?"],
        ["profile", "list"],
        ["channels", "list"],
        ["deliveries"],
        ["models"],
    ):
        result = run_process("--home", str(home), *args)
        assert result.returncode in (0, 2), (args, result.stderr)
        assert not (tmp_path / "a").exists(), args
    assert run_process("--home", str(home), "profile", "create", "ana").returncode == 0
    assert run_process("--home", str(home), "profile", "show", "ana").returncode == 0
    if not is_url(store_db.store_target(home)):  # the SQLite file is in the data folder
        assert (home / "newsbrief.db").exists()


def test_home_that_is_a_file_is_a_user_error(tmp_path):
    file = tmp_path / "file"
    file.write_text("x")
    result = run_process("--home", str(file), "stories")
    assert result.returncode == 2 and f"'{file}' is a file" in result.stderr


def test_cluster_prints_one_line_per_article_in_input_order(tmp_path):
    rows = corpus_rows({"20_ecb", "20_ecbplus", "24_ecb"})
    rows.reverse()  # input order is not time order
    file = write_jsonl(tmp_path / "in.jsonl", rows)
    result = run_process("cluster", str(file))
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == [r["id"] for r in rows]
    assert all(isinstance(line["story"], str) and line["story"] for line in lines)
    # The same run twice gives the same story ids: ids are stable.
    again = [json.loads(line) for line in run_process("cluster", str(file)).stdout.splitlines()]
    assert again == lines


def test_cluster_skips_a_repeated_id_and_says_so(tmp_path):
    quake, fire = corpus_rows({"24_ecb"})[0], corpus_rows({"14_ecb"})[0]
    # A second article under the first one's id would replace it in the store, and the two
    # lines would be reported as one story's members.
    file = write_jsonl(tmp_path / "in.jsonl", [quake, {**fire, "id": quake["id"]}, fire])
    result = run_process("cluster", str(file))
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == [quake["id"], fire["id"]]
    assert lines[0]["story"] != lines[1]["story"]
    assert f"id {quake['id']!r} appears again" in result.stderr


def test_cluster_with_home_keeps_the_store(tmp_path):
    file = write_jsonl(tmp_path / "in.jsonl", corpus_rows({"24_ecb"}))
    home = tmp_path / "h"
    result = run_process("--home", str(home), "cluster", str(file), env=engine_env(home))
    assert result.returncode == 0
    with Store(home / DB_NAME) as store:
        assert store.article_count() == len(corpus_rows({"24_ecb"}))


def test_summarize_respects_the_word_limit(tmp_path):
    file = write_jsonl(tmp_path / "story.jsonl", corpus_rows({"14_ecb"}))
    for limit in (15, 40, 100):
        result = run_process("summarize", str(file), "--words", str(limit))
        assert result.returncode == 0, result.stderr
        assert 0 < len(result.stdout.split()) <= limit
    focused = run_process("summarize", str(file), "--words", "60", "--focus", "cause of the fire")
    assert focused.returncode == 0 and focused.stdout.strip()


def test_brief_in_every_format(run, tmp_path):
    run("import", str(corpus_path()))
    md = run("brief", "--since", "2000-01-01", "--format", "md")
    assert md.exit_code == 0 and md.output.startswith("# ")
    data = json.loads(run("brief", "--since", "2000-01-01", "--format", "json").output)
    assert data["stories"] and data["title"]
    text = run("brief", "--since", "2000-01-01", "--format", "text").output
    assert "KEY TAKEAWAYS" in text
    out = tmp_path / "b.html"
    run("brief", "--since", "2000-01-01", "--format", "html", "-o", str(out))
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and "<article" in html


def test_brief_on_an_empty_store(run):
    result = run("brief")
    assert result.exit_code == 0
    assert "No stories in this window" in result.output


def test_a_span_longer_than_the_calendar_means_all_the_news(run):
    # A span past what dates can hold is all the news there is, not a crash; one too long to
    # print sensibly starts at the earliest date news is kept for.
    for span in ("100000d", "10000000d", "99999999999999999999w"):
        result = run("brief", "--since", span, "--format", "json", "--no-record")
        assert result.exit_code == 0, result.output
        assert json.loads(result.output)["since"].startswith("1900-01-01")
    assert parse_since("7d", datetime(2026, 1, 8, tzinfo=UTC)) == datetime(2026, 1, 1, tzinfo=UTC)


def test_stories_lists_source_counts(run):
    run("import", str(FIXTURES / "files"))
    result = run("stories")
    assert result.exit_code == 0
    assert "reports" in result.output.splitlines()[0]
    assert len(result.output.splitlines()) >= 2


def test_stories_lists_the_headlines_the_briefing_shows(run):
    # The demo's first reports are often titled with a sentence ("The Indian navy has captured
    # 23 Somalian pirates.") or a teaser ("Did the earth move for you?"): the listing shows the
    # headline the briefing chose, so a reader finds the story by it.
    run("import", str(corpus_path()))
    brief = json.loads(
        run(
            "brief", "--since", "2000-01-01", "--limit", "30", "--no-record", "--format", "json"
        ).output
    )
    lines = run("stories", "--limit", "100").output.splitlines()
    column = lines[0].index("headline")
    listed = {line.split()[0]: line[column:].strip() for line in lines[1:]}
    shown = {s["id"]: s["headline"] for s in brief["stories"]}
    assert len(shown) >= 20
    assert {k: listed.get(k) for k in shown} == shown


def test_demo_writes_a_briefing_of_five_multi_source_stories(tmp_path):
    out = tmp_path / "out"
    result = run_process("--home", str(tmp_path / "demo-home"), "demo", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# ")
    html = (out / "briefing.html").read_text(encoding="utf-8")
    md = (out / "briefing.md").read_text(encoding="utf-8")
    assert md.strip() == result.stdout.strip()
    assert html.count("<article") >= 5
    sources = [line for line in md.splitlines() if line.startswith("**Sources** (")]
    assert len(sources) >= 5
    counts = [int(line.split("(")[1].split()[0]) for line in sources]
    assert all(n >= 2 for n in counts[:5])
