"""An OpenAI-compatible HTTP server on loopback that answers from a script.

It implements ``GET /v1/models`` and ``POST /v1/chat/completions`` as the OpenAI API does,
so newsbrief reaches it through llm exactly as it would reach a hosted model, Ollama or a
llama.cpp server. A test gives it a ``script``: a function from the parsed request to a
``Reply`` (an answer, an HTTP error with headers, or a delay).
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

MODEL_ID = "scripted"


@dataclass
class Reply:
    content: str = ""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


@dataclass
class Seen:
    """One request the server received."""

    at: float
    body: dict[str, Any]

    @property
    def system(self) -> str:
        return next((m["content"] for m in self.body["messages"] if m["role"] == "system"), "")

    @property
    def prompt(self) -> str:
        return next((m["content"] for m in self.body["messages"] if m["role"] == "user"), "")

    @property
    def task(self) -> str:
        first = self.system.splitlines()[0] if self.system else ""
        for key, task in (
            ("write one story", "writeup"),
            ("explain to one reader", "why"),
            ("opening paragraph", "overview"),
            ("answer a reader's question", "answer"),
        ):
            if key in first:
                return task
        return "unknown"

    def block(self, name: str) -> Any:
        """The JSON data between <<<NAME and NAME>>> in the prompt."""
        match = re.search(rf"<<<{name}\n(.*?)\n{name}>>>", self.prompt, re.DOTALL)
        assert match, f"no {name} block in the prompt"
        return json.loads(match.group(1))

    def number_of(self, phrase: str) -> int:
        """The number the prompt gives the article whose text or title has the phrase."""
        for item in self.block("ARTICLES"):
            if phrase in item["text"] or phrase in item["title"]:
                return int(item["n"])
        raise AssertionError(f"no article with {phrase!r}")


Script = Callable[[Seen], Reply]


def chat_answer(content: str, prompt_tokens: int, completion_tokens: int) -> dict[str, Any]:
    return {
        "id": "chatcmpl-scripted",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": MODEL_ID,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": "stop",
            }
        ],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }


def chars_tokens(text: str) -> int:
    """Tokens as the server counts them: four characters each, about what the tokenizers of
    small open models give for English news (and independent of newsbrief's own estimate)."""
    return len(text) // 4


class ModelServer:
    def __init__(
        self,
        script: Script,
        context: int | None = None,
        formats: tuple[str, ...] | None = None,
    ) -> None:
        self.script = script
        # The response_format types the server takes (None: all). llama-cpp-python's server
        # takes "json_object" only and refuses "json_schema" with a validation error (422).
        self.formats = formats
        # A context window, enforced as llama.cpp's server does: a request whose prompt and
        # max_tokens do not fit is refused with HTTP 400 and the model is never run.
        self.context = context
        self.seen: list[Seen] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def _send(self, status: int, body: dict[str, Any], headers: dict[str, str]) -> None:
                data = json.dumps(body).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                if self.path.rstrip("/") == "/v1/models":
                    self._send(200, {"object": "list", "data": [{"id": MODEL_ID}]}, {})
                else:
                    self._send(404, {"error": {"message": "not found"}}, {})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                body = json.loads(self.rfile.read(length))
                if self.path.rstrip("/") != "/v1/chat/completions":
                    self._send(404, {"error": {"message": "not found"}}, {})
                    return
                seen = Seen(time.monotonic(), body)
                with server._lock:
                    server.seen.append(seen)
                asked_format = (body.get("response_format") or {}).get("type")
                formats = server.formats
                if formats is not None and asked_format not in (None, *formats):
                    detail = {
                        "type": "literal_error",
                        "loc": ["body", "response_format", "type"],
                        "msg": "Input should be 'text' or 'json_object'",
                        "input": asked_format,
                    }
                    self._send(422, {"detail": [detail]}, {})
                    return
                if server.context is not None:
                    asked = chars_tokens(seen.system + seen.prompt) + int(
                        body.get("max_tokens") or server.context
                    )
                    if asked > server.context:
                        message = (
                            f"Requested tokens ({asked}) exceed context window of {server.context}"
                        )
                        self._send(400, {"error": {"message": message}}, {})
                        return
                reply = server.script(seen)
                if reply.delay:
                    time.sleep(reply.delay)
                if reply.status != 200:
                    error = {"error": {"message": "scripted error", "type": "scripted"}}
                    self._send(reply.status, error, reply.headers)
                    return
                tokens_in = len(seen.system + seen.prompt) // 4
                answer = chat_answer(reply.content, tokens_in, len(reply.content) // 4)
                self._send(200, answer, reply.headers)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def start(self) -> ModelServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def tasks(self) -> list[str]:
        with self._lock:
            return [s.task for s in self.seen]

    def write_llm_config(self, folder: Path) -> Path:
        """llm's extra-openai-models.yaml naming this server, as a user would write it."""
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "extra-openai-models.yaml"
        path.write_text(
            f"- model_id: {MODEL_ID}\n"
            f"  model_name: {MODEL_ID}-1\n"
            f"  api_base: {self.base_url}\n"
            "  supports_schema: true\n",
            encoding="utf-8",
        )
        return path
