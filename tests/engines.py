"""PostgreSQL for tests: started through `tools/services` (as `make services` does), one fresh
database per test, copied from a template that holds the migrated schema.

Store-facing test modules say ``pytestmark = pytest.mark.engines``: each of their tests runs
once on SQLite and once on PostgreSQL. On PostgreSQL every store the test opens by file name
becomes a database of its own (the same file name, the same database), and the data folder's
store (``home``) is the one ``NEWSBRIEF_DATABASE_URL`` names, for the CLI and child processes.
PostgreSQL tests skip only where the server cannot be had (no PostgreSQL and no root to install
it); under CI they fail instead.
"""

from __future__ import annotations

import itertools
import os
import subprocess
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from newsbrief.store import DB_NAME, Store
from newsbrief.store import db as store_db
from newsbrief.store.postgres import is_url
from newsbrief.web import app as web_app

REPO = Path(__file__).resolve().parents[1]
SERVICES = REPO / "tools" / "services"


def _services(action: str) -> str:
    done = subprocess.run(
        [str(SERVICES), action, "postgres"], capture_output=True, text=True, timeout=300
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip() or f"tools/services {action} failed")
    for line in done.stdout.splitlines():
        if line.startswith("NEWSBRIEF_DATABASE_URL="):
            return line.split("=", 1)[1]
    return ""


# Tests commit often and need no durability: commits do not wait for the disk.
FAST = "?options=-csynchronous_commit%3Doff"

RESET = """
DO $$
DECLARE name text;
BEGIN
    FOR name IN SELECT tablename FROM pg_tables
                WHERE schemaname = current_schema() AND tablename <> 'migrations' LOOP
        EXECUTE format('DELETE FROM %I', name);
    END LOOP;
    FOR name IN SELECT sequencename FROM pg_sequences WHERE schemaname = current_schema() LOOP
        EXECUTE format('ALTER SEQUENCE %I RESTART', name);
    END LOOP;
END $$;
"""


class Server:
    """A PostgreSQL server for the test session, and a pool of migrated databases on it.

    Creating and dropping a database each make PostgreSQL write everything to disk (seconds
    on a busy machine), so a test's databases are emptied and reused by the next test.
    """

    def __init__(self) -> None:
        self.started = False
        url = os.environ.get("NEWSBRIEF_TEST_DATABASE_URL", "")
        if not url:
            url = _services("env")
            if not url:
                url = _services("start")
                self.started = True
        self.url = url
        self.base = url.rsplit("/", 1)[0]
        self.prefix = f"nbtest_{os.getpid()}_{uuid.uuid4().hex[:6]}"
        self.template = f"{self.prefix}_template"
        self._count = itertools.count()
        self._free: list[str] = []
        self._all: list[str] = []
        self.admin(f"CREATE DATABASE {self.template}")
        self._all.append(self.template)
        with Store(self.url_of(self.template)) as store:  # migrated once, copied per database
            self.migrations = store.conn.execute("SELECT count(*) FROM migrations").fetchone()[0]

    def url_of(self, name: str) -> str:
        return f"{self.base}/{name}{FAST}"

    def admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(sql)

    def database(self) -> str:
        if self._free:
            return self._free.pop()
        name = f"{self.prefix}_{next(self._count)}"
        self.admin(f"CREATE DATABASE {name} TEMPLATE {self.template}")
        self._all.append(name)
        return name

    def release(self, name: str) -> None:
        """Empty a test's database for the next test (or drop it when its schema changed)."""
        import psycopg

        with psycopg.connect(self.url_of(name), autocommit=True) as conn:
            conn.execute(RESET)
            row = conn.execute("SELECT count(*) FROM migrations").fetchone()
        if row and row[0] == self.migrations:
            self._free.append(name)
        else:
            self.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            self._all.remove(name)

    def close(self) -> None:
        for name in self._all:
            self.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        if self.started:
            _services("stop")


class Databases:
    """The databases stores use, one per store file name; emptied when released."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self.names: dict[Path, str] = {}
        self.sqlite: set[Path] = set()  # store files that stay SQLite files

    def keep_sqlite(self, path: Path) -> Path:
        """The store file ``path`` stays an SQLite file (for tests of both engines at once)."""
        self.sqlite.add(path.resolve())
        return path

    def url(self, path: Path) -> str:
        path = path.resolve()
        if path not in self.names:
            self.names[path] = self.server.database()
        return self.server.url_of(self.names[path])

    def drop(self, keep: set[Path] | None = None) -> None:
        """Release every database but those of ``keep`` (store file names)."""
        for path, name in list(self.names.items()):
            if keep is None or path not in keep:
                self.server.release(name)
                del self.names[path]

    def redirect(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Stores opened by file name, and data folders' stores, become these databases."""
        original = Store.__init__

        def redirected(self_: Store, target: str | Path, home: Path | None = None) -> None:
            if not is_url(target) and Path(target).resolve() not in self.sqlite:
                home = home or Path(target).parent
                target = self.url(Path(target))
            original(self_, target, home)

        def target(home: Path) -> str:
            return self.url(Path(home) / DB_NAME)

        monkeypatch.setattr(Store, "__init__", redirected)
        monkeypatch.setattr(store_db, "store_target", target)
        monkeypatch.setattr(web_app, "store_target", target)


def start_server() -> Server | str:
    """The session's server, or why there is none."""
    try:
        return Server()
    except Exception as exc:  # the reason is shown in the skip or the failure
        return f"PostgreSQL could not be started: {exc}"


@pytest.fixture(scope="session")
def session_databases(request: pytest.FixtureRequest) -> Iterator[Databases | None]:
    """When every test runs on PostgreSQL: stores live in databases for the whole session, so
    the data a module's fixture stores is there for each of its tests."""
    if os.environ.get("NEWSBRIEF_TEST_ENGINES") != "postgresql":
        yield None
        return
    databases = Databases(request.getfixturevalue("postgres_server"))
    monkeypatch = pytest.MonkeyPatch()
    databases.redirect(monkeypatch)
    yield databases
    monkeypatch.undo()
    databases.drop()


@pytest.fixture
def engine_databases(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Databases | None]:
    """On the PostgreSQL run of a test: stores opened by file name live in databases."""
    engine = getattr(request, "param", "sqlite")
    if engine != "postgresql":
        yield None
        return
    # A patch of its own: a test's monkeypatch.undo() must not take the engine away.
    monkeypatch = pytest.MonkeyPatch()
    databases: Databases | None = request.getfixturevalue("session_databases")
    keep: set[Path] = set()
    if databases is None:
        databases = Databases(request.getfixturevalue("postgres_server"))
        databases.redirect(monkeypatch)
    else:  # the databases of module fixtures, made before this test, stay for the next ones
        keep = set(databases.names)
    # Child processes run on the `home` fixture's data folder: the same database.
    monkeypatch.setenv("NEWSBRIEF_DATABASE_URL", databases.url(tmp_path / "home" / DB_NAME))
    yield databases
    monkeypatch.undo()
    databases.drop(keep)
    databases.sqlite.clear()


@pytest.fixture
def sqlite_file(engine_databases: Databases | None) -> Callable[[Path], Path]:
    """Names a store file that stays an SQLite file on the PostgreSQL run too (for the tests
    that compare or copy between the two engines)."""
    return engine_databases.keep_sqlite if engine_databases is not None else (lambda p: p)


@pytest.fixture
def pg_databases(postgres_server: Server) -> Iterator[Databases]:
    """Fresh PostgreSQL databases for a test that needs PostgreSQL itself (one per name)."""
    databases = Databases(postgres_server)
    yield databases
    databases.drop()
