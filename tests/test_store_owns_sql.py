"""All SQL lives in ``newsbrief/store/``: no other module writes a statement or runs one."""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "newsbrief"
STORE = PACKAGE / "store"

# A statement in a string: the clauses SQL cannot do without.
STATEMENT = re.compile(
    r"\bSELECT\b.+\bFROM\b|\bINSERT\s+(OR\s+\w+\s+)?INTO\b|\bUPDATE\s+\w+\s+SET\b"
    r"|\bDELETE\s+FROM\b|\b(CREATE|DROP|ALTER)\s+(TABLE|INDEX|VIRTUAL|TRIGGER|VIEW)\b"
    r"|\bPRAGMA\s+\w+",
    re.S,
)
RUN = re.compile(r"\.(execute|executemany|executescript|execute_native)\s*\(")


def sql_outside_store() -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if STORE in path.parents:
            continue
        text = path.read_text(encoding="utf-8")
        name = path.relative_to(PACKAGE.parent)
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.STRING and STATEMENT.search(token.string):
                found.append(f"{name}:{token.start[0]}: SQL {token.string[:60]}")
            if token.type == tokenize.NAME and token.string.startswith("execute"):
                line = token.line
                if RUN.search(line):
                    found.append(f"{name}:{token.start[0]}: runs SQL: {line.strip()[:60]}")
    return found


def test_no_sql_outside_the_store():
    assert sql_outside_store() == []


def test_the_check_finds_sql(tmp_path):
    """The check is not blind: the patterns catch what stages used to write."""
    samples = [
        '"SELECT id FROM articles WHERE label IS NOT NULL"',
        '"INSERT OR REPLACE INTO llm_cache (model) VALUES (?)"',
        '"UPDATE users SET password_hash = ? WHERE id = ?"',
        '"DELETE FROM sessions WHERE id = ?"',
    ]
    for sample in samples:
        assert STATEMENT.search(sample), sample
    assert RUN.search("rows = store.conn.execute(sql, params)")
    assert not STATEMENT.search('"Select the stories you follow from the list"')
