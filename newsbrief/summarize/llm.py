"""Write-ups by a language model, never trusted blindly.

Stories are ranked on their extractive write-ups; the model then rewrites only the stories
shown. The shared part of a story (headline, summary, sections) depends only on its articles,
so it is cached once for every reader; "why it matters" is written per reader profile; the
overview is written last from the guarded summaries.

Every generated sentence goes through the grounding guard. One that fails is replaced, and
counted, by the article sentence closest to what it tried to say when one is close, else by
the extractive write-up's choice for the same place. A call that fails (time limit, rate
limit, bad JSON) leaves that piece extractive, and the report says so.
"""

from __future__ import annotations

import functools
import json
import logging
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from newsbrief.config import Settings
from newsbrief.llm.client import (
    Limits,
    ModelConfigError,
    ModelRunner,
    Request,
    resolve,
    use_data_folder,
)
from newsbrief.llm.fit import (
    ANSWER_TOKENS,
    SENTENCE_TOKENS,
    Room,
    approx_tokens,
    context_window,
    parse_context,
    room,
)
from newsbrief.llm.ledger import Ledger, PriceError, parse_prices
from newsbrief.llm.prompts import load
from newsbrief.llm.schemas import (
    CitedSentence,
    OverviewDraft,
    ShortStoryDraft,
    StoryDraft,
    WhyDraft,
    example_of,
    schema_of,
)
from newsbrief.llm.session import Job, Result, Session
from newsbrief.llm.tasks import task_models
from newsbrief.models import Article, BriefStory, ModelReport, Profile, Sections, Sentence
from newsbrief.store import Store
from newsbrief.summarize.extractive import candidates
from newsbrief.summarize.grounding import (
    MIN_SUPPORT,
    Sources,
    Verdict,
    addresses_reader,
    check,
    without_instructions,
)
from newsbrief.text.sentences import split_sentences
from newsbrief.text.tokens import terms

log = logging.getLogger(__name__)

SECTION_NAMES = ("what_is_happening", "why_it_matters", "whats_next", "beyond_the_headlines")
SECTION_LIMIT = 2
OVERVIEW_LIMIT = 4
# "Why it matters" links facts to the reader's work, so more of its words are new.
WHY_SUPPORT = 0.34
MIN_ARTICLE_CHARS = 1500
CLOSE = 0.5  # word-vector cosine at which an article sentence says what a failed one meant
REPEAT = 0.6  # cosine above which a stand-in would repeat a sentence already there
_STEERED = ("the sentence carries instructions", "link ")  # grounding problems of obeying
# Tokens of articles (about 300 words: the leads of three reports) below which the full story
# instructions leave a model too little to read: the short ones (headline and summary) are
# asked for instead, so a small context window still gets a story written.
SHORT_BELOW = 400


def unattended_writer(store: Store, settings: Settings) -> ModelWriter | None:
    """The model writer for runs nobody watches, or None (extractive) when none is usable."""
    if not task_models(settings):
        return None
    return ModelWriter.unattended(store, settings)


@dataclass
class Numbered:
    """A story's articles as a model sees them: numbered from 1, cleaned, within a budget."""

    ids: list[str]  # article id of number n at index n - 1
    payload: str  # the JSON list sent to the model
    texts: dict[str, str]  # article id -> title and text, what citations are checked against
    removed: int = 0  # sentences addressed to an automated reader, left out
    sentences: list[Sentence] = field(default_factory=list)  # for stand-ins


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    head = text[:limit]
    end = max(head.rfind(". "), head.rfind(".\n"))
    return head[: end + 1] if end > limit // 2 else head


def number_articles(
    articles: Sequence[Article],
    budget: int,
    tokens: int | None = None,
    lead: Sequence[str] = (),
) -> Numbered:
    """Articles (best first) as delimited JSON data, with instruction-like sentences removed.

    ``budget`` bounds the characters of article text. ``tokens``, when the model's context
    window is known, bounds the whole list: each article then keeps its most informative
    sentences, those of the extractive summary (``lead``) first, then the articles' leads and
    so on down, in the order they were written.
    """
    per_article = max(MIN_ARTICLE_CHARS, budget // max(1, len(articles)))
    items: list[dict[str, Any]] = []
    ids: list[str] = []
    texts: dict[str, str] = {}
    used = removed = 0
    for article in articles:
        title, dropped_title = without_instructions(article.title)
        body, dropped_body = without_instructions(article.text)
        body = _cut(body, per_article)
        if items and used + len(body) > budget:
            break
        used += len(body)
        removed += dropped_title + dropped_body
        ids.append(article.id)
        texts[article.id] = f"{article.title}\n{article.text}"
        items.append(
            {
                "n": len(items) + 1,
                "outlet": None if addresses_reader(article.source or "") else article.source,
                "published": article.published.date().isoformat() if article.published else None,
                "title": title,
                "text": body,
            }
        )
    if tokens is not None:
        items, docs = _within_tokens(items, tokens, lead)
        ids = [ids[d] for d in docs]
        texts = {i: texts[i] for i in ids}
    payload = _payload(items)
    return Numbered(
        ids=ids,
        payload=payload,
        texts=texts,
        removed=removed,
        sentences=article_sentences(articles),
    )


def _payload(items: list[dict[str, Any]]) -> str:
    return json.dumps(items, ensure_ascii=False, indent=1)


def _within_tokens(
    items: list[dict[str, Any]], tokens: int, lead: Sequence[str]
) -> tuple[list[dict[str, Any]], list[int]]:
    """The articles' most informative sentences that fit in ``tokens`` (see number_articles),
    and the indices of the articles kept."""
    if approx_tokens(_payload(items)) <= tokens:
        return items, list(range(len(items)))
    split = [split_sentences(item["text"]) for item in items]

    def rank(key: tuple[int, int]) -> tuple[bool, int, int]:
        doc, position = key
        text = split[doc][position]
        chosen = any(s in text or text in s for s in lead)
        return (not chosen, position, doc)

    order = sorted(((d, p) for d, parts in enumerate(split) for p in range(len(parts))), key=rank)
    kept: set[tuple[int, int]] = set()

    def build() -> tuple[list[dict[str, Any]], list[int]]:
        out: list[dict[str, Any]] = []
        docs: list[int] = []
        for doc, item in enumerate(items):
            parts = [t for p, t in enumerate(split[doc]) if (doc, p) in kept]
            if parts:
                out.append({**item, "n": len(out) + 1, "text": " ".join(parts)})
                docs.append(doc)
        return out, docs

    # Sentences are added while the list fits; one that does not fit is passed over, so a
    # long sentence does not keep out the shorter ones ranked after it. The sum of the parts'
    # counts stands in for the count of the whole (each part is rounded up), which is checked
    # once at the end.
    used = approx_tokens(_payload([]))
    added: list[tuple[int, int]] = []
    for key in order:
        doc, position = key
        cost = approx_tokens(json.dumps(split[doc][position], ensure_ascii=False)) + 1
        if not any(d == doc for d, _ in added):
            cost += approx_tokens(_payload([{**items[doc], "text": ""}]))
        if used + cost <= tokens:
            used += cost
            added.append(key)
            kept.add(key)
    while added and approx_tokens(_payload(build()[0])) > tokens:
        kept.discard(added.pop())
    # An article none of whose sentences fit is left out; citations number the ones sent.
    return build()


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    dot = sum(v * b.get(t, 0) for t, v in a.items())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def article_sentences(articles: Sequence[Article]) -> list[Sentence]:
    """The clean sentences of a story's articles that a stand-in may be taken from."""
    return [
        c.sentence()
        for c in candidates(articles)
        if not addresses_reader(c.text)  # never put an article's instructions forward
    ]


def stand_in(
    failed: str,
    pool: Sequence[Sentence],
    used: set[str],
    close: Sequence[Sentence] = (),
    avoid: frozenset[str] = frozenset(),
) -> Sentence | None:
    """The extractive sentence that takes the place of a failed one.

    The article sentence closest to what the model tried to say, when one is close (an
    invented figure usually sits in a sentence the article states with the true figure);
    else the extractive write-up's first unused choice for the same place. Sentences that
    repeat one already used are passed over. Sentences of other articles than those in
    ``avoid`` (one that carried instructions, or the source of a sentence that obeyed them)
    come first, citing those others only; the avoided articles are a last resort.
    """
    taken = [Counter(terms(t)) for t in used]

    def fresh(sentence: Sentence) -> bool:
        if sentence.text in used:
            return False
        own = Counter(terms(sentence.text))
        return all(_cosine(own, t) <= REPEAT for t in taken)

    def elsewhere(sentences: Sequence[Sentence]) -> list[Sentence]:
        out = []
        for sentence in sentences:
            others = [c for c in sentence.cites if c not in avoid]
            if others:
                out.append(Sentence(sentence.text, others))
        return out

    wanted = Counter(terms(failed))
    tiers = [(elsewhere(close), elsewhere(pool))] if avoid else []
    for near, rest in [*tiers, (list(close), list(pool))]:
        scored = [(_cosine(wanted, Counter(terms(s.text))), s) for s in near if fresh(s)]
        best = max(scored, key=lambda pair: pair[0], default=None)
        if best is not None and best[0] >= CLOSE:
            return Sentence(best[1].text, list(best[1].cites))
        for sentence in rest:
            if fresh(sentence):
                return Sentence(sentence.text, list(sentence.cites))
    return None


@dataclass
class Guard:
    """Checks generated sentences against the articles they cite and keeps the count."""

    ids: list[str]  # number n -> article id
    texts: dict[str, str]
    report: ModelReport
    extra: str = ""  # other text a sentence may draw names and words from (the profile)
    min_support: float = MIN_SUPPORT
    close: Sequence[Sentence] = ()  # article sentences a failed sentence may give way to
    kept: int = 0
    problems: list[str] = field(default_factory=list)
    avoid: frozenset[str] = frozenset()  # articles the last failed sentence's stand-in avoids
    _sources: dict[tuple[str, ...], Sources] = field(default_factory=dict)

    @functools.cached_property
    def tainted(self) -> frozenset[str]:
        """The articles that carried text written to a model."""
        return frozenset(i for i, text in self.texts.items() if without_instructions(text)[1])

    def sources(self, cites: list[str]) -> Sources:
        """What these citations allow, built once per set of cited articles."""
        key = tuple(sorted(cites))
        if key not in self._sources:
            self._sources[key] = Sources.of([self.texts[c] for c in key], self.extra)
        return self._sources[key]

    def cites(self, numbers: Sequence[int]) -> list[str]:
        out: list[str] = []
        for n in numbers:
            if 1 <= n <= len(self.ids):
                if self.ids[n - 1] not in out:
                    out.append(self.ids[n - 1])
            else:
                self.report.citations_rejected += 1
        return out

    def sentence(self, drafted: CitedSentence) -> Sentence | None:
        """The sentence if it is grounded in its cited articles, else None (counted)."""
        text = " ".join(drafted.text.split())
        cites = self.cites(drafted.cites)
        self.report.sentences_checked += 1
        if cites:
            verdict = check(text, self.sources(cites), self.min_support)
        else:
            verdict = Verdict(False, ["no citation"])
        if verdict.ok:
            self.kept += 1
            return Sentence(text, cites)
        self.report.sentences_replaced += 1
        self.problems.extend(verdict.problems[:1])
        # A sentence that obeyed an article (it carries instructions or a link) comes from the
        # articles it cites: its stand-in is taken from others, as it is from any article that
        # carried instructions.
        steered = any(p.startswith(_STEERED) for p in verdict.problems)
        self.avoid = self.tainted | (frozenset(cites) if steered else frozenset())
        log.info("replaced %r: %s", text, "; ".join(verdict.problems))
        return None

    def fill(
        self, drafted: Sequence[CitedSentence], pool: Sequence[Sentence], used: set[str], limit: int
    ) -> list[Sentence]:
        """Guarded sentences in order; each failed one gives way to an extractive stand-in."""
        out: list[Sentence] = []
        for item in drafted[:limit]:
            sentence = self.sentence(item) or stand_in(
                item.text, pool, used, self.close, self.avoid
            )
            if sentence is not None and sentence.text not in used:
                used.add(sentence.text)
                out.append(sentence)
        return out


def _reader(profile: Profile) -> str:
    return " ".join(x for x in (profile.role, profile.industry, profile.interests) if x)


class ModelWriter:
    """Rewrites a briefing's stories and overview with the configured models."""

    def __init__(
        self,
        store: Store,
        runners: dict[str, ModelRunner],
        limits: Limits,
        ledger: Ledger,
        summary_sentences: int = 3,
        max_input_chars: int = 24000,
    ) -> None:
        self.store = store
        self.runners = runners  # task -> runner; one runner (and breaker) per model
        self.limits = limits
        self.ledger = ledger
        self.summary_sentences = max(2, min(4, summary_sentences))
        self.max_input_chars = max(MIN_ARTICLE_CHARS, max_input_chars)
        # Summary sentences of the short story prompt, when the window is too small for the
        # full one (see _rooms); 0: the full prompt.
        self.short_story = 0

    @classmethod
    def create(
        cls,
        store: Store,
        settings: Settings,
        override: str | None = None,
        off: bool = False,
    ) -> ModelWriter | None:
        """The writer the settings ask for, or None when no model is configured.

        Raises ModelConfigError for a model that is unknown or has no key, PriceError for
        an unreadable ``llm_prices``.
        """
        models = task_models(settings, override, off)
        if not models:
            return None
        use_data_folder(store.home)
        limits = Limits.from_settings(settings)
        windows = parse_context(settings.model_context_tokens)
        by_model: dict[str, ModelRunner] = {}
        runners: dict[str, ModelRunner] = {}
        for task, name in models.items():
            if name not in by_model:
                model = resolve(name, limits.timeout)
                context = context_window(model, [name, model.model_id], windows)
                by_model[name] = ModelRunner(model, limits, context=context)
            runners[task] = by_model[name]
        ledger = Ledger(store, parse_prices(settings.llm_prices))
        for runner in by_model.values():
            runner.use_format(ledger.accepted_format(runner.model_id))
        return cls(
            store,
            runners,
            limits,
            ledger,
            summary_sentences=settings.summary_sentences,
            max_input_chars=settings.llm_max_input_chars,
        )

    @classmethod
    def unattended(cls, store: Store, settings: Settings) -> ModelWriter | None:
        """The configured writer for runs nobody watches (schedules, the web app).

        A model that cannot be used there is logged and left out: the briefing is still made,
        extractively, rather than not at all.
        """
        try:
            return cls.create(store, settings)
        except (ModelConfigError, PriceError) as exc:
            log.warning("writing extractively: %s", exc)
            return None

    def session(self, command: str, profile: str | None) -> Session:
        models = sorted({r.model_id for r in self.runners.values()})
        session = Session(self.ledger, command, profile, self.limits.concurrency)
        session.report.model = ", ".join(models)
        return session

    # a briefing ---------------------------------------------------------------------------

    def improve(
        self, stories: list[BriefStory], profile: Profile, overview: list[Sentence]
    ) -> tuple[list[Sentence], ModelReport]:
        """Rewrite the stories' write-ups in place; return the overview and the report."""
        session = self.session("brief", profile.name)
        report = session.report
        reader = _reader(profile)
        rooms = self._rooms(profile if reader else None)
        numbered = {s.id: self._numbered(s, rooms) for s in stories}
        jobs: list[Job] = []
        if "writeup" in self.runners:
            jobs += [self._story_job(s, numbered[s.id], rooms) for s in stories]
        if "why" in self.runners and reader:
            jobs += [self._why_job(s, numbered[s.id], profile, rooms) for s in stories]
        results = session.run(jobs)
        by_story: dict[tuple[str, str], Result] = {}
        for job, result in zip(jobs, results, strict=True):
            by_story[(job.task, job.values["story"])] = result
        for story in stories:
            self._apply(story, numbered[story.id], by_story, reader, report)
            if numbered[story.id].removed:
                report.notes.append(
                    f"{story.writeup.headline}: {numbered[story.id].removed} sentence(s) "
                    "addressed to an automated reader were not sent to the model"
                )
        if "overview" in self.runners and stories:
            overview = self._overview(session, stories, numbered, overview)
        return overview, session.finish()

    def write_ahead(self, stories: list[BriefStory]) -> ModelReport:
        """Ask for the stories' shared write-ups only (not a reader's part, not an overview):
        the answers are cached, where every briefing that shows the stories finds them."""
        session = self.session("write", None)
        if "writeup" in self.runners:
            rooms = self._rooms(None)
            session.run([self._story_job(s, self._numbered(s, rooms), rooms) for s in stories])
        return session.finish()

    @property
    def story_sentences(self) -> int:
        return 1 + self.summary_sentences + SECTION_LIMIT * len(SECTION_NAMES)

    def _rooms(self, profile: Profile | None) -> dict[str, Room]:
        """How each task that reads a story's articles shares its model's context window.

        The instructions are the same for every story, so this is worked out once a run.
        """
        out: dict[str, Room] = {}
        self.short_story = 0
        if "writeup" in self.runners:
            full = self._room("writeup", self._story_request(""), self.story_sentences)
            out["writeup"] = full
            if not full.fits or (full.sources is not None and full.sources < SHORT_BELOW):
                out["writeup"] = self._short_room()
        if "why" in self.runners and profile is not None:
            out["why"] = self._room("why", self._why_request("", profile), SECTION_LIMIT)
        return out

    def _short_room(self) -> Room:
        """Room for the short story, whose summary has as many sentences as the answer's
        room holds (at least one); sets ``short_story`` to that number."""
        space = self._room("writeup", self._short_request("", 1), 1 + self.summary_sentences)
        fit = (space.answer - ANSWER_TOKENS) // SENTENCE_TOKENS - 1
        self.short_story = max(1, min(self.summary_sentences, fit))
        return space

    def _room(self, task: str, request: Request, sentences: int) -> Room:
        runner = self.runners[task]
        return room(runner.context, runner.fixed_tokens(request), sentences)

    def _story_request(self, articles: str) -> Request:
        template = load("story")
        values = self._story_values(articles, "")
        return Request(template.system, template.render(**values), schema_of(StoryDraft))

    def _short_request(self, articles: str, sentences: int) -> Request:
        template = load("story_short")
        values = self._story_values(articles, "", sentences)
        example = example_of(ShortStoryDraft)
        return Request(template.system, template.render(**values), {}, example=example)

    def _why_request(self, articles: str, profile: Profile) -> Request:
        template = load("why")
        values = self._why_values(articles, "", profile)
        return Request(template.system, template.render(**values), schema_of(WhyDraft))

    def _numbered(self, story: BriefStory, rooms: dict[str, Room]) -> Numbered:
        # Independent reports first (newest first, as listed), then syndicated copies.
        order = [r.id for r in story.sources if r.independent]
        order += [r.id for r in story.sources if not r.independent]
        bounds = [r.sources for r in rooms.values() if r.sources is not None]
        return number_articles(
            self.store.get_articles(order),
            self.max_input_chars,
            tokens=min(bounds) if bounds else None,
            lead=[s.text for s in story.writeup.summary],
        )

    def _story_values(self, articles: str, story: str, sentences: int = 0) -> dict[str, str]:
        return {
            "articles": articles,
            "summary_sentences": str(sentences or self.summary_sentences),
            "story": story,
        }

    def _why_values(self, articles: str, story: str, profile: Profile) -> dict[str, str]:
        reader = {
            "role": profile.role,
            "industry": profile.industry,
            "interests": profile.interests,
        }
        return {
            "articles": articles,
            "reader": json.dumps(reader, ensure_ascii=False),
            "story": story,
        }

    def _story_job(self, story: BriefStory, numbered: Numbered, rooms: dict[str, Room]) -> Job:
        if self.short_story:
            return Job(
                task="writeup",
                runner=self.runners["writeup"],
                template=load("story_short"),
                values=self._story_values(numbered.payload, story.id, self.short_story),
                shape=ShortStoryDraft,
                sentences=1 + self.short_story,
                room=rooms.get("writeup"),
                example=example_of(ShortStoryDraft),
            )
        return Job(
            task="writeup",
            runner=self.runners["writeup"],
            template=load("story"),
            values=self._story_values(numbered.payload, story.id),
            shape=StoryDraft,
            sentences=self.story_sentences,
            room=rooms.get("writeup"),
        )

    def _why_job(
        self, story: BriefStory, numbered: Numbered, profile: Profile, rooms: dict[str, Room]
    ) -> Job:
        return Job(
            task="why",
            runner=self.runners["why"],
            template=load("why"),
            values=self._why_values(numbered.payload, story.id, profile),
            shape=WhyDraft,
            sentences=SECTION_LIMIT,
            room=rooms.get("why"),
        )

    def _apply(
        self,
        story: BriefStory,
        numbered: Numbered,
        results: dict[tuple[str, str], Result],
        reader: str,
        report: ModelReport,
    ) -> None:
        extractive = story.writeup
        title = extractive.headline
        written = False
        draft_result = results.get(("writeup", story.id))
        if draft_result is not None:
            if isinstance(draft_result.draft, StoryDraft | ShortStoryDraft):
                guard = Guard(numbered.ids, numbered.texts, report, close=numbered.sentences)
                story.writeup = self._guarded(draft_result.draft, guard, extractive)
                written = guard.kept > 0
                if guard.problems:
                    report.notes.append(
                        f"{title}: {len(guard.problems)} generated sentence(s) replaced by "
                        f"sentences of the articles ({_first(guard.problems)})"
                    )
            else:
                report.stories_extractive += 1
                report.notes.append(f"{title}: written extractively: {draft_result.reason}")
        why_result = results.get(("why", story.id))
        if why_result is not None:
            if isinstance(why_result.draft, WhyDraft):
                guard = Guard(
                    numbered.ids, numbered.texts, report, reader, WHY_SUPPORT, numbered.sentences
                )
                pool = extractive.sections.why_it_matters
                used = {s.text for s in _all_sentences(story.writeup, skip="why_it_matters")}
                why = guard.fill(why_result.draft.why_it_matters, pool, used, SECTION_LIMIT)
                if why:
                    story.writeup.sections.why_it_matters = why
                written = written or guard.kept > 0
                if guard.problems:
                    report.notes.append(
                        f"{title}: {len(guard.problems)} 'why it matters' sentence(s) replaced "
                        f"({_first(guard.problems)})"
                    )
            else:
                report.notes.append(
                    f"{title}: 'why it matters' left as it was: {why_result.reason}"
                )
        if written:
            story.writeup.written_by = _model_of(draft_result, why_result)
            report.stories_written += 1

    def _guarded(self, draft: StoryDraft | ShortStoryDraft, guard: Guard, extractive: Any) -> Any:
        used: set[str] = set()
        headline = guard.sentence(draft.headline)
        summary = guard.fill(draft.summary, extractive.summary, used, 4)
        if not summary:
            summary = [Sentence(s.text, list(s.cites)) for s in extractive.summary]
            used.update(s.text for s in summary)

        def section(name: str) -> list[Sentence]:
            pool = getattr(extractive.sections, name)
            drafted = getattr(draft, name, None)
            if drafted is None:  # a short story: its sections stay extractive
                return [s for s in pool if s.text not in used]
            return guard.fill(drafted, pool, used, SECTION_LIMIT)

        sections = Sections(**{name: section(name) for name in SECTION_NAMES})
        return replace(
            extractive,
            headline=headline.text if headline else extractive.headline,
            headline_cites=headline.cites if headline else extractive.headline_cites,
            summary=summary,
            sections=sections,
        )

    def _overview(
        self,
        session: Session,
        stories: list[BriefStory],
        numbered: dict[str, Numbered],
        extractive: list[Sentence],
    ) -> list[Sentence]:
        ids: list[str] = []
        texts: dict[str, str] = {}
        for n in numbered.values():
            texts.update(n.texts)

        def number(article_id: str) -> int:
            if article_id not in ids:
                ids.append(article_id)
            return ids.index(article_id) + 1

        payload = [
            {
                "story": k,
                "headline": s.writeup.headline,
                "summary": [
                    {"text": x.text, "cites": [number(c) for c in x.cites if c in texts]}
                    for x in s.writeup.summary
                ],
            }
            for k, s in enumerate(stories, start=1)
        ]
        template = load("overview")
        runner = self.runners["overview"]
        fixed = Request(template.system, template.render(stories=""), schema_of(OverviewDraft))
        space = self._room("overview", fixed, OVERVIEW_LIMIT)
        if space.sources is not None:
            # A small window reads the top stories only: the lowest ranked go first.
            while len(payload) > 1 and approx_tokens(_stories(payload)) > space.sources:
                payload.pop()
        job = Job(
            task="overview",
            runner=runner,
            template=template,
            values={"stories": _stories(payload)},
            shape=OverviewDraft,
            sentences=OVERVIEW_LIMIT,
            room=space,
        )
        (result,) = session.run([job])
        report = session.report
        if not isinstance(result.draft, OverviewDraft):
            report.notes.append(f"overview written extractively: {result.reason}")
            return extractive
        guard = Guard(ids, texts, report)
        out = guard.fill(result.draft.overview, extractive, set(), OVERVIEW_LIMIT)
        if guard.problems:
            report.notes.append(
                f"overview: {len(guard.problems)} generated sentence(s) replaced "
                f"({_first(guard.problems)})"
            )
        return out or extractive


def _stories(payload: list[dict[str, Any]]) -> str:
    return json.dumps(payload, ensure_ascii=False, indent=1)


def _first(problems: list[str], count: int = 3) -> str:
    return "; ".join(list(dict.fromkeys(problems))[:count])


def _all_sentences(writeup: Any, skip: str = "") -> list[Sentence]:
    out = list(writeup.summary)
    for name in SECTION_NAMES:
        if name != skip:
            out.extend(getattr(writeup.sections, name))
    return out


def _model_of(*results: Result | None) -> str:
    for result in results:
        if result is not None and result.draft is not None:
            return result.job.runner.model_id
    return "extractive"
