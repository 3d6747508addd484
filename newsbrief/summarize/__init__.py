"""Story write-ups: headline, summary, sections, key facts, quote."""

from newsbrief.summarize.extractive import ExtractiveSummarizer, Summarizer, summarize_text

__all__ = ["ExtractiveSummarizer", "Summarizer", "summarize_text"]
