"""Settings, declared once with a default and help text.

Values come from, in order: an explicit override, the environment (``NEWSBRIEF_<NAME>``),
``config.toml`` in the data folder, then the default declared here.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs


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
            "An article joins a story only if the story was active within this many hours.",
        ),
        Setting("since", "24h", "Default time window of a briefing."),
        Setting("story_count", 10, "Default number of stories in a briefing."),
        Setting("summary_sentences", 3, "Sentences in each story summary (2-4)."),
        Setting(
            "allow_private_addresses",
            False,
            "Allow fetching from loopback and private network addresses.",
        ),
        Setting(
            "reading_minutes",
            5.0,
            "Length budget of a briefing in minutes of reading; lower-ranked write-ups are "
            "trimmed to fit (summaries stay).",
        ),
    ]
}


class ConfigError(ValueError):
    """A setting or data folder the user gave is unusable."""


def home_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: ``--home``, else ``NEWSBRIEF_HOME``, else the per-user data dir."""
    chosen = explicit or os.environ.get("NEWSBRIEF_HOME")
    path = Path(chosen) if chosen else Path(platformdirs.user_data_dir("newsbrief"))
    if path.exists() and not path.is_dir():
        raise ConfigError(f"{path}: data folder is not a directory")
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
