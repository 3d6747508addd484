"""Calls to language models through the ``llm`` library, bounded in time and retried politely.

``llm`` gives one interface to hosted providers, to local models through its plugins and to
any OpenAI-compatible endpoint (``extra-openai-models.yaml``), with its own key store. Its
user folder is pointed inside the data folder unless ``LLM_USER_PATH`` is already set, so
newsbrief writes nothing elsewhere.

Every attempt has a hard time limit. Calls refused for load (HTTP 429, 5xx, no connection)
are retried with exponential backoff, waiting at least what ``Retry-After`` asks; a longer
wait than ``max_wait`` is not worth holding a briefing for. A breaker stops calling a model
after several failures in a row, so a dead endpoint costs one time limit, not one per story.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import random
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from newsbrief.config import Settings

log = logging.getLogger(__name__)

USER_DIR = "llm"  # llm's user folder inside the data folder

# Structured output, richest first: the schema as the answer's structure, any JSON object
# (the schema then goes in the prompt), the schema in the prompt alone.
FORMATS = ("json_schema", "json_object", "prompt")
# What an endpoint's refusal of a format says (llama-cpp-python: a 422 on response_format.type).
_FORMAT_REFUSED = re.compile(r"response_format|json_schema|json_object|schema|format", re.I)

# Failure kinds worth another attempt; the others would fail the same way again.
RETRYABLE = frozenset({"rate_limited", "server_error", "unreachable"})
# Failure kinds that say the model cannot be used at all in this run.
FATAL = frozenset({"no_key", "refused"})


class ModelConfigError(Exception):
    """A configured model that cannot be used: unknown id, missing key. One line."""


@dataclass(frozen=True)
class Limits:
    timeout: float = 60.0
    retries: int = 2
    backoff: float = 1.0
    max_wait: float = 30.0
    concurrency: int = 4
    max_failures: int = 3

    @classmethod
    def from_settings(cls, settings: Settings) -> Limits:
        return cls(
            timeout=max(0.1, settings.llm_timeout),
            retries=max(0, settings.llm_retries),
            backoff=max(0.0, settings.llm_backoff),
            max_wait=max(0.0, settings.llm_max_wait),
            concurrency=max(1, settings.llm_concurrency),
            max_failures=max(1, settings.llm_max_failures),
        )


@dataclass(frozen=True)
class Request:
    system: str
    prompt: str
    schema: dict[str, Any]
    max_tokens: int | None = None  # the longest answer the task needs; None: no limit known
    # The answer's shape as a short JSON example, stated instead of the schema when the schema
    # goes in the prompt: for small context windows, where the schema alone would not fit.
    example: str = ""


@dataclass
class Outcome:
    """What one request came to, after any retries."""

    status: str  # ok | timeout | rate_limited | server_error | unreachable | refused | ...
    text: str = ""
    attempts: int = 0
    seconds: float = 0.0
    input_tokens: int | None = None
    output_tokens: int | None = None
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status == "ok"


@dataclass
class ModelInfo:
    id: str
    aliases: list[str]
    provider: str  # the llm plugin that registers it
    needs_key: str | None  # name of the key in llm's key store, None for keyless models
    key_env: str | None
    key_found: bool
    schema: bool  # supports structured output


def use_data_folder(home: Path) -> Path:
    """Keep llm's files (keys, extra models) in the data folder unless LLM_USER_PATH is set."""
    if not os.environ.get("LLM_USER_PATH"):
        os.environ["LLM_USER_PATH"] = str(home / USER_DIR)
    return Path(os.environ["LLM_USER_PATH"])


def available_models() -> list[ModelInfo]:
    """Every model llm knows here: built in, from plugins, and from extra-openai-models.yaml."""
    import llm

    out = []
    for entry in llm.get_models_with_aliases():
        model = entry.model
        if model is None:
            continue
        needs = getattr(model, "needs_key", None)
        env = getattr(model, "key_env_var", None)
        found = needs is None or bool(llm.get_key(alias=needs, env=env))
        out.append(
            ModelInfo(
                id=model.model_id,
                aliases=list(entry.aliases),
                provider=_provider(model),
                needs_key=needs,
                key_env=env,
                key_found=found,
                schema=bool(getattr(model, "supports_schema", False)),
            )
        )
    return out


def _provider(model: object) -> str:
    module = type(model).__module__
    if module.startswith("llm.default_plugins.openai"):
        return "openai" if getattr(model, "api_base", None) is None else "openai-compatible"
    return module.split(".")[0]


def resolve(name: str, timeout: float = 60.0) -> Any:
    """The llm model for an id or alias, with its key checked; ModelConfigError otherwise."""
    import llm

    try:
        model = llm.get_model(name)
    except llm.UnknownModelError:
        raise ModelConfigError(
            f"model {name!r} is unknown (see: newsbrief models; add plugins or an "
            "OpenAI-compatible endpoint to llm)"
        ) from None
    needs = getattr(model, "needs_key", None)
    if needs and getattr(model, "key", None) is None:
        env = getattr(model, "key_env_var", None)
        if not llm.get_key(alias=needs, env=env):
            hint = f" or set {env}" if env else ""
            raise ModelConfigError(
                f"model {name!r} needs a key: run 'llm keys set {needs}' with "
                f"LLM_USER_PATH={llm.user_dir()}{hint}"
            )
    _bound_client(model, timeout)
    return model


def _bound_client(model: Any, timeout: float) -> None:
    """Give OpenAI-style clients our time limit and no hidden retries of their own.

    llm builds these clients with the library defaults (a ten-minute timeout, two silent
    retries), which would hold a briefing for minutes and hide 429s from our backoff.
    """
    original = getattr(model, "get_client", None)
    if original is None:
        return

    def get_client(*args: Any, **kwargs: Any) -> Any:
        client = original(*args, **kwargs)
        with_options = getattr(client, "with_options", None)
        if with_options is None:
            return client
        return with_options(timeout=timeout, max_retries=0)

    model.get_client = get_client


def retry_after(headers: Any) -> float | None:
    """Seconds a server asks us to wait (Retry-After-Ms, Retry-After seconds or date)."""
    if headers is None:
        return None
    try:
        millis = headers.get("retry-after-ms")
        if millis is not None:
            return max(0.0, float(millis) / 1000)
        value = headers.get("retry-after")
    except (AttributeError, TypeError, ValueError):
        return None
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(str(value))
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def classify(exc: BaseException) -> tuple[str, float | None]:
    """A failure kind for an exception from any llm backend, and any wait the server asked."""
    response = getattr(exc, "response", None)
    status = getattr(exc, "status_code", None) or getattr(response, "status_code", None)
    name = type(exc).__name__.lower()
    if isinstance(exc, TimeoutError) or "timeout" in name:
        return "timeout", None
    if type(exc).__name__ == "NeedsKeyException":
        return "no_key", None
    if isinstance(status, int):
        if status == 429:
            return "rate_limited", retry_after(getattr(response, "headers", None))
        if status >= 500:
            return "server_error", retry_after(getattr(response, "headers", None))
        if status in (401, 403):
            return "refused", None
        return "http_error", None
    if "connection" in name or isinstance(exc, ConnectionError):
        return "unreachable", None
    return "error", None


def _within(seconds: float, call: Callable[[], Any]) -> Any:
    """Run call with a hard time limit, whatever the backend does with its own timeouts.

    The call runs in a daemon thread: a backend that never returns is abandoned, not awaited,
    and cannot keep the program from exiting.
    """
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = call()
        except BaseException as exc:
            box["error"] = exc

    thread = threading.Thread(target=target, daemon=True, name="newsbrief-model-call")
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        raise TimeoutError(f"no answer within {seconds:g}s")
    if "error" in box:
        raise box["error"]
    return box["value"]


class Breaker:
    """Opens after ``limit`` failures in a row, or at once for failures no retry can fix."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.failures = 0
        self.reason = ""
        self._lock = threading.Lock()

    @property
    def open(self) -> bool:
        with self._lock:
            return self.failures >= self.limit

    def record(self, outcome: Outcome) -> None:
        with self._lock:
            if outcome.ok:
                self.failures = 0
            elif outcome.status in FATAL:
                self.failures = self.limit
                self.reason = outcome.status
            elif outcome.status != "invalid":
                self.failures += 1
                self.reason = outcome.status


def schema_instruction(schema: dict[str, Any], example: str = "") -> str:
    """The schema as the prompt states it when the endpoint does not take it as structure."""
    if example:
        return "\n\nAnswer with JSON only, shaped like this:\n" + example
    return (
        "\n\nAnswer with one JSON object and nothing else, matching this JSON schema:\n"
        + json.dumps(schema, separators=(",", ":"))
    )


class ModelRunner:
    """Runs prompts on one model: a time limit per attempt, retries with backoff, a breaker."""

    def __init__(
        self,
        model: Any,
        limits: Limits,
        sleep: Callable[[float], None] = time.sleep,
        context: int | None = None,
    ) -> None:
        self.model = model
        self.model_id: str = model.model_id
        self.limits = limits
        self.context = context  # the context window in tokens, None when unknown
        self.breaker = Breaker(limits.max_failures)
        self._sleep = sleep
        self.format = self.formats()[0]  # how structured output is asked for
        self.learned = False  # the endpoint refused a richer format in this run
        self._format_lock = threading.Lock()

    def formats(self) -> list[str]:
        """The formats this model can be asked in, richest first."""
        fields = getattr(getattr(self.model, "Options", None), "model_fields", {})
        out = ["json_schema"] if getattr(self.model, "supports_schema", False) else []
        if "json_object" in fields:
            out.append("json_object")
        return [*out, "prompt"]

    def use_format(self, known: str | None) -> None:
        """Start with the format the endpoint was found to accept."""
        if known in self.formats():
            self.format = str(known)

    def _step_down(self, tried: str, exc: BaseException) -> bool:
        """After the endpoint rejected ``tried``: move to the next simpler format, and say
        whether asking again is worth it."""
        if tried == "prompt" or not _FORMAT_REFUSED.search(_said(exc)):
            return False
        with self._format_lock:
            if self.format == tried:  # not already moved on by a parallel call
                formats = self.formats()
                self.format = formats[formats.index(tried) + 1]
                self.learned = True
                log.info("%s: %s refused; asking with %s", self.model_id, tried, self.format)
        return True

    def _attempt(self, request: Request, format: str) -> Outcome:
        prompt = request.prompt
        kwargs: dict[str, Any] = {"system": request.system, "stream": False}
        limit = _limit_option(self.model)
        if limit and request.max_tokens:
            kwargs[limit] = request.max_tokens
        if format == "json_schema":
            kwargs["schema"] = request.schema
        else:
            prompt += schema_instruction(request.schema, request.example)
            if format == "json_object":
                kwargs["json_object"] = True

        def call() -> tuple[str, Any]:
            response = self.model.prompt(prompt, **kwargs)
            return response.text(), response.usage()

        # A little over the client's own timeout, so its cleaner error wins when it has one.
        text, usage = _within(self.limits.timeout + 1.0, call)
        return Outcome(
            "ok",
            text=text,
            input_tokens=getattr(usage, "input", None),
            output_tokens=getattr(usage, "output", None),
        )

    def fixed_tokens(self, request: Request) -> int:
        """Tokens of everything a request sends besides its articles (counted to err high):
        the schema is counted as part of the prompt, where it goes when the endpoint does not
        take structured output."""
        from newsbrief.llm.fit import MESSAGE_TOKENS, approx_tokens

        text = request.system + request.prompt + schema_instruction(request.schema, request.example)
        return approx_tokens(text) + 2 * MESSAGE_TOKENS

    def run(self, request: Request) -> Outcome:
        """One request, retried when the model is only busy. Never raises."""
        if self.breaker.open:
            return Outcome("skipped", error=f"model stopped for this run ({self.breaker.reason})")
        start = time.monotonic()
        attempts = refused = 0
        while True:
            attempts += 1
            format = self.format
            try:
                outcome = self._attempt(request, format)
            except Exception as exc:
                kind, wait = classify(exc)
                if kind == "http_error" and self._step_down(format, exc):
                    refused += 1  # asked again at once, more simply: not a retry
                    continue
                outcome = Outcome(kind, error=_one_line(exc))
                if kind in RETRYABLE and attempts - refused <= self.limits.retries:
                    delay = self.limits.backoff * 2 ** (attempts - 1)
                    delay += random.uniform(0, self.limits.backoff / 2)
                    if wait is not None:
                        if wait > self.limits.max_wait:
                            outcome.error += f" (asked to wait {wait:g}s, more than allowed)"
                        else:
                            delay = max(delay, wait)
                            wait = None
                    if wait is None:
                        log.info("%s: %s; retrying in %.1fs", self.model_id, kind, delay)
                        self._sleep(delay)
                        continue
            outcome.attempts = attempts
            outcome.seconds = time.monotonic() - start
            self.breaker.record(outcome)
            return outcome


# What llm plugins call the answer's token limit: OpenAI-style and most others, Gemini, Ollama.
_LIMIT_OPTIONS = ("max_tokens", "max_output_tokens", "num_predict")


def _limit_option(model: Any) -> str | None:
    """The option that bounds the answer's length for this model, if it has one."""
    fields = getattr(getattr(model, "Options", None), "model_fields", {})
    return next((name for name in _LIMIT_OPTIONS if name in fields), None)


def _said(exc: BaseException) -> str:
    """All an error says: its message, and the body of the HTTP answer when there is one
    (the OpenAI client keeps a validation error's details out of its message)."""
    parts = [str(exc), str(getattr(exc, "body", "") or "")]
    # A streamed or closed response has no text to read.
    with contextlib.suppress(Exception):
        parts.append(str(getattr(getattr(exc, "response", None), "text", "") or ""))
    return " ".join(parts)


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:300]
