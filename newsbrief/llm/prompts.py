"""Prompt templates, one versioned TOML file per task in ``newsbrief/llm/prompts/``.

A template has a ``version`` that is part of every cache key: raise it whenever a change to
the template should make cached answers stale.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from importlib import resources
from string import Template as _Text


@dataclass(frozen=True)
class Template:
    name: str
    version: int
    system: str
    user: str

    @property
    def key(self) -> str:
        """How the template is named in the cache: ``name@version``."""
        return f"{self.name}@{self.version}"

    def render(self, **values: str) -> str:
        """The user prompt with ``$placeholders`` filled; a missing value is an error."""
        return _Text(self.user).substitute(values)


@functools.cache
def load(name: str) -> Template:
    data = tomllib.loads(
        resources.files("newsbrief.llm").joinpath("prompts", f"{name}.toml").read_text("utf-8")
    )
    return Template(
        name=name,
        version=int(data["version"]),
        system=data["system"].strip(),
        user=data["user"].strip(),
    )
