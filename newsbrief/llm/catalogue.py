"""The models llm offers here, listed without importing llm when nothing they depend on changed.

Importing llm loads every plugin, and llm's built-in OpenAI plugin loads the OpenAI SDK: about
0.8 s of CPU, most of ``newsbrief models``, for a list that changes only when packages are
installed or removed, or when the files in llm's folder change (extra OpenAI-compatible
models, aliases, GGUF files for the local model). So the list is kept in the per-user cache
folder under a fingerprint of exactly those inputs, and llm is asked again when one of them
differs. Whether each model's key is set is read afresh on every run, from llm's key store and
the environment, as llm itself reads it.

A plugin whose models change without any of this changing (one that asks a server what it
serves, say) is listed afresh with ``newsbrief models --refresh``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import sys
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

from newsbrief.llm.client import ModelInfo

log = logging.getLogger(__name__)

CACHE_FILE = "models.json"
FORMAT = 1  # bump when ModelInfo or what goes into the fingerprint changes
KEPT = 16  # lists kept (one per installation and content of llm's folder), the newest
SMALL = 1 << 20  # files in llm's folder up to this size are fingerprinted by content
SKIPPED = frozenset({"keys.json"})
SKIPPED_ENDINGS = (".db", ".db-journal", ".db-wal", ".db-shm")


def listed_models(user_dir: Path, refresh: bool = False) -> list[ModelInfo]:
    """Every model llm knows here, from the cache when its fingerprint still holds."""
    key = fingerprint(user_dir)
    models = None if refresh else _read(key)
    if models is None:
        from newsbrief.llm.client import available_models

        models = available_models()
        _write(key, models)
    stored = stored_keys(user_dir)
    return [replace(m, key_found=key_found(m, stored)) for m in models]


def fingerprint(user_dir: Path) -> str:
    """A digest of everything the list depends on: the installed packages (llm, its plugins
    and what they look for), the Python running, and the files in llm's folder (endpoints,
    aliases, GGUF files, a plugin's own settings). Not the folder's name: every data folder
    of one installation with the same files shares the list, a new empty one included."""
    parts = {
        "format": FORMAT,
        "python": sys.version,
        "prefix": sys.prefix,
        "installed": installed_packages(),
        "load_plugins": os.environ.get("LLM_LOAD_PLUGINS"),
        "files": folder_files(user_dir),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:32]


def installed_packages() -> list[str]:
    """The name and version of every installed distribution, from the names of their metadata
    folders (``name-version.dist-info``): listing the folders is far cheaper than reading
    every package's metadata, and an install, upgrade or removal renames one."""
    found = []
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:  # a zip file or a folder that is gone
            continue
        found += [n for n in names if n.endswith((".dist-info", ".egg-info"))]
    return sorted(found)


def folder_files(user_dir: Path) -> list[list[Any]]:
    """Each file in llm's folder and one level below that could change the list: a small
    file by its content, a large one (a GGUF model) by its size and time. Not llm's key store
    (read on every run) nor its databases (the log of prompts, which grows with every call)."""
    found: list[list[Any]] = []
    for path in [*_files(user_dir), *(p for d in _folders(user_dir) for p in _files(d))]:
        if path.name in SKIPPED or path.name.endswith(SKIPPED_ENDINGS):
            continue
        try:
            size = path.stat().st_size
            mark = _digest(path) if size <= SMALL else [size, path.stat().st_mtime_ns]
        except OSError:
            continue
        found.append([str(path.relative_to(user_dir)), mark])
    return sorted(found)


def _files(folder: Path) -> list[Path]:
    try:
        return [p for p in folder.iterdir() if p.is_file()]
    except OSError:  # no folder yet: a new data folder
        return []


def _folders(folder: Path) -> list[Path]:
    try:
        return [p for p in folder.iterdir() if p.is_dir()]
    except OSError:
        return []


def stored_keys(user_dir: Path) -> dict[str, Any]:
    """llm's key store (``keys.json``), as ``llm.load_keys`` reads it; empty when unreadable."""
    try:
        keys = json.loads((user_dir / "keys.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return keys if isinstance(keys, dict) else {}


def key_found(model: ModelInfo, stored: dict[str, Any]) -> bool:
    """Whether ``llm.get_key(alias=needs_key, env=key_env)`` would find a key: the stored
    key of that name first, then the environment variable."""
    if model.needs_key is None:
        return True
    if model.needs_key in stored:
        return bool(stored[model.needs_key])
    return bool(model.key_env and os.environ.get(model.key_env))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _cache_path() -> Path:
    from newsbrief.text.language import cache_folder

    return cache_folder() / CACHE_FILE


def _load() -> dict[str, Any]:
    try:
        data = json.loads(_cache_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _read(key: str) -> list[ModelInfo] | None:
    entry = _load().get(key)
    if not isinstance(entry, list):
        return None
    try:
        return [ModelInfo(**item) for item in entry]
    except TypeError:  # written by another version of ModelInfo
        return None


def _write(key: str, models: list[ModelInfo]) -> None:
    """Add the list to the cache file (replaced whole, so a reader never sees half of it)."""
    entries = _load()
    entries.pop(key, None)
    entries[key] = [asdict(m) for m in models]
    while len(entries) > KEPT:
        entries.pop(next(iter(entries)))
    path = _cache_path()
    part = path.with_name(f"{path.name}.{os.getpid()}.part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        part.write_text(json.dumps(entries), encoding="utf-8")
        os.replace(part, path)
    except OSError as error:  # a read-only cache folder: list afresh next time
        log.debug("model list not cached: %s", error)
        with contextlib.suppress(OSError):
            part.unlink(missing_ok=True)
