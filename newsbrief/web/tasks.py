"""The task queue seen from the web app: queue depth, task rates, failures and dead letters."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from newsbrief.operations import queue_figures
from newsbrief.store.tasks import dead_letters
from newsbrief.timeutil import to_iso
from newsbrief.web.context import ViewerDep, WebDep, WebState, viewer
from newsbrief.web.templating import render

router = APIRouter(dependencies=[Depends(viewer)])


def tasks_dict(state: WebState) -> dict[str, Any]:
    store = state.stores.get()
    figures = queue_figures(store, state.settings)
    figures["latest_dead_letters"] = [
        {
            "id": d.id,
            "task": d.task,
            "args": d.args,
            "error": d.error,
            "attempts": d.attempts,
            "created": to_iso(d.created),
        }
        for d in dead_letters(store, 20)
    ]
    return figures


@router.get("/tasks", include_in_schema=False)
async def tasks_page(request: Request, state: WebDep, seen: ViewerDep) -> Response:
    figures = await run_in_threadpool(tasks_dict, state)
    return render(request, "tasks.html", figures=figures)


@router.get("/api/tasks", tags=["tasks"])
async def tasks_api(state: WebDep) -> dict[str, Any]:
    """The task queue: waiting messages per queue, task rates and failures over the last hour,
    dead letters (the latest 20 in ``latest_dead_letters``)."""
    return await run_in_threadpool(tasks_dict, state)
