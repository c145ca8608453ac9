"""The language a page, a message or an e-mail is written in: the person's explicit choice (saved
on their account, or the language cookie), else the browser's Accept-Language, else English.
Dates and numbers follow it."""

import datetime
import re
from io import StringIO

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from accounts.passwords import wait_for_outgoing_mail
from logbook.models import Session
from tests.factories import (
    ExerciseFactory,
    PlanFactory,
    RoutineItemFactory,
    SessionFactory,
    UserFactory,
    entry_form_data,
    session_form_data,
)

pytestmark = pytest.mark.django_db

SWITCH = reverse("set_language")
COOKIE = settings.LANGUAGE_COOKIE_NAME


def _lang(response) -> str:
    return re.search(r'<html lang="([^"]+)">', response.content.decode())[1]


@pytest.mark.parametrize(
    ("accept", "expected"),
    [("de-DE,de;q=0.9,en;q=0.5", "de"), ("en-GB,en;q=0.9", "en"), ("fr-FR,fr", "en"), ("", "en")],
)
def test_the_browser_language_is_used_when_nobody_chose(client, accept, expected):
    response = client.get(reverse("red_flags"), HTTP_ACCEPT_LANGUAGE=accept)
    assert _lang(response) == expected
    assert response["Content-Language"] == expected
    assert ("Warnzeichen" in response.content.decode()) == (expected == "de")


def test_a_visitor_switches_with_the_header_button_and_the_choice_beats_the_browser(client):
    page = client.get(reverse("exercises:list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    # The other language, named in its own language, marked as such for screen readers.
    assert 'name="language" value="de" lang="de"' in page
    assert ">Deutsch</button>" in page
    response = client.post(SWITCH, {"language": "de", "next": "/exercises/"})
    assert response.status_code == 302
    assert response["Location"] == "/exercises/"
    assert client.cookies[COOKIE].value == "de"
    assert client.cookies[COOKIE]["httponly"]
    assert client.cookies[COOKIE]["samesite"] == "Lax"
    page = client.get(reverse("exercises:list"), HTTP_ACCEPT_LANGUAGE="en")
    assert _lang(page) == "de"
    assert ">English</button>" in page.content.decode()


def test_a_visitors_switch_never_leads_away_from_the_site(client):
    response = client.post(SWITCH, {"language": "de", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_an_unknown_language_changes_nothing(client):
    client.post(SWITCH, {"language": "xx", "next": "/"})
    assert COOKIE not in client.cookies
    assert _lang(client.get("/", HTTP_ACCEPT_LANGUAGE="en")) == "en"


def test_a_signed_in_switch_is_saved_and_follows_the_person_to_another_browser(alice_client, alice):
    alice_client.post(SWITCH, {"language": "de", "next": "/logbook/"})
    alice.refresh_from_db()
    assert alice.language == "de"
    elsewhere = Client()
    elsewhere.force_login(alice)
    assert _lang(elsewhere.get(reverse("logbook:session_list"), HTTP_ACCEPT_LANGUAGE="en")) == "de"


def test_the_saved_language_beats_the_cookie_and_the_browser(alice_client, alice):
    alice.language = "en"
    alice.save()
    alice_client.cookies[COOKIE] = "de"
    response = alice_client.get(reverse("logbook:session_list"), HTTP_ACCEPT_LANGUAGE="de")
    assert _lang(response) == "en"


def test_with_no_saved_language_a_signed_in_person_gets_their_cookie(alice_client):
    alice_client.cookies[COOKIE] = "de"
    response = alice_client.get(reverse("logbook:session_list"), HTTP_ACCEPT_LANGUAGE="en")
    assert _lang(response) == "de"


def test_only_a_signed_in_switch_needs_a_csrf_token(alice):
    visitor = Client(enforce_csrf_checks=True)
    assert visitor.post(SWITCH, {"language": "de", "next": "/"}).status_code == 302
    # Visitors' pages carry no token for it, so they stay cacheable.
    assert "csrfmiddlewaretoken" not in visitor.get(reverse("exercises:list")).content.decode()
    signed_in = Client(enforce_csrf_checks=True)
    signed_in.force_login(alice)
    assert signed_in.post(SWITCH, {"language": "de", "next": "/"}).status_code == 403
    alice.refresh_from_db()
    assert alice.language == ""


@pytest.mark.parametrize(("accept", "saved"), [("de", "de"), ("en", "")])
def test_signing_up_in_german_keeps_german_for_the_emails(client, accept, saved):
    client.post(
        reverse("accounts:signup"),
        {
            "username": "anna",
            "email": "anna@example.org",
            "time_zone": "Europe/Berlin",
            "password1": "a long enough passphrase",
            "password2": "a long enough passphrase",
        },
        HTTP_ACCEPT_LANGUAGE=accept,
    )
    assert User.objects.get(username="anna").language == saved


def _account_post(client, user, language):
    return client.post(
        reverse("accounts:account"),
        {
            "email": user.email,
            "time_zone": user.time_zone,
            "weekly_goal": user.weekly_goal,
            "language": language,
        },
    )


def test_the_account_page_sets_and_clears_the_language(alice_client, alice):
    page = alice_client.get(reverse("accounts:account")).content.decode()
    assert '<option value="" selected>' in page
    assert '<option value="de" lang="de">Deutsch</option>' in page
    response = _account_post(alice_client, alice, "de")
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.language == "de"
    assert response.cookies[COOKIE].value == "de"
    # The confirmation is already in the new language.
    assert "Dein Konto" in alice_client.get(response.url).content.decode()
    response = _account_post(alice_client, alice, "")
    alice.refresh_from_db()
    assert alice.language == ""
    assert response.cookies[COOKIE].value == ""  # deleted: the browser's language again
    response = _account_post(alice_client, alice, "xx")
    assert response.status_code == 200
    alice.refresh_from_db()
    assert alice.language == ""


def test_reminders_are_written_in_the_persons_language(frozen_now):
    for username, language in (("anna", "de"), ("ben", "")):
        plan = PlanFactory(
            user=UserFactory(username=username, time_zone="Europe/Berlin", language=language),
            days=[0],
            reminder_time=datetime.time(7, 0),
            email_reminders=True,
        )
        RoutineItemFactory(routine=plan.routine)
    frozen_now(datetime.datetime(2026, 11, 23, 6, 30, tzinfo=datetime.UTC))  # Monday 07:30
    call_command("send_reminders", "--site", "https://back.example", stdout=StringIO())
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    routine = plan.routine.name
    assert subjects["ben@example.org"] == f"Backcare: {routine} today"
    assert subjects["anna@example.org"].startswith("Backcare: heute ")
    (german,) = [message for message in mail.outbox if message.to == ["anna@example.org"]]
    assert "Heute ist einer deiner geplanten Tage" in german.body


def test_the_password_reset_mail_is_in_the_persons_language(
    client, django_capture_on_commit_callbacks
):
    UserFactory(username="anna", email="anna@example.org", language="de")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("password_reset"), {"email": "anna@example.org"}, HTTP_ACCEPT_LANGUAGE="en"
        )
    wait_for_outgoing_mail()
    (message,) = mail.outbox
    assert message.subject == "Setz dein Backcare-Passwort zurück"
    assert "Wähle hier ein neues Passwort" in message.body


def test_the_javascript_catalog_is_per_language_and_kept_by_browsers(client, alice):
    english = client.get(reverse("javascript-catalog"), HTTP_ACCEPT_LANGUAGE="en")
    german = client.get(reverse("javascript-catalog"), HTTP_ACCEPT_LANGUAGE="de")
    assert english["Content-Type"].startswith("text/javascript")
    assert '"DECIMAL_SEPARATOR": "."' in english.content.decode()
    assert '"DECIMAL_SEPARATOR": ","' in german.content.decode()
    assert "max-age=86400" in german["Cache-Control"]
    # The same for everyone: a signed-in person's browser may keep it too.
    client.force_login(alice)
    signed_in = client.get(reverse("javascript-catalog"), HTTP_ACCEPT_LANGUAGE="de")
    assert "no-store" not in signed_in.get("Cache-Control", "")
    assert '"DECIMAL_SEPARATOR": ","' in signed_in.content.decode()


def test_the_catalogs_address_names_its_language(client):
    url = reverse("javascript-catalog")
    german = client.get(url, {"language": "de"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '"DECIMAL_SEPARATOR": ","' in german
    english = client.get(url, {"language": "en"}, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert '"DECIMAL_SEPARATOR": "."' in english


def test_a_shared_cache_keeps_pages_apart_by_language(client):
    """A visitor's page depends on the language cookie and on Accept-Language."""
    response = client.get(reverse("exercises:list"))
    vary = {header.strip() for header in response["Vary"].split(",")}
    assert {"Accept-Language", "Cookie"} <= vary


def test_every_page_loads_the_catalog_of_its_language_before_the_apps_scripts(client):
    page = client.get(reverse("exercises:list"), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    catalog = page.index('src="/jsi18n/?language=de"')
    assert catalog < page.index('src="/static/js/menu.js"')


def test_dates_and_numbers_are_written_the_german_way(alice_client, alice):
    session = SessionFactory(user=alice, date=datetime.date(2026, 9, 7), pain_before=3)
    url = session.get_absolute_url()
    english = alice_client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Session of Monday 7 September 2026" in english
    alice_client.cookies[COOKIE] = "de"
    german = alice_client.get(url).content.decode()
    assert "Einheit vom Montag, 7. September 2026" in german
    assert "7. Sept. 2026" in german  # the breadcrumb's short form


def test_the_reports_chart_coordinates_stay_numbers_for_the_browser(alice_client, alice):
    today = alice.today()
    for days, after in ((20, 6), (13, 5), (6, 3), (1, 2)):
        SessionFactory(user=alice, date=today - datetime.timedelta(days=days), pain_after=after)
    alice_client.cookies[COOKIE] = "de"
    page = alice_client.get(reverse("logbook:report"), {"weeks": 4}).content.decode()
    assert '<html lang="de">' in page
    coordinates = re.findall(r'\b(?:cx|cy|x|y|height)="([^"]*)"', page)
    assert coordinates
    assert any("." in value for value in coordinates)
    assert [value for value in coordinates if "," in value] == []


def test_cached_figures_are_kept_apart_by_language(alice_client, alice):
    """The progress page's tables are cached per person (logbook/cached.py): a German visit
    after an English one must not be shown the English tables."""
    for days in (1, 8, 15):
        SessionFactory(user=alice, date=alice.today() - datetime.timedelta(days=days))
    url = reverse("logbook:progress")
    english = alice_client.get(url, {"weeks": "4"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Newest week first" in english
    alice_client.cookies[COOKIE] = "de"
    german = alice_client.get(url, {"weeks": "4"}).content.decode()
    assert "Neueste Woche zuerst" in german
    assert "Newest week first" not in german


@pytest.mark.parametrize(
    ("template", "heading"),
    [("500.html", "Bei uns ist etwas schiefgelaufen"), ("503.html", "gleich wieder da")],
)
def test_the_error_pages_say_which_language_they_are_in(template, heading):
    with translation.override("de"):
        page = render_to_string(template, {})
    assert '<html lang="de">' in page
    assert heading in page


def test_in_german_the_session_form_shows_and_takes_iso_dates(alice_client, alice, frozen_now):
    """A date input needs 2026-11-23 whatever the language: German's usual 23.11.2026 would
    leave it empty."""
    frozen_now(datetime.datetime(2026, 11, 23, 12, 0, tzinfo=datetime.UTC))
    knee_hug = ExerciseFactory(name="Knee hug", repetitions_min=3)
    alice_client.cookies[COOKIE] = "de"
    page = alice_client.get(reverse("logbook:session_create")).content.decode()
    assert 'value="2026-11-23"' in page
    data = session_form_data(entry_form_data(knee_hug), date="2026-11-22", save="1")
    response = alice_client.post(reverse("logbook:session_create"), data)
    assert response.status_code == 302
    assert Session.objects.get(user=alice).date == datetime.date(2026, 11, 22)
