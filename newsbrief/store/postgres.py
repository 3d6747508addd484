"""PostgreSQL behind the interface of a ``sqlite3`` connection: the store's connection layer.

The store's modules call ``execute``, ``executemany`` and ``executescript`` and read rows by
position or by column name, as with ``sqlite3``. On PostgreSQL each statement is rewritten
once from SQLite's dialect (``store/dialect.py``) and run through psycopg 3 in autocommit
mode, so ``BEGIN``/``COMMIT`` mean what they mean on SQLite. Errors are raised as the
``sqlite3`` exception classes (the DB-API hierarchy the store already speaks), so a caller
handles one kind of error on both.

Many processes may write at once: a transaction takes row locks as it writes, not the whole
database. Work that must not run twice at once (clustering) takes an advisory lock.
"""

from __future__ import annotations

import functools
import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from newsbrief.store.dialect import Schema, Statement, Table, split, translate

SCHEMES = ("postgresql://", "postgres://")


def is_url(target: object) -> bool:
    return isinstance(target, str) and target.startswith(SCHEMES)


def in_schema(url: str, schema: str) -> str:
    """The URL, with its connections working in ``schema`` (their ``search_path``)."""
    from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    query["options"] = f"{query.get('options', '')} -csearch_path={schema}".strip()
    return urlunsplit(parts._replace(query=urlencode(query, quote_via=quote)))


@contextmanager
def scratch_schema(url: str) -> Iterator[str]:
    """A new, empty schema in the database of ``url`` (its URL), dropped afterwards."""
    import uuid

    import psycopg

    schema = f"newsbrief_scratch_{uuid.uuid4().hex[:12]}"
    try:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
    except psycopg.Error as exc:
        raise sqlite3.OperationalError(
            f"cannot make a scratch schema in {redact(url)}: {str(exc).strip()}"
        ) from exc
    try:
        yield in_schema(url, schema)
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def redact(url: str) -> str:
    """The URL without its password, to show."""
    head, sep, tail = url.partition("://")
    if "@" not in tail:
        return url
    userinfo, _, rest = tail.rpartition("@")
    user = userinfo.split(":", 1)[0]
    return f"{head}{sep}{user}:***@{rest}" if ":" in userinfo else url


class Row(tuple[Any, ...]):
    """A result row read by position or by column name, like ``sqlite3.Row``."""

    __slots__ = ()
    _index: dict[str, int] = {}  # noqa: RUF012 (set per result shape by _row_class)

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._index)


@functools.lru_cache(maxsize=512)
def _row_class(names: tuple[str, ...]) -> type[Row]:
    index: dict[str, int] = {}
    for i, name in enumerate(names):
        index.setdefault(name, i)  # the first of two same-named columns, as sqlite3.Row
    return type("Row", (Row,), {"__slots__": (), "_index": index})


def _rows(cursor: Any) -> Any:
    names = tuple(c.name for c in cursor.description or ())
    cls = _row_class(names)
    return lambda values: tuple.__new__(cls, values)


def _error(exc: Exception) -> sqlite3.Error:
    import psycopg

    kind: type[sqlite3.Error] = (
        sqlite3.IntegrityError
        if isinstance(exc, psycopg.IntegrityError)
        else sqlite3.OperationalError
    )
    error = kind(str(exc).strip())
    error.__cause__ = exc
    return error


class Cursor:
    """The result of one statement, read like a ``sqlite3.Cursor``."""

    def __init__(self, cursor: Any, returns_id: bool = False) -> None:
        self._cursor = cursor
        self.lastrowid: int | None = None
        self.rowcount: int = cursor.rowcount if cursor is not None else -1
        if returns_id and cursor is not None and cursor.description is not None:
            returned = cursor.fetchall()
            self.lastrowid = int(returned[-1][0]) if returned else None
            self._cursor = None

    @property
    def description(self) -> Any:
        return self._cursor.description if self._cursor is not None else None

    def _has_rows(self) -> bool:
        return self._cursor is not None and self._cursor.description is not None

    def fetchone(self) -> Any:
        return self._cursor.fetchone() if self._has_rows() else None

    def fetchall(self) -> list[Any]:
        return self._cursor.fetchall() if self._has_rows() else []

    def __iter__(self) -> Iterator[Any]:
        return iter(self.fetchall())


class PgConnection:
    """A psycopg connection that takes SQLite's dialect (see the module docstring)."""

    engine = "postgresql"

    def __init__(self, url: str) -> None:
        try:
            import psycopg
        except ImportError as exc:  # pragma: no cover - depends on the installation
            raise sqlite3.OperationalError(
                "PostgreSQL needs the psycopg package: pip install 'newsbrief[postgresql]'"
            ) from exc
        try:
            self._conn = psycopg.connect(url, autocommit=True, row_factory=_rows)
        except psycopg.Error as exc:
            raise sqlite3.OperationalError(
                f"cannot connect to {redact(url)}: {str(exc).strip()}"
            ) from exc
        self.url = url
        self._statements: dict[str, Statement] = {}
        self.schema = Schema()
        self.refresh_schema()

    # the sqlite3 interface -------------------------------------------------------------

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor:
        statement = self._statement(sql)
        if statement.sql is None:
            return Cursor(None)
        cursor = self._conn.cursor()
        try:
            cursor.execute(statement.sql, _arguments(statement, params))
        except Exception as exc:
            raise _error(exc) from exc
        if _changes_schema(sql):
            self.refresh_schema()
        return Cursor(cursor, statement.returns_id)

    def executemany(self, sql: str, seq: Iterable[Sequence[Any]]) -> Cursor:
        statement = self._statement(sql)
        rows = [_arguments(statement, p) for p in seq]
        if statement.sql is None or not rows:
            return Cursor(None)
        cursor = self._conn.cursor()
        try:
            cursor.executemany(statement.sql.removesuffix(" RETURNING id"), rows)
        except Exception as exc:
            raise _error(exc) from exc
        return Cursor(cursor)

    def executescript(self, script: str) -> Cursor:
        """Run a script of SQLite-dialect statements, one by one."""
        for sql in split(script):
            self.execute(sql)
        return Cursor(None)

    def execute_native(self, sql: str, params: Sequence[Any] | None = None) -> Cursor:
        """Run PostgreSQL's own SQL as written (several statements when there are no params)."""
        cursor = self._conn.cursor()
        try:
            cursor.execute(sql, params)
        except Exception as exc:
            raise _error(exc) from exc
        if params is None:
            self.refresh_schema()
        return Cursor(cursor)

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        return bool(self._conn.info.transaction_status != TransactionStatus.IDLE)

    def commit(self) -> None:
        """Commit an open transaction, as ``sqlite3.Connection.commit`` does."""
        if self.in_transaction:
            self.execute("COMMIT")

    def close(self) -> None:
        self._conn.close()

    # PostgreSQL's own ------------------------------------------------------------------

    def lock(self, name: str) -> None:
        """Wait for and take an advisory lock held until ``unlock`` (or the session ends)."""
        self.execute_native("SELECT pg_advisory_lock(%s)", [lock_key(name)])

    def unlock(self, name: str) -> None:
        self.execute_native("SELECT pg_advisory_unlock(%s)", [lock_key(name)])

    def refresh_schema(self) -> None:
        """Read the tables' columns and keys, which some rewrites need."""
        rows = self._conn.execute(
            "SELECT c.relname, a.attname, a.attnotnull, a.attidentity <> '' OR "
            "a.attgenerated <> '', coalesce(a.attnum = ANY(i.indkey), false) "
            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
            "LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary "
            "WHERE c.relkind = 'r' AND n.nspname = current_schema() ORDER BY c.relname, a.attnum"
        ).fetchall()
        columns: dict[str, list[tuple[str, bool, bool, bool]]] = {}
        for table, column, notnull, generated, key in rows:
            columns.setdefault(table, []).append((column, notnull, generated, key))
        tables = {}
        for table, cols in columns.items():
            key = tuple(c for c, _, _, k in cols if k)
            generated = frozenset(c for c, _, g, _ in cols if g)
            tables[table] = Table(
                columns=tuple(c for c, _, _, _ in cols),
                key=key,
                nullable=frozenset(c for c, notnull, _, _ in cols if not notnull),
                generated=generated,
                identity_id=key == ("id",) and "id" in generated,
            )
        self.schema = Schema(tables)
        self._statements.clear()

    def _statement(self, sql: str) -> Statement:
        statement = self._statements.get(sql)
        if statement is None:
            statement = translate(sql, self.schema)
            if len(self._statements) > 4096:
                self._statements.clear()
            self._statements[sql] = statement
        return statement


def lock_key(name: str) -> int:
    """A stable 63-bit key for an advisory lock's name."""
    return zlib.crc32(f"newsbrief:{name}".encode()) | (0x4E42 << 32)


def _arguments(statement: Statement, params: Sequence[Any]) -> list[Any]:
    values = list(params)
    if statement.plan is None:
        return values
    return [values[i] for i in statement.plan]


def _changes_schema(sql: str) -> bool:
    head = sql.lstrip().split(None, 1)[0].upper() if sql.strip() else ""
    return head in ("CREATE", "ALTER", "DROP")
