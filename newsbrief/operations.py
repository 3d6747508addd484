"""The task queue's figures, for `newsbrief stats` and the web app: queue depth, task rates,
failures and dead letters."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from newsbrief.config import Settings
from newsbrief.store import Store


def queue_figures(store: Store, settings: Settings, hours: float = 1.0) -> dict[str, Any]:
    """Queue depth, task rates and failures over the last hours, and dead letters."""
    from newsbrief.store import tasks as ledger

    since = datetime.now(UTC) - timedelta(hours=hours)
    depths: dict[str, int] | None = None
    broker_error = None
    if settings.broker_url.strip():
        try:
            from newsbrief import tasks

            depths = tasks.queue_depths(settings)
        except ImportError:
            broker_error = "Celery is not installed (pip install 'newsbrief[workers]')"
        except Exception as exc:  # the figures from the store are still worth showing
            broker_error = f"the broker cannot be reached: {type(exc).__name__}: {exc}"
    counts = ledger.task_counts(store, since)
    minutes = hours * 60
    return {
        "broker": bool(settings.broker_url.strip()),
        "broker_error": broker_error,
        "queues": depths,
        "waiting": ledger.queued_count(store),
        "hours": hours,
        "tasks": {
            c.task.removeprefix("newsbrief."): {
                "done": c.ok,
                "per_minute": round(c.ok / minutes, 3),
                "mean_seconds": round(c.mean_seconds, 3),
                "errors": c.errors,
                "dead": c.dead,
            }
            for c in counts
        },
        "dead_letters": ledger.dead_letter_count(store),
    }
