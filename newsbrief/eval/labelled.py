"""Reading a hand-labelled JSONL set: one object per line with a ``text`` and a label."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def load_labelled(path: Path, key: str, allowed: tuple[str, ...]) -> list[dict[str, Any]]:
    """The rows of ``path``; each must have a text and ``key`` one of ``allowed``. A bad line
    is a ValueError naming the file and line."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{number}: not JSON ({exc.msg})") from None
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            raise ValueError(f"{path}:{number}: expected an object with a text")
        if row.get(key) not in allowed:
            raise ValueError(f"{path}:{number}: {key} must be one of {', '.join(allowed)}")
        rows.append(row)
    if not rows:
        raise ValueError(f"{path}: no labelled sentences")
    return rows
