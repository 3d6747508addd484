"""Ask the news: a conversation of questions answered from the archive, every sentence cited.

The answers come from ``newsbrief.ask.answers`` (the same as ``newsbrief ask``); follow-up questions
use the earlier turns. The page keeps each browser's conversation in memory (it is gone when
the server restarts); API clients send their earlier turns themselves.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field

from newsbrief.ask.answers import QuestionError, ask
from newsbrief.ask.results import Turn
from newsbrief.render.answer import answer_dict
from newsbrief.summarize.llm import unattended_writer
from newsbrief.timeutil import parse_since
from newsbrief.web.briefings import zone_of
from newsbrief.web.context import (
    ProfileName,
    ViewerDep,
    WebDep,
    form_csrf,
    header_csrf,
    profile_named,
    profile_names,
    viewer,
)
from newsbrief.web.memory import MAX_TURNS, Exchange
from newsbrief.web.schemas import ModelReport
from newsbrief.web.templating import render, url

router = APIRouter(dependencies=[Depends(viewer)])


def history_of(exchanges: list[Exchange]) -> list[Turn]:
    return [
        Turn(e.question, [str(s["id"]) for s in e.answer.get("sources", [])]) for e in exchanges
    ]


@router.get("/ask", include_in_schema=False)
def ask_page(
    request: Request, state: WebDep, seen: ViewerDep, profile: ProfileName = "default"
) -> Response:
    store = state.stores.get()
    reader = profile_named(store, profile, seen)
    return render(
        request,
        "ask.html",
        profile=reader,
        profiles=profile_names(store, seen),
        zone=zone_of(reader),
        viewer=seen,
        conversation=state.conversations.get(seen.client_id),
        error=None,
        question="",
    )


@router.post("/ask", include_in_schema=False, dependencies=[Depends(form_csrf)])
def ask_form(
    request: Request,
    state: WebDep,
    seen: ViewerDep,
    question: Annotated[str, Form(max_length=20_000)] = "",
    profile: Annotated[str, Form()] = "default",
) -> Response:
    store = state.stores.get()
    reader = profile_named(store, profile, seen)
    earlier = state.conversations.get(seen.client_id)
    try:
        answer = ask(
            store,
            question,
            history=history_of(earlier),
            mute=reader.mute,
            writer=unattended_writer(store, state.settings),
        )
    except QuestionError as exc:
        return render(
            request, "ask.html", status=400, profile=reader, profiles=profile_names(store, seen),
            zone=zone_of(reader), viewer=seen, conversation=earlier, error=str(exc),
            question=question[:2000],
        )  # fmt: skip
    state.conversations.add(seen.client_id, Exchange(answer.question, answer_dict(answer)))
    turn = len(state.conversations.get(seen.client_id))
    return RedirectResponse(url("/ask", reader.name) + f"#turn-{turn}", status_code=303)


@router.post("/ask/clear", include_in_schema=False, dependencies=[Depends(form_csrf)])
def clear_conversation(
    state: WebDep, seen: ViewerDep, profile: Annotated[str, Form()] = "default"
) -> Response:
    state.conversations.clear(seen.client_id)
    return RedirectResponse(url("/ask", profile), status_code=303)


class TurnIn(BaseModel):
    question: str
    cited: list[str] = Field([], description="article ids the earlier answer cited")


class AskIn(BaseModel):
    question: str
    history: list[TurnIn] = Field([], description="earlier turns, oldest first")
    since: str | None = Field(None, description="only articles since (24h, 7d, ISO date)")
    profile: str = Field("default", description="leave out what this profile mutes")


class AnswerSource(BaseModel):
    id: str
    title: str
    url: str | None
    source: str | None
    published: str | None
    story: str


class AnswerSentence(BaseModel):
    text: str
    cites: list[str]


class AskOut(BaseModel):
    question: str
    found: bool
    answer: list[AnswerSentence]
    sources: list[AnswerSource]
    conflicts: list[dict[str, Any]]
    stories: list[str]
    note: str
    since: str | None
    until: str | None
    written_by: str = Field(description='the model that wrote the answer, or "extractive"')
    writer: ModelReport | None = Field(None, description="what the model did; null without one")


@router.post("/api/ask", response_model=AskOut, dependencies=[Depends(header_csrf)], tags=["ask"])
def api_ask(body: AskIn, state: WebDep, seen: ViewerDep) -> Any:
    """Answer a question from the archive, citing every sentence; or say nothing answers it.

    For a follow-up, send the earlier turns with the articles their answers cited.
    """
    store = state.stores.get()
    reader = profile_named(store, body.profile, seen)
    try:
        since = parse_since(body.since) if body.since else None
    except ValueError as exc:
        raise HTTPException(400, str(exc)) from exc
    history = [Turn(t.question, list(t.cited)) for t in body.history[-MAX_TURNS:]]
    try:
        answer = ask(
            store,
            body.question,
            since=since,
            history=history,
            mute=reader.mute,
            writer=unattended_writer(store, state.settings),
        )
    except QuestionError as exc:
        raise HTTPException(400, str(exc)) from exc
    return answer_dict(answer)
