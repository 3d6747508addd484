"""Email channels against a real SMTP server on loopback (aiosmtpd), message parsed as received."""

from __future__ import annotations

import logging
import re
import ssl
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
import trustme
from delivery_kit import FakeClock, SmtpSink, add_profile, free_port, seed_news, settings

from newsbrief import deliver
from newsbrief.codec import briefing_from_dict
from newsbrief.deliver.email import check_address
from newsbrief.models import Channel
from newsbrief.schedule import Scheduler
from newsbrief.store import Store
from newsbrief.store.deliveries import DeliveryStore

NOW = datetime(2024, 5, 2, 7, 0, tzinfo=UTC)
PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def tls(ca: trustme.CA, tmp_path: Path) -> tuple[ssl.SSLContext, Path]:
    """A server TLS context for 127.0.0.1 and the CA file a client must trust."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    return context, ca_file


@pytest.fixture
def store_home(tmp_path: Path):
    home = tmp_path / "home"
    home.mkdir()
    with Store(home / "newsbrief.db") as store:
        seed_news(store, NOW, tmp_path / "in")
        add_profile(store, "ana", "Europe/Berlin", "09:00")  # 07:00 UTC in May
        yield store, home


def mail_channel(store: Store, **cfg) -> Channel:
    cfg.setdefault("to", ["Ana Example <ana@example.org>", "ops@example.org"])
    channel = Channel("ana", "mail", "email", deliver.check("email", cfg))
    return DeliveryStore(store).add_channel(channel, NOW)


def tick(store: Store, home: Path, clock: FakeClock, **overrides):
    overrides.setdefault("smtp_from", "desk@example.net")
    return Scheduler(store, home, settings(**overrides), clock=clock).tick()


class Tags(HTMLParser):
    """Every start tag with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_starttls_with_login_sends_a_multipart_message(store_home, tls, monkeypatch):
    store, home = store_home
    context, ca_file = tls
    sink = SmtpSink(tls_context=context, login=("ana-bot", PASSWORD)).start()
    monkeypatch.setenv("NEWSBRIEF_SMTP_PASSWORD", PASSWORD)
    try:
        mail_channel(store, subject_prefix="[brief] ")
        report = tick(
            store,
            home,
            FakeClock(NOW),
            smtp_host="127.0.0.1",
            smtp_port=sink.port,
            smtp_security="starttls",
            smtp_user="ana-bot",
            smtp_from="News Desk <desk@example.net>",
            smtp_ca_file=str(ca_file),
        )
    finally:
        sink.stop()
    assert [o.ok for o in report.outcomes] == [True], report.outcomes
    (got,) = sink.received
    msg = got.message
    assert got.mail_from == "desk@example.net"
    assert sorted(got.rcpt_tos) == ["ana@example.org", "ops@example.org"]

    edition = DeliveryStore(store).editions("ana")[0]
    briefing = briefing_from_dict(DeliveryStore(store).briefing_data(edition.briefing_id))
    # A subject a little too long for its first line is folded before its first word, and
    # Python's parser keeps the fold's space: unfolded, the value is the same.
    assert str(msg["Subject"]).strip() == "[brief] " + briefing.title
    assert msg["From"].addresses[0].addr_spec == "desk@example.net"
    assert [a.addr_spec for a in msg["To"].addresses] == ["ana@example.org", "ops@example.org"]
    assert re.fullmatch(r"<2024-05-02-[0-9a-f]{16}\.ana@example\.net>", msg["Message-ID"])
    assert msg["List-Unsubscribe"].startswith("<mailto:desk@example.net?subject=unsubscribe")
    assert msg["List-Unsubscribe-Post"] is None  # only for an https link
    assert msg["Auto-Submitted"] == "auto-generated"
    assert msg["Date"] is not None

    assert msg.get_content_type() == "multipart/alternative"
    parts = [p.get_content_type() for p in msg.iter_parts()]
    assert parts == ["text/plain", "text/html"]
    text = msg.get_body(("plain",)).get_content()
    html = msg.get_body(("html",)).get_content()
    for story in briefing.stories:
        assert story.writeup.headline in text
        assert story.writeup.headline.replace("'", "&#39;").replace('"', "&#34;") in html
    assert "https://news.example/" in text  # the text part keeps the links

    # Inline styles only: mail clients drop <style>, classes and scripts.
    tags = Tags()
    tags.feed(html)
    names = {tag for tag, _ in tags.tags}
    assert not names & {"style", "script", "link", "img", "iframe"}
    assert not any("class" in attrs for _, attrs in tags.tags)
    styled = [tag for tag, attrs in tags.tags if attrs.get("style")]
    assert {"body", "table", "td", "h1", "h2", "p", "ul", "a"} <= set(styled)
    assert "var(--" not in html and "display:flex" not in html and "grid" not in html
    # Citations link straight to the sources, which are http(s) only.
    links = [a.get("href") for tag, a in tags.tags if tag == "a"]
    assert links and all(str(h).startswith(("https://", "mailto:")) for h in links)
    assert "Sun" not in msg["Subject"]  # the subject is the title, not the date
    assert "09:00 CEST" in html  # the reader's local delivery time


def test_implicit_tls_and_an_https_unsubscribe_link(store_home, tls, monkeypatch):
    store, home = store_home
    context, ca_file = tls
    sink = SmtpSink(implicit_tls=context).start()
    try:
        mail_channel(store, to=["ana@example.org"], unsubscribe="https://news.example/u/ana")
        report = tick(
            store,
            home,
            FakeClock(NOW),
            smtp_host="127.0.0.1",
            smtp_port=sink.port,
            smtp_security="tls",
            smtp_from="desk@example.net",
            smtp_ca_file=str(ca_file),
        )
    finally:
        sink.stop()
    assert [o.ok for o in report.outcomes] == [True], report.outcomes
    msg = sink.received[0].message
    assert msg["List-Unsubscribe"] == "<https://news.example/u/ana>"
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert 'href="https://news.example/u/ana"' in msg.get_body(("html",)).get_content()


def test_authentication_failure_is_clear_retried_and_never_shows_the_password(
    store_home, tls, monkeypatch, caplog
):
    store, home = store_home
    context, ca_file = tls
    sink = SmtpSink(tls_context=context, login=("ana-bot", PASSWORD)).start()
    wrong = "hunter2-wrong-password"
    monkeypatch.setenv("NEWSBRIEF_SMTP_PASSWORD", wrong)
    smtp = {
        "smtp_host": "127.0.0.1",
        "smtp_port": sink.port,
        "smtp_user": "ana-bot",
        "smtp_from": "desk@example.net",
        "smtp_ca_file": str(ca_file),
    }
    clock = FakeClock(NOW)
    caplog.set_level(logging.DEBUG)
    try:
        mail_channel(store)
        (outcome,) = tick(store, home, clock, **smtp).outcomes
        assert not outcome.ok
        assert outcome.error is not None
        assert outcome.error.startswith(
            f"email: authentication as 'ana-bot' failed on 127.0.0.1:{sink.port}: 535"
        )
        assert outcome.retry_at is not None and outcome.retry_at > NOW
        assert sink.received == [] and sink.auth_attempts >= 1
        (row,) = DeliveryStore(store).deliveries()
        assert row.status == "retrying" and "authentication" in (row.last_error or "")

        # The user fixes the password in secrets.toml; the next retry goes through, once.
        monkeypatch.delenv("NEWSBRIEF_SMTP_PASSWORD")
        (home / "secrets.toml").write_text(f'smtp_password = "{PASSWORD}"\n')
        clock.set(outcome.retry_at)
        (again,) = tick(store, home, clock, **smtp).outcomes
        assert again.ok and again.attempt == 2
        assert len(sink.received) == 1
        clock.set(outcome.retry_at.replace(hour=12))
        assert tick(store, home, clock, **smtp).outcomes == []
    finally:
        sink.stop()
    assert len(sink.received) == 1
    for secret in (wrong, PASSWORD):
        assert secret not in caplog.text
        assert all(secret not in (d.last_error or "") for d in DeliveryStore(store).deliveries())


def test_unreachable_server_and_silent_server(store_home):
    store, home = store_home
    mail_channel(store)
    port = free_port()  # nothing listens there
    clock = FakeClock(NOW)
    (outcome,) = tick(
        store, home, clock, smtp_host="127.0.0.1", smtp_port=port, smtp_security="none"
    ).outcomes
    assert outcome.error == f"email: cannot reach SMTP server 127.0.0.1:{port} (Connection refused)"
    assert outcome.retry_at is not None

    import socket
    import threading

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen()  # accepts connections and never greets
    silent_port = silent.getsockname()[1]
    held: list[socket.socket] = []
    accept = threading.Thread(target=lambda: held.append(silent.accept()[0]), daemon=True)
    accept.start()
    try:
        clock.set(outcome.retry_at)
        (second,) = tick(
            store,
            home,
            clock,
            smtp_host="127.0.0.1",
            smtp_port=silent_port,
            smtp_security="none",
            smtp_timeout=0.5,
        ).outcomes
    finally:
        for conn in held:
            conn.close()
        silent.close()
    assert second.error == f"email: 127.0.0.1:{silent_port} did not answer within 0.5 s"
    assert DeliveryStore(store).deliveries()[0].attempts == 2


def test_refused_recipient_and_missing_starttls_and_untrusted_certificate(store_home, tls):
    store, home = store_home
    context, _ = tls
    clock = FakeClock(NOW)
    mail_channel(store, to=["nobody@example.org"])

    plain = SmtpSink(refuse={"nobody@example.org"}).start()
    try:
        (refused,) = tick(
            store, home, clock, smtp_host="127.0.0.1", smtp_port=plain.port, smtp_security="none"
        ).outcomes
        assert refused.error == (
            f"email: 127.0.0.1:{plain.port} refused every recipient "
            "(nobody@example.org: 550 5.1.1 no such user here)"
        )
        clock.set(refused.retry_at)
        (no_tls,) = tick(
            store, home, clock, smtp_host="127.0.0.1", smtp_port=plain.port
        ).outcomes  # starttls is the default, and this server does not offer it
        assert no_tls.error is not None and "does not offer STARTTLS" in no_tls.error
    finally:
        plain.stop()

    secure = SmtpSink(implicit_tls=context).start()
    try:
        clock.set(no_tls.retry_at)
        (untrusted,) = tick(
            store,
            home,
            clock,
            smtp_host="127.0.0.1",
            smtp_port=secure.port,
            smtp_security="tls",
        ).outcomes  # the test CA is not trusted without smtp_ca_file
        assert untrusted.error is not None
        assert untrusted.error.startswith(f"email: TLS with 127.0.0.1:{secure.port} failed")
    finally:
        secure.stop()
    assert plain.received == [] and secure.received == []
    assert DeliveryStore(store).deliveries()[0].status == "retrying"


def test_invalid_addresses_are_refused_when_added_and_when_sent(store_home):
    for bad in (
        "ana",
        "ana@",
        "@example.org",
        "ana@@example.org",
        "ana@example",
        "a b@x.org",
        "ana@example.org\r\nBcc: all@example.org",
        "ana@-bad-.org",
    ):
        with pytest.raises(ValueError, match="is not an email address"):
            check_address(bad)
    assert check_address(" Ana <ana@example.org> ") == "Ana <ana@example.org>"
    with pytest.raises(ValueError, match="at least one --to"):
        deliver.check("email", {"to": []})

    # An address broken after it was added (by editing the store) fails at send time, clearly.
    store, home = store_home
    channel = Channel("ana", "mail", "email", {"to": ["not-an-address"]})
    DeliveryStore(store).add_channel(channel, NOW)
    (outcome,) = tick(
        store, home, FakeClock(NOW), smtp_host="127.0.0.1", smtp_from="desk@example.net"
    ).outcomes
    assert outcome.error == "email: 'not-an-address' is not an email address"
    assert outcome.retry_at is not None


def test_missing_settings_are_named(store_home, monkeypatch):
    store, home = store_home
    mail_channel(store)
    monkeypatch.delenv("NEWSBRIEF_SMTP_PASSWORD", raising=False)
    clock = FakeClock(NOW)
    (outcome,) = tick(store, home, clock, smtp_from="").outcomes
    assert outcome.error == "email: smtp_host is not set (config.toml or NEWSBRIEF_SMTP_HOST)"
    clock.set(outcome.retry_at)
    (outcome,) = tick(
        store, home, clock, smtp_host="127.0.0.1", smtp_user="bot", smtp_from=""
    ).outcomes
    assert outcome.error == "email: smtp_from is not set (the address briefings are sent from)"
    clock.set(outcome.retry_at)
    (outcome,) = tick(
        store, home, clock, smtp_host="127.0.0.1", smtp_user="bot@example.org", smtp_from=""
    ).outcomes
    assert outcome.error is not None and "smtp_user is set but no password" in outcome.error
