"""The store's SQL, written for SQLite, rewritten for PostgreSQL.

The store's statements are written once, in SQLite's dialect; on PostgreSQL the connection
layer rewrites each one (once: the result is cached) before it runs. The rewrites are few and
known, and each is exact for the statements the store writes:

- ``?`` placeholders become ``%s`` (and a literal ``%`` becomes ``%%``);
- ``INSERT OR IGNORE`` becomes ``ON CONFLICT DO NOTHING``; ``INSERT OR REPLACE`` becomes an
  upsert on the table's primary key that sets every other column as a new row would have it;
- an ``INSERT`` into a table whose key is a generated ``id`` returns it (``lastrowid``);
- the two-argument ``max``/``min`` become ``greatest``/``least``; ``json_extract(x, '$.k')``
  becomes ``x::jsonb #>> '{k}'``;
- ``ORDER BY`` on a column that may be NULL sorts NULLs as SQLite does (first when ascending);
- ``BEGIN IMMEDIATE`` becomes ``BEGIN`` (PostgreSQL takes row locks as it writes);
- in ``CREATE``/``ALTER TABLE``: ``INTEGER PRIMARY KEY`` becomes a generated identity,
  ``INTEGER`` ``BIGINT``, ``REAL`` ``DOUBLE PRECISION``, ``BLOB`` ``BYTEA``, ``TEXT`` sorts
  byte by byte (``COLLATE "C"``, SQLite's order) and ``WITHOUT ROWID`` goes;
- full-text search: ``articles_fts MATCH ?``, ``bm25(articles_fts, ...)`` and
  ``snippet(articles_fts, ...)`` call the functions migration 006 defines on PostgreSQL
  (a ``tsvector`` with a GIN index, and BM25 computed as SQLite's FTS5 computes it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_TOKEN = re.compile(
    r"""
    (?P<comment>--[^\n]*)
    | (?P<str>'(?:[^']|'')*')
    | (?P<ident>"(?:[^"]|"")*")
    | (?P<param>\?)
    | (?P<word>[A-Za-z_][A-Za-z0-9_$]*)
    | (?P<num>\d+(?:\.\d*)?)
    | (?P<ws>\s+)
    | (?P<op>::|<=|>=|<>|!=|\|\||.)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass
class Token:
    kind: str
    text: str

    @property
    def upper(self) -> str:
        return self.text.upper() if self.kind == "word" else self.text


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    key: tuple[str, ...]
    nullable: frozenset[str]
    generated: frozenset[str]  # computed or identity columns: never set by an upsert
    identity_id: bool  # the key is a generated ``id``


@dataclass
class Schema:
    tables: dict[str, Table] = field(default_factory=dict)

    def nullable(self, column: str) -> bool:
        return any(column in t.nullable for t in self.tables.values())


@dataclass(frozen=True)
class Statement:
    """A statement rewritten for PostgreSQL; ``plan`` maps its placeholders to parameters."""

    sql: str | None  # None: nothing to run on PostgreSQL (a PRAGMA)
    plan: tuple[int, ...] | None = None  # None: the parameters as given
    returns_id: bool = False


def tokens(sql: str) -> list[Token]:
    """The tokens of a statement, without comments."""
    out = []
    for match in _TOKEN.finditer(sql):
        kind = match.lastgroup or "op"
        if kind != "comment":
            out.append(Token(kind, match.group()))
    return out


def split(script: str) -> list[str]:
    """The statements of a script (semicolons outside quotes end them)."""
    statements: list[str] = []
    current: list[Token] = []
    for token in tokens(script):
        if token.text == ";":
            statements.append("".join(t.text for t in current))
            current = []
        else:
            current.append(token)
    statements.append("".join(t.text for t in current))
    return [s.strip() for s in statements if s.strip()]


def translate(sql: str, schema: Schema) -> Statement:
    toks = tokens(sql)
    words = [t.upper for t in toks if t.kind == "word"]
    if not words:
        return Statement("".join(t.text for t in toks))
    if words[0] == "PRAGMA":
        return Statement(None)
    if words[0] == "BEGIN":
        return Statement("BEGIN")
    if words[0] in ("CREATE", "ALTER") and len(words) > 1 and words[1] == "TABLE":
        toks = _ddl_types(toks)
    returns_id = False
    if words[0] == "INSERT":
        toks, returns_id = _insert(toks, schema)
    toks = _functions(toks)
    toks = _typed_null_tests(toks)
    toks = _order_nulls(toks, schema)
    toks, plan = _fulltext(toks)
    out = []
    for token in toks:
        if token.kind == "param":
            out.append("%s")
        elif "%" in token.text:
            out.append(token.text.replace("%", "%%"))
        else:
            out.append(token.text)
    return Statement("".join(out).strip(), plan, returns_id)


# DDL -------------------------------------------------------------------------------------

_TYPES = {
    "INTEGER": "BIGINT",
    "REAL": "DOUBLE PRECISION",
    "BLOB": "BYTEA",
    "TEXT": 'TEXT COLLATE "C"',
}


def _ddl_types(toks: list[Token]) -> list[Token]:
    out: list[Token] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        # Types are written in capitals in the store's DDL; a column may be named "text".
        if (
            t.kind == "word"
            and t.text == "INTEGER"
            and _next_words(toks, i, 2)
            == [
                "PRIMARY",
                "KEY",
            ]
        ):
            out.append(Token("word", "BIGINT GENERATED BY DEFAULT AS IDENTITY"))
        elif t.kind == "word" and t.text in _TYPES:
            out.append(Token("word", _TYPES[t.text]))
        elif t.kind == "word" and t.text == "WITHOUT" and _next_words(toks, i, 1) == ["ROWID"]:
            j = _skip_words(toks, i, 2)
            i = j
            continue
        else:
            out.append(t)
        i += 1
    return out


def _next_words(toks: list[Token], i: int, n: int) -> list[str]:
    out: list[str] = []
    for t in toks[i + 1 :]:
        if t.kind == "ws":
            continue
        if t.kind != "word" or len(out) == n:
            break
        out.append(t.upper)
    return out[:n]


def _skip_words(toks: list[Token], i: int, n: int) -> int:
    """The index after ``n`` words starting at ``i``."""
    seen = 0
    while i < len(toks) and seen < n:
        if toks[i].kind == "word":
            seen += 1
        i += 1
    return i


# INSERT ----------------------------------------------------------------------------------


def _insert(toks: list[Token], schema: Schema) -> tuple[list[Token], bool]:
    words = [(i, t.upper) for i, t in enumerate(toks) if t.kind == "word"]
    mode = None
    if len(words) > 2 and words[1][1] == "OR":
        mode = words[2][1]
        # Drop "OR IGNORE" / "OR REPLACE" (and the space before each word).
        drop = {words[1][0], words[2][0], words[1][0] - 1, words[2][0] - 1}
        toks = [t for i, t in enumerate(toks) if i not in drop]
        words = [(i, t.upper) for i, t in enumerate(toks) if t.kind == "word"]
    into = next((k for k, (_, w) in enumerate(words) if w == "INTO"), None)
    if into is None or into + 1 >= len(words):
        return toks, False
    name = toks[words[into + 1][0]].text.lower()
    table = schema.tables.get(name)
    has_returning = any(w == "RETURNING" for _, w in words)
    tail = ""
    toks = _qualify_updates(toks, name, table)
    if mode == "IGNORE":
        tail = " ON CONFLICT DO NOTHING"
    elif mode == "REPLACE" and table is not None:
        listed = _insert_columns(toks, words[into + 1][0] + 1)
        tail = _replace_clause(table, listed)
    if table is not None and table.identity_id and not has_returning:
        tail += " RETURNING id"
        return [*toks, Token("ws", tail)], True
    return [*toks, Token("ws", tail)] if tail else toks, False


def _qualify_updates(toks: list[Token], name: str, table: Table | None) -> list[Token]:
    """In ``ON CONFLICT ... DO UPDATE SET c = expr``, a bare column in ``expr`` means the
    stored row in SQLite; PostgreSQL calls it ambiguous, so it gets the table's name."""
    if table is None:
        return toks
    starts = [i for i, t in enumerate(toks) if t.upper == "SET"]
    if not starts or not any(t.upper == "CONFLICT" for t in toks[: starts[0]]):
        return toks
    out = toks[: starts[0] + 1]
    target = True  # the next word is the column assigned to
    depth = 0
    for i in range(starts[0] + 1, len(toks)):
        t = toks[i]
        if t.text == "(":
            depth += 1
        elif t.text == ")":
            depth -= 1
        elif t.text == "," and depth == 0:
            target = True
        elif t.kind == "word" and target:
            target = False
        elif (
            t.kind == "word"
            and t.text.lower() in table.columns
            and (i == 0 or toks[i - 1].text != ".")
            and _call_at(toks, i) is None
        ):
            out.append(Token("word", f"{name}.{t.text}"))
            continue
        out.append(t)
    return out


def _insert_columns(toks: list[Token], start: int) -> list[str]:
    """The column list after the table name of an INSERT."""
    i = start
    while i < len(toks) and toks[i].kind == "ws":
        i += 1
    if i >= len(toks) or toks[i].text != "(":
        return []
    names = []
    for t in toks[i + 1 :]:
        if t.text == ")":
            break
        if t.kind in ("word", "ident"):
            names.append(t.text.strip('"').lower())
    return names


def _replace_clause(table: Table, listed: list[str]) -> str:
    # SQLite's REPLACE deletes the row in the way and inserts the new one: every column not
    # given takes its default again.
    sets = []
    for column in table.columns:
        if column in table.key or column in table.generated:
            continue
        sets.append(f"{column} = EXCLUDED.{column}" if column in listed else f"{column} = DEFAULT")
    key = ", ".join(table.key)
    if not sets:
        return f" ON CONFLICT ({key}) DO NOTHING"
    return f" ON CONFLICT ({key}) DO UPDATE SET {', '.join(sets)}"


# Functions -------------------------------------------------------------------------------


def _closing(toks: list[Token], open_index: int) -> int:
    depth = 0
    for j in range(open_index, len(toks)):
        if toks[j].text == "(":
            depth += 1
        elif toks[j].text == ")":
            depth -= 1
            if depth == 0:
                return j
    raise ValueError("unbalanced parentheses")


def _arguments(toks: list[Token], open_index: int, close: int) -> list[list[Token]]:
    args: list[list[Token]] = [[]]
    depth = 0
    for t in toks[open_index + 1 : close]:
        if t.text == "(":
            depth += 1
        elif t.text == ")":
            depth -= 1
        if t.text == "," and depth == 0:
            args.append([])
        else:
            args[-1].append(t)
    return args


def _call_at(toks: list[Token], i: int) -> int | None:
    """The index of the "(" when the word at ``i`` is called as a function."""
    j = i + 1
    while j < len(toks) and toks[j].kind == "ws":
        j += 1
    return j if j < len(toks) and toks[j].text == "(" else None


def _functions(toks: list[Token]) -> list[Token]:
    out: list[Token] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        name = t.text.lower() if t.kind == "word" else ""
        if name in ("max", "min", "json_extract") and (paren := _call_at(toks, i)) is not None:
            close = _closing(toks, paren)
            args = _arguments(toks, paren, close)
            inner = _functions(toks[paren + 1 : close])
            if name == "json_extract" and len(args) == 2:
                path = "".join(x.text for x in args[1]).strip()
                doc = _functions(args[0])
                keys = ",".join(path.strip("'")[2:].split("."))
                out += [Token("op", "(("), *doc, Token("op", f")::jsonb #>> '{{{keys}}}')")]
            else:
                if len(args) > 1:
                    name = "greatest" if name == "max" else "least"
                out += [Token("word", name), Token("op", "("), *inner, Token("op", ")")]
            i = close + 1
            continue
        out.append(t)
        i += 1
    return out


def _typed_null_tests(toks: list[Token]) -> list[Token]:
    """``? IS NULL``: PostgreSQL must know a parameter's type, and a test for NULL gives none."""
    out: list[Token] = []
    for i, t in enumerate(toks):
        out.append(t)
        if t.kind == "param" and _next_words(toks, i, 1) == ["IS"]:
            out.append(Token("op", "::text"))
    return out


# ORDER BY --------------------------------------------------------------------------------

_ORDER_END = {"LIMIT", "OFFSET", "UNION", "EXCEPT", "INTERSECT", "FOR", "FETCH"}


def _order_nulls(toks: list[Token], schema: Schema) -> list[Token]:
    """SQLite sorts NULL before every value; PostgreSQL after. Say SQLite's order where a
    sorted column may hold NULL (only there: a NULLS clause can keep an index from serving)."""
    out: list[Token] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        out.append(t)
        if t.upper == "ORDER" and _next_words(toks, i, 1) == ["BY"]:
            j = _skip_words(toks, i, 2)
            out += toks[i + 1 : j]
            i = j
            term: list[Token] = []
            depth = 0
            while i < len(toks):
                x = toks[i]
                if x.text == "(":
                    depth += 1
                elif x.text == ")":
                    depth -= 1
                    if depth < 0:
                        break
                ends = depth == 0 and (x.upper in _ORDER_END or x.text == ";")
                if ends:
                    break
                if depth == 0 and x.text == ",":
                    out += [*_with_nulls(term, schema), x]
                    term = []
                else:
                    term.append(x)
                i += 1
            out += _with_nulls(term, schema)
            continue
        i += 1
    return out


def _with_nulls(term: list[Token], schema: Schema) -> list[Token]:
    significant = [t for t in term if t.kind != "ws"]
    if not significant or any(t.upper == "NULLS" for t in significant):
        return term
    direction = significant[-1].upper if significant[-1].upper in ("ASC", "DESC") else "ASC"
    expr = significant[:-1] if significant[-1].upper in ("ASC", "DESC") else significant
    name = expr[-1].text.lower() if expr and expr[-1].kind == "word" else ""
    plain = all(t.kind == "word" or t.text == "." for t in expr)
    if not (plain and name and schema.nullable(name)):
        return term
    trailing: list[Token] = []
    while term and term[-1].kind == "ws":
        trailing.insert(0, term.pop())
    nulls = " NULLS FIRST" if direction == "ASC" else " NULLS LAST"
    return [*term, Token("word", nulls), *trailing]


# Full-text search ------------------------------------------------------------------------


def _fulltext(toks: list[Token]) -> tuple[list[Token], tuple[int, ...] | None]:
    """``MATCH``, ``bm25()`` and ``snippet()`` on PostgreSQL's search functions. ``bm25`` and
    ``snippet`` read the query of the ``MATCH`` that follows them, so its parameter is passed
    to them too (the returned plan says which parameter goes to each placeholder)."""
    params = [i for i, t in enumerate(toks) if t.kind == "param"]
    if not any(t.upper == "MATCH" for t in toks):
        return toks, None
    index_of = {pos: k for k, pos in enumerate(params)}

    def next_match(pos: int) -> int:
        for j in range(pos, len(toks)):
            if toks[j].upper == "MATCH":
                return index_of[next(p for p in params if p > j)]
        raise ValueError("bm25() or snippet() without a MATCH after it")

    out: list[Token] = []
    plan: list[int] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        name = t.text.lower() if t.kind == "word" else ""
        if name in ("bm25", "snippet") and (paren := _call_at(toks, i)) is not None:
            close = _closing(toks, paren)
            args = _arguments(toks, paren, close)
            table = "".join(x.text for x in args[0]).strip()
            rest = ", ".join("".join(x.text for x in a).strip() for a in args[1:])
            source = next_match(i)
            if name == "bm25":
                out.append(Token("word", f"nb_bm25({table}.tsv, {table}.len, (SELECT nb_terms("))
                out += [Token("param", f"?{source}"), Token("op", f")), {rest})")]
            else:
                extra = ", ".join("".join(x.text for x in a).strip() for a in args[2:])
                # FTS5 marks every phrase of the query wherever it occurs; ts_headline marks
                # nothing when the text shown lacks one of the ANDed phrases (found only in the
                # title, say): it is given the phrases ORed.
                out.append(Token("word", f"nb_snippet({table}.rowid, (SELECT replace(nb_query("))
                out += [
                    Token("param", f"?{source}"),
                    Token("op", f")::text, ' & ', ' | ')::tsquery), {extra})"),
                ]
            plan.append(source)
            i = close + 1
            continue
        if t.kind == "param":
            plan.append(index_of[i])
            out.append(t)
            i += 1
            continue
        if t.upper == "MATCH" and out:
            # "<table> MATCH ?": the table's name is the last word written.
            k = len(out) - 1
            while out[k].kind == "ws":
                k -= 1
            table = out[k].text
            out[k] = Token("word", f"{table}.tsv @@ (SELECT nb_query(")
            j = i + 1
            while toks[j].kind == "ws":
                j += 1
            plan.append(index_of[j])
            out += [toks[j], Token("op", "))")]
            i = j + 1
            continue
        out.append(t)
        i += 1
    return out, tuple(plan)
