"""Stored briefings render again unchanged; delivery JSON keys are documented."""

from __future__ import annotations

import re

from conftest import REPO

from newsbrief.briefing.assemble import build_briefing
from newsbrief.codec import briefing_dict, briefing_from_dict
from newsbrief.demo import DEMO_SINCE, corpus_path
from newsbrief.ingest.files import import_paths
from newsbrief.render import render_html, render_markdown
from newsbrief.render.email import render_email_html, render_email_text
from newsbrief.store import Store

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_a_stored_briefing_renders_exactly_as_the_original(tmp_path):
    with Store(tmp_path / "s.db") as store:
        import_paths(store, [str(corpus_path())])
        original = build_briefing(store, since=DEMO_SINCE, record=False)
    data = briefing_dict(original)
    restored = briefing_from_dict(data)
    assert briefing_dict(restored) == data
    assert render_markdown(restored) == render_markdown(original)
    assert render_html(restored) == render_html(original)
    assert render_email_html(restored) == render_email_html(original)
    assert any(s.conflicts for s in restored.stories)  # the round trip covered conflicts too


def test_email_text_part_ends_with_why_and_how_to_unsubscribe(tmp_path):
    with Store(tmp_path / "s.db") as store:
        import_paths(store, [str(corpus_path())])
        briefing = build_briefing(store, since=DEMO_SINCE, record=False, limit=2)
    text = render_email_text(briefing, footer="Why you get this.", unsubscribe="mailto:a@x.org")
    assert text.endswith("\n-- \nWhy you get this. Unsubscribe: mailto:a@x.org\n")
    html = render_email_html(briefing, footer="Why you get this.", unsubscribe="javascript:x")
    assert "javascript:" not in html  # only http(s) and mailto links are used


def test_delivery_json_keys_are_documented():
    section = README.split("## Every morning: scheduling and delivery", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"`([a-z_]+)`", section))
    webhook = {"event", "delivery", "profile", "date", "channel", "title", "markdown", "briefing"}
    listing = {"id", "profile", "date", "channel", "kind", "status", "attempts", "next_attempt"}
    listing |= {"sent", "last_error"}
    assert not (webhook | listing) - documented, sorted((webhook | listing) - documented)
