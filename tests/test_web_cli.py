"""The ``serve`` and ``user`` commands."""

from __future__ import annotations

import os
import subprocess
import sys

import anyio.to_thread
import httpx
from click.testing import CliRunner
from fastapi.testclient import TestClient
from webtools import make_home, serve

from newsbrief.cli import cli
from newsbrief.web import WebConfig, create_app


def invoke(home, *args: str, input: str | None = None):
    return CliRunner().invoke(cli, ["--home", str(home), *args], input=input)


def run_process(*args: str, input: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsbrief", *args],
        capture_output=True, text=True, input=input, env=dict(os.environ), timeout=120,
    )  # fmt: skip


def test_user_commands(tmp_path):
    home = tmp_path / "h"
    added = invoke(home, "user", "add", "ana", input="correct horse\ncorrect horse\n")
    assert added.exit_code == 0, added.output
    assert "added user ana" in added.output
    piped = invoke(home, "user", "add", "bob", "--password-stdin", input="battery staple\n")
    assert piped.exit_code == 0, piped.output
    listed = invoke(home, "user", "list")
    assert [line.split("\t")[0] for line in listed.output.splitlines()] == ["ana", "bob"]
    changed = invoke(home, "user", "password", "bob", "--password-stdin", input="new password\n")
    assert changed.exit_code == 0 and "changed the password of bob" in changed.output
    assert invoke(home, "user", "remove", "bob").exit_code == 0
    assert invoke(home, "user", "list").output.startswith("ana\t")


def test_admins_and_profile_owners(tmp_path):
    from newsbrief.ownership import owner_of
    from newsbrief.store import DB_NAME, Store

    home = tmp_path / "h"
    for name in ("ana", "bo"):
        invoke(home, "user", "add", name, "--password-stdin", input="correct horse\n")
    assert invoke(home, "profile", "create", "team").exit_code == 0
    listed = invoke(home, "user", "list").output.splitlines()
    assert listed[0].endswith("\tadmin") and not listed[1].endswith("\tadmin")  # the first
    given = invoke(home, "user", "owns", "bo", "team")
    assert given.exit_code == 0 and "bo owns team" in given.output
    made = invoke(home, "user", "admin", "bo")
    assert made.exit_code == 0 and "bo is an admin" in made.output
    assert invoke(home, "user", "admin", "ana", "--revoke").exit_code == 0
    listed = invoke(home, "user", "list").output.splitlines()
    assert listed == [line for line in listed if line.startswith(("ana\t", "bo\t"))]
    assert not listed[0].endswith("\tadmin") and listed[1].endswith("\tadmin")
    with Store(home / DB_NAME) as store:
        bo = store.conn.execute("SELECT id FROM users WHERE name = 'bo'").fetchone()[0]
        assert owner_of(store, "team") == bo
    for args, message in (
        (["user", "admin", "nobody"], "user 'nobody' does not exist"),
        (["user", "owns", "nobody", "team"], "user 'nobody' does not exist"),
        (["user", "owns", "bo", "nothing"], "profile 'nothing' does not exist"),
    ):
        result = invoke(home, *args)
        assert result.exit_code == 2 and message in result.output, args


def test_user_errors_are_one_line_with_status_2(tmp_path):
    home = tmp_path / "h"
    for args, stdin, message in (
        (["user", "add", "ana", "--password-stdin"], "short\n", "at least 8 characters"),
        (["user", "add", "a b", "--password-stdin"], "long enough\n", "user name 'a b'"),
        (["user", "remove", "nobody"], None, "user 'nobody' does not exist"),
        (["user", "password", "nobody", "--password-stdin"], "long enough\n", "does not exist"),
    ):
        result = run_process("--home", str(home), *args, input=stdin)
        assert result.returncode == 2, (args, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0]


def test_serving_beyond_loopback_requires_accounts(tmp_path):
    home = tmp_path / "h"
    no_users = run_process("--home", str(home), "serve", "--host", "0.0.0.0", "--port", "0")
    assert no_users.returncode == 2
    assert "newsbrief user add NAME" in no_users.stderr
    refused = run_process(
        "--home", str(home), "serve", "--host", "0.0.0.0", "--no-accounts", "--port", "0"
    )
    assert refused.returncode == 2 and "requires accounts" in refused.stderr


def test_serve_answers_on_loopback(tmp_path):
    home = make_home(tmp_path / "h", labels={"20_ecb"})
    with serve(home) as base:
        page = httpx.get(base + "/", timeout=60)
        assert page.status_code == 200 and "Quake" in page.text
        assert httpx.get(base + "/openapi.json").json()["info"]["title"] == "newsbrief"


def test_requests_are_handled_by_the_configured_number_of_threads(tmp_path):
    app = create_app(WebConfig(home=tmp_path / "h", threads=3))
    with TestClient(app, base_url="http://127.0.0.1") as client:
        tokens = client.portal.call(_thread_tokens)
        assert tokens == 3
        assert client.get("/api/session").status_code == 200
    assert WebConfig(home=tmp_path).threads >= 8


async def _thread_tokens() -> float:
    return anyio.to_thread.current_default_thread_limiter().total_tokens


def test_serve_refuses_a_thread_count_of_zero(tmp_path):
    result = invoke(tmp_path / "h", "serve", "--threads", "0")
    assert result.exit_code == 2 and "--threads" in result.output
