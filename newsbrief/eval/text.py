"""Real-world text: digests, bulleted briefings, explainers and damaged copies, end to end.

A folder of inputs (any file ``newsbrief import`` reads) and an ``expected.json`` labelled by
hand, one entry per file::

    {"files": {"digest.md": {"stories": 3,
                             "headings": ["In today's issue", "Why it matters"],
                             "items": ["The cuts apply to six models ...", "..."]}}}

``stories`` is how many articles the file holds (a digest of N stories is N articles, an
article with subheadings one); ``headings`` are the file's section headings and labels, which
must never be a title or a sentence of a write-up; ``items`` are its list items, no two of
which may be cited as one sentence. The folder is imported into a fresh store and briefed,
and four kinds of failure are counted:

- ``story_count``: files whose article count is not the labelled one;
- ``two_items``: cited sentences holding two list items (two different labelled ones, an item
  labelled twice counting once, or a list marker after the end of a sentence);
- ``headings``: titles, headlines or cited sentences that are a labelled heading or section
  label or open on a labelled label and its colon ("Title: ...", "layout: blog ..."), and
  cited sentences that are a heading of the text;
- ``junk_topics``: briefing topics and story tags that are stopwords, weekdays, months, units,
  lone adverbs, abbreviations or possessives in the story's language, that hold a piece of a
  word rather than the word its reports write ("Skellefte" for "Skellefteå"), or that are one
  of the words a file labels ``not_topics`` (generic nouns of languages whose stopwords the
  measure does not know, a name with its particle attached, a mojibake spelling).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newsbrief.ingest.files import SUPPORTED, Failure, import_paths, read_file
from newsbrief.models import Article, Sentence
from newsbrief.store import scratch_store
from newsbrief.text import korean
from newsbrief.text.structure import HEADING_MARK
from newsbrief.text.tokens import CJK, SCRIPT_CHANGE, any_words
from newsbrief.text.wordlists import is_junk_topic

ITEM_PREFIX_WORDS = 6  # an item is recognised in a sentence by its first words
_WHOLE_WORD = re.compile(r"[^\W_](?:[\w'’-]*[^\W_])?")
# A list marker after a sentence's end, before a capital of any alphabet or a letter of a script
# without capitals (Arabic, Hebrew, Devanagari, Thai, Korean, Chinese, Japanese).
_INLINE_MARKER = re.compile(
    r"[.!?…。！？؟][\"'”’)]*\s+[-–—*•]\s+[\"“‘(«]?"
    r"[A-Z0-9\u00c0-\u00de\u0391-\u03a9\u0400-\u042f\u0590-\u06ff\u0900-\u097f"
    r"\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]|\s•\s"
)


@dataclass
class TextReport:
    files: int = 0
    articles: int = 0
    sentences: int = 0
    topics: int = 0
    story_count: list[str] = field(default_factory=list)
    two_items: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    junk_topics: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "articles": self.articles,
            "cited_sentences": self.sentences,
            "topics": self.topics,
            "failures": {
                "story_count": len(self.story_count),
                "two_items": len(self.two_items),
                "headings": len(self.headings),
                "junk_topics": len(self.junk_topics),
            },
            "details": {
                "story_count": self.story_count,
                "two_items": self.two_items,
                "headings": self.headings,
                "junk_topics": self.junk_topics,
            },
        }


def _norm(text: str) -> str:
    """The text's words in any script, a run of Chinese or Japanese characters cut into its
    words as the tokenizer cuts it (a heading "行动项" is known by its words, not by nothing)."""
    return " ".join(any_words(text))


def _prefix(item: str) -> str:
    return " ".join(any_words(item)[:ITEM_PREFIX_WORDS])


def held_items(sentence: str, items: list[str]) -> set[str]:
    """The labelled items a sentence holds, each known by its first words: an item labelled
    twice (the same line in two files, or twice in one briefing) is one item."""
    text = f" {_norm(sentence)} "
    return {p for p in map(_prefix, items) if p and f" {p} " in text}


def _opens_on_label(text: str, labels: list[str]) -> bool:
    """Whether a line opens on a labelled label and its colon ("Title: ...", "Update: ...")."""
    opening = text.lower().lstrip("\"'“‘ ")
    # A space before the colon ("Blocklists : ...", a bold label whose colon stood outside
    # the bold) is the same label.
    return any(h and opening.startswith((h + ":", h + " :")) for h in labels)


def _written_words(text: str) -> set[str]:
    """The words of a text, and each without its possessive ending ("Japan's": "Japan")."""
    found = set(_WHOLE_WORD.findall(SCRIPT_CHANGE.sub(" ", text.lower().replace("’", "'"))))
    return found | {re.sub(r"'s?$", "", w) for w in found}


def _korean_noun_written(word: str, written: set[str]) -> bool:
    """Whether a Korean noun is written with a particle after it ("국회" in "국회는"): Korean
    writes a noun and its particle as one token, and the noun alone is the topic."""
    return korean.is_hangul(word) and any(word + p in written for p in korean.PARTICLES)


def _cited(briefing: Any) -> list[Sentence]:
    out: list[Sentence] = list(briefing.overview)
    for story in briefing.stories:
        w = story.writeup
        out += w.summary + w.key_facts
        for name in ("what_is_happening", "why_it_matters", "whats_next", "beyond_the_headlines"):
            out += getattr(w.sections, name)
        if w.quote is not None:
            out.append(Sentence(w.quote.text, []))
    return out


def evaluate_text(folder: Path, home: Path | None = None) -> dict[str, Any]:
    manifest_file = folder / "expected.json"
    if not manifest_file.is_file():
        raise ValueError(f"{folder}: no expected.json (see `newsbrief eval text --help`)")
    labels: dict[str, dict[str, Any]] = json.loads(manifest_file.read_text("utf-8"))["files"]
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUPPORTED)
    report = TextReport(files=len(files))
    seen = datetime(2030, 1, 1, tzinfo=UTC)
    headings: set[str] = set()
    labelled_headings: set[str] = set()
    labels_raw: list[str] = []
    items: list[str] = []
    not_topics: set[str] = set()
    for file in files:
        label = labels.get(file.name, {})
        articles = [a for a in read_file(file, seen) if isinstance(a, Article)]
        failures = [a for a in read_file(file, seen) if isinstance(a, Failure)]
        report.articles += len(articles)
        expected = label.get("stories")
        if failures or (expected is not None and expected != len(articles)):
            report.story_count.append(
                f"{file.name}: {len(articles)} articles, expected {expected}"
                + "".join(f"; {f}" for f in failures)
            )
        labelled_headings |= {_norm(h) for h in label.get("headings", [])}
        own_labels = [h.rstrip(":?").strip().lower() for h in label.get("headings", [])]
        labels_raw += own_labels
        items += label.get("items", [])
        not_topics |= {_norm(t) for t in label.get("not_topics", [])} - {""}
        for article in articles:
            headings |= {
                _norm(line[len(HEADING_MARK) :])
                for line in article.text.split("\n")
                if line.startswith(HEADING_MARK)
            }
            if _norm(article.title) in labelled_headings or _opens_on_label(
                article.title, own_labels
            ):
                report.headings.append(f"{file.name}: title {article.title!r} is a heading")

    with scratch_store(home) as store:
        imported = import_paths(store, [str(f) for f in files], seen_at=seen)
        from newsbrief.briefing.assemble import build_briefing

        briefing = build_briefing(
            store, since=datetime(1900, 1, 1, tzinfo=UTC), now=seen, limit=200, record=False,
            reading_minutes=10_000,
        )  # fmt: skip
        stored = store.get_articles(imported.ids)
        languages = {a.id: a.language for a in stored}
        # Every word of a topic is a whole word of the story's text, in any script: a tag cut
        # at a letter outside ASCII ("Skellefte" of "Skellefteå") is no topic.
        written = {a.id: _written_words(a.title + " " + a.text) for a in stored}
        raw = {a.id: (a.title + " " + a.text).lower() for a in stored}
    texts: dict[str, str] = {}

    for story in briefing.stories:
        headline = story.writeup.headline
        if _norm(headline) in labelled_headings or _opens_on_label(headline, labels_raw):
            report.headings.append(f"headline {story.writeup.headline!r} is a heading")
    cited = _cited(briefing)
    report.sentences = len(cited)
    for sentence in cited:
        norm = _norm(sentence.text)
        if len(held_items(sentence.text, items)) >= 2 or _INLINE_MARKER.search(sentence.text):
            report.two_items.append(f"{sentence.text!r}")
        if (
            norm in headings
            or norm in labelled_headings
            or _opens_on_label(sentence.text, labels_raw)
        ):
            report.headings.append(f"cited sentence {sentence.text!r} is a heading")
    for story in briefing.stories:
        language = next((languages.get(c) for s in story.writeup.summary for c in s.cites), None)
        story_words = set().union(*(written.get(ref.id, set()) for ref in story.sources))
        texts[story.id] = " ".join(raw.get(ref.id, "") for ref in story.sources)
        for tag in story.writeup.entities + story.writeup.keyphrases:
            report.topics += 1
            tag_words = _WHOLE_WORD.findall(tag.lower().replace("’", "'"))
            # Chinese and Japanese write no spaces: a tag there is whole when the reports
            # write its characters.
            story_text = texts.get(story.id, "")
            cut = [
                w
                for w in tag_words
                if w not in story_words
                and not (CJK.search(w) and w in story_text)
                and not _korean_noun_written(w, story_words)
            ]
            if is_junk_topic(tag, language) or cut or _norm(tag) in not_topics:
                report.junk_topics.append(f"{tag!r} ({story.writeup.headline})")
    for topic in briefing.topics:
        report.topics += 1
        if is_junk_topic(topic) or _norm(topic) in not_topics:
            report.junk_topics.append(f"briefing topic {topic!r}")
    result = report.as_dict()
    f = result["failures"]
    result["text"] = (
        f"{folder}: {report.files} files, {report.articles} articles, "
        f"{report.sentences} cited sentences, {report.topics} topics\n"
        f"  story count wrong   {f['story_count']}\n"
        f"  two list items      {f['two_items']}\n"
        f"  headings as titles or facts {f['headings']}\n"
        f"  junk topics         {f['junk_topics']}"
    )
    return result
