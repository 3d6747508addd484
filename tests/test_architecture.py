"""ARCHITECTURE.md is a map of the code: every package and top-level module is named in it."""

from __future__ import annotations

import ast
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


def _imports_at_load(path: Path, modules: set[str]) -> set[str]:
    """The newsbrief modules a module imports when it loads (type-checking imports included:
    they are a circle too for the reader and for mypy); imports inside functions are not."""
    names: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        inner = ast.walk(node) if isinstance(node, ast.If) else [node]
        for item in inner:
            if isinstance(item, ast.ImportFrom) and item.level == 0 and item.module:
                for alias in item.names:
                    full = f"{item.module}.{alias.name}"
                    names.add(full if full in modules else item.module)
            elif isinstance(item, ast.Import):
                names.update(alias.name for alias in item.names)
    return {n for n in names if n in modules}


def _module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_no_import_circles():
    paths = {_module_name(p): p for p in (REPO / "newsbrief").rglob("*.py")}
    graph = {name: _imports_at_load(path, set(paths)) - {name} for name, path in paths.items()}
    circles: list[list[str]] = []
    done: set[str] = set()

    def visit(name: str, trail: list[str]) -> None:
        if name in trail:
            circles.append([*trail[trail.index(name) :], name])
            return
        if name in done:
            return
        for other in sorted(graph[name]):
            visit(other, [*trail, name])
        done.add(name)

    for name in sorted(graph):
        visit(name, [])
    assert circles == [], "import circles: " + "; ".join(" -> ".join(c) for c in circles)
