"""Settings, declared once with a default and help text.

Values come from, in order: a command's option, the environment (``NEWSBRIEF_<NAME>``),
``config.toml`` in the data folder, then the default declared here. Code reads them from one
:class:`Settings`, a frozen object with a typed attribute per setting.
"""

from __future__ import annotations

import logging
import os
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import platformdirs

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in [
        Setting(
            "story_window_hours",
            72.0,
            "A story with no new article for this many hours goes quiet and takes no more.",
        ),
        Setting(
            "database_url",
            "",
            "PostgreSQL database of the store (postgresql://user:password@host:port/name); "
            "empty: the SQLite file in the data folder.",
        ),
        Setting("since", "24h", "Default time window of a briefing."),
        Setting(
            "web_briefing_cache_mb",
            64.0,
            "Memory the web app keeps briefings in (least recently used go first).",
        ),
        Setting(
            "web_builds_per_minute",
            20,
            "Briefings and story write-ups the web app builds for one client in a minute.",
        ),
        Setting("story_count", 10, "Default number of stories in a briefing."),
        Setting("summary_sentences", 3, "Sentences in each story summary (2-4)."),
        Setting(
            "allow_private_addresses",
            False,
            "Allow fetching from, and webhooks to, loopback, private and other special-purpose "
            "addresses.",
        ),
        # Fetching feeds and pages.
        Setting(
            "fetch_interval_minutes",
            60.0,
            "Minutes between fetches of a feed (longer when its server asks).",
        ),
        Setting("fetch_max_failures", 10, "Consecutive failures after which a source is disabled."),
        Setting("fetch_concurrency", 32, "Requests in flight at once."),
        Setting("fetch_per_host", 2, "Requests in flight at once to one host."),
        Setting("fetch_host_delay", 0.5, "Seconds between two requests to one host."),
        Setting("fetch_timeout", 60.0, "Total seconds allowed for one request, body included."),
        Setting(
            "fetch_full_text", True, "Fetch the page of feed items that carry only an excerpt."
        ),
        Setting("fetch_pages_concurrency", 8, "Article pages fetched at once for full text."),
        Setting(
            "fetch_max_items",
            200,
            "New items stored per feed per fetch, newest first; the rest wait for the next fetch.",
        ),
        Setting(
            "fetch_pages_budget",
            120.0,
            "Seconds one feed's article pages may take per fetch; items whose page is not read "
            "by then keep their excerpt.",
        ),
        Setting(
            "extract_timeout",
            10.0,
            "Seconds one article page's extraction may take; past it the page keeps its excerpt.",
        ),
        Setting("parse_timeout", 30.0, "Seconds one feed's parsing may take; past it it fails."),
        Setting(
            "extract_max_bytes",
            5_000_000,
            "Largest article page (bytes of HTML) whose text is extracted; a larger one keeps "
            "its excerpt.",
        ),
        Setting("extract_workers", 2, "Worker processes that parse feeds and extract pages."),
        Setting(
            "semantic",
            "auto",
            "Sentence embeddings in clustering: auto (when the semantic extra is installed), "
            "on, off, multilingual (the multilingual extra's model instead).",
        ),
        # Scheduling and delivery.
        Setting("schedule_poll_seconds", 60.0, "Longest sleep of `newsbrief run` between checks."),
        Setting(
            "delivery_catch_up_hours",
            12.0,
            "A briefing missed while newsbrief was not running is still made this late.",
        ),
        Setting("delivery_max_attempts", 8, "Attempts per delivery before it is marked failed."),
        Setting(
            "delivery_retry_seconds",
            60.0,
            "Wait before the first retry of a failed delivery; it doubles with each attempt.",
        ),
        # Running the work on a task queue (optional; empty broker_url = all in-process).
        Setting(
            "broker_url",
            "",
            "Redis URL of the task queue (redis://[:password@]host:port/db): the scheduler and "
            "the web app queue the work for `newsbrief worker` processes; empty: in-process.",
        ),
        Setting("task_max_retries", 5, "Retries of a failed task before it becomes a dead letter."),
        Setting(
            "task_retry_seconds",
            10.0,
            "Wait before the first retry of a failed task; it doubles with each retry.",
        ),
        Setting(
            "task_visibility_seconds",
            600.0,
            "A task taken by a worker that died is handed to another worker after this long.",
        ),
        Setting(
            "task_requeue_minutes",
            30.0,
            "Work queued this long ago and still not done is queued again (a lost message).",
        ),
        Setting("smtp_host", "", "SMTP server for email channels."),
        Setting("smtp_port", 587, "SMTP server port (587 for starttls, 465 for tls)."),
        Setting("smtp_security", "starttls", "SMTP connection security: starttls, tls or none."),
        Setting("smtp_user", "", "SMTP user name; empty for no authentication."),
        Setting("smtp_from", "", "Sender address of briefing emails (default: smtp_user)."),
        Setting(
            "smtp_timeout",
            30.0,
            "Total seconds one email delivery may take, from connecting to the last reply.",
        ),
        Setting("smtp_ca_file", "", "PEM file of CA certificates to trust (default: system)."),
        Setting(
            "webhook_timeout",
            20.0,
            "Total seconds one webhook delivery may take, from connecting to the answer's end.",
        ),
        # Writing with a language model (optional; empty model = extractive only).
        Setting("llm_model", "", "Model (id or alias known to llm) for every writing task."),
        Setting("llm_model_writeup", "", "Model for story write-ups (default: llm_model)."),
        Setting("llm_model_why", "", "Model for 'why it matters' (default: llm_model)."),
        Setting("llm_model_overview", "", "Model for the briefing overview (default: llm_model)."),
        Setting("llm_model_answer", "", "Model for answers to questions (default: llm_model)."),
        Setting("llm_timeout", 60.0, "Seconds one model call may take before it is given up."),
        Setting("llm_retries", 2, "Retries of a call refused for load (429, 5xx, no connection)."),
        Setting("llm_backoff", 1.0, "Seconds before the first retry; doubled for each next one."),
        Setting("llm_max_wait", 30.0, "Longest Retry-After honoured; a longer one gives up."),
        Setting("llm_concurrency", 4, "Model calls in flight at once."),
        Setting(
            "llm_max_failures",
            3,
            "Failed calls in a row after which a run stops calling the model.",
        ),
        Setting("llm_max_input_chars", 24000, "Article text sent per story, in characters."),
        Setting("llm_prices", "", "USD per million tokens: 'model=input/output; ...'."),
        Setting(
            "model_context_tokens",
            "",
            "Context window of models, in tokens: 'model=tokens; ...'; prompts are trimmed to fit.",
        ),
        Setting(
            "reading_minutes",
            5.0,
            "Length budget of a briefing in minutes of reading; lower-ranked write-ups are "
            "trimmed to fit (summaries stay).",
        ),
    ]
}

SECRETS_FILE = "secrets.toml"


class ConfigError(ValueError):
    """A setting or data folder the user gave is unusable."""


def home_dir(explicit: str | os.PathLike[str] | None = None, create: bool = True) -> Path:
    """The data folder: ``--home``, else ``NEWSBRIEF_HOME``, else the per-user data dir.

    ``create=False`` leaves a missing folder missing: a command that only reads, or fails
    before writing, leaves nothing behind.
    """
    chosen = explicit or os.environ.get("NEWSBRIEF_HOME")
    path = Path(chosen) if chosen else Path(platformdirs.user_data_dir("newsbrief"))
    if path.exists() and not path.is_dir():
        raise ConfigError(f"{path}: data folder is not a directory")
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path


@dataclass(frozen=True)
class Settings:
    """Every setting, typed: one attribute per entry of ``SETTINGS``, of its default's type
    (a test checks that the two agree). Made by :func:`load` or :func:`defaults`, which check
    and convert every value, so code reads ``settings.fetch_timeout`` and trusts its type."""

    story_window_hours: float
    database_url: str
    since: str
    web_briefing_cache_mb: float
    web_builds_per_minute: int
    story_count: int
    summary_sentences: int
    allow_private_addresses: bool
    fetch_interval_minutes: float
    fetch_max_failures: int
    fetch_concurrency: int
    fetch_per_host: int
    fetch_host_delay: float
    fetch_timeout: float
    fetch_full_text: bool
    fetch_pages_concurrency: int
    fetch_max_items: int
    fetch_pages_budget: float
    extract_timeout: float
    parse_timeout: float
    extract_max_bytes: int
    extract_workers: int
    semantic: str
    schedule_poll_seconds: float
    delivery_catch_up_hours: float
    delivery_max_attempts: int
    delivery_retry_seconds: float
    broker_url: str
    task_max_retries: int
    task_retry_seconds: float
    task_visibility_seconds: float
    task_requeue_minutes: float
    smtp_host: str
    smtp_port: int
    smtp_security: str
    smtp_user: str
    smtp_from: str
    smtp_timeout: float
    smtp_ca_file: str
    webhook_timeout: float
    llm_model: str
    llm_model_writeup: str
    llm_model_why: str
    llm_model_overview: str
    llm_model_answer: str
    llm_timeout: float
    llm_retries: int
    llm_backoff: float
    llm_max_wait: float
    llm_concurrency: int
    llm_max_failures: int
    llm_max_input_chars: int
    llm_prices: str
    model_context_tokens: str
    reading_minutes: float


def _coerce(setting: Setting, value: Any, where: str) -> Any:
    """``value`` as the type of the setting's default; text (from the environment or the
    file) is read as that type. ConfigError names ``where`` and the setting otherwise."""
    kind = type(setting.default)
    if isinstance(value, dict) and kind is str:
        return _table_text(value)
    if isinstance(value, str) and kind is not str:
        text = value.strip().lower()
        if kind is bool:
            if text in _TRUE or text in _FALSE:
                return text in _TRUE
        else:
            try:
                return kind(text)
            except ValueError:
                pass
    elif kind is bool:
        if isinstance(value, bool):
            return value
    elif kind is float:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
    elif isinstance(value, kind) and not isinstance(value, bool):
        return value
    raise ConfigError(f"{where}: setting {setting.name}: {value!r} is not {_KIND[kind]}")


def _table_text(table: dict[str, Any]) -> str:
    """A TOML table as the text form of the same setting: ``{m = [1, 2]}`` is "m=1/2",
    ``{m = 2048}`` "m=2048" (``llm_prices`` and ``model_context_tokens`` take either)."""
    parts = []
    for key, value in table.items():
        shown = "/".join(map(str, value)) if isinstance(value, list) else str(value)
        parts.append(f"{key}={shown}")
    return "; ".join(parts)


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}
_KIND = {bool: "true or false", int: "a whole number", float: "a number", str: "text"}


def defaults(**values: Any) -> Settings:
    """The default settings, with ``values`` in place of some (checked like any other)."""
    return _with(Settings(**{name: s.default for name, s in SETTINGS.items()}), values, "settings")


def load(home: Path, **overrides: Any) -> Settings:
    """All settings for a data folder, resolved: ``overrides`` (a command's options), else
    ``NEWSBRIEF_<NAME>``, else ``config.toml`` in ``home``, else the default."""
    settings = defaults()
    path = home / "config.toml"
    if path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
        settings = _with(settings, data, str(path))
    for name in SETTINGS:
        variable = f"NEWSBRIEF_{name.upper()}"
        if variable in os.environ:
            settings = _with(settings, {name: os.environ[variable]}, variable)
    return _with(settings, overrides, "option")


def _with(settings: Settings, values: dict[str, Any], where: str) -> Settings:
    """``settings`` with ``values`` in place, each checked and converted to its type."""
    for key in values:
        if key not in SETTINGS:
            raise ConfigError(f"{where}: unknown setting {key!r}")
    return replace(settings, **{k: _coerce(SETTINGS[k], v, where) for k, v in values.items()})


def secret(home: Path, name: str) -> str | None:
    """A secret such as ``smtp_password``: ``NEWSBRIEF_<NAME>``, else ``secrets.toml``.

    Secrets are kept apart from settings so nothing that shows settings can show them.
    """
    env = os.environ.get(f"NEWSBRIEF_{name.upper()}")
    if env:
        return env
    path = home / SECRETS_FILE
    if not path.exists():
        return None
    if os.name == "posix" and path.stat().st_mode & 0o077:
        log.warning("%s can be read by other users; make it private: chmod 600 %s", path, path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        # The parser's message may quote the file, so only its position is reported.
        where = getattr(exc, "lineno", None)
        at = f" (line {where})" if where else ""
        raise ConfigError(f"{path}: not valid TOML{at}") from None
    value = data.get(name)
    return str(value) if value is not None else None
