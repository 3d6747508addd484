"""The typed settings: one attribute per entry of the SETTINGS table, read from the defaults,
config.toml, the environment and a command's options, each checked for its type."""

from __future__ import annotations

import dataclasses
import typing

import pytest

from newsbrief import config
from newsbrief.config import SETTINGS, ConfigError, Settings
from newsbrief.llm.fit import parse_context
from newsbrief.llm.ledger import parse_prices


def test_every_setting_is_an_attribute_of_its_type_and_nothing_is_left_over():
    hints = typing.get_type_hints(Settings)
    fields = [f.name for f in dataclasses.fields(Settings)]
    assert sorted(fields) == sorted(SETTINGS)
    for name, setting in SETTINGS.items():
        assert hints[name] is type(setting.default), name
    defaults = config.defaults()
    for name, setting in SETTINGS.items():
        value = getattr(defaults, name)
        assert type(value) is hints[name] and value == setting.default, name


def test_settings_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.defaults().since = "1h"  # type: ignore[misc]


def test_sources_in_order_file_environment_option(tmp_path, monkeypatch):
    for name in ("STORY_COUNT", "SINCE", "FETCH_FULL_TEXT", "LLM_MODEL"):
        monkeypatch.delenv(f"NEWSBRIEF_{name}", raising=False)
    (tmp_path / "config.toml").write_text(
        'story_count = 7\nsince = "2d"\nfetch_full_text = false\nstory_window_hours = 48\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("NEWSBRIEF_SINCE", "12h")
    monkeypatch.setenv("NEWSBRIEF_FETCH_FULL_TEXT", "yes")
    settings = config.load(tmp_path, llm_model="small")
    assert settings.story_count == 7  # the file
    assert settings.story_window_hours == 48.0 and type(settings.story_window_hours) is float
    assert settings.since == "12h"  # the environment over the file
    assert settings.fetch_full_text is True
    assert settings.llm_model == "small"  # the option over everything
    assert settings.summary_sentences == SETTINGS["summary_sentences"].default
    monkeypatch.setenv("NEWSBRIEF_STORY_COUNT", "3")
    assert config.load(tmp_path, story_count=5).story_count == 5


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("story_count = 2.5\n", "story_count: 2.5 is not a whole number"),
        ('fetch_full_text = "maybe"\n', "fetch_full_text: 'maybe' is not true or false"),
        ("since = 24\n", "since: 24 is not text"),
        ("fetch_timeout = true\n", "fetch_timeout: True is not a number"),
        ("no_such_thing = 1\n", "unknown setting 'no_such_thing'"),
    ],
)
def test_a_bad_value_in_the_file_is_named(tmp_path, text, message):
    (tmp_path / "config.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as caught:
        config.load(tmp_path)
    assert str(tmp_path / "config.toml") in str(caught.value)


def test_a_bad_value_in_the_environment_is_named(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSBRIEF_FETCH_CONCURRENCY", "many")
    with pytest.raises(ConfigError, match="NEWSBRIEF_FETCH_CONCURRENCY: setting"):
        config.load(tmp_path)


def test_defaults_with_values_are_checked_too():
    assert config.defaults(fetch_timeout=3).fetch_timeout == 3.0
    with pytest.raises(ConfigError, match="unknown setting 'fetch_timeot'"):
        config.defaults(fetch_timeot=3.0)


def test_a_table_in_the_file_is_read_as_the_text_form(tmp_path):
    (tmp_path / "config.toml").write_text(
        '[llm_prices]\n"gpt-4o-mini" = [0.15, 0.6]\nlocal = [0, 0]\n'
        "[model_context_tokens]\nSmolLM2 = 2048\n",
        encoding="utf-8",
    )
    settings = config.load(tmp_path)
    assert parse_prices(settings.llm_prices) == {"gpt-4o-mini": (0.15, 0.6), "local": (0.0, 0.0)}
    assert parse_context(settings.model_context_tokens) == {"SmolLM2": 2048}
