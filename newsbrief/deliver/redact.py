"""Keeping secrets (SMTP passwords, webhook URLs) out of listings, errors and logs."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit


def mask_url(url: str) -> str:
    """Scheme and host only: webhook URLs carry their secret token in the path or query."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return "***"
    if not parts.scheme or not host:
        return "***"
    return f"{parts.scheme}://{host}{port}/***"


def redact(text: str, secrets: Iterable[str | None]) -> str:
    """The text with every secret (and the secret part of every URL among them) masked."""
    for secret in sorted((s for s in secrets if s), key=len, reverse=True):
        if secret in text:
            text = text.replace(secret, mask_url(secret) if "://" in secret else "***")
        # Libraries quote URLs without their query or path; mask those forms too.
        try:
            parts = urlsplit(secret)
        except ValueError:
            continue
        for fragment in (parts.path, parts.query):
            if len(fragment) > 1 and fragment in text:
                text = text.replace(fragment, "/***" if fragment.startswith("/") else "***")
    return text


class _SecretFilter(logging.Filter):
    """Masks secrets in records of libraries that log URLs (httpx logs every request)."""

    def __init__(self) -> None:
        super().__init__()
        self.secrets: list[str] = []

    def filter(self, record: logging.LogRecord) -> bool:
        if self.secrets:
            message = record.getMessage()
            cleaned = redact(message, self.secrets)
            if cleaned != message:
                record.msg, record.args = cleaned, ()
        return True


_FILTER = _SecretFilter()
_LOGGERS = ("httpx", "httpcore")


@contextmanager
def hidden_in_logs(*secrets: str) -> Iterator[None]:
    """While inside, the secrets are masked in what httpx and httpcore log."""
    for name in _LOGGERS:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
    added = [s for s in secrets if s]
    _FILTER.secrets.extend(added)
    try:
        yield
    finally:
        for secret in added:
            _FILTER.secrets.remove(secret)
