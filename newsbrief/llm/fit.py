"""How much one call may read and write: the answer's token budget, approximate token counts
and the model's context window.

No tokenizer is loaded (each model has its own, and most are not installed): tokens are
counted from the text so as to err high. A run of ASCII letters counts one token per four
letters (rounded up; common English words are one token, rare names split into pieces of three
or four), every other letter one token (scripts other than Latin rarely pack more than one
letter per token), every digit and punctuation mark one token (small models split numbers
into digits; JSON is mostly marks), spaces nothing; the total is raised by a tenth.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from newsbrief.llm.client import ModelConfigError

# One cited sentence of at most 35 words as JSON: its words (a little over one token each,
# more in other languages), its quotes and marks, the "text"/"cites" keys and the numbers.
SENTENCE_TOKENS = 90
ANSWER_TOKENS = 60  # the braces, brackets and field names around the sentences
MESSAGE_TOKENS = 8  # a chat template's markers around each message
MARGIN = 32  # left unused: the count is an estimate
MIN_SOURCE_TOKENS = 120  # less than this of the articles is not worth a call
SAFETY = 1.1

_PIECE = re.compile(r"[^\W\d_]+|\S")


class ContextSettingError(ModelConfigError):
    """``model_context_tokens`` cannot be read; the message is one line."""


def answer_tokens(sentences: int) -> int:
    """``max_tokens`` for an answer of at most ``sentences`` cited sentences."""
    return ANSWER_TOKENS + max(1, sentences) * SENTENCE_TOKENS


def approx_tokens(text: str) -> int:
    """Tokens of ``text`` for any common tokenizer, counted to err high."""
    count = 0
    for match in _PIECE.finditer(text):
        piece = match.group()
        if piece.isalpha():
            count += math.ceil(len(piece) / 4) if piece.isascii() else len(piece)
        else:
            count += 1
    return math.ceil(count * SAFETY)


def parse_context(value: Any) -> dict[str, int]:
    """``model_context_tokens``: 'model=tokens; ...' or a TOML table {model = tokens}."""
    if not value:
        return {}
    pairs: list[tuple[str, Any]]
    if isinstance(value, dict):
        pairs = [(str(k), v) for k, v in value.items()]
    else:
        pairs = []
        for part in str(value).split(";"):
            if not part.strip():
                continue
            model, sep, tokens = part.partition("=")
            if not sep:
                raise ContextSettingError(
                    f"model_context_tokens: {part.strip()!r} is not 'model=tokens'"
                )
            pairs.append((model.strip(), tokens.strip()))
    out: dict[str, int] = {}
    for model, tokens in pairs:
        try:
            out[model] = int(tokens)
        except (TypeError, ValueError):
            raise ContextSettingError(
                f"model_context_tokens: {model!r} needs a whole number of tokens"
            ) from None
        if out[model] < 1:
            raise ContextSettingError(f"model_context_tokens: {model!r} needs a positive number")
    return out


# Where llm plugins keep a model's context window, when they expose it at all.
_CONTEXT_ATTRS = ("context_window", "context_length", "max_context_tokens", "n_ctx")


def context_window(model: Any, names: list[str], configured: dict[str, int]) -> int | None:
    """The model's context window in tokens: the setting first (it may be smaller than the
    model's nominal window, as a server started with a small context is), else what the
    plugin says, else None (unknown: only ``llm_max_input_chars`` bounds the prompt)."""
    for name in names:
        if name in configured:
            return configured[name]
    for attr in _CONTEXT_ATTRS:
        value = getattr(model, attr, None)
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return value
    return None


@dataclass(frozen=True)
class Room:
    """How one call divides the context window."""

    answer: int  # max_tokens
    sources: int | None  # tokens left for the articles; None when the window is unknown
    fits: bool  # False: the instructions alone leave no useful room; do not call


def room(context: int | None, fixed: int, sentences: int) -> Room:
    """Room for the answer and the articles once ``fixed`` tokens of instructions are sent.

    The answer gets what it needs, but at most half of what is free, so that a small window
    still reads a story's most informative sentences.
    """
    wanted = answer_tokens(sentences)
    if context is None:
        return Room(wanted, None, True)
    free = context - fixed - MARGIN
    least = answer_tokens(1)
    if free < least + MIN_SOURCE_TOKENS:
        return Room(least, 0, False)
    answer = min(wanted, max(least, free // 2))
    return Room(answer, free - answer, True)
