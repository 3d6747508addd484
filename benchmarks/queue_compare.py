"""Celery, Dramatiq and Procrastinate side by side, on the work the project gives a queue.

    make services
    .venv/bin/pip install 'dramatiq[redis]' procrastinate   # only for this comparison
    .venv/bin/python benchmarks/queue_compare.py --tasks 2000 --processes 2 --work-ms 20

Each queue gets the same tasks the same way the project runs its own: acknowledged when done
(late), one message at a time per process, ``--processes`` worker processes of one task each.
A task does ``--work-ms`` of CPU (a unit of work: a briefing takes 1–9 s, a fetch tens of ms)
and records itself in PostgreSQL with one idempotent insert, as every unit of the project does.
Celery and Dramatiq use the Redis of `make services` as their broker; Procrastinate keeps its
queue in the same PostgreSQL.

For each queue: tasks queued per second (one producer), tasks done per second from the first
message to the last insert, and the queue's own cost per task (wall time × processes ÷ tasks,
minus the work). A second run per queue kills one worker with SIGKILL a third of the way
through and starts another: ``lost`` counts tasks never done, ``duplicated`` tasks done twice
(the insert keeps the first and counts the rest).

Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
TABLE = "queue_bench_done"
QUEUE = "bench"


def database_url() -> str:
    url = os.environ.get("NEWSBRIEF_DATABASE_URL", "")
    if not url.startswith("postgresql://"):
        sys.exit("queue_compare: set NEWSBRIEF_DATABASE_URL (`make services` prints it)")
    return url


def broker_url() -> str:
    url = os.environ.get("NEWSBRIEF_BROKER_URL", "")
    if not url.startswith("redis://"):
        sys.exit("queue_compare: set NEWSBRIEF_BROKER_URL (`make services` prints it)")
    return url.rsplit("/", 1)[0] + "/14"  # a Redis database of its own, emptied per run


# the unit of work ------------------------------------------------------------------------

_conn: Any = None


def unit(n: int, work_ms: float) -> None:
    """Burn ``work_ms`` of CPU, then record ``n`` once (a second run of ``n`` counts as a
    duplicate)."""
    global _conn
    import psycopg

    end = time.process_time() + work_ms / 1000
    while time.process_time() < end:
        pass
    if _conn is None:
        _conn = psycopg.connect(database_url(), autocommit=True)
    _conn.execute(
        f"INSERT INTO {TABLE} (n, runs) VALUES (%s, 1) "
        f"ON CONFLICT (n) DO UPDATE SET runs = {TABLE}.runs + 1",
        (n,),
    )


# Celery ----------------------------------------------------------------------------------


def celery_app() -> Any:
    from celery import Celery

    app = Celery("bench", broker=broker_url(), set_as_current=False)
    app.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_ignore_result=True,
        task_default_queue=QUEUE,
        broker_transport_options={
            "visibility_timeout": 5.0,
            "unacked_restore_interval": 2.5,
            "unacked_restore_throttle": 1,
        },
        worker_hijack_root_logger=False,
    )
    app.task(name="bench.unit")(unit)
    return app


# Dramatiq --------------------------------------------------------------------------------


def dramatiq_actor() -> Any:
    import dramatiq
    from dramatiq.brokers.redis import RedisBroker

    # Dramatiq acknowledges after the actor returns (late) and requeues a dead worker's
    # messages after ``heartbeat_timeout`` (ms): the same 5 s as the others. It looks for them
    # on a random one in ``maintenance_chance`` per million broker commands: by default one in
    # a thousand, which left a dead worker's messages waiting over 10 minutes here; one in ten
    # looks as often as Celery's restore interval does above.
    broker = RedisBroker(
        url=broker_url(),
        heartbeat_timeout=5000,
        dead_message_ttl=60_000,
        maintenance_chance=100_000,
    )
    dramatiq.set_broker(broker)
    return dramatiq.actor(unit, queue_name=QUEUE, actor_name="unit", max_retries=0)


# Procrastinate ---------------------------------------------------------------------------


def procrastinate_app() -> Any:
    import procrastinate

    app = procrastinate.App(connector=procrastinate.SyncPsycopgConnector(conninfo=database_url()))
    app.task(name="unit", queue=QUEUE)(unit)
    return app


def procrastinate_worker_app() -> Any:
    import procrastinate

    # The worker runs on the asynchronous connector; tasks stay synchronous (run in a thread).
    app = procrastinate.App(connector=procrastinate.PsycopgConnector(conninfo=database_url()))
    app.task(name="unit", queue=QUEUE)(unit)
    return app


# running them ------------------------------------------------------------------------------


def worker_main(kind: str) -> None:
    """One worker process of ``kind`` taking one task at a time (run by the benchmark)."""
    if kind == "celery":
        celery_app().worker_main(
            [
                "worker",
                "--concurrency=1",
                "--pool=solo",
                f"--queues={QUEUE}",
                "--loglevel=WARNING",
                "--without-heartbeat",
                "--without-mingle",
                "--without-gossip",
            ]
        )
    elif kind == "dramatiq":
        from dramatiq import Worker

        dramatiq_actor()
        import dramatiq

        worker = Worker(dramatiq.get_broker(), worker_threads=1, queues={QUEUE})
        worker.start()
        while True:  # until the benchmark ends it
            time.sleep(1.0)
    elif kind == "procrastinate":
        app = procrastinate_worker_app()
        app.run_worker(queues=[QUEUE], concurrency=1, wait=True, install_signal_handlers=True)


def reset(kind: str) -> None:
    import psycopg
    import redis

    with psycopg.connect(database_url(), autocommit=True) as conn:
        conn.execute(f"DROP TABLE IF EXISTS {TABLE}")
        conn.execute(f"CREATE TABLE {TABLE} (n integer PRIMARY KEY, runs integer NOT NULL)")
    client = redis.Redis.from_url(broker_url())
    client.flushdb()
    client.close()
    if kind == "procrastinate":
        app = procrastinate_app()
        with app.open():
            with psycopg.connect(database_url(), autocommit=True) as conn:
                has = conn.execute("SELECT to_regclass('procrastinate_jobs')").fetchone()
                if has and has[0] is not None:
                    conn.execute("TRUNCATE procrastinate_jobs CASCADE")
                    return
            app.schema_manager.apply_schema()


def enqueue(kind: str, tasks: int, work_ms: float) -> float:
    """Queue the tasks from one producer; seconds taken."""
    started = time.monotonic()
    if kind == "celery":
        app = celery_app()
        for n in range(tasks):
            app.send_task("bench.unit", args=[n, work_ms], queue=QUEUE)
    elif kind == "dramatiq":
        actor = dramatiq_actor()
        for n in range(tasks):
            actor.send(n, work_ms)
    else:
        app = procrastinate_app()
        with app.open():
            task = app.tasks["unit"]
            for n in range(tasks):
                task.defer(n=n, work_ms=work_ms)
    return time.monotonic() - started


def counts() -> tuple[int, int]:
    import psycopg

    with psycopg.connect(database_url(), autocommit=True) as conn:
        row = conn.execute(f"SELECT count(*), coalesce(sum(runs), 0) FROM {TABLE}").fetchone()
    assert row is not None
    return int(row[0]), int(row[1])


def start_worker(kind: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, str(Path(__file__)), "--worker", kind],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def run(kind: str, tasks: int, processes: int, work_ms: float, kill: bool) -> dict[str, Any]:
    reset(kind)
    workers = [start_worker(kind) for _ in range(processes)]
    time.sleep(3.0)  # started and connected before the clock starts
    started = time.monotonic()
    queued_in = enqueue(kind, tasks, work_ms)
    killed = False
    deadline = started + max(600.0, tasks * work_ms / 1000 * 4)
    while time.monotonic() < deadline:
        done, _ = counts()
        if kill and not killed and done >= tasks // 3:
            os.killpg(workers[0].pid, signal.SIGKILL)
            workers[0].wait()
            workers[0] = start_worker(kind)
            killed = True
        if done >= tasks:
            break
        time.sleep(0.05)
    elapsed = time.monotonic() - started
    if kill:
        time.sleep(8.0)  # a message handed out twice would be run within this
    done, runs = counts()
    for proc in workers:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
    for proc in workers:
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
    result: dict[str, Any] = {
        "queued_per_s": round(tasks / queued_in, 1),
        "done_per_s": round(done / elapsed, 1),
        "seconds": round(elapsed, 2),
        "overhead_ms_per_task": round(elapsed * processes / max(done, 1) * 1000 - work_ms, 1),
    }
    if kill:
        result.update(lost=tasks - done, duplicated=runs - done)
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=2000)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--work-ms", type=float, default=20.0)
    parser.add_argument("--queues", default="celery,dramatiq,procrastinate")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker_main(args.worker)
        return
    out: dict[str, Any] = {
        "tasks": args.tasks,
        "processes": args.processes,
        "work_ms": args.work_ms,
        "load_average": os.getloadavg()[0],
    }
    for kind in args.queues.split(","):
        out[kind] = run(kind, args.tasks, args.processes, args.work_ms, kill=False)
        out[kind]["killed_run"] = run(kind, args.tasks, args.processes, args.work_ms, kill=True)
        print(json.dumps({kind: out[kind]}), file=sys.stderr)
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
