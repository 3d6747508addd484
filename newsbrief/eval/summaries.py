"""Summary evaluation with ROUGE on references built from labelled news (no human summaries).

The labelled files group independent reports of one real event. Two reference designs follow:

- **Held-out lead** (articles with body text, e.g. ECB+): for every story with at least three
  reports, each report in turn is held out; the systems summarize the *other* reports (minus
  near-copies of the held-out one) and are scored against the held-out report's lead (its first
  three whole sentences, the title included when the title is the first sentence). A news lead
  is the reporter's own summary of the event, written without seeing the other reports, so it
  is an independent human reference, as DUC's abstracts were; leave-one-out uses every report.
- **Held-out headlines** (headline-only items, e.g. UCI News): the headline a system picks from
  half of a story's headlines is scored against the other half (mean over those references).

- **Held-out main fact** (``takeaways=True``, articles with body text): as held-out lead, but
  the reference is the held-out report's first sentence, the reporter's one-line statement of
  the news, and each system gives one sentence of at most ``TAKEAWAY_WORDS`` words: the
  briefing's key takeaway for the story against the earliest report's first sentence, the
  centroid and LexRank sentence, a random one, and the story's headline.

All systems get the same cleaned candidate sentences and the same word budget (default 100
words, DUC 2004's 665 bytes), so differences come from selection. Reference systems run in the
same pass: the lead of the earliest report, random sentences, the centroid method (MEAD, Radev
et al. 2004) and LexRank (Erkan & Radev 2004), the two best-known DUC 2004 systems.
"""

from __future__ import annotations

import random
import statistics
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsbrief.eval.labelled import read_jsonl
from newsbrief.models import Article
from newsbrief.summarize.baselines import (
    BackgroundIdf,
    centroid_summary,
    lead_summary,
    lexrank_summary,
    random_summary,
)
from newsbrief.summarize.candidates import Candidate, article_sentences, candidates
from newsbrief.summarize.extractive import summarize_sentences
from newsbrief.summarize.headline import choose_headline
from newsbrief.text.tokens import words
from newsbrief.timeutil import parse_datetime

LEAD_SENTENCES = 3
MIN_REPORTS = 3
NEAR_COPY = 0.35  # word 3-gram containment above which a report is a copy of the held-out one

# A system: (articles, their candidate sentences, word budget) -> summary sentences.
System = Callable[[Sequence[Article], list[Candidate], int], list[str]]


@dataclass
class Case:
    story: str
    held_out: str
    articles: list[Article]
    references: list[str]


@dataclass
class Scores:
    rouge1: list[float] = field(default_factory=list)
    rouge2: list[float] = field(default_factory=list)
    rougeL: list[float] = field(default_factory=list)
    recall1: list[float] = field(default_factory=list)
    recall2: list[float] = field(default_factory=list)
    words: list[int] = field(default_factory=list)

    def means(self) -> dict[str, float]:
        def mean(values: Sequence[float]) -> float:
            return round(statistics.fmean(values), 4) if values else 0.0

        return {
            "rouge1_f": mean(self.rouge1),
            "rouge2_f": mean(self.rouge2),
            "rougeL_f": mean(self.rougeL),
            "rouge1_r": mean(self.recall1),
            "rouge2_r": mean(self.recall2),
            "words": mean([float(w) for w in self.words]),
        }


def load_articles(file: Path) -> list[Article]:
    articles = []
    for number, row in read_jsonl(file):
        if not isinstance(row, dict) or row.get("label") is None:
            continue
        articles.append(
            Article(
                id=str(row.get("id") or f"line-{number}"),
                title=str(row.get("title") or ""),
                text=str(row.get("text") or ""),
                url=row.get("url"),
                source=row.get("source"),
                published=parse_datetime(row.get("published")),
                label=str(row["label"]),
            )
        )
    if not articles:
        raise ValueError(f"{file}: no articles with a 'label'")
    return articles


def _shingles(text: str, size: int = 3) -> set[str]:
    tokens = words(text)
    return {" ".join(tokens[i : i + size]) for i in range(max(0, len(tokens) - size + 1))}


def first_sentence_reference(article: Article) -> str | None:
    sentences = [text for _, text, _ in article_sentences(article)][:1]
    return sentences[0] if sentences else None


def lead_reference(article: Article) -> str | None:
    sentences = [text for _, text, _ in article_sentences(article)][:LEAD_SENTENCES]
    return " ".join(sentences) if len(sentences) == LEAD_SENTENCES else None


def lead_cases(
    articles: Sequence[Article],
    per_story: int | None = None,
    reference_of: Callable[[Article], str | None] = lead_reference,
) -> list[Case]:
    """Leave-one-out cases: each report's lead is the reference for a summary of the others."""
    by_story: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        if article.text.strip():
            by_story[str(article.label)].append(article)
    cases = []
    for story, members in sorted(by_story.items()):
        if len(members) < MIN_REPORTS:
            continue
        held_outs = members if per_story is None else members[:per_story]
        for held in held_outs:
            reference = reference_of(held)
            if reference is None:
                continue
            held_shingles = _shingles(held.title + " " + held.text)
            rest = [
                a for a in members if a.id != held.id and _containment(held_shingles, a) < NEAR_COPY
            ]
            if len(rest) >= MIN_REPORTS - 1:
                cases.append(Case(story, held.id, rest, [reference]))
    return cases


def _containment(held: set[str], article: Article) -> float:
    other = _shingles(article.title + " " + article.text)
    if not held or not other:
        return 0.0
    return len(held & other) / min(len(held), len(other))


def headline_cases(articles: Sequence[Article], seed: int = 13, splits: int = 5) -> list[Case]:
    """Half of each story's headlines in, the other half as references; several random splits."""
    by_story: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        if article.title.strip():
            by_story[str(article.label)].append(article)
    rng = random.Random(seed)
    cases = []
    for story, members in sorted(by_story.items()):
        if len(members) < 2 * MIN_REPORTS:
            continue
        for _ in range(splits):
            shuffled = members[:]
            rng.shuffle(shuffled)
            half = len(shuffled) // 2
            refs = [a.title for a in shuffled[half:]]
            cases.append(Case(story, "", shuffled[:half], refs))
    return cases


def _rouge() -> Any:
    from rouge_score import rouge_scorer

    return rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)


def _score_case(scorer: Any, summary: str, references: list[str], into: Scores) -> None:
    results = [scorer.score(ref, summary) for ref in references]
    into.rouge1.append(statistics.fmean(r["rouge1"].fmeasure for r in results))
    into.rouge2.append(statistics.fmean(r["rouge2"].fmeasure for r in results))
    into.rougeL.append(statistics.fmean(r["rougeL"].fmeasure for r in results))
    into.recall1.append(statistics.fmean(r["rouge1"].recall for r in results))
    into.recall2.append(statistics.fmean(r["rouge2"].recall for r in results))
    into.words.append(len(summary.split()))


def text_systems(background: BackgroundIdf, seed: int = 7) -> dict[str, System]:
    return {
        "newsbrief": lambda arts, cands, n: summarize_sentences(arts, n, cands=cands),
        "lead": lambda arts, cands, n: lead_summary(cands, n),
        "random": lambda arts, cands, n: random_summary(cands, n, seed),
        "centroid (MEAD)": lambda arts, cands, n: centroid_summary(arts, cands, n, background),
        "LexRank": lambda arts, cands, n: lexrank_summary(cands, n, background),
    }


def takeaway_systems(background: BackgroundIdf, seed: int = 7) -> dict[str, System]:
    from newsbrief.briefing.assemble import TAKEAWAY_WORDS, main_fact, without_repeats
    from newsbrief.summarize.extractive import ExtractiveSummarizer

    summarizer = ExtractiveSummarizer()

    def takeaway(arts: Sequence[Article], _: list[Candidate], __: int) -> list[str]:
        return [main_fact(without_repeats(summarizer.write(list(arts)))).text]

    def one(pick: System) -> System:
        def first_only(arts: Sequence[Article], cands: list[Candidate], __: int) -> list[str]:
            return pick(arts, cands, TAKEAWAY_WORDS)[:1]

        return first_only

    text = text_systems(background, seed)
    return {
        "newsbrief": takeaway,
        "lead": one(text["lead"]),
        "random": one(text["random"]),
        "centroid (MEAD)": one(text["centroid (MEAD)"]),
        "LexRank": one(text["LexRank"]),
        "headline": lambda arts, _, __: [choose_headline(arts)[0]],
    }


def headline_systems(seed: int = 7) -> dict[str, System]:
    rng = random.Random(seed)

    def first(arts: Sequence[Article], _: list[Candidate], __: int) -> list[str]:
        dated = sorted(arts, key=lambda a: (a.when is None, a.when))
        return [dated[0].title]

    def any_title(arts: Sequence[Article], _: list[Candidate], __: int) -> list[str]:
        return [rng.choice(list(arts)).title]

    def centroid_title(arts: Sequence[Article], _: list[Candidate], __: int) -> list[str]:
        from newsbrief.summarize.baselines import centroid_headline

        return [centroid_headline(arts)]

    return {
        "newsbrief": lambda arts, _, __: [choose_headline(arts)[0]],
        "earliest headline": first,
        "random headline": any_title,
        "centroid headline": centroid_title,
    }


def evaluate_summaries(
    file: Path,
    max_words: int = 100,
    per_story: int | None = None,
    only: Sequence[str] | None = None,
    takeaways: bool = False,
) -> dict[str, Any]:
    """ROUGE of newsbrief and the reference systems on references built from a labelled file.

    ``only`` restricts the run to the named systems (newsbrief always runs); ``takeaways``
    scores one-line main facts against held-out first sentences instead of summaries.
    """
    articles = load_articles(file)
    with_text = sum(1 for a in articles if a.text.strip())
    if takeaways:
        if with_text < len(articles) / 2:
            raise ValueError(f"{file}: main facts need articles with body text")
        from newsbrief.briefing.assemble import TAKEAWAY_WORDS

        mode = "held-out main fact"
        max_words = TAKEAWAY_WORDS
        cases = lead_cases(articles, per_story, reference_of=first_sentence_reference)
        systems = takeaway_systems(BackgroundIdf.from_articles(articles))
    elif with_text >= len(articles) / 2:
        mode = "held-out lead"
        cases = lead_cases(articles, per_story)
        systems = text_systems(BackgroundIdf.from_articles(articles))
    else:
        mode = "held-out headlines"
        cases = headline_cases(articles)
        systems = headline_systems()
    if not cases:
        raise ValueError(f"{file}: no story has enough reports to build references from")
    if only is not None:
        systems = {k: v for k, v in systems.items() if k == "newsbrief" or k in only}
    scorer = _rouge()
    results: dict[str, Scores] = {name: Scores() for name in systems}
    for case in cases:
        cands = candidates(case.articles) if mode != "held-out headlines" else []
        for name, system in systems.items():
            summary = " ".join(system(case.articles, cands, max_words))
            _score_case(scorer, summary, case.references, results[name])
    table = {name: scores.means() for name, scores in results.items()}
    report: dict[str, Any] = {
        "file": str(file),
        "mode": mode,
        "cases": len(cases),
        "stories": len({c.story for c in cases}),
        "max_words": max_words,
        "systems": table,
    }
    report["text"] = format_report(report)
    return report


def format_report(report: dict[str, Any]) -> str:
    what = "one sentence" if report["mode"] == "held-out main fact" else "summaries"
    lines = [
        f"{report['file']}: {report['mode']} references, {report['cases']} cases from "
        f"{report['stories']} stories, {what} of at most {report['max_words']} words",
        f"{'system':<20} {'ROUGE-1':>8} {'ROUGE-2':>8} {'ROUGE-L':>8}   {'R-1 rec':>8} "
        f"{'R-2 rec':>8} {'words':>6}",
    ]
    for name, m in report["systems"].items():
        lines.append(
            f"{name:<20} {m['rouge1_f']:>8.4f} {m['rouge2_f']:>8.4f} {m['rougeL_f']:>8.4f}   "
            f"{m['rouge1_r']:>8.4f} {m['rouge2_r']:>8.4f} {m['words']:>6.1f}"
        )
    lines.append("(ROUGE F1 unless marked rec = recall; rouge-score, Porter stemming)")
    return "\n".join(lines)
