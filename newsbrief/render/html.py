"""The briefing as one standalone HTML page: no external assets, citations link to sources."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from newsbrief.models import Briefing, BriefStory
from newsbrief.render.common import (
    SECTION_TITLES,
    citation_numbers,
    claim_outlets,
    conflict_groups,
    empty_note,
    model_note,
    new_count,
    reading_time,
    safe_url,
    short_date,
    source_count,
    sources_by_id,
    story_count,
)

if TYPE_CHECKING:
    from jinja2 import Environment


def _numbers(story: BriefStory) -> dict[str, int]:
    return citation_numbers(story)


@functools.cache
def _environment() -> Environment:
    """The template environment, made on first use: a command that renders no HTML page
    never loads jinja2."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("newsbrief", "render/templates"),
        autoescape=select_autoescape(["html", "j2"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        SECTION_TITLES=SECTION_TITLES,
        conflict_groups=conflict_groups,
        short_date=short_date,
        source_count=source_count,
        story_count=story_count,
        numbers=_numbers,
        refs=sources_by_id,
        safe_url=safe_url,
        claim_outlets=claim_outlets,
        model_note=model_note,
        new_count=new_count,
        reading_time=reading_time,
        empty_note=empty_note,
    )
    return env


def render_html(briefing: Briefing) -> str:
    return _environment().get_template("briefing.html.j2").render(b=briefing)
