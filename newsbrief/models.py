"""Plain dataclasses passed between pipeline stages."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass
class Article:
    """One article as stored: extracted text plus where and when it came from."""

    id: str
    title: str
    text: str = ""
    url: str | None = None
    source: str | None = None  # outlet: publisher name or domain
    published: datetime | None = None  # UTC
    first_seen: datetime | None = None  # UTC
    canonical_url: str | None = None
    content_hash: str = ""
    language: str | None = None
    raw: str | None = None  # what was read before extraction (HTML, file text)
    source_id: int | None = None
    label: str | None = None  # gold story label, evaluation data only
    guid: str | None = None  # the feed item's id
    partial: bool = False  # only an excerpt: the full page was paywalled or blocked
    author: str | None = None
    image: str | None = None
    # An undated article's own date, from its top lines or its address (see
    # newsbrief.text.written_dates): evidence that it is of a given time, never its publication
    # time (a report written weeks into a story is still of that story).
    written: datetime | None = None

    @property
    def when(self) -> datetime | None:
        """The time the article describes itself by: publication, else first seen."""
        return self.published or self.first_seen


@dataclass
class Sentence:
    """A generated sentence and the ids of the articles it came from."""

    text: str
    cites: list[str] = field(default_factory=list)


@dataclass
class Story:
    """A set of articles reporting one real-world event."""

    id: str
    article_ids: list[str] = field(default_factory=list)
    created: datetime | None = None
    updated: datetime | None = None


@dataclass
class ArticleMeta:
    """What ranking needs to know of an article: who, what title, when; not its text."""

    id: str
    title: str
    source: str | None
    url: str | None
    published: datetime | None
    first_seen: datetime | None
    report: str  # id of its report (syndication group)
    added: datetime | None = None  # when the store put it in its story

    @property
    def when(self) -> datetime | None:
        return self.published or self.first_seen


@dataclass
class StoryDigest:
    """A story with its articles' metadata, oldest article first."""

    id: str
    created: datetime | None = None
    updated: datetime | None = None
    articles: list[ArticleMeta] = field(default_factory=list)


@dataclass
class SourceRef:
    """One article as listed under a story: outlet, title, link and time."""

    id: str
    title: str
    url: str | None
    source: str | None
    published: datetime | None
    independent: bool  # False for a syndicated copy of another listed report
    report: str = ""  # id of the report (group of syndicated copies) it belongs to
    new: bool = False  # arrived since the reader's last briefing
    language: str | None = None  # "de", as the feed gave it or as detected; None: unknown


@dataclass
class Claim:
    value: str
    text: str
    sources: list[str]  # article ids
    outlets: list[str] = field(default_factory=list)
    published: datetime | None = None


@dataclass
class Conflict:
    """Different values reported for one quantity about one subject."""

    about: str
    claims: list[Claim] = field(default_factory=list)
    note: str = ""
    # "contradiction", or "update": a later report gives a new value (claims latest first)
    kind: str = "contradiction"


@dataclass
class Quote:
    text: str
    speaker: str | None
    cites: list[str]


@dataclass
class Sections:
    what_is_happening: list[Sentence] = field(default_factory=list)
    why_it_matters: list[Sentence] = field(default_factory=list)
    whats_next: list[Sentence] = field(default_factory=list)
    beyond_the_headlines: list[Sentence] = field(default_factory=list)


@dataclass
class Writeup:
    """What the summarizer produces for one story."""

    headline: str
    headline_cites: list[str]
    summary: list[Sentence]
    sections: Sections
    key_facts: list[Sentence]
    quote: Quote | None = None
    keyphrases: list[str] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)
    written_by: str = "extractive"  # or the id of the model that wrote it


@dataclass
class Profile:
    name: str = "default"
    role: str = ""
    industry: str = ""
    interests: str = ""
    follow: list[str] = field(default_factory=list)
    mute: list[str] = field(default_factory=list)
    story_count: int = 10
    sections: list[str] = field(
        default_factory=lambda: [
            "what_is_happening",
            "why_it_matters",
            "whats_next",
            "beyond_the_headlines",
        ]
    )
    timezone: str = "UTC"
    delivery_time: str = "07:00"
    # Headlines in this language ("de") when one of a story's reports is written in it; "": as
    # written.
    language: str = ""


@dataclass
class CachedAnswer:
    """A model's answer kept in the cache, with the tokens it took when it was asked."""

    output: str
    input_tokens: int | None
    output_tokens: int | None


@dataclass
class User:
    """An account of the web app (its password hash stays in the store)."""

    id: int
    name: str
    created: datetime | None
    admin: bool = False  # manages every profile (the first account is one)


@dataclass
class BriefStory:
    """A story as it appears in a briefing: write-up plus ranking and provenance."""

    id: str
    writeup: Writeup
    sources: list[SourceRef]
    conflicts: list[Conflict]
    importance: float
    relevance: float
    why_included: str
    is_new: bool
    new_since_last: int = 0
    reports: int = 0
    independent_reports: int = 0
    timeline: list[tuple[str, int]] = field(default_factory=list)  # (date, articles that day)
    # One per timeline day: the first headline of that day, citing its articles.
    timeline_headlines: list[Sentence] = field(default_factory=list)


@dataclass
class ModelReport:
    """How a model took part in a briefing: what it wrote and what the guard replaced."""

    model: str  # the models used, comma-separated
    stories_written: int = 0  # write-ups whose text came (at least partly) from the model
    stories_extractive: int = 0  # write-ups left extractive because the model failed
    sentences_checked: int = 0
    sentences_replaced: int = 0  # failed the grounding guard
    citations_rejected: int = 0  # pointed outside the story's articles
    calls: int = 0  # requests sent to the model
    cached: int = 0  # answers taken from the cache instead
    notes: list[str] = field(default_factory=list)


@dataclass
class Briefing:
    title: str
    overview: list[Sentence]
    key_takeaways: list[Sentence]
    topics: list[str]
    stories: list[BriefStory]
    generated: datetime
    since: datetime
    profile: str = "default"
    reading_minutes: float = 0.0  # estimated reading time of the whole briefing
    writer: ModelReport | None = None  # None: written extractively, no model configured
    basis: str = ""  # the articles it was made over (see newsbrief.briefing.received)


@dataclass
class Channel:
    """Where a profile's daily briefing goes: email, a folder, an Atom feed or a webhook."""

    profile: str
    name: str
    kind: str  # email | folder | atom | webhook
    config: dict[str, Any] = field(default_factory=dict)
    id: int | None = None


@dataclass
class Edition:
    """The scheduled briefing of a profile for one local date."""

    id: int
    profile: str
    date: str  # the reader's local date, YYYY-MM-DD
    due: datetime  # the delivery time it was made for (UTC)
    briefing_id: int
    created: datetime


@dataclass
class Delivery:
    """One edition sent through one channel, with its attempts."""

    id: int
    edition_id: int
    profile: str
    date: str
    channel: str
    kind: str
    status: str  # pending | sending | retrying | sent | failed
    attempts: int = 0
    next_attempt: datetime | None = None
    last_error: str | None = None
    created: datetime | None = None
    updated: datetime | None = None
    sent: datetime | None = None


@dataclass
class Source:
    """A feed, page or file newsbrief reads, with the health of its fetching."""

    id: int
    kind: str  # feed | page | jsonl | file
    url: str
    name: str | None = None
    tags: list[str] = field(default_factory=list)
    enabled: bool = True
    disabled_reason: str | None = None
    site_url: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    last_fetch: datetime | None = None
    last_success: datetime | None = None
    last_status: str | None = None
    last_error: str | None = None
    failures: int = 0
    next_fetch: datetime | None = None
    items: int = 0
