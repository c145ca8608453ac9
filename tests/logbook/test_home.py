"""A signed-in person's home page: their day at a glance, in their own time zone, in a fixed
number of queries."""

import datetime

import pytest
from django.urls import reverse

from logbook.models import Session
from logbook.services.content import lessons_load
from tests.factories import ExerciseEntryFactory, PlanFactory, RoutineItemFactory, SessionFactory
from tests.logbook.conftest import NOON_UTC, TODAY

pytestmark = pytest.mark.django_db

YESTERDAY = TODAY - datetime.timedelta(days=1)


@pytest.fixture
def plan(alice, noon):
    """Mondays, Wednesdays and Fridays; TODAY is a Monday."""
    plan = PlanFactory(user=alice, started_on=TODAY - datetime.timedelta(weeks=1))
    RoutineItemFactory(routine=plan.routine, hold_seconds=20, repetitions=3)
    return plan


def _home(client):
    response = client.get(reverse("home"))
    assert response.templates[0].name == "pages/home_signed_in.html"
    return response


def test_without_a_plan_home_offers_to_make_one(alice_client, noon):
    content = _home(alice_client).content.decode()
    assert "Make a plan" in content
    assert reverse("logbook:plan_create") in content


def test_on_a_plan_day_home_starts_todays_routine(alice_client, plan):
    response = _home(alice_client)
    today = response.context["today"]
    # One exercise held 10 s, 5 times: 65 s with its releases, and 30 s to get into position.
    assert (today.planned_today, today.done_today, today.minutes) == (True, None, 2)
    content = response.content.decode()
    assert reverse("logbook:routine_play", args=[plan.routine.pk]) in content
    assert "Days with a session this week: 0 of 3 planned." in content


def test_on_a_rest_day_home_says_so(alice_client, plan):
    plan.days = [1]
    plan.save()
    assert "A rest day in your plan." in _home(alice_client).content.decode()


def test_after_a_calm_session_today_home_says_well_done(alice_client, alice, plan):
    ExerciseEntryFactory(session__user=alice, session__date=TODAY, pain_during=1)
    content = _home(alice_client).content.decode()
    assert "Well done for keeping it up." in content
    assert "Days with a session this week: 1 of 3 planned." in content


def test_after_a_session_that_hurt_home_points_to_what_to_do(alice_client, alice, plan):
    entry = ExerciseEntryFactory(session__user=alice, session__date=TODAY, pain_during=8)
    content = _home(alice_client).content.decode()
    assert "Well done" not in content
    assert "your back was telling you something in it" in content
    assert entry.session.get_absolute_url() in content


def test_yesterdays_next_morning_question_is_answered_from_home(alice_client, alice, plan):
    session = SessionFactory(user=alice, date=YESTERDAY)
    content = _home(alice_client).content.decode()
    assert reverse("logbook:session_next_morning", args=[session.pk]) in content
    response = alice_client.post(
        reverse("logbook:session_next_morning", args=[session.pk]),
        {"next_morning": "better", "next": reverse("home")},
    )
    assert response.url == reverse("home")
    session.refresh_from_db()
    assert session.next_morning == "better"
    assert _home(alice_client).context["today"].awaiting_check == []


def test_the_next_morning_form_never_sends_to_another_site(alice_client, alice, plan):
    session = SessionFactory(user=alice, date=YESTERDAY)
    response = alice_client.post(
        reverse("logbook:session_next_morning", args=[session.pk]),
        {"next_morning": "same", "next": "https://evil.example/"},
    )
    assert response.url == session.get_absolute_url()


def test_home_says_how_pain_has_changed_and_offers_one_lesson(alice_client, alice, plan):
    lessons_load()
    for weeks_ago, after in ((10, 6), (9, 6), (1, 3), (0, 3)):
        SessionFactory(
            user=alice, date=TODAY - datetime.timedelta(weeks=weeks_ago, days=1), pain_after=after
        )
    content = _home(alice_client).content.decode()
    assert "Pain after sessions fell from 6.0 to 3.0: a meaningful change." in content
    assert "Hurt is not harm" in content


def test_today_is_the_persons_own(alice_client, alice, frozen_now):
    """23:30 UTC on Sunday is Monday morning in Auckland: a plan day there."""
    frozen_now(NOON_UTC - datetime.timedelta(hours=12, minutes=30))
    alice.time_zone = "Pacific/Auckland"
    alice.save(update_fields=["time_zone"])
    plan = PlanFactory(user=alice, days=[0])
    RoutineItemFactory(routine=plan.routine)
    assert _home(alice_client).context["today"].planned_today is True


@pytest.mark.parametrize("days", [1, 3650])
def test_home_query_count_does_not_grow_with_history(
    alice_client, alice, plan, django_assert_num_queries, days
):
    Session.objects.bulk_create(
        Session(user=alice, date=TODAY - datetime.timedelta(days=n), pain_before=4, pain_after=3)
        for n in range(days)
    )
    # 14 queries: the login session, the user, the plan with its
    # routine, this week's and yesterday's sessions and their entries, the routine's items,
    # the PSFS activities and checks, the progress figures (change stamp, then 3), the care
    # prompts' trend and the unread lessons.
    with django_assert_num_queries(14):
        _home(alice_client)
    # Again, nothing changed: the PSFS report, the progress figures, the care prompts' trend
    # and the lesson to offer come from the cached figures, after their change stamp.
    with django_assert_num_queries(7):
        _home(alice_client)


@pytest.mark.parametrize(
    "earlier", [{"pain_during": 8}, {"session__effort": "too_hard", "pain_during": 1}]
)
def test_no_well_done_on_a_day_when_any_session_hurt_or_felt_too_hard(
    alice_client, alice, plan, earlier
):
    hard = ExerciseEntryFactory(session__user=alice, session__date=TODAY, **earlier).session
    ExerciseEntryFactory(session__user=alice, session__date=TODAY, pain_during=1)
    content = _home(alice_client).content.decode()
    assert "Well done" not in content
    assert hard.get_absolute_url() in content


def test_a_plan_whose_routine_was_emptied_says_so(alice_client, plan):
    plan.routine.items.all().delete()
    content = _home(alice_client).content.decode()
    assert "Your plan's routine has no exercises left." in content
    assert "A rest day" not in content
