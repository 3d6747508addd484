"""Metadata headers above the text of Markdown and plain-text files.

Static-site generators keep a post's title and date above its text: between two "---" lines
(YAML front matter: Jekyll, Hugo, Astro, most newsletter archives kept as Markdown) or as
"Title: ..." lines up to the first blank line (Pelican, MultiMarkdown). They are the file's
metadata, not its prose: read as text, "layout: blog title: ... date: ..." became the title
and a sentence that could be cited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_KEY = re.compile(r"^([A-Za-z][\w.-]*)\s*:(?:\s+(.*?))?\s*$")
_FENCE, _ENDS = "---", ("---", "...")
MAX_HEADER_LINES = 80  # a front matter is short; a rule far down the text closes none
_DATE_KEYS = ("date", "published", "pubdate")


@dataclass(frozen=True)
class Header:
    title: str = ""
    date: str = ""


def split_front_matter(text: str) -> tuple[Header, str]:
    """(header, body): the text's metadata header and the text below it; an empty header and
    the text itself when it opens with none."""
    lines = text.split("\n")
    if lines and lines[0].strip() == _FENCE:
        for end in range(1, min(len(lines), MAX_HEADER_LINES)):
            if lines[end].strip() in _ENDS:
                head = lines[1:end]
                if _is_yaml(head):
                    return _header(head), "\n".join(lines[end + 1 :])
                break
        return Header(), text
    end = next((i for i, line in enumerate(lines) if not line.strip()), len(lines))
    head = lines[:end]
    first = _KEY.match(head[0]) if head else None
    if first and first.group(1).lower() == "title" and all(_KEY.match(line) for line in head):
        return _header(head), "\n".join(lines[end + 1 :])
    return Header(), text


def _is_yaml(lines: list[str]) -> bool:
    """Keys and values, nested values and list entries: no prose between the fences."""
    keys = 0
    for line in lines:
        if not line.strip() or line[:1].isspace() or line.lstrip().startswith(("- ", "#")):
            continue
        if not _KEY.match(line):
            return False
        keys += 1
    return keys > 0


def _header(lines: list[str]) -> Header:
    found: dict[str, str] = {}
    for line in lines:
        match = _KEY.match(line) if not line[:1].isspace() else None
        if match and match.group(2):
            found.setdefault(match.group(1).lower(), _unquote(match.group(2)))
    date = next((found[k] for k in _DATE_KEYS if found.get(k)), "")
    return Header(title=found.get("title", ""), date=date)


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value
