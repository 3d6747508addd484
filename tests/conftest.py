from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from engines import (
    Server,
    engine_databases,
    pg_databases,
    session_databases,
    sqlite_file,
    start_server,
)

from newsbrief.cli import cli
from newsbrief.store import db as store_db
from newsbrief.store.postgres import is_url

__all__ = ["engine_databases", "pg_databases", "session_databases", "sqlite_file"]  # fixtures

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
SHARED_DATA = Path(os.environ.get("NEWSBRIEF_SHARED_DATA", REPO.parent / "shared" / "data"))


# Which engines the tests run on: "both" runs the tests marked `engines` on SQLite and on
# PostgreSQL (the default), "postgresql" runs every test on PostgreSQL, "sqlite" on SQLite only.
ENGINES = os.environ.get("NEWSBRIEF_TEST_ENGINES", "both")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "engines: run on SQLite and on PostgreSQL")
    config.addinivalue_line(
        "markers", "local_model: runs the local model (the `local` extra); skips without it"
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "engine_databases" not in metafunc.fixturenames:
        return
    if ENGINES == "postgresql":
        metafunc.parametrize("engine_databases", ["postgresql"], indirect=True)
    elif ENGINES == "both" and metafunc.definition.get_closest_marker("engines"):
        metafunc.parametrize("engine_databases", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture(scope="session")
def postgres_server() -> Any:
    """The PostgreSQL server of the test session (started when it is not running)."""
    server = start_server()
    if not isinstance(server, Server):
        if os.environ.get("CI"):
            pytest.fail(server)
        pytest.skip(server)
    yield server
    server.close()


@pytest.fixture(scope="session", autouse=True)
def cache_home(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The per-user cache folder of the whole session (and of the processes it starts): a
    temporary one, so that no test writes the language model's arrays, the models list or
    anything else into the real user's cache."""
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(folder))
        yield folder


@pytest.fixture(scope="session", autouse=True)
def _session_engine(session_databases: Any) -> Any:
    """Set up before any module's fixture, so their stores are on the engine under test."""
    return session_databases


@pytest.fixture(autouse=True)
def _engine(engine_databases: Any) -> Any:
    """Every test asks for the engine fixture, so marked tests can be run on both engines."""
    return engine_databases


@pytest.fixture
def shared_data() -> Path:
    """The labelled data beside the project; tests that need it skip without it."""
    if not (SHARED_DATA / "ecbplus-dev.jsonl").exists():
        pytest.skip("../shared/data is not present")
    return SHARED_DATA


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "home"
    monkeypatch.setenv("NEWSBRIEF_HOME", str(path))
    return path


@pytest.fixture
def run(home: Path) -> Any:
    """Run the CLI in-process on the test's data folder."""

    def invoke(*args: str) -> Result:
        return CliRunner().invoke(cli, ["--home", str(home), *args], catch_exceptions=False)

    return invoke


def run_process(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real console entry point, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "newsbrief", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=300,
    )


def engine_env(home: Path) -> dict[str, str]:
    """The environment a child process needs to use the store of ``home`` on the engine under
    test (on PostgreSQL, each data folder's store is a database of its own)."""
    target = store_db.store_target(home)
    return {"NEWSBRIEF_DATABASE_URL": str(target)} if is_url(target) else {}


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path
