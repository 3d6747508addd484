"""The deploy/ folder agrees with the code: every role's command is one the CLI accepts, every
setting the compose file passes is one newsbrief reads, and the image runs newsbrief.

No Docker engine runs here, so the compose file is checked for what it asks of newsbrief, not
started.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from newsbrief import config
from newsbrief.cli import cli

DEPLOY = Path(__file__).resolve().parents[1] / "deploy"
ROLES = {"web", "worker", "scheduler"}


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))


def test_compose_runs_every_role_beside_postgresql_and_redis(compose):
    assert set(compose["services"]) == ROLES | {"postgres", "redis"}
    for role in ROLES:
        service = compose["services"][role]
        assert service["image"] == "newsbrief"
        assert set(service["depends_on"]) == {"postgres", "redis"}


@pytest.mark.parametrize("role", sorted(ROLES))
def test_each_roles_command_is_one_the_cli_accepts(compose, role):
    args = compose["services"][role]["command"]
    group = cli.make_context("newsbrief", list(args), resilient_parsing=False)
    name, command, rest = cli.resolve_command(group, list(args))
    assert command is not None, args
    # Parsing checks every option and its value without running the command.
    command.make_context(name, rest, parent=group)


def test_the_settings_it_passes_are_settings_newsbrief_reads(compose):
    for role in ROLES:
        names = compose["services"][role]["environment"]
        for name in names:
            assert name.startswith("NEWSBRIEF_"), name
            assert name.removeprefix("NEWSBRIEF_").lower() in config.SETTINGS, name
    env = dict(
        line.split("=", 1)
        for line in (DEPLOY / "example.env").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    )
    # Every variable the compose file interpolates has a value in the example.
    text = (DEPLOY / "compose.yaml").read_text(encoding="utf-8")
    for name in ("POSTGRES_PASSWORD", "REDIS_PASSWORD"):
        assert "${" + name + "}" in text and name in env


def test_the_image_installs_the_workers_extra_and_runs_newsbrief():
    dockerfile = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    assert "'.[workers]'" in dockerfile
    assert 'ENTRYPOINT ["newsbrief"]' in dockerfile
    assert "ENV NEWSBRIEF_HOME=/data" in dockerfile
