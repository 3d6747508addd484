"""Language of a text (py3langid: a small, offline, well-kept language identifier)."""

from __future__ import annotations

MIN_CHARS = 40


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when there is too little text."""
    sample = " ".join(text.split())[:1500]
    if len(sample) < MIN_CHARS:
        return None
    import py3langid

    code, _ = py3langid.classify(sample)
    return str(code)
