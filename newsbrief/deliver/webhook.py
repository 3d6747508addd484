"""A webhook: the briefing POSTed as JSON, generic or shaped for Slack or Discord.

The URL is a secret (Slack and Discord put the token in it): it is shown masked and removed from
every error. Each request carries an ``Idempotency-Key`` that is the same on every retry.
"""

from __future__ import annotations

import asyncio
from typing import Any
from urllib.parse import urlsplit

import httpx

from newsbrief import __version__
from newsbrief.deliver import Context, DeliveryError, Parcel
from newsbrief.deliver.redact import hidden_in_logs, mask_url, redact
from newsbrief.ingest.fetch import FetchError, UnsafeURL, check_url, guarded_transport
from newsbrief.models import Briefing, Channel
from newsbrief.render.html import safe_url
from newsbrief.render.markdown import render_markdown

STYLES = ("json", "slack", "discord")
MAX_RESPONSE = 64 * 1024  # bytes of an answer read, for the error message


def check(cfg: dict[str, Any]) -> dict[str, Any]:
    url = str(cfg.get("url") or "").strip()
    if not url:
        raise ValueError("a webhook channel needs --url URL")
    try:
        parts = urlsplit(url)
    except ValueError:
        raise ValueError("--url: not a valid URL") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        # The URL itself is a secret, so even here it is not repeated.
        raise ValueError("--url: expected an http(s) URL")
    style = str(cfg.get("style") or "json").lower()
    if style not in STYLES:
        raise ValueError(f"--style {style!r}: expected one of {', '.join(STYLES)}")
    return {"url": url, "style": style}


def describe(cfg: dict[str, Any]) -> str:
    return f"{cfg.get('style', 'json')} to {mask_url(str(cfg.get('url', '')))}"


# payloads -------------------------------------------------------------------------------


def payload(style: str, parcel: Parcel, channel: Channel) -> dict[str, Any]:
    if style == "slack":
        return slack_payload(parcel.briefing, parcel.edition.date)
    if style == "discord":
        return discord_payload(parcel.briefing, parcel.edition.date)
    return {
        "event": "briefing",
        "delivery": parcel.key(channel),
        "profile": parcel.edition.profile,
        "date": parcel.edition.date,
        "channel": channel.name,
        "title": parcel.briefing.title,
        "markdown": render_markdown(parcel.briefing),
        "briefing": parcel.data,
    }


def _cut(text: str, limit: int) -> str:
    """The text within ``limit`` characters, cut between words, never inside one."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut and not text[limit - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"


def _slack_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _top_link(briefing: Briefing, index: int) -> str | None:
    for ref in briefing.stories[index].sources:
        url = safe_url(ref.url)
        if url:
            return url
    return None


def slack_payload(briefing: Briefing, date: str) -> dict[str, Any]:
    """Slack incoming-webhook message: Block Kit within Slack's limits (50 blocks, 3000 chars)."""
    context = _slack_escape(f"Briefing for {briefing.profile}, {date}")
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": _cut(briefing.title, 150)}},
        {
            "type": "context",
            "elements": [{"type": "mrkdwn", "text": context}],
        },
    ]
    overview = " ".join(s.text for s in briefing.overview)
    if overview:
        text = _cut(_slack_escape(overview), 3000)
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": text}})
    blocks.append({"type": "divider"})
    for i, story in enumerate(briefing.stories[:20]):
        headline = _slack_escape(story.writeup.headline).replace("|", "¦")
        url = _top_link(briefing, i)
        title = f"*<{url}|{headline}>*" if url else f"*{headline}*"
        summary = _slack_escape(" ".join(s.text for s in story.writeup.summary))
        why = _slack_escape(story.why_included)
        text = f"{i + 1}. {title}\n{summary}" + (f"\n_{why}_" if why else "")
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": _cut(text, 3000)}})
    return {"text": _cut(briefing.title, 3000), "blocks": blocks, "unfurl_links": False}


def discord_payload(briefing: Briefing, date: str) -> dict[str, Any]:
    """Discord webhook message: up to 10 embeds, 6000 characters of embed text in all."""
    embeds: list[dict[str, Any]] = []
    budget = 6000
    for i, story in enumerate(briefing.stories[:10]):
        title = _cut(story.writeup.headline, 256)
        footer = _cut(story.why_included, 300)
        room = budget - len(title) - len(footer)
        if room < 80:
            break
        description = _cut(" ".join(s.text for s in story.writeup.summary), min(1500, room))
        embed: dict[str, Any] = {"title": title, "description": description}
        url = _top_link(briefing, i)
        if url:
            embed["url"] = url
        if footer:
            embed["footer"] = {"text": footer}
        budget -= len(title) + len(description) + len(footer)
        embeds.append(embed)
    content = _cut(f"**{briefing.title}**\nBriefing for {briefing.profile}, {date}", 2000)
    return {
        "username": "newsbrief",
        "content": content,
        "embeds": embeds,
        "allowed_mentions": {"parse": []},
    }


# sending --------------------------------------------------------------------------------


def send(channel: Channel, parcel: Parcel, ctx: Context) -> None:
    url = str(channel.config.get("url") or "")
    style = str(channel.config.get("style") or "json")
    shown = mask_url(url)
    timeout = ctx.settings.webhook_timeout
    body = payload(style, parcel, channel)
    headers = {
        "User-Agent": f"newsbrief/{__version__}",
        "Idempotency-Key": parcel.key(channel),
    }
    allow_private = ctx.settings.allow_private_addresses
    try:
        with hidden_in_logs(url):
            # The same address guard as fetching: the host is checked when connecting (in the
            # transport, on the address connected to), so a webhook cannot reach the machine's
            # own services or the cloud metadata address.
            check_url(url, allow_private=True)
            # One deadline for the whole exchange: connecting, sending, the status line, the
            # headers and the answer. A server that trickles any of them is cut off in time.
            status, reason, answer = asyncio.run(
                asyncio.wait_for(_post(url, body, headers, timeout, allow_private), timeout)
            )
    except UnsafeURL as exc:
        raise DeliveryError(f"webhook {shown}: refused, {redact(str(exc), [url])}") from None
    except FetchError as exc:
        raise DeliveryError(
            f"webhook {shown}: cannot connect ({redact(str(exc), [url])})"
        ) from None
    except (TimeoutError, httpx.TimeoutException):
        raise DeliveryError(f"webhook {shown} did not answer within {timeout:g} s") from None
    except httpx.HTTPError as exc:
        reason = redact(str(exc), [url]) or type(exc).__name__
        raise DeliveryError(f"webhook {shown}: cannot connect ({reason})") from None
    if not 200 <= status < 300:
        detail = redact(" ".join(answer.split())[:200], [url])
        raise DeliveryError(
            f"webhook {shown} answered {status} {reason}" + (f": {detail}" if detail else "")
        )


async def _post(
    url: str, body: dict[str, Any], headers: dict[str, str], timeout: float, allow_private: bool
) -> tuple[int, str, str]:
    """Status, reason and the start of the answer (at most MAX_RESPONSE bytes)."""
    transport = guarded_transport(allow_private)
    async with (
        httpx.AsyncClient(timeout=timeout, follow_redirects=False, transport=transport) as client,
        client.stream("POST", url, json=body, headers=headers) as response,
    ):
        data = b""
        async for chunk in response.aiter_bytes():
            data += chunk
            if len(data) >= MAX_RESPONSE:
                break
        return response.status_code, response.reason_phrase, data.decode("utf-8", "replace")
