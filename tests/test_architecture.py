"""ARCHITECTURE.md is a map of the code: every package and top-level module is named in it."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# The packages of the flow's stages: each of their modules is named in the map too.
STAGE_PACKAGES = ("stories", "briefing", "ask")


def test_every_package_and_module_is_named_in_architecture_md():
    text = (REPO / "ARCHITECTURE.md").read_text(encoding="utf-8")
    package = REPO / "newsbrief"
    packages = sorted(p.parent.name for p in package.glob("*/__init__.py"))
    assert packages, "no packages found"
    missing = [f"newsbrief/{name}/" for name in packages if f"`newsbrief/{name}/`" not in text]
    modules = sorted(p.name for p in package.glob("*.py") if not p.name.startswith("__"))
    missing += [name for name in modules if f"`{name}`" not in text]
    for stage in STAGE_PACKAGES:
        names = sorted(p.name for p in (package / stage).glob("*.py"))
        missing += [
            f"{stage}/{n}" for n in names if not n.startswith("__") and f"`{n}`" not in text
        ]
    assert missing == [], f"ARCHITECTURE.md does not name: {', '.join(missing)}"
