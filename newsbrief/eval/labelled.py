"""Reading the evaluations' JSONL files: one JSON value per line, blank lines skipped; a
hand-labelled set has an object with a ``text`` and a label on each line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def read_jsonl(path: Path) -> Iterator[tuple[int, Any]]:
    """(line number, value) of each non-blank line of ``path``; a line that is not JSON is a
    ValueError naming the file and line."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(
                f"{path}:{number}: invalid JSON ({exc.msg} at column {exc.colno})"
            ) from None
        yield number, value


def load_labelled(path: Path, key: str, allowed: tuple[str, ...]) -> list[dict[str, Any]]:
    """The rows of ``path``; each must have a text and ``key`` one of ``allowed``. A bad line
    is a ValueError naming the file and line."""
    rows = []
    for number, row in read_jsonl(path):
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            raise ValueError(f"{path}:{number}: expected an object with a text")
        if row.get(key) not in allowed:
            raise ValueError(f"{path}:{number}: {key} must be one of {', '.join(allowed)}")
        rows.append(row)
    if not rows:
        raise ValueError(f"{path}: no labelled sentences")
    return rows
