"""The JSON the listing commands print is documented where the command is, key by key: the
README is the contract a script reading `channels list --json` or `profile show --json` has."""

from __future__ import annotations

import json
import re

from conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def keys(value: object) -> set[str]:
    found: set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            found |= {key} | keys(item)
    elif isinstance(value, list):
        for item in value:
            found |= keys(item)
    return found


def paragraph(opening: str) -> set[str]:
    """The names in backquotes of the README paragraph (or list item) that starts there."""
    start = README.index(opening)
    end = min(i for i in (README.find("\n\n", start), README.find("\n- ", start)) if i > 0)
    return set(re.findall(r"`\"?@?([a-z_]+)", README[start:end]))


def test_channels_list_json_keys_are_documented(run, tmp_path):
    folder, feed = tmp_path / "briefings", tmp_path / "feed.xml"
    for args in (
        ["email", "--to", "a@example.org", "--from", "b@example.org", "--subject-prefix", "x",
         "--unsubscribe", "https://example.org/u"],
        ["folder", "--path", str(folder)],
        ["atom", "--path", str(feed), "--entries", "5", "--link", "https://example.org/{date}"],
        ["webhook", "--url", "https://hooks.example.org/T0/B0/secret", "--style", "slack"],
    ):  # fmt: skip
        assert run("channels", "add", "default", *args).exit_code == 0
    listed = json.loads(run("channels", "list", "--json").output)
    assert {c["kind"] for c in listed} == {"email", "folder", "atom", "webhook"}
    missing = keys(listed) - paragraph("`newsbrief channels list [PROFILE] [--json]`")
    assert not missing, f"channels list --json keys missing from README: {sorted(missing)}"


def test_profile_show_json_keys_are_documented(run):
    assert run("profile", "create", "ana", "--interests", "grid investment").exit_code == 0
    shown = json.loads(run("profile", "show", "ana", "--json").output)
    missing = set(shown) - paragraph("- `newsbrief profile edit NAME")
    assert not missing, f"profile show --json keys missing from README: {sorted(missing)}"
