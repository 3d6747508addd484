"""Topics of single articles in many languages, judged against topics labelled by hand.

A labelled file (``newsbrief/data/topics-labelled.jsonl``) holds, per article of a rated-pairs
file (``semeval2022-pairs-dev.jsonl``), the topics the method proposed for it when the set was
written, each labelled ``ok`` (a name or a noun phrase that says what the article is about) or
``junk`` (a verb, a function word, a clause cut at random, a name glued to a verb)::

    {"id": "1484084337_1484110209:a", "lang": "ar", "split": "dev",
     "title": "...", "topics": {"محطة براكة": "ok", "المحطة ستنتج": "junk"}}

Each article is read as one story: its tags are ``entities`` and ``keyphrases`` as the
extractive write-up chooses them. The junk rate is the labelled-junk tags over the labelled
tags proposed; a tag the labels do not hold (the method changed since they were written) is
counted as ``unlabelled`` and listed, to be labelled by the guide before it is trusted.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsbrief.models import Article


@dataclass
class LanguageCounts:
    proposed: int = 0
    ok: int = 0
    junk: int = 0
    unlabelled: int = 0

    def as_dict(self) -> dict[str, Any]:
        labelled = self.ok + self.junk
        return {
            "articles_proposed": self.proposed,
            "ok": self.ok,
            "junk": self.junk,
            "unlabelled": self.unlabelled,
            "junk_rate": round(self.junk / labelled, 3) if labelled else 0.0,
        }


@dataclass
class TopicsReport:
    articles: int = 0
    languages: dict[str, LanguageCounts] = field(default_factory=dict)
    junk: list[str] = field(default_factory=list)
    unlabelled: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        total = LanguageCounts()
        for counts in self.languages.values():
            total.proposed += counts.proposed
            total.ok += counts.ok
            total.junk += counts.junk
            total.unlabelled += counts.unlabelled
        overall = total.as_dict()
        return {
            "articles": self.articles,
            "topics": overall["articles_proposed"],
            "ok": overall["ok"],
            "junk": overall["junk"],
            "unlabelled": overall["unlabelled"],
            "junk_rate": overall["junk_rate"],
            "languages": {k: v.as_dict() for k, v in sorted(self.languages.items())},
            "junk_topics": self.junk,
            "unlabelled_topics": self.unlabelled,
        }


def proposed_topics(article: Article) -> list[str]:
    """The tags of a story of this one article, as the extractive write-up chooses them."""
    from newsbrief.summarize.keyphrases import entities, keyphrases

    found = entities([article])
    return found + keyphrases([article], exclude=found)


def articles_of(pairs_file: Path) -> dict[str, Article]:
    """The articles of a rated-pairs file by ``<pair id>:<side>``, read as an imported file is
    (its language detected; the file's language when none is)."""
    from dataclasses import replace

    from newsbrief.ingest.files import article_from_record
    from newsbrief.timeutil import now

    seen_at = now()
    found: dict[str, Article] = {}
    with pairs_file.open(encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            obj = json.loads(line)
            for side in ("a", "b"):
                key = f"{obj['id']}:{side}"
                article = article_from_record({**obj[side], "id": key}, seen_at)
                given = obj.get(f"lang_{side}")
                found[key] = replace(article, language=article.language or given)
    return found


def evaluate_topics(
    labels_file: Path, pairs_file: Path, split: str | None = None
) -> dict[str, Any]:
    articles = articles_of(pairs_file)
    report = TopicsReport()
    with labels_file.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            label = json.loads(line)
            if split is not None and label.get("split") != split:
                continue
            article = articles.get(label["id"])
            if article is None:
                raise ValueError(
                    f"{labels_file}:{number}: article {label['id']!r} is not in {pairs_file}"
                )
            # A label holds whatever the letters' case: "tierversuche" shown as "Tierversuche".
            judged = {k.lower(): v for k, v in label.get("topics", {}).items()}
            counts = report.languages.setdefault(label["lang"], LanguageCounts())
            report.articles += 1
            for tag in proposed_topics(article):
                counts.proposed += 1
                verdict = judged.get(tag.lower())
                if verdict == "ok":
                    counts.ok += 1
                elif verdict == "junk":
                    counts.junk += 1
                    report.junk.append(f"{label['lang']} {tag!r} ({label['id']})")
                else:
                    counts.unlabelled += 1
                    report.unlabelled.append(f"{label['lang']} {tag!r} ({label['id']})")
    result = report.as_dict()
    result["text"] = _text(result)
    return result


def _text(result: dict[str, Any]) -> str:
    lines = [
        f"{result['articles']} articles, {result['topics']} topics: {result['junk']} junk, "
        f"{result['ok']} ok, {result['unlabelled']} unlabelled; junk rate {result['junk_rate']:.3f}"
    ]
    for lang, counts in result["languages"].items():
        lines.append(
            f"  {lang}: {counts['articles_proposed']} topics, junk {counts['junk']}, "
            f"unlabelled {counts['unlabelled']}, junk rate {counts['junk_rate']:.3f}"
        )
    by_kind = Counter(t.split()[0] for t in result["unlabelled_topics"])
    if by_kind:
        lines.append(
            "  unlabelled by language: " + ", ".join(f"{k} {n}" for k, n in sorted(by_kind.items()))
        )
    return "\n".join(lines)
