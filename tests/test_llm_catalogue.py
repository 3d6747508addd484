"""The model list kept in the cache folder: the same list llm gives, afresh when it changes.

Each listing runs as its own process (as ``newsbrief models`` does), so whether llm was
imported can be seen.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

# List the models, then say whether llm was imported, on the last line.
DRIVER = """
import json, sys
from pathlib import Path
from dataclasses import asdict
from newsbrief.llm.catalogue import listed_models
models = listed_models(Path(sys.argv[1]), refresh=sys.argv[2] == "refresh")
print(json.dumps([asdict(m) for m in models]))
print(json.dumps({"llm": "llm" in sys.modules, "openai": "openai" in sys.modules}))
"""


@pytest.fixture
def user_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    folder = tmp_path / "llm"
    monkeypatch.setenv("LLM_USER_PATH", str(folder))
    return folder


def listing(user_dir: Path, refresh: bool = False) -> tuple[dict[str, Any], dict[str, bool]]:
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, str(user_dir), "refresh" if refresh else "cached"],
        capture_output=True,
        text=True,
        check=False,
        env=dict(os.environ),
    )
    assert done.returncode == 0, done.stderr
    models, loaded = done.stdout.strip().splitlines()[-2:]
    return {m["id"]: m for m in json.loads(models)}, json.loads(loaded)


def test_a_second_listing_comes_from_the_cache_without_importing_llm(user_dir):
    first, loaded = listing(user_dir)
    assert loaded["llm"] and "gpt-4o-mini" in first
    again, loaded = listing(user_dir)
    assert again == first
    assert loaded == {"llm": False, "openai": False}
    # Another new data folder of the same installation: the same list, from the cache too.
    other, loaded = listing(user_dir.parent / "other" / "llm")
    assert other == first and not loaded["llm"]
    fresh, loaded = listing(user_dir, refresh=True)
    assert fresh == first and loaded["llm"]


def test_a_new_endpoint_or_alias_in_the_llm_folder_is_listed_at_once(user_dir):
    listing(user_dir)
    user_dir.mkdir(parents=True, exist_ok=True)
    (user_dir / "extra-openai-models.yaml").write_text(
        "- model_id: my-endpoint\n  model_name: m\n  api_base: http://127.0.0.1:9/v1\n",
        encoding="utf-8",
    )
    models, loaded = listing(user_dir)
    assert loaded["llm"]  # the folder changed: llm was asked again
    assert models["my-endpoint"]["provider"] == "openai-compatible"
    (user_dir / "aliases.json").write_text(json.dumps({"mine": "my-endpoint"}), encoding="utf-8")
    models, _ = listing(user_dir)
    assert models["my-endpoint"]["aliases"] == ["mine"]
    assert listing(user_dir)[1]["llm"] is False  # and kept again


def test_whether_a_key_is_set_is_read_on_every_listing(user_dir, monkeypatch):
    models, _ = listing(user_dir)
    assert models["gpt-4o-mini"]["key_found"] is False
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-the-environment")
    models, loaded = listing(user_dir)
    assert models["gpt-4o-mini"]["key_found"] is True and not loaded["llm"]
    # A stored key of that name wins over the environment, as in llm: an empty one is no key.
    user_dir.mkdir(parents=True, exist_ok=True)
    (user_dir / "keys.json").write_text(json.dumps({"openai": ""}), encoding="utf-8")
    models, loaded = listing(user_dir)
    assert models["gpt-4o-mini"]["key_found"] is False and not loaded["llm"]
    assert listing(user_dir, refresh=True)[0] == models  # what llm itself says


def test_a_damaged_or_unwritable_cache_still_lists_the_models(user_dir, tmp_path, monkeypatch):
    cache = tmp_path / "cache" / "newsbrief"
    cache.mkdir(parents=True)
    (cache / "models.json").write_text("{not json", encoding="utf-8")
    models, loaded = listing(user_dir)
    assert "gpt-4o-mini" in models and loaded["llm"]
    assert listing(user_dir)[1]["llm"] is False  # replaced by a good one
    # A cache folder that cannot be made (a file is in its place): listed, nothing kept.
    blocked = tmp_path / "blocked"
    blocked.mkdir()
    (blocked / "newsbrief").write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert listing(user_dir)[0] == models
    assert listing(user_dir)[1]["llm"] is True
