"""A folder of briefing files: one file per edition and format, e.g. ``2024-04-01-ana.md``.

Files are written to a temporary name and renamed, so a reader never sees half a file and a
repeated delivery simply rewrites the same file.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any

from newsbrief.deliver import Context, DeliveryError, Parcel
from newsbrief.models import Briefing, Channel
from newsbrief.render import render_html, render_json, render_markdown, render_text

RENDERERS = {
    "md": render_markdown,
    "html": render_html,
    "json": render_json,
    "txt": render_text,
}
DEFAULT_FORMATS = ["md", "html", "json"]


def check(cfg: dict[str, Any]) -> dict[str, Any]:
    path = str(cfg.get("path") or "").strip()
    if not path:
        raise ValueError("a folder channel needs --path DIR")
    folder = Path(path).expanduser()
    if folder.exists() and not folder.is_dir():
        raise ValueError(f"--path {path}: exists and is not a folder")
    formats = cfg.get("formats") or DEFAULT_FORMATS
    if isinstance(formats, str):
        formats = [f.strip() for f in formats.split(",") if f.strip()]
    unknown = [f for f in formats if f not in RENDERERS]
    if unknown:
        raise ValueError(
            f"--formats: unknown format {unknown[0]!r} (expected: {', '.join(RENDERERS)})"
        )
    return {"path": str(folder.resolve()), "formats": list(dict.fromkeys(formats))}


def describe(cfg: dict[str, Any]) -> str:
    return f"{cfg.get('path')} ({', '.join(cfg.get('formats', []))})"


def file_names(profile: str, date: str, formats: list[str]) -> list[str]:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", profile).strip("-.") or "profile"
    return [f"{date}-{slug}.{fmt}" for fmt in formats]


def send(channel: Channel, parcel: Parcel, ctx: Context) -> None:
    folder = Path(str(channel.config["path"]))
    formats = [str(f) for f in channel.config.get("formats") or DEFAULT_FORMATS]
    names = file_names(parcel.edition.profile, parcel.edition.date, formats)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for fmt, name in zip(formats, names, strict=True):
            write_atomic(folder / name, render(parcel.briefing, fmt))
    except OSError as exc:
        raise DeliveryError(f"folder {folder}: cannot write ({exc.strerror or exc})") from None


def render(briefing: Briefing, fmt: str) -> str:
    return RENDERERS[fmt](briefing)


def write_atomic(path: Path, text: str) -> None:
    """Write a file so that it is either the old or the new one, never a part."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
