"""What asking returns: the passages retrieval found, and the answer made from them.

Both the extractive answerer (``answers.py``) and the model writer (``model.py``) use these,
so neither needs the other's module to describe its inputs and outputs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from newsbrief.models import Conflict, ModelReport, Sentence


@dataclass
class Turn:
    """An earlier question of the conversation and what answered it."""

    question: str
    cited: list[str] = field(default_factory=list)


@dataclass
class Passage:
    article_id: str
    text: str
    position: int
    coverage: float
    title: str
    source: str | None
    url: str | None
    published: datetime | None
    story_id: str
    score: float = 0.0
    local: float = 0.0  # share (idf-weighted) of the question's words in this sentence
    present: frozenset[str] = frozenset()  # the question's words the article holds
    repeated: frozenset[str] = frozenset()  # ... those two or more of its sentences hold
    # the question's words in the sentence, the few before it, and (in the lead) the headline
    context: frozenset[str] = frozenset()
    latest_year: int | None = None  # the latest year the article mentions
    years: frozenset[int] = frozenset()  # every year the article mentions
    # the years in which the story's reports that the search saw were published
    story_years: frozenset[int] = frozenset()
    dates: frozenset[tuple[int, int]] = frozenset()  # the days (month, day) the article names


@dataclass
class Answer:
    question: str
    found: bool
    answer: list[Sentence] = field(default_factory=list)
    sources: list[dict[str, object]] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    stories: list[str] = field(default_factory=list)
    note: str = ""
    since: datetime | None = None
    until: datetime | None = None
    written_by: str = "extractive"  # or the model that wrote the answer
    writer: ModelReport | None = None  # what the model did; None when no model is configured
    supporting: list[str] = field(default_factory=list)  # every supporting article, best first
