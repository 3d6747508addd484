"""Briefing renderers: Markdown, HTML, JSON and plain text."""

from newsbrief.codec import briefing_dict
from newsbrief.render.html import render_html
from newsbrief.render.json import render_json
from newsbrief.render.markdown import render_markdown
from newsbrief.render.text import render_text

FORMATS = {"md": render_markdown, "html": render_html, "json": render_json, "text": render_text}

__all__ = [
    "FORMATS",
    "briefing_dict",
    "render_html",
    "render_json",
    "render_markdown",
    "render_text",
]
