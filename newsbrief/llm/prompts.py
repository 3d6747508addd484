"""Prompt templates, one versioned TOML file per task in ``newsbrief/llm/prompts/``.

A template has a ``version`` that is part of every cache key: raise it whenever a change to
the template should make cached answers stale.

What a template is filled with is data (article text, a reader's profile, a question): it is
sent between markers such as ``<<<ARTICLES`` and ``ARTICLES>>>``, and every value is cleared of
anything that could be read as a marker, so no article can close its block and speak as the
prompt.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from string import Template as _Text

# Angle brackets as written and in the forms a model reads the same way (full-width, small,
# single guillemets, CJK and mathematical angles), with invisible characters between them: a
# run of two or more is how a marker is made, so data never holds one.
_ANGLES = "<>\uff1c\uff1e\ufe64\ufe65\u2039\u203a\u3008\u3009\u27e8\u27e9\u276e\u276f"
_INVISIBLE = "\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff"
_MARKER = re.compile(f"[{_ANGLES}](?:[{_INVISIBLE}]*[{_ANGLES}])+")


def as_data(value: str) -> str:
    """``value`` with every run of angle brackets cut to its first bracket, so it cannot open
    or close a block of the prompt."""
    return _MARKER.sub(lambda m: m.group(0)[0], value)


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
        """The user prompt with ``$placeholders`` filled, each value as data (see ``as_data``);
        a missing value is an error."""
        return _Text(self.user).substitute({k: as_data(v) for k, v in values.items()})


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
