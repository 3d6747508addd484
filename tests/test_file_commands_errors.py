"""A file the file commands (summarize, cluster) cannot use ends with one `error:` line, as
every mistake does; its reason was logged as a warning first and then said again."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_process


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "empty.jsonl: empty file"),
        ("[1, 2]\n", "empty.jsonl:1: expected a JSON object"),
    ],
)
@pytest.mark.parametrize("command", ["summarize", "cluster"])
def test_a_file_of_no_article_is_one_error_line(tmp_path: Path, command, content, message):
    path = tmp_path / "empty.jsonl"
    path.write_text(content, encoding="utf-8")
    done = run_process("--home", str(tmp_path / "home"), command, str(path))
    assert done.returncode == 2 and done.stdout == ""
    (line,) = done.stderr.splitlines()
    assert line.startswith("error: ") and line.endswith(message)


def test_bad_lines_are_named_and_the_error_says_nothing_was_read(tmp_path: Path):
    path = tmp_path / "bad.jsonl"
    path.write_text('[1, 2]\n"text"\n', encoding="utf-8")
    done = run_process("summarize", str(path))
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert len(lines) == 3 and lines[0].endswith("bad.jsonl:1: expected a JSON object")
    assert lines[1].endswith("bad.jsonl:2: expected a JSON object")
    assert lines[2] == f"error: {path}: no article could be read"
