"""Deleting an account leaves no trace of it: every table and the cache are checked (finding 3)."""

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session as BrowserSession
from django.core.cache import cache
from django.db import models
from django.test import Client
from django.urls import reverse

from accounts.models import RateLimitEvent
from accounts.ratelimit import key_for
from logbook.models import FlarePlan
from tests.factories import ExerciseEntryFactory, RoutineItemFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"


def _traces(user_id: int, username: str, email: str) -> dict[str, int]:
    """Rows of every model that still point at the user, and cache entries about them."""
    found = {}
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.ForeignKey) and field.related_model is user_model:
                count = model.objects.filter(**{field.name: user_id}).count()
                if count:
                    found[f"{model._meta.label}.{field.name}"] = count
            if field.name in {"username", "email"} and field.concrete:
                value = username if field.name == "username" else email
                count = model.objects.filter(**{f"{field.name}__iexact": value}).count()
                if count:
                    found[f"{model._meta.label}.{field.name}"] = count
    store = SessionStore()
    sessions = [
        session
        for session in BrowserSession.objects.all()
        if store.decode(session.session_data).get(SESSION_KEY) == str(user_id)
    ]
    if sessions:
        found["sessions"] = len(sessions)
    if RateLimitEvent.objects.filter(key=key_for(email)).exists():
        found["rate limit counts"] = 1
    cached = [key for key in cache._cache if f"progress:{user_id}" in key]  # LocMemCache
    if cached:
        found["cache"] = len(cached)
    return found


def test_deleting_an_account_removes_every_trace(client, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    user = UserFactory(username="Carol", email="carol@example.org", password=PASSWORD)
    other = UserFactory(username="dave")
    ExerciseEntryFactory(session__user=user)
    ExerciseEntryFactory(session__user=other)
    RoutineItemFactory(routine__owner=user)
    FlarePlan.objects.create(user=user, what_helps="Heat.")
    # Signed in on a phone as well as this browser.
    phone = Client()
    phone.post(reverse("login"), {"username": "Carol", "password": PASSWORD})
    assert phone.get(reverse("logbook:session_list")).status_code == 200
    client.force_login(user)
    client.get(reverse("logbook:progress"))  # cached figures
    for typed in ("carol", "CAROL", "Carol"):  # failed log-ins, in other letter cases
        Client().post(reverse("login"), {"username": typed, "password": "wrong"})
    client.post(reverse("password_reset"), {"email": user.email})
    before = _traces(user.pk, "carol", user.email)
    assert {"sessions", "cache", "rate limit counts", "axes.AccessAttempt.username"} <= set(before)
    assert "logbook.Session.user" in before

    response = client.post(reverse("accounts:delete"), {"password": PASSWORD})

    assert response.url == reverse("home")
    assert _traces(user.pk, "carol", user.email) == {}
    assert not AccessAttempt.objects.filter(username__iexact="carol").exists()
    assert not AccessLog.objects.filter(username__iexact="carol").exists()
    assert not AccessFailureLog.objects.filter(username__iexact="carol").exists()
    # The phone's session is gone: it is signed out too.
    assert phone.get(reverse("logbook:session_list")).status_code == 302
    # Someone else's data is untouched.
    assert _traces(other.pk, "dave", other.email)["logbook.Session.user"] == 1


def test_wrong_passwords_on_the_deletion_form_count_as_guesses(alice_client, alice):
    for _ in range(4):
        response = alice_client.post(reverse("accounts:delete"), {"password": "wrong"})
        assert "That is not your password." in response.content.decode()
    assert alice_client.post(reverse("accounts:delete"), {"password": "wrong"}).status_code == 429
    response = alice_client.post(reverse("accounts:delete"), {"password": PASSWORD})
    assert response.status_code == 429
    assert type(alice).objects.filter(pk=alice.pk).exists()


def test_log_in_records_under_a_case_folded_name_go_too(client):
    user = UserFactory(username="Straße", password=PASSWORD)
    Client().post(reverse("login"), {"username": "STRASSE", "password": "wrong"})
    assert AccessAttempt.objects.filter(username="strasse").exists()
    client.force_login(user)
    client.post(reverse("accounts:delete"), {"password": PASSWORD})
    assert not AccessAttempt.objects.exists()


def test_deleting_and_logging_out_clear_what_the_browser_stored(client):
    user = UserFactory(password=PASSWORD)
    client.force_login(user)
    assert client.post(reverse("logout"))["Clear-Site-Data"] == '"storage"'
    client.force_login(user)
    response = client.post(reverse("accounts:delete"), {"password": PASSWORD})
    assert response["Clear-Site-Data"] == '"storage"'
