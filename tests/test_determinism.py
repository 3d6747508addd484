"""The same articles give the same briefing in every process.

Python varies the order of sets and dicts of strings from one process to the next
(``PYTHONHASHSEED``); nothing the reader sees may depend on it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

SCRIPT = """
import json, sys
from datetime import UTC, datetime
from pathlib import Path
from newsbrief.briefing.assemble import build_briefing
from newsbrief.demo import corpus_path
from newsbrief.ingest.files import import_paths
from newsbrief.render.json import briefing_dict
from newsbrief.store import Store

with Store(Path(sys.argv[1])) as store:
    import_paths(store, [str(corpus_path())])
    briefing = build_briefing(
        store,
        since=datetime(1900, 1, 1, tzinfo=UTC),
        now=datetime(2026, 1, 1, tzinfo=UTC),
        record=False,
    )
    print(json.dumps(briefing_dict(briefing), sort_keys=True))
"""


def _briefing(tmp_path: Path, seed: str) -> dict[str, Any]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / f"store-{seed}.db")],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    data: dict[str, Any] = json.loads(out.stdout)
    # Undated items are dated when first seen: the one part that is meant to differ.
    for story in data["stories"]:
        for source in story["sources"]:
            source.pop("published", None)
    return data


def test_briefing_does_not_depend_on_hash_order(tmp_path: Path) -> None:
    first = _briefing(tmp_path, "1")
    second = _briefing(tmp_path, "2")
    assert first["stories"], "the demo corpus gave no stories"
    assert [s["id"] for s in first["stories"]] == [s["id"] for s in second["stories"]]
    assert first == second
