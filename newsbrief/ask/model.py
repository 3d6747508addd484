"""Answers to questions written by a model from retrieved passages, under the grounding guard.

The seam for question answering: retrieval finds the passages (only text the archive holds,
with where it came from); ``answer_with_model`` writes the answer from them. A passage is
anything with ``article_id``, ``title`` and ``text`` (``source`` and ``published`` are used
when present), as ``newsbrief.ask.answers.retrieve`` returns them (``ask/results.py``). When
the model fails, declines or is not configured for answers, the caller keeps its extractive
answer.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from newsbrief.ask.results import Answer
from newsbrief.ask.results import Passage as Retrieved
from newsbrief.llm.client import Request
from newsbrief.llm.fit import approx_tokens, room
from newsbrief.llm.prompts import load
from newsbrief.llm.schemas import AnswerDraft, schema_of
from newsbrief.llm.session import Job
from newsbrief.models import ModelReport, Sentence
from newsbrief.summarize.grounding import addresses_reader, without_instructions
from newsbrief.summarize.llm import Guard, ModelWriter
from newsbrief.text.sentences import split_sentences
from newsbrief.timeutil import to_iso

MAX_SENTENCES = 5
MAX_PASSAGES = 12


class PassageLike(Protocol):
    @property
    def article_id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def text(self) -> str: ...


@dataclass
class Passage:
    """A retrieved piece of an article, enough to answer from and cite."""

    article_id: str
    title: str
    text: str
    source: str | None = None
    published: datetime | None = None


@dataclass
class ModelAnswer:
    sentences: list[Sentence]  # cited to article ids; empty when declined or failed
    answerable: bool  # False when the model found no answer in the passages
    written_by: str  # the model id, or "extractive": keep the extractive answer
    report: ModelReport


def answer_with_model(
    writer: ModelWriter, question: str, passages: Sequence[PassageLike]
) -> ModelAnswer:
    """A cited answer to ``question`` written by the answer model from ``passages``."""
    if "answer" not in writer.runners or not passages:
        return ModelAnswer([], bool(passages), "extractive", ModelReport(model=""))
    session = writer.session("ask", None)
    report = session.report
    ids: list[str] = []
    texts: dict[str, str] = {}
    items: list[dict[str, object]] = []
    close: list[Sentence] = []
    used = 0
    runner = writer.runners["answer"]
    template = load("answer")
    asked = " ".join(question.split())
    fixed = Request(
        template.system, template.render(question=asked, passages=""), schema_of(AnswerDraft)
    )
    space = room(runner.context, runner.fixed_tokens(fixed), MAX_SENTENCES)
    for passage in passages:
        body, _ = without_instructions(passage.text)
        if items and used + len(body) > writer.max_input_chars:
            break
        published = getattr(passage, "published", None)
        outlet = getattr(passage, "source", None)
        item: dict[str, object] = {
            "n": len(items) + 1,
            "outlet": None if addresses_reader(outlet or "") else outlet,
            "published": published.date().isoformat() if published else None,
            "title": without_instructions(passage.title)[0],
            "text": body,
        }
        if space.sources is not None:
            body = _within(item, items, space.sources)
            if not body:
                break
            item["text"] = body
        used += len(body)
        ids.append(passage.article_id)
        texts[passage.article_id] = (
            texts.get(passage.article_id, passage.title) + "\n" + passage.text
        )
        close += [
            Sentence(s, [passage.article_id])
            for s in split_sentences(body)
            if not addresses_reader(s)
        ]
        items.append(item)
    job = Job(
        task="answer",
        runner=runner,
        template=template,
        values={"question": asked, "passages": _passages(items)},
        shape=AnswerDraft,
        sentences=MAX_SENTENCES,
        room=space,
    )
    (result,) = session.run([job])
    if not isinstance(result.draft, AnswerDraft):
        report.stories_extractive += 1
        report.notes.append(f"answer written extractively: {result.reason}")
        return ModelAnswer([], True, "extractive", session.finish())
    draft = result.draft
    guard = Guard(ids, texts, report, close=close)
    sentences = guard.fill(draft.answer, [], set(), MAX_SENTENCES) if draft.answerable else []
    if guard.problems:
        report.notes.append(
            f"answer: {len(guard.problems)} generated sentence(s) replaced or left out "
            f"({'; '.join(dict.fromkeys(guard.problems))})"
        )
    if draft.answerable and not sentences:
        report.notes.append("answer: nothing the model wrote is supported by the passages")
        return ModelAnswer([], True, "extractive", session.finish())
    return ModelAnswer(sentences, draft.answerable, job.runner.model_id, session.finish())


def write_answer(writer: ModelWriter, answer: Answer, passages: Sequence[Retrieved]) -> None:
    """Replace ``answer``'s extractive sentences with the model's, when it writes a checked one.

    ``passages`` are the retrieved passages, best story first. The model sees the best of them;
    the sources of the answer grow by any article it cites that the extractive answer did not.
    """
    chosen = _one_per_sentence(passages)[:MAX_PASSAGES]
    result = answer_with_model(writer, answer.question, chosen)
    answer.writer = result.report
    if result.written_by == "extractive":
        return
    if not result.answerable:
        answer.note = "the model found no answer in these passages; showing the closest sentences"
        return
    answer.answer = result.sentences
    answer.written_by = result.written_by
    listed = {str(s["id"]) for s in answer.sources}
    by_id = {p.article_id: p for p in chosen}
    for sentence in result.sentences:
        for cite in sentence.cites:
            passage = by_id.get(cite)
            if passage is None or cite in listed:
                continue
            listed.add(cite)
            answer.sources.append(
                {
                    "id": cite,
                    "title": passage.title,
                    "url": passage.url,
                    "source": passage.source,
                    "published": to_iso(passage.published),
                    "story": passage.story_id,
                }
            )


def _one_per_sentence(passages: Sequence[Retrieved]) -> list[Retrieved]:
    """The passages without repeats of the same sentence (syndicated copies say it once)."""
    seen: set[str] = set()
    out = []
    for passage in passages:
        key = " ".join(passage.text.lower().split())
        if key not in seen:
            seen.add(key)
            out.append(passage)
    return out


def _passages(items: list[dict[str, object]]) -> str:
    return json.dumps(items, ensure_ascii=False, indent=1)


def _within(item: dict[str, object], items: list[dict[str, object]], tokens: int) -> str:
    """As much of a passage's text, in whole sentences from its start, as fits after ``items``
    in ``tokens`` (passages come best first; a passage that does not fit at all is empty)."""
    parts = split_sentences(str(item["text"]))
    while parts:
        text = " ".join(parts)
        if approx_tokens(_passages([*items, {**item, "text": text}])) <= tokens:
            return text
        parts.pop()
    return ""
