"""The JSON API's shapes, for its OpenAPI document; they mirror the JSON briefing (README)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class Sentence(BaseModel):
    text: str
    cites: list[str] = Field(description="ids of the articles the sentence came from")


class Source(BaseModel):
    id: str
    title: str
    url: str | None
    source: str | None = Field(description="the outlet")
    published: str | None
    independent: bool = Field(description="false for a syndicated copy of another report")
    new: bool = Field(False, description="arrived since the reader's last briefing")
    language: str | None = Field(None, description="its language code (de, fr, ...), or null")


class Claim(BaseModel):
    value: str
    text: str
    sources: list[str]
    outlets: list[str]
    published: str | None


class Conflict(BaseModel):
    about: str
    note: str
    claims: list[Claim]


class Quote(BaseModel):
    text: str
    speaker: str | None
    cites: list[str]


class Sections(BaseModel):
    what_is_happening: list[Sentence]
    why_it_matters: list[Sentence]
    whats_next: list[Sentence]
    beyond_the_headlines: list[Sentence]


class TimelineDay(BaseModel):
    date: str
    articles: int
    headline: Sentence | None = Field(None, description="the day's first headline")


class Story(BaseModel):
    id: str
    headline: str
    headline_cites: list[str]
    summary: list[Sentence]
    sections: Sections
    key_facts: list[Sentence]
    quote: Quote | None
    sources: list[Source]
    languages: list[str] = Field(description="the languages of its reports, most reports first")
    reports: int
    independent_reports: int
    conflicts: list[Conflict]
    importance: float
    relevance: float
    why_included: str
    is_new: bool
    new_since_last: int
    timeline: list[TimelineDay]
    entities: list[str]
    keyphrases: list[str]
    written_by: str | None = None


class ModelReport(BaseModel):
    """How a model took part in a briefing (absent when no model is configured)."""

    model: str
    stories_written: int
    stories_extractive: int
    sentences_checked: int
    sentences_replaced: int
    citations_rejected: int
    calls: int
    cached: int
    notes: list[str]


class Briefing(BaseModel):
    title: str
    overview: list[Sentence]
    key_takeaways: list[Sentence]
    topics: list[str]
    stories: list[Story]
    profile: str
    generated: str | None
    since: str | None
    reading_minutes: float = Field(0.0, description="estimated reading time of the briefing")
    writer: ModelReport | None = None


class ArchiveDay(BaseModel):
    date: str
    title: str
    url: str = Field(description="the API address of that day's briefing")


class StoryDay(BaseModel):
    date: str | None = Field(description="publication day; null for the undated sources, last")
    sources: list[Source]


class RelatedStory(BaseModel):
    id: str
    headline: str
    updated: str | None
    articles: int
    shared: list[str] = Field(description="headline terms both stories use")


class StoryPage(BaseModel):
    story: Story
    days: list[StoryDay] = Field(description="the story's reports day by day, oldest first")
    related: list[RelatedStory]


FeedbackKind = Literal["useful", "not-useful", "more", "less", "hide", "follow", "mute"]


class FeedbackIn(BaseModel):
    story_id: str
    kind: FeedbackKind
    target: str | None = Field(None, description="the entity to follow or mute")
    profile: str = "default"


class FeedbackOut(BaseModel):
    kind: str
    story_id: str
    target: str | None
    message: str


class ProfileData(BaseModel):
    name: str
    role: str
    industry: str
    interests: str
    follow: list[str]
    mute: list[str]
    story_count: int
    sections: list[str]
    timezone: str
    delivery_time: str
    language: str


class ProfileUpdate(BaseModel):
    """Fields to change; those left out keep their value."""

    role: str | None = None
    industry: str | None = None
    interests: str | None = None
    follow: list[str] | None = None
    mute: list[str] | None = None
    story_count: int | None = None
    sections: list[str] | None = None
    timezone: str | None = None
    delivery_time: str | None = None
    language: str | None = None
