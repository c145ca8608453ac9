"""E-mail reminders on planned days: who gets one and when, in their own time zone, and the
signed link in each that stops them."""

import datetime
import smtplib
from io import StringIO

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.urls import reverse

from logbook.models import Plan
from logbook.reminders import reminder_claim, reminder_token
from tests.factories import PlanFactory, RoutineItemFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2026, 11, 23)


def _at(hour_utc: int) -> datetime.datetime:
    return datetime.datetime(2026, 11, 23, hour_utc, 0, tzinfo=datetime.UTC)


@pytest.fixture
def plan():
    """Reminders on, Mondays and Thursdays at 07:30 in London, for a routine of one exercise."""
    plan = PlanFactory(
        user=UserFactory(email="alice@example.org", time_zone="Europe/London"),
        days=[0, 3],
        reminder_time=datetime.time(7, 30),
        email_reminders=True,
    )
    RoutineItemFactory(routine=plan.routine)
    return plan


def _send(frozen_now, moment) -> str:
    frozen_now(moment)
    out = StringIO()
    call_command("send_reminders", "--site", "https://back.example", stdout=out)
    return out.getvalue()


def test_a_reminder_goes_once_on_a_plan_day_after_the_reminder_time(frozen_now, plan):
    assert _send(frozen_now, _at(6)) == "Reminders sent: 0. Not sent: 0.\n"  # 06:00 in London
    # The run at 07:00 sends the 07:30 reminder: an hourly run never skips a late one.
    assert _send(frozen_now, _at(7)) == "Reminders sent: 1. Not sent: 0.\n"
    assert _send(frozen_now, _at(8)) == "Reminders sent: 0. Not sent: 0.\n"  # once a day
    (message,) = mail.outbox
    assert message.to == ["alice@example.org"]
    assert message.subject == f"Backcare: {plan.routine.name} today"
    assert f"https://back.example/routines/{plan.routine.pk}/play/" in message.body
    stop = reverse("logbook:reminders_stop", args=[reminder_token(plan)])
    assert f"https://back.example{stop}" in message.body
    plan.refresh_from_db()
    assert plan.last_reminded_on == MONDAY


def test_the_reminder_time_is_the_persons_own(frozen_now, plan):
    plan.user.time_zone = "America/New_York"
    plan.user.save(update_fields=["time_zone"])
    assert _send(frozen_now, _at(8)).startswith("Reminders sent: 0")  # 03:00 in New York
    assert _send(frozen_now, _at(12)).startswith("Reminders sent: 1")  # 07:00


@pytest.mark.parametrize(
    "change",
    ["rest day", "logged today", "reminders off", "no e-mail", "no routine", "empty routine"],
)
def test_no_reminder_when_there_is_nothing_to_remind(frozen_now, plan, change):
    if change == "rest day":
        Plan.objects.filter(pk=plan.pk).update(days=[1])
    elif change == "logged today":
        SessionFactory(user=plan.user, date=MONDAY)
    elif change == "reminders off":
        Plan.objects.filter(pk=plan.pk).update(email_reminders=False)
    elif change == "no e-mail":
        plan.user.email = ""
        plan.user.save(update_fields=["email"])
    elif change == "no routine":
        plan.routine.delete()
    else:
        plan.routine.items.all().delete()
    assert _send(frozen_now, _at(10)).startswith("Reminders sent: 0")
    assert mail.outbox == []


def test_a_failed_send_is_logged_and_the_others_still_go(frozen_now, plan, monkeypatch, caplog):
    other = PlanFactory(user=UserFactory(email="bob@example.org"), days=[0], email_reminders=True)
    RoutineItemFactory(routine=other.routine)
    original = EmailBackend.send_messages

    def flaky(self, messages):
        if messages[0].to == ["alice@example.org"]:
            raise smtplib.SMTPRecipientsRefused({})
        return original(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", flaky)
    assert _send(frozen_now, _at(10)) == "Reminders sent: 1. Not sent: 1.\n"
    assert [message.to for message in mail.outbox] == [["bob@example.org"]]
    assert f"Reminder to plan {plan.pk} not sent" in caplog.text
    plan.refresh_from_db()
    other.refresh_from_db()
    assert (plan.last_reminded_on, other.last_reminded_on) == (None, MONDAY)


def test_the_stop_link_asks_first_then_turns_reminders_off(client, plan):
    url = reverse("logbook:reminders_stop", args=[reminder_token(plan)])
    assert "Stop the e-mail reminders?" in client.get(url).content.decode()
    plan.refresh_from_db()
    assert plan.email_reminders is True  # opening the link changes nothing
    response = client.post(url)
    assert response.status_code == 200
    plan.refresh_from_db()
    assert plan.email_reminders is False


def test_a_forged_stop_link_is_not_found(client, plan):
    forged = reminder_token(plan).rsplit(":", 1)[0] + ":forged"
    assert client.get(reverse("logbook:reminders_stop", args=[forged])).status_code == 404
    assert client.get(reverse("logbook:reminders_stop", args=["12"])).status_code == 404


def test_an_overlapping_run_cannot_send_the_same_reminder_twice(plan):
    assert reminder_claim(plan, MONDAY) is True
    assert reminder_claim(plan, MONDAY) is False


def test_the_mail_is_plain_text_not_html_escaped(frozen_now, plan):
    plan.routine.name = "Sam's plan & more"
    plan.routine.save()
    _send(frozen_now, _at(10))
    (message,) = mail.outbox
    assert message.subject == "Backcare: Sam's plan & more today"
    assert "Sam's plan & more, about" in message.body
