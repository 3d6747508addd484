"""The briefing as an email: HTML with inline styles only, and a plain-text alternative.

Mail clients drop ``<style>`` blocks, classes, CSS variables and modern layout, so the page is a
600px table with every style written on its element, and citations link straight to the source
(in-message anchors do not work everywhere).
"""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from newsbrief.models import Briefing, BriefStory
from newsbrief.render.common import (
    SECTION_TITLES,
    citation_numbers,
    conflict_groups,
    short_date,
    source_count,
)
from newsbrief.render.html import safe_url
from newsbrief.render.markdown import render_markdown

# Text elements inherit font and colour from their cell or list, and font stacks are short:
# every byte of style is repeated hundreds of times, and Gmail clips a message over ~100 KB.
_SANS = "Helvetica,Arial,sans-serif"
_SERIF = "Georgia,serif"
_FG, _MUTED, _LINE, _ACCENT = "#1d1d1f", "#5f6368", "#e4e2dc", "#1a5fb4"
MAX_SOURCES = 8  # sources listed per story; citations still link to every source

_STYLES = {
    "body": "margin:0;padding:0;background-color:#f4f3ef;",
    "preheader": "display:none;max-height:0;overflow:hidden;mso-hide:all;",
    "outer": "width:100%;background-color:#f4f3ef;",
    "outer_cell": "padding:24px 12px;",
    "card": f"width:100%;max-width:600px;background-color:#ffffff;border:1px solid {_LINE};",
    "head_cell": f"padding:24px 28px 8px 28px;font-family:{_SERIF};color:{_FG};",
    "cell": f"padding:8px 28px 16px 28px;font:16px/24px {_SERIF};color:{_FG};",
    "story_cell": f"padding:20px 28px;border-top:1px solid {_LINE};font:16px/24px {_SERIF};"
    f"color:{_FG};",
    "meta": f"margin:0 0 8px 0;font:13px/18px {_SANS};color:{_MUTED};",
    "h1": f"margin:0;font:bold 26px/32px {_SERIF};color:{_FG};",
    "h2": f"margin:0 0 6px 0;font:bold 20px/26px {_SERIF};color:{_FG};",
    "label": f"margin:14px 0 4px 0;font:bold 12px/16px {_SANS};letter-spacing:1px;"
    f"text-transform:uppercase;color:{_MUTED};",
    "p": "margin:0 0 8px 0;",
    "why": f"margin:0 0 8px 0;font:13px/18px {_SANS};color:{_MUTED};",
    "ul": f"margin:0 0 8px 0;padding:0 0 0 20px;font:16px/24px {_SERIF};color:{_FG};",
    "li": "margin:0 0 4px 0;",
    "cite_link": f"color:{_ACCENT};text-decoration:none;",
    "badge": f"font:bold 11px {_SANS};color:#ffffff;background-color:{_ACCENT};padding:1px 5px;",
    "quote": f"padding:4px 0 4px 14px;border-left:3px solid {_ACCENT};"
    f"font:italic 16px/24px {_SERIF};color:{_FG};",
    "speaker": f"font:13px {_SANS};color:{_MUTED};",
    "conflict": "margin:4px 0 8px 0;background-color:#fff4e0;border-left:3px solid #8a4b00;",
    "conflict_head": f"padding:6px 10px;font:14px/20px {_SANS};color:{_FG};",
    "conflict_value": f"padding:4px 10px;font:14px/20px {_SANS};color:{_FG};",
    "conflict_text": f"padding:4px 10px 4px 0;font:14px/20px {_SANS};color:{_FG};",
    "sources": f"margin:0;padding:0 0 0 20px;font:13px/19px {_SANS};color:{_MUTED};",
    "source": "margin:0 0 3px 0;",
    "link": f"color:{_ACCENT};",
    "topics": f"margin:0;font:13px/20px {_SANS};color:{_MUTED};",
    "footer": f"padding:16px 28px 24px 28px;border-top:1px solid {_LINE};"
    f"font:12px/18px {_SANS};color:{_MUTED};",
    "footer_link": f"color:{_MUTED};",
}
# The styles are constants of ours, not data, so they are not escaped.
STYLES = {name: Markup(value) for name, value in _STYLES.items()}

_env = Environment(
    loader=PackageLoader("newsbrief", "render/templates"),
    autoescape=select_autoescape(["html", "j2"], default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def _source_urls(story: BriefStory) -> dict[str, str | None]:
    return {ref.id: safe_url(ref.url) for ref in story.sources}


_env.globals.update(
    S=STYLES,
    SECTION_TITLES=SECTION_TITLES,
    conflict_groups=conflict_groups,
    short_date=short_date,
    source_count=source_count,
    numbers=citation_numbers,
    source_urls=_source_urls,
    MAX_SOURCES=MAX_SOURCES,
)


def render_email_html(
    briefing: Briefing,
    when: str | None = None,
    footer: str = "",
    unsubscribe: str | None = None,
) -> str:
    """A whole HTML email. ``when`` is the reader's local date and time, shown under the title;
    ``footer`` says why the reader gets it; ``unsubscribe`` is an http(s) or mailto link."""
    template = _env.get_template("email.html.j2")
    return template.render(**_context(briefing, when, footer, unsubscribe))


def render_email_fragment(
    briefing: Briefing,
    when: str | None = None,
    footer: str = "",
    unsubscribe: str | None = None,
) -> str:
    """The email's content table alone, for embedding (e.g. in an Atom entry)."""
    template = _env.get_template("email_body.html.j2")
    return template.render(**_context(briefing, when, footer, unsubscribe))


def render_email_text(briefing: Briefing, footer: str = "", unsubscribe: str | None = None) -> str:
    """The plain-text alternative: Markdown reads well as text and keeps the source links."""
    text = render_markdown(briefing).rstrip() + "\n"
    parts = [footer, f"Unsubscribe: {unsubscribe}" if unsubscribe else ""]
    tail = " ".join(part for part in parts if part)
    return text + (f"\n-- \n{tail}\n" if tail else "")


def _context(
    briefing: Briefing, when: str | None, footer: str, unsubscribe: str | None
) -> dict[str, object]:
    link = unsubscribe if unsubscribe and _is_link(unsubscribe) else None
    return {
        "b": briefing,
        "when": when or short_date(briefing.generated),
        "footer": footer,
        "unsubscribe": link,
    }


def _is_link(value: str) -> bool:
    return value.lower().startswith(("https://", "http://", "mailto:"))
