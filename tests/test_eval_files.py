"""The evaluations read their JSONL files one way: a line that is not JSON is one error naming
the file and the line, whichever evaluation reads it."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from newsbrief.eval import ask, clustering, conflicts, instructions, labelled, summaries

GOOD = {
    "id": "a1",
    "label": "1",
    "title": "Quake hits the coast",
    "text": "A quake hit the coast.",
    "question": "What hit the coast?",
    "story": "1",
    "section": "what_is_happening",
    "kind": "contradiction",
    "claims": [{"value": "1"}, {"value": "2"}],
}

READERS: dict[str, Callable[[Path], Any]] = {
    "ask questions": ask.load_questions,
    "conflicts gold": conflicts.load_gold,
    "conflicts pairs": conflicts.load_pairs,
    "clustering articles": clustering.load_labelled,
    "summary articles": summaries.load_articles,
    "instruction checks": instructions.news_alarms,
    "labelled sentences": lambda p: labelled.load_labelled(p, "section", ("what_is_happening",)),
}


@pytest.mark.parametrize("reader", READERS.values(), ids=READERS.keys())
def test_a_line_that_is_not_json_names_the_file_and_line(tmp_path, reader):
    path = tmp_path / "set.jsonl"
    path.write_text(json.dumps(GOOD) + "\n\n{not json\n", encoding="utf-8")
    with pytest.raises(ValueError, match="^" + re.escape(f"{path}:3: invalid JSON")):
        reader(path)


def test_blank_lines_are_skipped_and_lines_keep_their_numbers(tmp_path):
    path = tmp_path / "set.jsonl"
    path.write_text('\n{"a": 1}\n  \n[2]\n', encoding="utf-8")
    assert list(labelled.read_jsonl(path)) == [(2, {"a": 1}), (4, [2])]
