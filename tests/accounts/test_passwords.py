"""Resetting a password: limited per address and e-mail, mailed after the response, and the link's
token kept out of the access log (finding 7)."""

import datetime
import logging
import subprocess
import sys

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from gunicorn.config import Config

from accounts.passwords import wait_for_outgoing_mail
from backcare.gunicorn_logging import RedactingLogger
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

RESET_URL = reverse("password_reset")


def _ask(client, email, address="203.0.113.9"):
    return client.post(RESET_URL, {"email": email}, REMOTE_ADDR=address)


def test_the_reset_mail_leaves_after_the_response(
    client, alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        response = _ask(client, alice.email)
    assert response.url == reverse("password_reset_done")
    assert mail.outbox == []  # nothing sent while the request was being answered
    for callback in callbacks:
        callback()
    wait_for_outgoing_mail()
    assert [message.to for message in mail.outbox] == [[alice.email]]


def test_a_mail_server_that_fails_does_not_fail_the_page(
    client, alice, settings, django_capture_on_commit_callbacks, caplog
):
    settings.EMAIL_BACKEND = "tests.accounts.failing_mail.FailingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        response = _ask(client, alice.email)
    wait_for_outgoing_mail()
    assert response.status_code == 302
    assert "A password-reset e-mail could not be sent" in caplog.text


@pytest.mark.parametrize("email", ["alice@example.org", "nobody@example.org"])
def test_three_resets_an_hour_for_one_email_whoever_asks(client, alice, email):
    """The same answer for an address with an account and one without: nothing leaks."""
    for number in range(3):
        assert _ask(client, email, f"198.51.100.{number}").status_code == 302
    response = _ask(client, email, "192.0.2.1")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    assert "Too many reset e-mails for now" in response.content.decode()


def test_ten_resets_an_hour_from_one_address(client):
    for number in range(10):
        assert _ask(client, f"person{number}@example.org").status_code == 302
    assert _ask(client, "someone.else@example.org").status_code == 429
    assert _ask(client, "someone.else@example.org", "198.51.100.1").status_code == 302


def test_the_limit_lifts_after_an_hour(client, alice, frozen_now):
    start = datetime.datetime(2026, 11, 23, 9, 0, tzinfo=datetime.UTC)
    frozen_now(start)
    for _ in range(3):
        _ask(client, alice.email)
    assert _ask(client, alice.email).status_code == 429
    frozen_now(start + datetime.timedelta(hours=1, seconds=1))
    assert _ask(client, alice.email).status_code == 302


def test_counts_store_no_email_or_address(client, alice):
    from accounts.models import RateLimitEvent

    _ask(client, alice.email)
    stored = list(RateLimitEvent.objects.values_list("key", flat=True))
    assert len(stored) == 2
    assert not any(alice.email in key or "203.0.113.9" in key for key in stored)


def _access_line(path: str) -> str:
    config = Config()
    config.set("accesslog", "-")
    logger = RedactingLogger(config)
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logger.access_log.addHandler(handler)

    class Response:
        status = "302 Found"
        sent = 0
        headers = ()

    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": path,
        "PATH_INFO": path,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": f"https://backcare.example.org{path}",
    }
    logger.access(Response(), {}, environ, datetime.timedelta(milliseconds=5))
    return records[-1].getMessage()


def test_the_access_log_never_holds_a_reset_token():
    user = UserFactory()
    from django.contrib.auth.tokens import default_token_generator

    token = default_token_generator.make_token(user)
    line = _access_line(f"/accounts/reset/MQ/{token}/")
    assert token not in line
    assert "/accounts/reset/MQ/[redacted]/" in line
    assert "/accounts/reset/MQ/set-password/" in _access_line("/accounts/reset/MQ/set-password/")
    assert "/exercises/bridge/" in _access_line("/exercises/bridge/")


def test_make_serve_uses_the_redacting_logger():
    makefile = (settings.BASE_DIR / "Makefile").read_text()
    assert "--logger-class backcare.gunicorn_logging.RedactingLogger" in makefile
    result = subprocess.run(
        [sys.executable, "-c", "import backcare.gunicorn_logging"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
