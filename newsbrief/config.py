"""Settings, declared once with a default and help text.

Values come from, in order: an explicit override, the environment (``NEWSBRIEF_<NAME>``),
``config.toml`` in the data folder, then the default declared here.
"""

from __future__ import annotations

import logging
import os
import tomllib
from dataclasses import dataclass
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


def _coerce(setting: Setting, value: Any) -> Any:
    default = setting.default
    if isinstance(value, str) and not isinstance(default, str):
        if isinstance(default, bool):
            return value.strip().lower() in {"1", "true", "yes", "on"}
        try:
            return type(default)(value)
        except ValueError as exc:
            raise ConfigError(
                f"setting {setting.name}: {value!r} is not a {type(default).__name__}"
            ) from exc
    return value


def load(home: Path) -> dict[str, Any]:
    """All settings for a data folder, resolved."""
    values = {name: s.default for name, s in SETTINGS.items()}
    path = home / "config.toml"
    if path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
        for key, value in data.items():
            if key not in SETTINGS:
                raise ConfigError(f"{path}: unknown setting {key!r}")
            values[key] = _coerce(SETTINGS[key], value)
    for name, setting in SETTINGS.items():
        env = os.environ.get(f"NEWSBRIEF_{name.upper()}")
        if env is not None:
            values[name] = _coerce(setting, env)
    return values


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
