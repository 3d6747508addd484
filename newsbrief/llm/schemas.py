"""The JSON a model must answer with, one pydantic model per task.

The same classes give the JSON schema sent to the model (structured output) and validate
the answer; anything that does not validate is treated as a failed call.
"""

from __future__ import annotations

import json
import re
from typing import Any, TypeVar, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator


class CitedSentence(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="One sentence.")
    cites: list[int] = Field(description="Numbers of the articles that state what it says.")

    @field_validator("cites", mode="before")
    @classmethod
    def _numbers(cls, value: Any) -> Any:
        """A citation that is not an article number becomes 0, which the guard rejects.

        One bad citation must cost that sentence, not the whole answer.
        """
        if not isinstance(value, list):
            return value
        out = []
        for item in value:
            try:
                out.append(int(str(item).strip().lstrip("[#").rstrip("]")))
            except ValueError:
                out.append(0)
        return out


class StoryDraft(BaseModel):
    model_config = ConfigDict(extra="forbid")

    headline: CitedSentence
    summary: list[CitedSentence]
    what_is_happening: list[CitedSentence]
    why_it_matters: list[CitedSentence]
    whats_next: list[CitedSentence]
    beyond_the_headlines: list[CitedSentence]


class ShortStoryDraft(BaseModel):
    """A story's headline and summary only: what a small context window has room for."""

    model_config = ConfigDict(extra="forbid")

    headline: CitedSentence
    summary: list[CitedSentence]


class WhyDraft(BaseModel):
    model_config = ConfigDict(extra="forbid")

    why_it_matters: list[CitedSentence]


class OverviewDraft(BaseModel):
    model_config = ConfigDict(extra="forbid")

    overview: list[CitedSentence]


class AnswerDraft(BaseModel):
    model_config = ConfigDict(extra="forbid")

    answerable: bool
    answer: list[CitedSentence]


class InvalidAnswer(ValueError):
    """The model's text is not JSON of the expected shape. The message is one line."""


def schema_of(model: type[BaseModel]) -> dict[str, Any]:
    return model.model_json_schema()


def example_of(model: type[BaseModel]) -> str:
    """The answer's shape as a short JSON example: a tenth of the schema's tokens, for prompts
    that must fit a small context window."""
    return json.dumps(_example(model), separators=(",", ":"))


def _example(kind: Any) -> Any:
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        return {name: _example(info.annotation) for name, info in kind.model_fields.items()}
    if get_origin(kind) is list:
        return [_example(get_args(kind)[0])]
    return {bool: True, int: 1, float: 1.0}.get(kind, "…")  # one token, where "..." is three


_FENCE = re.compile(r"^\s*```(?:json)?\s*|\s*```\s*$", re.IGNORECASE)


T = TypeVar("T", bound=BaseModel)


def _leading_object(body: str) -> Any:
    """The first whole JSON object in the text, or None: a model asked without structured
    output (a small local one, for instance) may write on after its answer."""
    start = body.find("{")
    if start < 0:
        return None
    try:
        return json.JSONDecoder().raw_decode(body, start)[0]
    except json.JSONDecodeError:
        return None


def parse(text: str, model: type[T]) -> T:
    """The model's answer as ``model``; tolerates a Markdown code fence around the JSON."""
    body = _FENCE.sub("", text.strip())
    try:
        data = json.loads(body)
    except json.JSONDecodeError as exc:
        data = _leading_object(body)
        if data is None:
            raise InvalidAnswer(f"not valid JSON ({exc.msg} at character {exc.pos})") from None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "answer"
        raise InvalidAnswer(f"JSON of the wrong shape ({where}: {first['msg']})") from None
