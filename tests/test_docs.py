"""Every command, option and JSON key the project offers is documented in the README."""

from __future__ import annotations

import json
import re

import click
from conftest import REPO

from newsbrief.cli import cli
from newsbrief.demo import corpus_path
from newsbrief.ingest.files import import_paths
from newsbrief.store import Store

README = (REPO / "README.md").read_text(encoding="utf-8")


def commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    out = []
    for name, command in sorted(group.commands.items()):
        full = f"{prefix}{name}"
        out.append((full, command))
        if isinstance(command, click.Group):
            out.extend(commands(command, full + " "))
    return out


def test_every_command_and_option_is_in_the_readme():
    for name, command in commands(cli):
        assert f"newsbrief {name}" in README, f"command 'newsbrief {name}' is undocumented"
        for param in command.params:
            if isinstance(param, click.Option):
                for opt in param.opts:
                    if opt.startswith("--") and opt != "--help":
                        assert opt in README, f"option {opt} of 'newsbrief {name}' is undocumented"


def keys(value: object, prefix: str = "") -> set[str]:
    found: set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            found.add(key)
            found |= keys(item, key)
    elif isinstance(value, list):
        for item in value:
            found |= keys(item, prefix)
    return found


def test_every_json_briefing_key_is_documented(tmp_path):
    from newsbrief.briefing.assemble import build_briefing
    from newsbrief.codec import briefing_dict
    from newsbrief.demo import DEMO_SINCE

    with Store(tmp_path / "s.db") as store:
        import_paths(store, [str(corpus_path())])
        data = briefing_dict(build_briefing(store, since=DEMO_SINCE))
    json.dumps(data)
    section = README.split("## JSON briefing", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"`([a-z_]+)`", section))
    missing = keys(data) - documented
    assert not missing, f"JSON keys missing from README's JSON section: {sorted(missing)}"


def test_every_setting_is_documented():
    from newsbrief.config import SETTINGS

    for name in SETTINGS:
        assert f"`{name}`" in README, f"setting {name} is undocumented"


def test_every_json_answer_key_is_documented(tmp_path):
    from newsbrief.ask.answers import ask
    from newsbrief.render.answer import answer_dict

    with Store(tmp_path / "s.db") as store:
        import_paths(store, [str(corpus_path())])
        data = answer_dict(ask(store, "How many people died in the earthquake?"))
    section = README.split("### Ask the news", 1)[1].split("\n### ", 1)[0]
    documented = set(re.findall(r'"([a-z_]+)"', section)) | set(re.findall(r"`([a-z_]+)`", section))
    missing = keys(data) - documented
    assert data["found"] and not missing, f"answer keys missing from README: {sorted(missing)}"
