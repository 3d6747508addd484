"""Numbered schema migrations, recorded in a table and applied every time the store opens.

Append new migrations at the end; never edit one that has shipped.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime

# A migration is SQL (run as one script) or a function that uses ``conn.execute`` only.
Migration = str | Callable[[sqlite3.Connection], None]

M001_INITIAL = """
    CREATE TABLE sources (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,              -- jsonl | file | page | feed
        url TEXT NOT NULL UNIQUE,        -- feed or page URL, or file name
        name TEXT,
        tags TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL
    );
    CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        source_id INTEGER REFERENCES sources(id) ON DELETE SET NULL,
        outlet TEXT,
        title TEXT NOT NULL,
        text TEXT NOT NULL DEFAULT '',
        raw TEXT,
        url TEXT,
        canonical_url TEXT,
        content_hash TEXT NOT NULL,
        published TEXT,
        first_seen TEXT NOT NULL,
        language TEXT,
        label TEXT,
        report_id TEXT                   -- first article of its syndication group
    );
    CREATE INDEX articles_canonical_url ON articles(canonical_url);
    CREATE INDEX articles_content_hash ON articles(content_hash);
    CREATE INDEX articles_first_seen ON articles(first_seen);
    CREATE INDEX articles_published ON articles(published);
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        created TEXT NOT NULL,           -- time of its first article
        updated TEXT NOT NULL,           -- time of its latest article
        merged_into TEXT REFERENCES stories(id)
    );
    CREATE INDEX stories_updated ON stories(updated);
    CREATE TABLE story_articles (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        added TEXT NOT NULL              -- when the store learned of the membership
    );
    CREATE INDEX story_articles_story ON story_articles(story_id);
    CREATE TABLE profiles (
        name TEXT PRIMARY KEY,
        data TEXT NOT NULL,              -- JSON of models.Profile
        created TEXT NOT NULL,
        updated TEXT NOT NULL
    );
    CREATE TABLE feedback (
        id INTEGER PRIMARY KEY,
        profile TEXT NOT NULL,
        story_id TEXT,
        target TEXT,                     -- entity or topic the feedback names, if any
        kind TEXT NOT NULL,
        created TEXT NOT NULL
    );
    CREATE INDEX feedback_profile ON feedback(profile, created);
    CREATE TABLE briefings (
        id INTEGER PRIMARY KEY,
        profile TEXT NOT NULL,
        created TEXT NOT NULL,
        since TEXT NOT NULL,
        data TEXT NOT NULL               -- the briefing as JSON
    );
    CREATE INDEX briefings_profile ON briefings(profile, created);
"""


M007_LLM_CACHE = """
    CREATE TABLE llm_cache (
        model TEXT NOT NULL,             -- resolved model id
        template TEXT NOT NULL,          -- prompt template name@version
        input_hash TEXT NOT NULL,        -- sha256 of the rendered prompt and schema
        output TEXT NOT NULL,            -- the model's validated JSON answer
        input_tokens INTEGER,
        output_tokens INTEGER,
        created TEXT NOT NULL,
        PRIMARY KEY (model, template, input_hash)
    );
    CREATE TABLE llm_runs (
        id INTEGER PRIMARY KEY,
        started TEXT NOT NULL,
        finished TEXT,
        command TEXT NOT NULL,           -- brief | ask | ...
        profile TEXT,
        sentences_checked INTEGER NOT NULL DEFAULT 0,
        sentences_replaced INTEGER NOT NULL DEFAULT 0,
        citations_rejected INTEGER NOT NULL DEFAULT 0,
        fallbacks INTEGER NOT NULL DEFAULT 0   -- pieces written extractively after a failure
    );
    CREATE TABLE llm_calls (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES llm_runs(id) ON DELETE CASCADE,
        task TEXT NOT NULL,              -- writeup | why_it_matters | overview | answer
        model TEXT NOT NULL,
        template TEXT NOT NULL,
        status TEXT NOT NULL,            -- ok | cached | timeout | rate_limited | invalid | ...
        attempts INTEGER NOT NULL DEFAULT 0,
        input_tokens INTEGER,
        output_tokens INTEGER,
        cost REAL,                       -- USD, when the model's price is configured
        seconds REAL NOT NULL DEFAULT 0,
        error TEXT,
        created TEXT NOT NULL
    );
    CREATE INDEX llm_calls_run ON llm_calls(run_id);
"""


MIGRATIONS: list[tuple[str, Migration]] = [
    ("001_initial", M001_INITIAL),
    ("007_llm_cache", M007_LLM_CACHE),
]


def apply(conn: sqlite3.Connection) -> list[str]:
    """Apply every migration not yet recorded, each atomically; return the names applied.

    The connection must be in autocommit mode (``isolation_level=None``).
    """
    conn.execute(
        "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied TEXT NOT NULL)"
    )
    done = {row[0] for row in conn.execute("SELECT name FROM migrations")}
    applied = []
    for name, migrate in MIGRATIONS:
        if name in done:
            continue
        now = datetime.now(UTC).isoformat(timespec="seconds")
        record = f"INSERT INTO migrations (name, applied) VALUES ('{name}', '{now}');"
        try:
            if isinstance(migrate, str):
                # executescript commits any open transaction first, so the script opens its own.
                conn.executescript(f"BEGIN;\n{migrate}\n{record}\nCOMMIT;")
            else:
                conn.execute("BEGIN")
                migrate(conn)
                conn.execute(record)
                conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        applied.append(name)
    return applied
