"""Delivery channels from the profile page, through the real web app (httpx's ASGI transport) on a
real SQLite file, with a real SMTP server and a real webhook receiver on loopback."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from delivery_kit import SmtpSink, WebhookSink
from webtools import add_account, login, make_home
from webtools import client as account_client

from newsbrief.cli import cli
from newsbrief.store import DB_NAME, Store
from newsbrief.store.deliveries import DeliveryStore
from newsbrief.web import WebConfig, create_app

pytestmark = pytest.mark.anyio
TOKEN = "s3cr3t-t0ken"


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def smtp() -> Iterator[SmtpSink]:
    sink = SmtpSink().start()
    yield sink
    sink.stop()


@pytest.fixture
def hooks() -> Iterator[WebhookSink]:
    sink = WebhookSink().start()
    yield sink
    sink.stop()


@pytest.fixture
def home(tmp_path: Path, smtp: SmtpSink) -> Path:
    mail = (
        f'smtp_host = "127.0.0.1"\nsmtp_port = {smtp.port}\nsmtp_security = "none"\n'
        'smtp_from = "News Desk <desk@example.net>"\n'
        # The test's webhook receiver is on loopback, which deliveries refuse by default.
        "allow_private_addresses = true\n"
    )
    return make_home(tmp_path / "home", labels={"12_ecb", "24_ecb"}, settings=mail)


@asynccontextmanager
async def client(home: Path) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(WebConfig(home=home))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as http:
        yield http
    app.state.web.stores.close()


async def token_of(http: httpx.AsyncClient, profile: str = "default") -> str:
    page = await http.get(f"/profile?profile={profile}")
    assert page.status_code == 200
    found = re.search(r'name="csrf_token" value="([0-9a-f]+)"', page.text)
    assert found
    return found.group(1)


def channels_of(home: Path, profile: str = "default") -> dict[str, dict]:
    with Store(home / DB_NAME) as store:
        return {
            c.name: {"kind": c.kind, **c.config} for c in DeliveryStore(store).channels(profile)
        }


async def test_add_an_email_channel_send_now_and_remove_it(home, smtp):
    async with client(home) as http:
        token = await token_of(http)
        page = await http.get("/profile")
        assert 'id="channels"' in page.text and "No channel yet" in page.text

        bad = await http.post(
            "/profile/channels",
            data={"csrf_token": token, "kind": "email", "name": "desk", "to": "not-an-address"},
        )
        assert bad.status_code == 400
        assert 'id="ch-to-error"' in bad.text and "is not an email address" in bad.text
        assert 'value="desk"' in bad.text  # what was typed is kept
        assert channels_of(home) == {}

        added = await http.post(
            "/profile/channels",
            data={
                "csrf_token": token,
                "kind": "email",
                "name": "desk",
                "to": "Ana Example <ana@example.org>\nops@example.org",
                "subject_prefix": "[news]",
            },
        )
        assert added.status_code == 303
        assert added.headers["location"] == "/profile?channel=added&name=desk#channels"
        assert channels_of(home)["desk"]["to"] == [
            "Ana Example <ana@example.org>",
            "ops@example.org",
        ]
        page = await http.get(added.headers["location"])
        assert "Channel desk added" in page.text
        assert "to Ana Example &lt;ana@example.org&gt;, ops@example.org" in page.text

        again = await http.post(
            "/profile/channels",
            data={"csrf_token": token, "kind": "email", "name": "desk", "to": "x@example.org"},
        )
        assert again.status_code == 400 and "already has a channel named" in again.text

        sent = await http.post(
            "/profile/channels/send",
            data={"csrf_token": token, "profile": "default", "name": "desk"},
        )
        assert sent.status_code == 303 and "channel=sent" in sent.headers["location"]
        (mail,) = smtp.received
        assert mail.rcpt_tos == ["ana@example.org", "ops@example.org"]
        # strip(): a subject folded before its first word keeps the fold's space when parsed.
        assert str(mail.message["Subject"]).strip().startswith("[news]")

        removed = await http.post(
            "/profile/channels/remove",
            data={"csrf_token": token, "profile": "default", "name": "desk"},
        )
        assert removed.status_code == 303
        assert channels_of(home) == {}
        page = await http.get(removed.headers["location"])
        assert "Channel desk removed" in page.text and "No channel yet" in page.text


async def test_a_webhook_channel_keeps_its_url_secret_and_reports_a_failed_send(home, hooks):
    async with client(home) as http:
        token = await token_of(http)
        missing = await http.post(
            "/profile/channels", data={"csrf_token": token, "kind": "webhook"}
        )
        assert missing.status_code == 400 and 'id="ch-url-error"' in missing.text
        wrong = await http.post(
            "/profile/channels",
            data={"csrf_token": token, "kind": "webhook", "url": "ftp://example.org/x"},
        )
        assert wrong.status_code == 400 and "URL: expected an http(s) URL" in wrong.text
        url = hooks.url(f"/hooks/{TOKEN}")
        added = await http.post(
            "/profile/channels",
            data={"csrf_token": token, "kind": "webhook", "url": url, "style": "slack"},
        )
        assert added.status_code == 303
        assert channels_of(home)["webhook"] == {"kind": "webhook", "url": url, "style": "slack"}
        page = await http.get("/profile")
        assert TOKEN not in page.text and "slack to http://127.0.0.1" in page.text

        form = {"csrf_token": token, "profile": "default", "name": "webhook"}
        assert (await http.post("/profile/channels/send", data=form)).status_code == 303
        (hit,) = hooks.hits
        assert hit.path == f"/hooks/{TOKEN}" and "blocks" in hit.body  # Slack's shape

        hooks.answers.append(500)
        failed = await http.post("/profile/channels/send", data=form)
        assert failed.status_code == 502
        assert "Sending failed" in failed.text and "500" in failed.text
        assert TOKEN not in failed.text

        unknown = await http.post("/profile/channels/send", data={**form, "name": "nothing-here"})
        assert unknown.status_code == 404 and "has no channel named" in unknown.text


async def test_an_atom_feed_channel_writes_into_the_data_folder(home):
    async with client(home) as http:
        token = await token_of(http)
        bad = await http.post(
            "/profile/channels",
            data={"csrf_token": token, "kind": "atom", "name": "reader", "entries": "0"},
        )
        assert bad.status_code == 400 and 'id="ch-entries-error"' in bad.text
        # A folder channel writes anywhere on the server: the form does not offer it.
        folder = await http.post(
            "/profile/channels", data={"csrf_token": token, "kind": "folder", "name": "x"}
        )
        assert folder.status_code == 400 and channels_of(home) == {}
        added = await http.post(
            "/profile/channels",
            data={"csrf_token": token, "kind": "atom", "name": "reader", "entries": "5"},
        )
        assert added.status_code == 303
        feed = channels_of(home)["reader"]
        assert Path(feed["path"]) == home / "feeds" / "default-reader.xml"
        assert feed["entries"] == 5
        assert feed["link"] == "http://127.0.0.1/briefings/{date}?profile={profile}"
        form = {"csrf_token": token, "profile": "default", "name": "reader"}
        assert (await http.post("/profile/channels/send", data=form)).status_code == 303
        assert "<feed" in (home / "feeds" / "default-reader.xml").read_text(encoding="utf-8")


async def test_channels_need_the_form_token_and_an_existing_profile(home):
    async with client(home) as http:
        token = await token_of(http)
        form = {"kind": "email", "to": "ana@example.org"}
        refused = await http.post("/profile/channels", data=form)
        assert refused.status_code == 403
        forged = await http.post("/profile/channels", data={**form, "csrf_token": "0" * 40})
        assert forged.status_code == 403
        other_site = await http.post(
            "/profile/channels",
            data={**form, "csrf_token": token},
            headers={"Origin": "https://evil.example"},
        )
        assert other_site.status_code == 403
        nobody = await http.post(
            "/profile/channels", data={**form, "csrf_token": token, "profile": "nobody"}
        )
        assert nobody.status_code == 404
        assert channels_of(home) == {} and channels_of(home, "nobody") == {}


async def test_the_cli_and_the_page_manage_the_same_channels(home, hooks):
    runner = CliRunner()
    cli_added = runner.invoke(
        cli,
        ["--home", str(home), "channels", "add", "default", "folder", "--path", str(home / "out")],
    )
    assert cli_added.exit_code == 0, cli_added.output
    async with client(home) as http:
        page = await http.get("/profile")
        assert "Folder" in page.text and str(home / "out") in page.text
        token = await token_of(http)
        url = hooks.url(f"/hooks/{TOKEN}")
        added = await http.post(
            "/profile/channels", data={"csrf_token": token, "kind": "webhook", "url": url}
        )
        assert added.status_code == 303
    listed = runner.invoke(cli, ["--home", str(home), "channels", "list", "default"])
    assert listed.exit_code == 0
    assert "default\tfolder\tfolder" in listed.output
    assert "default\twebhook\twebhook" in listed.output and TOKEN not in listed.output


async def test_with_accounts_only_the_owner_manages_a_profiles_channels(home, hooks):
    for name in ("ana", "bo", "cy"):  # ana, the first account, is the admin
        add_account(home, name)
    async with (
        account_client(home, accounts=True) as bo,
        account_client(home, accounts=True) as cy,
    ):
        await login(bo, "bo", "correct horse")
        await login(cy, "cy", "correct horse")
        assert (await bo.get("/")).status_code == 200  # bo gets a profile of its own: "bo"
        assert (await cy.get("/")).status_code == 200
        bo_token = await token_of(bo, "bo")
        url = hooks.url(f"/hooks/{TOKEN}")
        form = {"csrf_token": bo_token, "profile": "bo", "kind": "webhook", "url": url}
        assert (await bo.post("/profile/channels", data=form)).status_code == 303
        assert "webhook" in channels_of(home, "bo")

        # To cy, bo's profile is as absent as a name nobody uses: no listing, adding,
        # sending or removing.
        cy_token = await token_of(cy, "cy")
        assert (await cy.get("/profile?profile=bo")).status_code == 404
        assert TOKEN not in (await cy.get("/profile")).text
        theirs = {"csrf_token": cy_token, "profile": "bo", "name": "webhook"}
        added = await cy.post(
            "/profile/channels", data={**theirs, "kind": "webhook", "url": url, "name": "x"}
        )
        assert added.status_code == 404
        assert (await cy.post("/profile/channels/send", data=theirs)).status_code == 404
        assert (await cy.post("/profile/channels/remove", data=theirs)).status_code == 404
        assert set(channels_of(home, "bo")) == {"webhook"} and hooks.hits == []
        # cy's own "default" is its own profile, and its channels go there.
        mine = {"csrf_token": cy_token, "kind": "email", "to": "cy@example.org"}
        assert (await cy.post("/profile/channels", data=mine)).status_code == 303
        assert "email" in channels_of(home, "cy") and channels_of(home) == {}
