"""Numbered schema migrations, recorded in a table and applied every time the store opens.

Append new migrations at the end; never edit one that has shipped. The same migrations, by
the same names, build an SQLite file and a PostgreSQL database: SQL is written in SQLite's
dialect and rewritten for PostgreSQL by the connection layer (``store/dialect.py``); where
the engines differ in kind (full-text search), a migration says what each engine runs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from newsbrief.store.engine import Connection
from newsbrief.store.postgres import PgConnection

Step = str | Callable[[Connection], None]


@dataclass(frozen=True)
class PerEngine:
    """A migration whose SQLite and PostgreSQL forms differ in more than dialect."""

    sqlite: Step
    postgresql: Callable[[PgConnection], None]


# A migration is SQL (run as one script), a function that uses ``conn.execute`` only, or one
# of each per engine.
Migration = Step | PerEngine

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


M002_SOURCES_HEALTH = """
    ALTER TABLE sources ADD COLUMN enabled INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE sources ADD COLUMN disabled_reason TEXT;
    ALTER TABLE sources ADD COLUMN site_url TEXT;
    ALTER TABLE sources ADD COLUMN etag TEXT;
    ALTER TABLE sources ADD COLUMN last_modified TEXT;
    ALTER TABLE sources ADD COLUMN last_fetch TEXT;
    ALTER TABLE sources ADD COLUMN last_success TEXT;
    ALTER TABLE sources ADD COLUMN last_status TEXT;       -- HTTP status or "error"
    ALTER TABLE sources ADD COLUMN last_error TEXT;
    ALTER TABLE sources ADD COLUMN failures INTEGER NOT NULL DEFAULT 0;  -- consecutive
    ALTER TABLE sources ADD COLUMN next_fetch TEXT;
    ALTER TABLE sources ADD COLUMN items INTEGER NOT NULL DEFAULT 0;     -- articles stored
    ALTER TABLE articles ADD COLUMN guid TEXT;
    ALTER TABLE articles ADD COLUMN partial INTEGER NOT NULL DEFAULT 0;  -- excerpt only
    ALTER TABLE articles ADD COLUMN author TEXT;
    ALTER TABLE articles ADD COLUMN image TEXT;
    CREATE INDEX articles_guid ON articles(guid);
"""

M003_CLUSTER_STATE = """
    CREATE TABLE cluster_state (
        key TEXT PRIMARY KEY,
        data BLOB NOT NULL,              -- zlib-compressed JSON
        updated TEXT NOT NULL
    );
"""

M008_DELIVERIES = """
    CREATE TABLE channels (
        id INTEGER PRIMARY KEY,
        profile TEXT NOT NULL,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,              -- email | folder | atom | webhook
        config TEXT NOT NULL,            -- JSON, per kind (a webhook URL is kept here)
        created TEXT NOT NULL,
        UNIQUE (profile, name)
    );
    CREATE TABLE editions (              -- the scheduled briefing of a profile for a local date
        id INTEGER PRIMARY KEY,
        profile TEXT NOT NULL,
        date TEXT NOT NULL,              -- the reader's local date, YYYY-MM-DD
        due TEXT NOT NULL,               -- the delivery time it was made for (UTC)
        briefing_id INTEGER NOT NULL REFERENCES briefings(id) ON DELETE CASCADE,
        created TEXT NOT NULL,
        UNIQUE (profile, date)
    );
    CREATE TABLE deliveries (            -- one per (profile, date, channel): exactly once
        id INTEGER PRIMARY KEY,
        edition_id INTEGER NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
        profile TEXT NOT NULL,
        date TEXT NOT NULL,
        channel TEXT NOT NULL,           -- channel name
        kind TEXT NOT NULL,
        status TEXT NOT NULL,            -- pending | sending | retrying | sent | failed
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt TEXT,               -- when a pending or retrying delivery is due (UTC)
        last_error TEXT,                 -- secrets removed
        created TEXT NOT NULL,
        updated TEXT NOT NULL,
        sent TEXT,
        UNIQUE (profile, date, channel)
    );
    CREATE INDEX deliveries_status ON deliveries(status, next_attempt);
"""


M009_WEB_ACCOUNTS = """
    CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        password_hash TEXT NOT NULL,     -- argon2id, with its parameters and salt
        created TEXT NOT NULL
    );
    CREATE TABLE sessions (
        id TEXT PRIMARY KEY,             -- SHA-256 of the cookie value; the value is not stored
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created TEXT NOT NULL,
        expires TEXT NOT NULL
    );
    CREATE INDEX sessions_user ON sessions(user_id);
    CREATE TABLE web_briefings (
        briefing_id INTEGER PRIMARY KEY REFERENCES briefings(id) ON DELETE CASCADE,
        profile TEXT NOT NULL,
        span TEXT NOT NULL,              -- the window asked for, e.g. 24h
        stamp TEXT NOT NULL              -- what the store looked like when it was built
    );
    CREATE INDEX web_briefings_profile ON web_briefings(profile, span);
    CREATE TABLE web_secrets (
        name TEXT PRIMARY KEY,           -- e.g. the key that signs CSRF tokens
        value TEXT NOT NULL,
        created TEXT NOT NULL
    );
"""


M004_WRITEUPS = """
    -- Story write-ups, reused while a story's articles and the summarizer are unchanged.
    CREATE TABLE writeups (
        story_id TEXT PRIMARY KEY REFERENCES stories(id) ON DELETE CASCADE,
        key TEXT NOT NULL,               -- fingerprint of the inputs the write-up was made from
        data TEXT NOT NULL,              -- the write-up as JSON
        created TEXT NOT NULL
    );
"""


M006_SEARCH_INDEX = """
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='articles', content_rowid='rowid',
        tokenize='porter unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    END;
    CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');
    -- Sentences are split in Python on the article write path (Store.add_article).
    CREATE TABLE sentences (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,       -- 0 is the headline
        text TEXT NOT NULL
    );
    CREATE INDEX sentences_article ON sentences(article_id);
    CREATE VIRTUAL TABLE sentences_fts USING fts5(
        text, content='sentences', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER sentences_fts_insert AFTER INSERT ON sentences BEGIN
        INSERT INTO sentences_fts (rowid, text) VALUES (new.id, new.text);
    END;
    CREATE TRIGGER sentences_fts_delete AFTER DELETE ON sentences BEGIN
        INSERT INTO sentences_fts (sentences_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END;
"""


def m006_backfill_sentences(conn: Connection) -> None:
    """Split the sentences of articles stored before the search index existed."""
    from newsbrief.text.search_sentences import article_sentences

    rows = conn.execute("SELECT id, title, text FROM articles").fetchall()
    for article_id, title, text in rows:
        conn.executemany(
            "INSERT INTO sentences (article_id, position, text) VALUES (?, ?, ?)",
            [(article_id, i, s) for i, s in enumerate(article_sentences(title, text))],
        )


M005_PROFILES_FEEDBACK = """
    -- What feedback taught newsbrief about a reader: a weight per term or entity.
    CREATE TABLE profile_weights (
        profile TEXT NOT NULL,
        feature TEXT NOT NULL,           -- a stemmed term, or @entity
        weight REAL NOT NULL,
        updated TEXT NOT NULL,
        PRIMARY KEY (profile, feature)
    );
    CREATE INDEX feedback_story ON feedback(profile, story_id, kind);
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


M010_CLUSTERING = """
    -- Each article's fragment: the tight group streaming put it in (see newsbrief/cluster.py).
    ALTER TABLE story_articles ADD COLUMN fragment TEXT;
    CREATE INDEX story_articles_fragment ON story_articles(fragment);
    -- Document frequencies of clustering terms; the document count is in cluster_state.
    CREATE TABLE cluster_terms (
        term TEXT PRIMARY KEY,
        df INTEGER NOT NULL
    ) WITHOUT ROWID;
    -- Fragments still open to new articles (recently active): sums of their article vectors.
    CREATE TABLE cluster_fragments (
        id TEXT PRIMARY KEY,
        story_id TEXT NOT NULL,
        size INTEGER NOT NULL,
        short INTEGER NOT NULL,          -- headline-only members
        dated INTEGER NOT NULL,          -- members with a publication time
        norm2 REAL NOT NULL,             -- squared length of the sum of unit vectors
        first TEXT,                      -- earliest and latest publication time
        last TEXT,
        seen TEXT,                       -- latest time a member was published or first seen
        created TEXT,                    -- earliest such time
        first_article TEXT NOT NULL,
        vector BLOB NOT NULL,            -- zlib-compressed JSON {term: weight}
        embedding BLOB                   -- float32 sum of member sentence embeddings, or NULL
    );
    CREATE INDEX cluster_fragments_seen ON cluster_fragments(seen);
    CREATE INDEX cluster_fragments_story ON cluster_fragments(story_id);
    -- MinHash signatures of recent articles, for near-duplicate (syndicated copy) detection.
    CREATE TABLE article_signatures (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        seen TEXT NOT NULL,
        minhash BLOB NOT NULL
    );
    CREATE INDEX article_signatures_seen ON article_signatures(seen);
    -- Merges and splits of stories, for the record and for links from an old story id.
    CREATE TABLE story_changes (
        id INTEGER PRIMARY KEY,
        story_id TEXT NOT NULL,          -- the story that ended (merge) or began (split)
        kind TEXT NOT NULL,              -- merge | split
        other TEXT NOT NULL,             -- the story it merged into, or split from
        at TEXT NOT NULL
    );
    CREATE INDEX story_changes_story ON story_changes(story_id);
    -- The single-blob state of the previous clusterer is replaced by the tables above.
    DELETE FROM cluster_state WHERE key = 'clusterer';
"""


def m011_fragment_times(conn: Connection) -> None:
    """Give fragments the sums of their publication times, from their articles."""
    from newsbrief.stories.cluster import epoch_hours
    from newsbrief.timeutil import parse_datetime

    conn.execute("ALTER TABLE cluster_fragments ADD COLUMN hours REAL NOT NULL DEFAULT 0")
    conn.execute("ALTER TABLE cluster_fragments ADD COLUMN hours2 REAL NOT NULL DEFAULT 0")
    sums: dict[str, list[float]] = {}
    rows = conn.execute(
        "SELECT sa.fragment, a.published FROM story_articles sa "
        "JOIN articles a ON a.id = sa.article_id "
        "WHERE sa.fragment IN (SELECT id FROM cluster_fragments) AND a.published IS NOT NULL"
    )
    for fragment, published in rows:
        when = parse_datetime(published)
        if when is not None:
            hours = epoch_hours(when)
            total = sums.setdefault(fragment, [0.0, 0.0])
            total[0] += hours
            total[1] += hours * hours
    conn.executemany(
        "UPDATE cluster_fragments SET hours = ?, hours2 = ? WHERE id = ?",
        [(h, h2, fragment) for fragment, (h, h2) in sums.items()],
    )


M012_BRIEFINGS_RECEIVED = """
    -- What a briefing was made over (two briefings over the same articles are one), and when
    -- the reader received it: printed, delivered or read; a scheduled edition not delivered
    -- yet has none. Briefings recorded before were all shown to the reader when made.
    ALTER TABLE briefings ADD COLUMN basis TEXT;
    ALTER TABLE briefings ADD COLUMN received TEXT;
    UPDATE briefings SET received = created;
"""


def pg001_initial(conn: PgConnection) -> None:
    conn.executescript(M001_INITIAL)
    # SQLite numbers rows in the order they were written (rowid); queries order articles by
    # it, so PostgreSQL keeps the same number in a column of that name.
    conn.execute_native(
        "ALTER TABLE articles ADD COLUMN rowid BIGINT GENERATED BY DEFAULT AS IDENTITY UNIQUE"
    )


PG006_SEARCH = r"""
    -- Words as SQLite's FTS5 (unicode61) splits them: letters and digits; any other character
    -- separates. Stemmed by Snowball English, no stop word dropped (FTS5 drops none).
    CREATE TEXT SEARCH DICTIONARY nb_stem (TEMPLATE = snowball, Language = english);
    CREATE TEXT SEARCH CONFIGURATION nb_search (COPY = simple);
    ALTER TEXT SEARCH CONFIGURATION nb_search ALTER MAPPING FOR asciiword, word, numword,
        asciihword, hword, numhword, hword_asciipart, hword_part, hword_numpart WITH nb_stem;
    CREATE FUNCTION nb_words(doc text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT regexp_replace(coalesce(doc, ''),
            '[^0-9A-Za-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff'
            '\u0370-\u1fff\u2c00-\u2dff\u3040-\ud7ff\uf900-\ufaff]+', ' ', 'g')
    $$;
    -- Tokens in a document (FTS5's document length): positions, over every word.
    CREATE FUNCTION nb_length(doc tsvector) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT coalesce(sum(coalesce(array_length(positions, 1), 1)), 0)::integer
          FROM unnest(doc) $$;
    ALTER TABLE articles ADD COLUMN fts_tsv tsvector;
    ALTER TABLE articles ADD COLUMN fts_len integer NOT NULL DEFAULT 0;
    CREATE FUNCTION nb_articles_fts() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.fts_tsv := setweight(to_tsvector('nb_search', nb_words(NEW.title)), 'A')
            || setweight(to_tsvector('nb_search', nb_words(NEW.text)), 'D');
        NEW.fts_len := nb_length(NEW.fts_tsv);
        RETURN NEW;
    END $$;
    CREATE TRIGGER articles_fts BEFORE INSERT OR UPDATE OF title, text ON articles
        FOR EACH ROW EXECUTE FUNCTION nb_articles_fts();
    UPDATE articles SET title = title;
    CREATE INDEX articles_fts_tsv ON articles USING gin (fts_tsv);
    CREATE INDEX articles_fts_len ON articles (fts_len);
    -- What FTS5's table offers the queries: a row id, the words (title weighted A) and length.
    CREATE VIEW articles_fts AS SELECT rowid, fts_tsv AS tsv, fts_len AS len FROM articles;

    -- An FTS5 query as the search code writes it ("a phrase" AND "word" ...) as a tsquery.
    CREATE FUNCTION nb_phrases(q text) RETURNS TABLE (phrase tsquery, op text)
    LANGUAGE sql STABLE AS $$
        SELECT phraseto_tsquery('nb_search', nb_words(coalesce(m[1], m[3]))), m[2]
        FROM regexp_matches(q, '"((?:[^"]|"")*)"|\m(AND|OR|NOT)\M|([^\s"()]+)', 'g') AS m
    $$;
    CREATE FUNCTION nb_query(q text) RETURNS tsquery LANGUAGE plpgsql STABLE AS $$
    DECLARE
        result tsquery;
        joiner text := 'AND';
        p record;
    BEGIN
        FOR p IN SELECT * FROM nb_phrases(q) LOOP
            IF p.op IS NOT NULL THEN
                joiner := p.op;
            ELSIF numnode(p.phrase) > 0 THEN
                result := CASE WHEN result IS NULL THEN p.phrase
                               WHEN joiner = 'OR' THEN result || p.phrase
                               WHEN joiner = 'NOT' THEN result && !! p.phrase
                               ELSE result && p.phrase END;
            END IF;
        END LOOP;
        RETURN coalesce(result, ''::tsquery);
    END $$;
    -- What BM25 needs of a query, once per query: each phrase, its IDF as FTS5 computes it,
    -- and the mean document length.
    CREATE TYPE nb_terms AS (phrases tsquery[], idf float8[], avgdl float8);
    CREATE FUNCTION nb_terms(q text) RETURNS nb_terms LANGUAGE plpgsql STABLE AS $$
    DECLARE
        result nb_terms;
        total bigint;
        hits bigint;
        p record;
    BEGIN
        SELECT count(*), coalesce(avg(fts_len), 0) INTO total, result.avgdl FROM articles;
        result.phrases := '{}';
        result.idf := '{}';
        FOR p IN SELECT * FROM nb_phrases(q) WHERE op IS NULL AND numnode(phrase) > 0 LOOP
            SELECT count(*) INTO hits FROM articles WHERE fts_tsv @@ p.phrase;
            result.phrases := result.phrases || p.phrase;
            result.idf := result.idf
                || greatest(ln((total - hits + 0.5) / (hits + 0.5)), 1e-6)::float8;
        END LOOP;
        RETURN result;
    END $$;
    -- FTS5's bm25() (k1 = 1.2, b = 0.75, column weights, negated: lower is better). A
    -- phrase's weighted frequency is ts_rank_cd with weights per column and no normalisation,
    -- which sums the weights of its occurrences.
    CREATE FUNCTION nb_bm25(doc tsvector, len integer, t nb_terms, w_title float8,
                            w_text float8) RETURNS float8 LANGUAGE sql STABLE AS $$
        SELECT -coalesce(sum(u.idf * f.tf * 2.2
                             / (f.tf + 1.2 * (0.25 + 0.75 * len / greatest((t).avgdl, 1)))), 0)
        FROM unnest((t).phrases, (t).idf) AS u(phrase, idf),
        LATERAL (SELECT greatest(w_title, w_text) AS top) AS m,
        LATERAL (SELECT m.top * ts_rank_cd(ARRAY[w_text / m.top, w_text / m.top,
            w_text / m.top, w_title / m.top]::float4[], doc, u.phrase, 0) AS tf) AS f
    $$;
    -- FTS5's snippet(): a stretch of the article around the words found, matches marked.
    CREATE FUNCTION nb_snippet(article_row bigint, q tsquery, open text, close text, ellipsis text,
                               size integer) RETURNS text LANGUAGE sql STABLE AS $$
        SELECT ts_headline('nb_search', CASE WHEN a.text <> '' THEN a.text ELSE a.title END, q,
            format('StartSel="%s", StopSel="%s", MaxWords=%s, MinWords=%s, MaxFragments=1, '
                   'FragmentDelimiter="%s"', open, close, size, greatest(size / 2, 1), ellipsis))
        FROM articles a WHERE a.rowid = article_row
    $$;
"""

PG006_SENTENCES = """
    CREATE TABLE sentences (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        text TEXT NOT NULL
    );
    CREATE INDEX sentences_article ON sentences(article_id);
"""


def pg006_search_index(conn: PgConnection) -> None:
    conn.execute_native(PG006_SEARCH)
    conn.executescript(PG006_SENTENCES)


# FTS5's snippet() with column -1 shows the column with the most matches: the title when the
# text holds none of the words found (ts_filter keeps the text's part of the index, weight D).
PG016_SNIPPET_COLUMN = r"""
    CREATE OR REPLACE FUNCTION nb_snippet(article_row bigint, q tsquery, open text, close text,
                                          ellipsis text, size integer) RETURNS text
    LANGUAGE sql STABLE AS $$
        SELECT ts_headline('nb_search',
            CASE WHEN a.text <> '' AND (ts_filter(a.fts_tsv, '{d}') @@ q
                                        OR NOT ts_filter(a.fts_tsv, '{a}') @@ q)
                 THEN a.text ELSE a.title END, q,
            format('StartSel="%s", StopSel="%s", MaxWords=%s, MinWords=%s, MaxFragments=1, '
                   'FragmentDelimiter="%s"', open, close, size, greatest(size / 2, 1), ellipsis))
        FROM articles a WHERE a.rowid = article_row
    $$;
"""


def pg016_snippet_column(conn: PgConnection) -> None:
    conn.execute_native(PG016_SNIPPET_COLUMN)


# FTS5's prefix query ("пожар"*, which the search writes for a word of a language that
# inflects its endings): the phrase's last word as a prefix.
PG019_PREFIX_SEARCH = r"""
    CREATE FUNCTION nb_prefix(words text) RETURNS tsquery LANGUAGE sql STABLE AS $$
        SELECT coalesce(to_tsquery('nb_search',
            string_agg(quote_literal(w), ' <-> ' ORDER BY i) || ':*'), ''::tsquery)
        FROM regexp_split_to_table(trim(words), '\s+') WITH ORDINALITY AS x(w, i)
        WHERE w <> ''
    $$;
    CREATE OR REPLACE FUNCTION nb_phrases(q text) RETURNS TABLE (phrase tsquery, op text)
    LANGUAGE sql STABLE AS $$
        SELECT CASE WHEN m[2] = '*' THEN nb_prefix(nb_words(m[1]))
                    ELSE phraseto_tsquery('nb_search', nb_words(coalesce(m[1], m[4]))) END,
               m[3]
        FROM regexp_matches(q, '"((?:[^"]|"")*)"(\*?)|\m(AND|OR|NOT)\M|([^\s"()*]+)', 'g') AS m
    $$;
"""


# FTS5 folds the case of every script; PostgreSQL's lower() only as the database's locale
# knows how (in the C locale, ASCII alone: "Пожар" would not be found by "пожар"). ICU's
# root collation, where the server has it, lowers every script whatever the locale.
PG019_WORDS = r"""
    CREATE OR REPLACE FUNCTION nb_words(doc text) RETURNS text LANGUAGE sql IMMUTABLE
    PARALLEL SAFE AS $$
        SELECT lower(regexp_replace(coalesce(doc, ''),
            '[^0-9A-Za-z\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff'
            '\u0370-\u1fff\u2c00-\u2dff\u3040-\ud7ff\uf900-\ufaff]+', ' ', 'g')
            COLLATE {collation})
    $$;
    UPDATE articles SET title = title;
"""


def pg019_prefix_search(conn: PgConnection) -> None:
    conn.execute_native(PG019_PREFIX_SEARCH)
    icu = conn.execute("SELECT 1 FROM pg_collation WHERE collname = 'und-x-icu'").fetchone()
    conn.execute_native(PG019_WORDS.format(collation='"und-x-icu"' if icu else '"default"'))


M013_TASKS = """
    CREATE TABLE task_queued (            -- work waiting in the broker, by key
        key TEXT PRIMARY KEY,             -- e.g. deliver:12, briefing:ana:2024-05-02
        queued TEXT NOT NULL
    );
    CREATE TABLE task_runs (              -- one row per finished attempt of a task
        id INTEGER PRIMARY KEY,
        task TEXT NOT NULL,
        status TEXT NOT NULL,             -- ok | error (retried) | dead (given up)
        seconds REAL NOT NULL,
        finished TEXT NOT NULL
    );
    CREATE INDEX task_runs_finished ON task_runs(finished);
    CREATE TABLE dead_letters (           -- tasks given up after their retries
        id INTEGER PRIMARY KEY,
        task TEXT NOT NULL,
        args TEXT NOT NULL,               -- JSON list of the task's arguments
        error TEXT NOT NULL,
        attempts INTEGER NOT NULL,
        created TEXT NOT NULL
    );
"""


M014_PROFILE_OWNERS = """
    -- Profiles belong to accounts; an admin manages every profile. A profile with no owner
    -- (made on the command line, or before any account existed) is managed by admins only.
    -- In a store made before, the first account becomes the admin and owns every profile.
    ALTER TABLE users ADD COLUMN admin INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE profiles ADD COLUMN owner INTEGER;          -- users.id, NULL: admins only
    UPDATE users SET admin = 1 WHERE id = (SELECT min(id) FROM users);
    UPDATE profiles SET owner = (SELECT min(id) FROM users);
    CREATE INDEX profiles_owner ON profiles(owner);
"""


M015_LLM_FORMATS = """
    -- The structured output a model's endpoint accepted (json_schema | json_object | prompt),
    -- learned when it rejected a richer one, so later runs ask that way at once.
    CREATE TABLE llm_formats (
        model TEXT PRIMARY KEY,
        format TEXT NOT NULL,
        learned TEXT NOT NULL
    );
"""


M017_FRAGMENT_LANGUAGES = """
    -- The languages a fragment's full texts were read in (comma-separated): groups in no
    -- common language are compared by the multilingual model too. '' for fragments kept
    -- before: unknown, compared as before.
    ALTER TABLE cluster_fragments ADD COLUMN languages TEXT NOT NULL DEFAULT '';
"""


M018_WRITTEN_DATES = """
    -- An undated article's own date, read from its top lines or its address (NULL: none, or
    -- stored before); and how many of a fragment's members carry one (0 for fragments kept
    -- before: compared as undated, as before).
    ALTER TABLE articles ADD COLUMN written TEXT;
    ALTER TABLE cluster_fragments ADD COLUMN written INTEGER NOT NULL DEFAULT 0;
"""


M021_FRAGMENT_HEADLINE_NAMES = """
    -- The words of the names its full texts' headlines give (comma-separated; '' for a
    -- fragment of headlines, or kept before: unknown, compared as before).
    ALTER TABLE cluster_fragments ADD COLUMN headline_names TEXT NOT NULL DEFAULT '';
"""


def m020_copy_hashes(conn: Connection) -> None:
    """Hash texts in any script. Words outside ASCII were left out of the hash, so every text
    with no Latin word (Russian, Arabic, Chinese ...) had the same one, and each was taken for
    an exact copy of the first: such an article is its own report again, or a copy of the
    first with the same words."""
    from newsbrief.stories.dedupe import content_hash

    changed: list[tuple[str, str, str, str | None]] = []  # id, old hash, new hash, report
    last = -1
    while True:
        rows = conn.execute(
            "SELECT rowid, id, title, text, content_hash, report_id FROM articles "
            "WHERE rowid > ? ORDER BY rowid LIMIT 500",
            (last,),
        ).fetchall()
        if not rows:
            break
        last = rows[-1][0]
        for _, aid, title, text, old, report in rows:
            if f"{title}{text}".isascii():
                continue  # ASCII text hashes as before
            new = content_hash(title, text)
            if new != old:
                changed.append((aid, old, new, report))
    conn.executemany(
        "UPDATE articles SET content_hash = ? WHERE id = ?", [(n, a) for a, _, n, _ in changed]
    )
    # Old hashes that stood for different texts, and the articles that shared each.
    texts: dict[str, set[str]] = {}
    for _, old, new, _ in changed:
        texts.setdefault(old, set()).add(new)
    shared = {old for old, news in texts.items() if len(news) > 1}
    members = {aid for aid, old, _, _ in changed if old in shared}
    first: dict[str, str] = {}  # new hash -> the earliest article with it (rowid order)
    reset = []
    for aid, old, new, report in changed:
        if old not in shared:
            continue
        first.setdefault(new, aid)
        if report in members and report != first[new]:
            reset.append((first[new], aid))
    conn.executemany("UPDATE articles SET report_id = ? WHERE id = ?", reset)


MIGRATIONS: list[tuple[str, Migration]] = [
    ("001_initial", PerEngine(M001_INITIAL, pg001_initial)),
    ("002_sources_health", M002_SOURCES_HEALTH),
    ("003_cluster_state", M003_CLUSTER_STATE),
    ("004_writeups", M004_WRITEUPS),
    ("005_profiles_feedback", M005_PROFILES_FEEDBACK),
    ("006_search_index", PerEngine(M006_SEARCH_INDEX, pg006_search_index)),
    ("006b_search_sentences", m006_backfill_sentences),
    ("007_llm_cache", M007_LLM_CACHE),
    ("008_deliveries", M008_DELIVERIES),
    ("009_web_accounts", M009_WEB_ACCOUNTS),
    ("010_clustering", M010_CLUSTERING),
    ("011_fragment_times", m011_fragment_times),
    ("012_briefings_received", M012_BRIEFINGS_RECEIVED),
    ("013_tasks", M013_TASKS),
    ("014_profile_owners", M014_PROFILE_OWNERS),
    ("015_llm_formats", M015_LLM_FORMATS),
    ("016_snippet_column", PerEngine("", pg016_snippet_column)),
    ("017_fragment_languages", M017_FRAGMENT_LANGUAGES),
    ("018_written_dates", M018_WRITTEN_DATES),
    ("019_prefix_search", PerEngine("", pg019_prefix_search)),
    ("020_copy_hashes", m020_copy_hashes),
    ("021_fragment_headline_names", M021_FRAGMENT_HEADLINE_NAMES),
]


def apply(conn: Connection) -> list[str]:
    """Apply every migration not yet recorded, each atomically; return the names applied.

    The connection must be in autocommit mode (``isolation_level=None``).
    """
    if isinstance(conn, PgConnection):
        return _apply_postgresql(conn)
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
        step = migrate.sqlite if isinstance(migrate, PerEngine) else migrate
        try:
            if isinstance(step, str):
                # executescript commits any open transaction first, so the script opens its own.
                conn.executescript(f"BEGIN;\n{step}\n{record}\nCOMMIT;")
            else:
                conn.execute("BEGIN")
                step(conn)
                conn.execute(record)
                conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        applied.append(name)
    return applied


def _apply_postgresql(conn: PgConnection) -> list[str]:
    # Processes that open the store at once wait for each other here, not race.
    conn.lock("migrations")
    try:
        conn.execute(
            "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied TEXT NOT NULL)"
        )
        done = {row[0] for row in conn.execute("SELECT name FROM migrations")}
        applied = []
        for name, migrate in MIGRATIONS:
            if name in done:
                continue
            conn.execute("BEGIN")
            try:
                if isinstance(migrate, PerEngine):
                    migrate.postgresql(conn)
                elif isinstance(migrate, str):
                    conn.executescript(migrate)
                else:
                    migrate(conn)
                conn.execute(
                    "INSERT INTO migrations (name, applied) VALUES (?, ?)",
                    (name, datetime.now(UTC).isoformat(timespec="seconds")),
                )
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            applied.append(name)
        return applied
    finally:
        conn.unlock("migrations")
