"""Sessions kept by a browser while offline, sent later by static/js/outbox_core.js: the logbook
answers in JSON, saves each one once whatever the number of tries, and says why it refuses one."""

import datetime
import re
import uuid

import pytest
from django.test import Client
from django.urls import reverse

from logbook.models import Session
from logbook.offline import OFFLINE_HEADER
from logbook.views.outbox import OUTBOX_HEADER
from tests.factories import entry_form_data, session_form_data
from tests.logbook.conftest import CREATE_URL

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("noon")]
OUTBOX = {"headers": {OUTBOX_HEADER: "1"}}
KEPT_FORM = re.compile(r"<form [^>]*data-outbox[ >]")


def test_a_kept_session_is_saved_and_answered_with_its_address(alice_client, alice, knee_hug):
    data = session_form_data(entry_form_data(knee_hug, pain_during="2"), pain_before="4")
    response = alice_client.post(CREATE_URL, data, **OUTBOX)
    session = Session.objects.get()
    assert response.status_code == 201
    assert response.json() == {"url": session.get_absolute_url(), "created": True}
    assert (session.user, session.pain_before, str(session.submission_token)) == (
        alice,
        4,
        data["submission_token"],
    )
    assert list(session.entries.values_list("exercise", "pain_during")) == [(knee_hug.pk, 2)]


def test_sending_a_kept_session_again_never_makes_a_second(alice_client, knee_hug):
    data = session_form_data(entry_form_data(knee_hug))
    first = alice_client.post(CREATE_URL, data, **OUTBOX)
    again = alice_client.post(CREATE_URL, data, **OUTBOX)
    # A try that reached the server unseen (the connection fell before the answer), then the
    # form posted by hand: still one session.
    by_hand = alice_client.post(CREATE_URL, data)
    session = Session.objects.get()
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == {"url": session.get_absolute_url(), "created": False}
    assert by_hand.url == session.get_absolute_url()


def test_a_session_already_saved_is_reported_saved_even_if_the_form_now_refuses_it(
    alice_client, knee_hug
):
    """Fixed by hand after a refusal, then sent again by the outbox: done, not refused."""
    data = session_form_data(entry_form_data(knee_hug))
    alice_client.post(CREATE_URL, data)
    stale = {**data, "pain_before": "eleven"}
    response = alice_client.post(CREATE_URL, stale, **OUTBOX)
    assert response.status_code == 200
    assert response.json()["created"] is False
    assert Session.objects.count() == 1


def test_a_refused_session_says_why_in_words_and_saves_nothing(alice_client, knee_hug):
    tomorrow = datetime.date(2026, 11, 24).isoformat()
    data = session_form_data(entry_form_data(knee_hug, pain_during="12"), date=tomorrow)
    response = alice_client.post(CREATE_URL, data, **OUTBOX)
    assert response.status_code == 422
    reasons = response.json()["errors"]
    assert any(reason.startswith("Date: ") for reason in reasons), reasons
    assert any(reason.startswith("Exercise 1, ") for reason in reasons), reasons
    assert not Session.objects.exists()


def test_a_kept_session_is_saved_only_for_the_person_signed_in(alice_client, bob, knee_hug):
    """The browser sends only its signed-in person's entries; the server's part: a token is
    looked up among that person's sessions, so bob's token cannot reveal or reuse alice's."""
    data = session_form_data(entry_form_data(knee_hug))
    alice_client.post(CREATE_URL, data, **OUTBOX)
    bob_client = Client()
    bob_client.force_login(bob)
    response = bob_client.post(CREATE_URL, data, **OUTBOX)
    assert response.status_code == 201
    assert sorted(Session.objects.values_list("user__username", flat=True)) == ["alice", "bob"]


def test_a_visitor_sending_the_outbox_is_sent_to_log_in_and_nothing_is_saved(client, knee_hug):
    data = session_form_data(entry_form_data(knee_hug))
    response = client.post(CREATE_URL, data, **OUTBOX)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    assert not Session.objects.exists()


def test_the_outbox_needs_a_csrf_token(alice, knee_hug):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    data = session_form_data(entry_form_data(knee_hug))
    assert client.post(CREATE_URL, data, **OUTBOX).status_code == 403
    assert not Session.objects.exists()


def test_a_new_session_form_asks_the_browser_for_a_new_token_and_a_refused_one_keeps_its_own(
    alice_client, knee_hug
):
    page = alice_client.get(CREATE_URL).content.decode()
    assert KEPT_FORM.search(page)
    assert "data-new-token" in page
    data = session_form_data(entry_form_data(knee_hug), pain_before="eleven")
    refused = alice_client.post(CREATE_URL, data).content.decode()
    assert KEPT_FORM.search(refused)
    assert "data-new-token" not in refused
    assert data["submission_token"] in refused


def test_editing_a_saved_session_is_never_kept_offline(alice_client, knee_hug):
    alice_client.post(CREATE_URL, session_form_data(entry_form_data(knee_hug)))
    page = alice_client.get(reverse("logbook:session_update", args=[Session.objects.get().pk]))
    assert page.status_code == 200
    assert not KEPT_FORM.search(page.content.decode())
    assert OFFLINE_HEADER not in page.headers


def test_a_token_that_is_not_a_uuid_is_refused_not_an_error(alice_client, knee_hug):
    data = session_form_data(entry_form_data(knee_hug), submission_token=str(uuid.uuid4())[:8])
    response = alice_client.post(CREATE_URL, data, **OUTBOX)
    assert response.status_code == 422
    assert not Session.objects.exists()
