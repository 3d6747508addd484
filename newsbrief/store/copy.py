"""Copying a store to another engine (SQLite to PostgreSQL and back), verified and resumable.

Both stores are opened (so both are migrated to the same schema), then every table is copied
parents first, in the order of its primary key, in batches of one transaction each: a copy
that stops (a crash, Ctrl-C, a lost connection) is started again with the same command and
goes on after the last batch that was written. Rows keep their ids and articles their row
numbers, so both stores order everything the same. Search indexes are not copied: each engine
builds its own as the articles arrive.

At the end every table is verified: the same number of rows, and the same SHA-256 checksum
over all rows in key order on both sides (values compared as values: text as text, numbers
as numbers, bytes as bytes).
"""

from __future__ import annotations

import hashlib
import logging
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from newsbrief.store.db import Store
from newsbrief.store.postgres import PgConnection

log = logging.getLogger(__name__)

BATCH = 1000
# Tables that are the engine's own (search indexes, their shadow tables, bookkeeping).
_SKIP_PREFIXES = ("articles_fts", "sentences_fts", "sqlite_")
_SKIP = {"migrations"}


class CopyError(RuntimeError):
    """The copy cannot start or did not verify."""


@dataclass
class TableCopy:
    table: str
    rows: int  # rows in the source
    copied: int  # rows written by this run (the rest were there from an earlier run)
    checksum: str  # of the source and, verified, of the destination


@dataclass(frozen=True)
class Layout:
    """How to read and write one table on both sides."""

    table: str
    columns: tuple[str, ...]  # copied columns (rowid first where the table keeps it)
    key: tuple[str, ...]  # the order of copying; resuming goes on after the largest
    # Columns naming another row of the table, which may come later: written in a second
    # pass, once every row is there.
    self_refs: tuple[str, ...] = ()


def tables(store: Store) -> list[str]:
    """The store's tables, parents before the tables that refer to them."""
    if isinstance(store.conn, PgConnection):
        names = sorted(store.conn.schema.tables)
        refs = store.conn.execute(
            "SELECT c.relname, p.relname FROM pg_constraint k "
            "JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE k.contype = 'f' AND n.nspname = current_schema()"
        ).fetchall()
        parents = {name: {p for c, p in refs if c == name and p != name} for name in names}
    else:
        names = sorted(
            r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        )
        parents = {
            name: {
                r[2] for r in store.conn.execute(f"PRAGMA foreign_key_list({name})") if r[2] != name
            }
            for name in names
        }
    names = [n for n in names if n not in _SKIP and not n.startswith(_SKIP_PREFIXES)]
    ordered: list[str] = []
    while len(ordered) < len(names):
        ready = [n for n in names if n not in ordered and parents[n] <= set(ordered) | _SKIP]
        if not ready:  # a cycle: cannot happen with this schema, but never loop forever
            ready = [n for n in names if n not in ordered]
        ordered.extend(ready)
    return ordered


def _columns(store: Store, table: str) -> tuple[list[str], tuple[str, ...], bool]:
    """(columns, primary key, whether rows have a rowid)."""
    if isinstance(store.conn, PgConnection):
        info = store.conn.schema.tables[table]
        columns = [c for c in info.columns if not c.startswith("fts_")]
        return columns, info.key, "rowid" in columns
    rows = store.conn.execute(f"PRAGMA table_info({table})").fetchall()
    columns = [r[1] for r in rows]
    key = tuple(r[1] for r in sorted((r for r in rows if r[5]), key=lambda r: r[5]))
    sql = store.conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
    ).fetchone()[0]
    return columns, key, "WITHOUT ROWID" not in sql.upper()


def layout(source: Store, dest: Store, table: str) -> Layout:
    src_columns, key, src_rowid = _columns(source, table)
    dst_columns, _, dst_rowid = _columns(dest, table)
    missing = [c for c in src_columns if c not in dst_columns and c != "rowid"]
    if missing:
        raise CopyError(f"table {table}: the destination has no column {', '.join(missing)}")
    if not key:
        raise CopyError(f"table {table} has no primary key to copy it by")
    columns = [c for c in src_columns if c != "rowid"]
    # Articles are ordered by their row number: it goes with them where either side shows it
    # as a column (PostgreSQL keeps SQLite's implicit rowid in a column of that name).
    if ("rowid" in src_columns or "rowid" in dst_columns) and src_rowid and dst_rowid:
        columns.insert(0, "rowid")
    return Layout(table, tuple(columns), key, tuple(_self_references(source, table)))


def _self_references(store: Store, table: str) -> list[str]:
    """Columns that refer to another row of the same table (a story merged into another)."""
    if isinstance(store.conn, PgConnection):
        rows = store.conn.execute(
            "SELECT a.attname FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid "
            "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY(k.conkey) "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE k.contype = 'f' AND k.confrelid = k.conrelid AND c.relname = ? "
            "AND n.nspname = current_schema()",
            (table,),
        ).fetchall()
        return sorted(r[0] for r in rows)
    rows = store.conn.execute(f"PRAGMA foreign_key_list({table})").fetchall()
    return sorted(r[3] for r in rows if r[2] == table)


def _rows_after(
    store: Store, lay: Layout, after: Sequence[Any] | None, limit: int | None
) -> list[Any]:
    keys = ", ".join(lay.key)
    sql = f"SELECT {', '.join(lay.columns)} FROM {lay.table}"
    params: list[Any] = []
    if after is not None:
        marks = ", ".join("?" * len(lay.key))
        sql += f" WHERE ({keys}) > ({marks})" if len(lay.key) > 1 else f" WHERE {keys} > ?"
        params.extend(after)
    sql += f" ORDER BY {keys}"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return store.conn.execute(sql, params).fetchall()


def _last_key(store: Store, lay: Layout) -> tuple[Any, ...] | None:
    keys = ", ".join(lay.key)
    desc = ", ".join(f"{k} DESC" for k in lay.key)
    row = store.conn.execute(f"SELECT {keys} FROM {lay.table} ORDER BY {desc} LIMIT 1").fetchone()
    return tuple(row) if row is not None else None


def _key_of(lay: Layout, row: Sequence[Any]) -> tuple[Any, ...]:
    return tuple(row[lay.columns.index(k)] for k in lay.key)


def copy_table(
    source: Store,
    dest: Store,
    lay: Layout,
    batch: int = BATCH,
    progress: Callable[[str, int], None] | None = None,
) -> int:
    """Copy the rows the destination does not have yet; how many were written."""
    after = _last_key(dest, lay)
    if after is not None:
        log.info("%s: going on after %s", lay.table, after)
    insert = (
        f"INSERT INTO {lay.table} ({', '.join(lay.columns)}) "
        f"VALUES ({', '.join('?' * len(lay.columns))})"
    )
    later = [lay.columns.index(c) for c in lay.self_refs]
    written = 0
    while True:
        rows = _rows_after(source, lay, after, batch)
        if not rows:
            break
        values = [tuple(None if i in later else v for i, v in enumerate(r)) for r in rows]
        with dest.transaction() as tx:
            tx.executemany(insert, values)
        written += len(rows)
        after = _key_of(lay, rows[-1])
        if progress is not None:
            progress(lay.table, written)
    if lay.self_refs:
        _copy_references(source, dest, lay, batch)
    return written


def _copy_references(source: Store, dest: Store, lay: Layout, batch: int) -> None:
    """The second pass: self-references, now that every row they may name is there."""
    sets = ", ".join(f"{c} = ?" for c in lay.self_refs)
    where = " AND ".join(f"{k} = ?" for k in lay.key)
    update = f"UPDATE {lay.table} SET {sets} WHERE {where}"
    picks = [lay.columns.index(c) for c in lay.self_refs]
    for rows in _batches(source, lay, batch):
        changes = [
            (*(r[i] for i in picks), *_key_of(lay, r))
            for r in rows
            if any(r[i] is not None for i in picks)
        ]
        if changes:
            with dest.transaction() as tx:
                tx.executemany(update, changes)


def _value(value: Any) -> bytes:
    if value is None:
        return b"\x00N"
    if isinstance(value, bool):
        value = int(value)
    if isinstance(value, int):
        return b"\x00I" + str(value).encode()
    if isinstance(value, float):
        return b"\x00F" + (repr(value) if math.isfinite(value) else str(value)).encode()
    if isinstance(value, bytes | bytearray | memoryview):
        return b"\x00B" + bytes(value)
    return b"\x00T" + str(value).encode("utf-8")


def checksum(store: Store, lay: Layout, batch: int = 5000) -> tuple[int, str]:
    """(rows, SHA-256 over every row in key order)."""
    digest = hashlib.sha256()
    count = 0
    for rows in _batches(store, lay, batch):
        for row in rows:
            digest.update(b"".join(_value(v) for v in row) + b"\x00R")
            count += 1
    return count, digest.hexdigest()


def _batches(store: Store, lay: Layout, batch: int) -> Iterator[list[Any]]:
    after = None
    while rows := _rows_after(store, lay, after, batch):
        yield rows
        after = _key_of(lay, rows[-1])


def copy_store(
    source: Store,
    dest: Store,
    batch: int = BATCH,
    progress: Callable[[str, int], None] | None = None,
) -> list[TableCopy]:
    """Copy every table of ``source`` into ``dest`` and verify it; raise CopyError when the
    two differ afterwards (the destination held other data, or the source changed)."""
    if source.location == dest.location:
        raise CopyError(f"{dest.location}: that is the store being copied")
    names = tables(source)
    other = set(tables(dest))
    unknown = [n for n in names if n not in other]
    if unknown:
        raise CopyError(f"the destination has no table {', '.join(unknown)}")
    layouts = [layout(source, dest, n) for n in names]
    report = []
    for lay in layouts:
        copied = copy_table(source, dest, lay, batch, progress)
        report.append(TableCopy(lay.table, 0, copied, ""))
    _restart_sequences(dest, layouts)
    for item, lay in zip(report, layouts, strict=True):
        rows, digest = checksum(source, lay)
        rows_dest, digest_dest = checksum(dest, lay)
        if (rows, digest) != (rows_dest, digest_dest):
            raise CopyError(
                f"table {lay.table} differs after the copy: {rows} rows in the source, "
                f"{rows_dest} in the destination"
                + (" (their contents differ)" if rows == rows_dest else "")
                + "; was the destination empty, and the source left alone while copying?"
            )
        item.rows, item.checksum = rows, digest
    return report


def _restart_sequences(dest: Store, layouts: list[Layout]) -> None:
    """Ids given with the rows leave PostgreSQL's counters behind: move them past them."""
    if not isinstance(dest.conn, PgConnection):
        return
    for lay in layouts:
        info = dest.conn.schema.tables[lay.table]
        for column in ("id", "rowid"):
            if column in info.generated and column in info.columns:
                dest.conn.execute_native(
                    f"SELECT setval(pg_get_serial_sequence('{lay.table}', '{column}'), "
                    f"coalesce((SELECT max({column}) FROM {lay.table}), 0) + 1, false)",
                    [],
                )
