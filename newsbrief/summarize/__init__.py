"""Story write-ups: headline, summary, sections, key facts, quote.

The summarizer (numpy, scipy) is loaded when first asked for, not when a light part of this
package (candidates, sections) is imported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsbrief.summarize.extractive import ExtractiveSummarizer, Summarizer, summarize_text

__all__ = ["ExtractiveSummarizer", "Summarizer", "summarize_text"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from newsbrief.summarize import extractive

        return getattr(extractive, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
