"""`brief -o week.html` writes a page: without --format, the file's extension names the format
(a Markdown briefing was written into the .html file); --format still wins."""

from __future__ import annotations

import json

import pytest
from conftest import write_jsonl

REPORT = {
    "id": "bridge",
    "title": "Council closes the old bridge",
    "text": "The city council voted on Tuesday to close the old bridge for repairs costing "
    "$2 million. The mayor said the work would take a year.",
}


@pytest.mark.parametrize(
    ("name", "opening"),
    [
        ("week.html", "<!doctype html>"),
        ("week.HTM", "<!doctype html>"),
        ("week.json", "{"),
        ("week.txt", "COUNCIL CLOSES THE OLD BRIDGE"),
        ("week.md", "# Council closes the old bridge"),
        ("week", "# Council closes the old bridge"),
    ],
)
def test_the_output_file_name_gives_the_format(run, tmp_path, name, opening):
    assert run("import", str(write_jsonl(tmp_path / "a.jsonl", [REPORT]))).exit_code == 0
    out = tmp_path / name
    assert run("brief", "--no-record", "-o", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith(opening)
    if name.endswith(".json"):
        assert json.loads(text)["stories"][0]["headline"] == REPORT["title"]


def test_an_explicit_format_wins(run, tmp_path):
    assert run("import", str(write_jsonl(tmp_path / "a.jsonl", [REPORT]))).exit_code == 0
    out = tmp_path / "notes.html"
    assert run("brief", "--no-record", "--format", "md", "-o", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("# Council closes the old bridge")
    printed = run("brief", "--no-record").output
    assert printed.startswith("# Council closes the old bridge")
