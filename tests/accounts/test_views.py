import csv
import datetime
import io
import json
import re

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib.sessions.backends.db import SessionStore
from django.core import mail
from django.urls import reverse

from accounts.models import User
from accounts.passwords import wait_for_outgoing_mail
from logbook.models import ExerciseEntry, FlarePlan, Lesson, LessonRead, Routine, Session
from logbook.services import function_check_save
from tests.factories import (
    ExerciseEntryFactory,
    PlanFactory,
    RoutineFactory,
    RoutineItemFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db

LOGIN_URL = reverse("login")


def test_signup_creates_the_account_in_the_chosen_time_zone_and_logs_in(client):
    response = client.post(
        reverse("accounts:signup"),
        {
            "username": "carol",
            "email": "carol@example.org",
            "time_zone": "Australia/Sydney",
            "password1": "correct horse battery",
            "password2": "correct horse battery",
        },
    )
    user = User.objects.get(username="carol")
    assert response.url == reverse("accounts:precautions")
    assert user.time_zone == "Australia/Sydney"
    assert client.get(reverse("logbook:session_list")).context["user"] == user


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"password2": "something else"}, "didn’t match"),
        ({"password1": "12345678", "password2": "12345678"}, "too common"),
        ({"time_zone": "Mars/Olympus_Mons"}, "Mars/Olympus_Mons is not a time zone we know."),
        ({"email": "not-an-email"}, "Enter a valid email address."),
        ({"username": ""}, "This field is required."),
    ],
)
def test_signup_with_bad_input_explains_and_keeps_the_input(client, changes, message):
    data = {
        "username": "carol",
        "email": "carol@example.org",
        "time_zone": "Europe/Paris",
        "password1": "correct horse battery",
        "password2": "correct horse battery",
        **changes,
    }
    response = client.post(reverse("accounts:signup"), data)
    content = response.content.decode()
    assert response.status_code == 200
    assert message in content
    assert not User.objects.exists()
    if data["email"]:
        assert f'value="{data["email"]}"' in content


def test_a_wrong_password_says_so_before_the_limit(client, alice):
    response = client.post(LOGIN_URL, {"username": "alice", "password": "wrong"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


def test_login_gives_a_new_session_key(client, alice):
    # A real, stored session that an attacker could have planted in the victim's browser.
    planted = SessionStore()
    planted["planted"] = True
    planted.create()
    client.cookies["sessionid"] = planted.session_key
    assert client.session.session_key == planted.session_key
    client.post(LOGIN_URL, {"username": "alice", "password": "correct horse battery"})
    assert client.session.session_key != planted.session_key
    assert client.session["_auth_user_id"] == str(alice.pk)
    assert not SessionStore().exists(planted.session_key)


def test_password_reset_mails_a_link_that_works_once(
    client, alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("password_reset"), {"email": alice.email})
    wait_for_outgoing_mail()
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+)", mail.outbox[0].body).group(1)
    form_url = client.get(link).url  # Django swaps the token for a session-held one
    response = client.post(
        form_url,
        {"new_password1": "a new long passphrase", "new_password2": "a new long passphrase"},
    )
    assert response.url == reverse("password_reset_complete")
    alice.refresh_from_db()
    assert alice.check_password("a new long passphrase")
    second = client.get(link, follow=True)
    assert "This link no longer works" in second.content.decode()


def test_account_page_changes_the_time_zone_and_weekly_goal(alice_client, alice):
    response = alice_client.post(
        reverse("accounts:account"),
        {"email": alice.email, "time_zone": "Asia/Tokyo", "weekly_goal": "5"},
    )
    alice.refresh_from_db()
    assert response.url == reverse("accounts:account")
    assert (alice.time_zone, alice.weekly_goal) == ("Asia/Tokyo", 5)


def _alice_logbook(alice):
    routine = RoutineFactory(owner=alice, name="Alice's mornings")
    RoutineItemFactory(routine=routine, exercise__slug="knee-hug", repetitions=4)
    first = SessionFactory(
        routine=routine, user=alice, notes='=HYPERLINK("http://evil")', pain_before=5, pain_after=2
    )
    ExerciseEntryFactory(session=first, position=1, exercise__slug="bridge", repetitions=8)
    ExerciseEntryFactory(session=first, position=2, exercise__slug="bird-dog", sharp_pain=True)
    second = SessionFactory(user=alice, next_morning="worse")
    ExerciseEntryFactory(session=second, position=1, exercise__slug="cat-cow")
    return first, second


def test_csv_export_has_every_session_and_entry_of_mine_only(alice_client, alice, bob):
    first, second = _alice_logbook(alice)
    ExerciseEntryFactory(session__user=bob, session__notes="bob's note")
    response = alice_client.get(reverse("accounts:export_csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="backcare-alice-')
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(int(r["session_id"]), r["exercise"]) for r in rows] == [
        (first.pk, "bridge"),
        (first.pk, "bird-dog"),
        (second.pk, "cat-cow"),
    ]
    assert rows[0]["repetitions"] == "8"
    assert (rows[0]["routine"], rows[2]["routine"]) == ("Alice's mornings", "")
    assert (rows[0]["sharp_pain"], rows[1]["sharp_pain"]) == ("no", "yes")
    assert rows[2]["next_morning"] == "Worse"
    # A note that looks like a formula is neutralised for spreadsheets.
    assert rows[0]["notes"] == '\'=HYPERLINK("http://evil")'
    assert "bob" not in response.content.decode()


def test_csv_export_writes_choices_as_words_not_codes(alice_client, alice):
    session = SessionFactory(user=alice, effort="too_hard", next_morning="")
    ExerciseEntryFactory(session=session, side="na", status="stopped")
    ExerciseEntryFactory(session=session, side="both", status="completed")
    response = alice_client.get(reverse("accounts:export_csv"))
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    words = [(r["how_it_felt"], r["next_morning"], r["side"], r["status"]) for r in rows]
    assert words == [
        ("Too hard", "", "Not one-sided", "Stopped early"),
        ("Too hard", "", "Both sides", "Completed"),
    ]


def test_json_export_nests_entries_in_sessions(alice_client, alice, bob):
    first, second = _alice_logbook(alice)
    ExerciseEntryFactory(session__user=bob)
    FlarePlan.objects.create(user=alice, what_helps="Heat and short walks.")
    FlarePlan.objects.create(user=bob, what_helps="Bob's plan.")
    data = json.loads(alice_client.get(reverse("accounts:export_json")).content)
    assert (data["format"], data["version"]) == ("backcare-export", 3)
    assert data["account"] == {"username": "alice", "email": "alice@example.org"}
    assert data["weekly_goal"] == alice.weekly_goal
    assert data["flare_plan"] == {"what_helps": "Heat and short walks.", "who_to_call": ""}
    assert data["routines"] == [
        {
            "name": "Alice's mornings",
            "description": "",
            "items": [
                {
                    "exercise": "knee-hug",
                    "sets": 1,
                    "repetitions": 4,
                    "hold_seconds": 10,
                    "per_side": False,
                }
            ],
        }
    ]
    assert data["sessions"][0]["routine"] == "Alice's mornings"
    assert data["sessions"][0]["routine_key"] is None  # her own routine, not a curated one
    # Ids are the server's business: the JSON nests entries instead (the CSV keeps the id).
    assert all("session_id" not in session for session in data["sessions"])
    assert [s["pain_before"] for s in data["sessions"]] == [first.pain_before, second.pain_before]
    assert [e["exercise"] for e in data["sessions"][0]["entries"]] == ["bridge", "bird-dog"]
    assert data["sessions"][0]["pain_before"] == 5
    assert data["sessions"][0]["notes"] == '=HYPERLINK("http://evil")'


def test_deleting_the_account_needs_the_password(alice_client, alice):
    _alice_logbook(alice)
    response = alice_client.post(reverse("accounts:delete"), {"password": "wrong"})
    assert "That is not your password." in response.content.decode()
    assert User.objects.filter(pk=alice.pk).exists()


def test_deleting_the_account_removes_every_row_of_mine(client, alice, bob):
    _alice_logbook(alice)
    ExerciseEntryFactory(session__user=bob)
    client.post(LOGIN_URL, {"username": "alice", "password": "wrong"})
    client.post(LOGIN_URL, {"username": "alice", "password": "correct horse battery"})
    client.post(LOGIN_URL, {"username": "alice", "password": "wrong"})
    # Left by an older install that logged successful log-ins too.
    AccessLog.objects.create(username="alice", ip_address="127.0.0.1", user_agent="test")
    client.force_login(alice)
    response = client.post(
        reverse("accounts:delete"), {"password": "correct horse battery"}, follow=True
    )
    assert "Your account and everything in it has been deleted." in response.content.decode()
    assert not User.objects.filter(username="alice").exists()
    assert not Session.objects.filter(user_id=alice.pk).exists()
    assert not ExerciseEntry.objects.filter(session__user_id=alice.pk).exists()
    assert not AccessAttempt.objects.filter(username="alice").exists()
    assert not AccessLog.objects.filter(username="alice").exists()
    assert not Routine.objects.filter(owner_id=alice.pk).exists()
    assert Session.objects.filter(user=bob).count() == 1
    assert AccessAttempt.objects.count() == AccessLog.objects.count() == 0
    assert "_auth_user_id" not in client.session


def test_json_export_holds_the_plan_the_function_checks_and_lessons_read(alice_client, alice, bob):
    PlanFactory(user=alice, days=[0, 3], reminder_time=datetime.time(7, 30))
    PlanFactory(user=bob)
    check = function_check_save(
        user=alice,
        date=datetime.date(2026, 11, 2),
        scores={},
        new_activities=[("Socks", 3), ("Film", 5), ("Stairs", 2)],
    )
    function_check_save(
        user=bob, date=check.date, scores={}, new_activities=[("Bob's", 1), ("b", 1), ("c", 1)]
    )
    lesson = Lesson.objects.create(
        slug="flare-ups", topic="flare", title="Flare-ups", minutes=3, summary="s", position=1
    )
    LessonRead.objects.create(user=alice, lesson=lesson)
    data = json.loads(alice_client.get(reverse("accounts:export_json")).content)
    plan_routine = alice.plan.routine.name
    assert data["weekly_plan"] == {
        "routine": plan_routine,
        "days": [0, 3],
        "started_on": "2026-11-02",
        "step_every_weeks": 2,
        "last_step_week": 0,
        "reminder_time": "07:30",
        "email_reminders": False,
    }
    assert data["activities"] == {
        "names": ["Socks", "Film", "Stairs"],
        "checks": [{"date": "2026-11-02", "scores": {"Socks": 3, "Film": 5, "Stairs": 2}}],
    }
    assert data["lessons_read"] == ["flare-ups"]
