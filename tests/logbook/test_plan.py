"""The weekly plan: making one from a starter routine, its days and reminders, the planned step
taken for the whole routine at once, and the calendar feed."""

import datetime

import pytest
from django.urls import reverse
from icalendar import Calendar

from logbook.models import Plan, Routine, RoutineItem
from logbook.services import curated_routines_load
from tests.factories import (
    ExerciseEntryFactory,
    ExerciseFactory,
    PlanFactory,
    RoutineItemFactory,
    SessionFactory,
)
from tests.logbook.conftest import NOON_UTC, TODAY

pytestmark = pytest.mark.django_db

PLAN_URL = reverse("logbook:plan")
CREATE_URL = reverse("logbook:plan_create")


@pytest.fixture
def gentle(library):
    curated_routines_load()
    return Routine.objects.get(key="gentle-relief")


def _create(client, starter, exercises, days=("0", "2", "4"), step_every="2"):
    return client.post(
        f"{CREATE_URL}?start={starter.key}",
        {"exercises": [str(pk) for pk in exercises], "days": list(days), "step_every": step_every},
    )


def test_the_start_page_offers_each_starter(alice_client, gentle):
    content = alice_client.get(CREATE_URL).content.decode()
    assert "Gentle: my back is stiff or sore" in content
    assert "?start=gentle-relief" in content
    assert "?start=strength-and-stability" in content
    # Any other routine is not a starter: the start page again.
    flare = alice_client.get(CREATE_URL, {"start": "flare-day"})
    assert flare.templates[0].name == "logbook/plan_start.html"


def test_the_start_page_states_the_length_of_the_plans_a_starter_allows(alice_client, gentle):
    # Gentle relief's five exercises take 20, 30, 46, 60 and 138 s at their doses (releases
    # included); each adds 30 s to get into position, with 10 s rest between. The quickest two:
    # 50 + 60 + 10 = 120 s, 2 minutes. The longest four: 274 + 120 + 30 = 424 s, 7 minutes.
    items = list(gentle.items.all())
    assert sorted(item.dose.seconds() for item in items) == [20, 30, 46, 60, 138]
    content = alice_client.get(CREATE_URL).content.decode()
    assert "About 2 to 7 minutes a session at first." in content


def test_a_plan_copies_the_chosen_exercises_at_the_starters_doses(
    alice_client, alice, gentle, noon
):
    items_before = gentle.items.count()
    chosen = list(gentle.items.all()[:2])
    response = _create(alice_client, gentle, [item.exercise_id for item in chosen])
    assert response.url == PLAN_URL
    plan = Plan.objects.get(user=alice)
    assert (plan.days, plan.step_every, plan.started_on) == ([0, 2, 4], 2, TODAY)
    assert plan.routine.owner == alice
    assert plan.routine.copied_from == gentle
    assert [(i.exercise_id, i.dosage_text) for i in plan.routine.items.all()] == [
        (i.exercise_id, i.dosage_text) for i in chosen
    ]
    alice.refresh_from_db()
    assert alice.weekly_goal == 3  # the plan's days are the weekly goal
    assert gentle.items.count() == items_before  # the curated routine is untouched


@pytest.mark.parametrize(("count", "days"), [(1, ["0"]), (5, ["0"]), (2, [])])
def test_a_plan_needs_two_to_four_exercises_and_a_day(alice_client, gentle, count, days):
    exercises = [item.exercise_id for item in gentle.items.all()][:count]
    assert len(exercises) == count
    response = _create(alice_client, gentle, exercises, days=days)
    assert response.status_code == 200
    assert not Plan.objects.exists()
    errors = str(response.context["form"].errors)
    assert "Choose 2 to 4 exercises" in errors or "Choose at least one day" in errors


def test_another_starters_exercise_is_refused(alice_client, gentle):
    other = Routine.objects.get(key="strength-and-stability").items.exclude(
        exercise__in=gentle.items.values("exercise")
    )
    response = _create(alice_client, gentle, [other[0].exercise_id, other[1].exercise_id])
    assert response.status_code == 200
    assert not Plan.objects.exists()


def test_a_new_plan_replaces_the_old_one_and_the_old_routine_stays_mine(
    alice_client, alice, gentle, noon
):
    _create(alice_client, gentle, [item.exercise_id for item in gentle.items.all()[:2]])
    first = Plan.objects.get(user=alice).routine
    _create(alice_client, gentle, [item.exercise_id for item in gentle.items.all()[1:4]])
    plan = Plan.objects.get(user=alice)
    assert plan.routine != first
    assert plan.routine.items.count() == 3
    assert Routine.objects.filter(pk=first.pk, owner=alice).exists()


def test_without_a_plan_the_plan_page_leads_to_making_one(alice_client):
    assert alice_client.get(PLAN_URL).url == CREATE_URL


def test_changing_the_days_changes_the_weekly_goal(alice_client, alice, noon):
    PlanFactory(user=alice)
    response = alice_client.post(PLAN_URL, {"days": ["1", "3"], "step_every": "1"})
    assert response.url == PLAN_URL
    plan = Plan.objects.get(user=alice)
    alice.refresh_from_db()
    assert (plan.days, plan.step_every, alice.weekly_goal) == ([1, 3], 1, 2)


def test_email_reminders_need_an_email_address(alice_client, alice, noon):
    alice.email = ""
    alice.save(update_fields=["email"])
    PlanFactory(user=alice)
    response = alice_client.post(
        PLAN_URL, {"days": ["0"], "step_every": "2", "email_reminders": "on"}
    )
    assert response.status_code == 200
    assert "Add an e-mail address on your account page first" in response.content.decode()
    assert Plan.objects.get(user=alice).email_reminders is False


def test_invalid_settings_keep_what_was_ticked_and_name_the_error(alice_client, alice, noon):
    """The settings form is written in Python (logbook/widgets.py): the error must still be
    tied to its group of boxes and the person's choices kept."""
    import re

    PlanFactory(user=alice, days=[0, 2, 4])
    response = alice_client.post(PLAN_URL, {"days": [], "step_every": "1", "reminder_time": "7:30"})
    html = response.content.decode()
    days_group = re.search(r"<fieldset[^>]*>(?:(?!</fieldset>).)*?name=\"days\"", html, re.S)
    assert 'aria-describedby="id_days_error"' in days_group.group(0)
    assert 'id="id_days_error">Choose at least one day.' in html
    checked = re.findall(r'<input[^>]*name="(days|step_every)"[^>]*value="(\d)" checked', html)
    assert checked == [("step_every", "1")]
    assert re.search(r'name="reminder_time" value="7:30"', html)
    assert Plan.objects.get(user=alice).days == [0, 2, 4]  # nothing saved
    again = alice_client.post(PLAN_URL, {"days": ["1", "3"], "step_every": "1"})
    assert again.status_code == 302
    assert Plan.objects.get(user=alice).days == [1, 3]


@pytest.fixture
def stepping(alice, noon):
    """A plan begun three weeks ago, its first step (week 2) due, with one comfortable session
    at each exercise's dose yesterday and a settled morning after it."""
    plan = PlanFactory(user=alice, started_on=TODAY - datetime.timedelta(weeks=3))
    for position in (1, 2):
        item = RoutineItem.objects.create(
            routine=plan.routine,
            exercise=ExerciseFactory(
                hold_seconds_min=20, hold_seconds_max=30, repetitions_min=3, repetitions_max=5
            ),
            position=position,
            hold_seconds=20,
            repetitions=3,
        )
        session = SessionFactory(
            user=alice, date=TODAY - datetime.timedelta(days=1), next_morning="same"
        )
        ExerciseEntryFactory(
            session=session, exercise=item.exercise, pain_during=1, hold_seconds=20, repetitions=3
        )
    return plan


def test_the_plan_page_offers_the_step_when_it_is_due(alice_client, stepping):
    response = alice_client.get(PLAN_URL)
    assert response.context["step_ready"] is True
    assert [s.kind for _item, s in response.context["steps"]] == ["increase", "increase"]
    assert "Take this week's step" in response.content.decode()


def test_taking_the_step_raises_every_planned_dose_once(alice_client, stepping):
    response = alice_client.post(reverse("logbook:plan_step"))
    assert response.url == PLAN_URL
    holds = list(stepping.routine.items.values_list("hold_seconds", flat=True))
    assert holds == [25, 25]
    stepping.refresh_from_db()
    assert stepping.last_step_week == 3
    # A second click in the same week changes nothing: the next step is two weeks away.
    alice_client.post(reverse("logbook:plan_step"))
    assert list(stepping.routine.items.values_list("hold_seconds", flat=True)) == [25, 25]


def test_a_planned_step_is_not_taken_item_by_item_on_the_routine_page(alice_client, stepping):
    item = stepping.routine.items.first()
    page = alice_client.get(stepping.routine.get_absolute_url()).content.decode()
    assert "Take this week's step on your plan page" in page
    response = alice_client.post(
        reverse("logbook:routine_suggestion_accept", args=[stepping.routine.pk, item.pk]),
        {"suggestion": "anything"},
    )
    assert response.url == PLAN_URL
    item.refresh_from_db()
    assert item.hold_seconds == 20


def test_no_step_before_it_is_due(alice_client, stepping):
    stepping.last_step_week = 2
    stepping.save()
    alice_client.post(reverse("logbook:plan_step"))
    assert list(stepping.routine.items.values_list("hold_seconds", flat=True)) == [20, 20]


@pytest.mark.parametrize("sessions", [1, 200])
def test_plan_page_query_count_does_not_grow_with_history(
    alice_client, stepping, django_assert_num_queries, sessions
):
    SessionFactory.create_batch(
        sessions, user=stepping.user, date=TODAY - datetime.timedelta(days=40)
    )
    # 11 queries: the login session, the user, the plan with its
    # routine, its items with exercises and variations, the harder variations, the logbook's
    # change stamp, recent attempts (two), the care prompts' trend, this week's session dates
    # and the weeks kept.
    with django_assert_num_queries(11):
        alice_client.get(PLAN_URL)
    # Unchanged logbook: the attempts and the trend come from the cache (three fewer).
    with django_assert_num_queries(8):
        alice_client.get(PLAN_URL)


def _feed(client, owner_client):
    """Make a calendar link as the plan's owner; the link it shows."""
    owner_client.post(reverse("logbook:plan_calendar_link"))
    page = owner_client.get(PLAN_URL)
    link = page.context["calendar_link"]
    assert link.startswith("http://testserver/calendar/")
    return link


def test_the_calendar_link_is_shown_once_and_its_feed_lists_the_planned_days(
    client, alice_client, alice, noon
):
    plan = PlanFactory(user=alice, days=[0, 3], started_on=TODAY)
    RoutineItemFactory(routine=plan.routine)
    link = _feed(client, alice_client)
    assert alice_client.get(PLAN_URL).context["calendar_link"] is None  # shown only once
    client.logout()
    response = client.get(link.removeprefix("http://testserver"))
    assert response["Content-Type"] == "text/calendar"
    assert "no-store" in response["Cache-Control"]
    events = Calendar.from_ical(response.content).walk("VEVENT")
    days = [event.decoded("dtstart") for event in events if "plan" in str(event["uid"])]
    assert len(days) == 16  # eight weeks, two days each
    assert {day.weekday() for day in days} == {0, 3}
    assert days[0] == TODAY
    checks = [event for event in events if "function" in str(event["uid"])]
    assert [event.decoded("dtstart") for event in checks] == [TODAY]
    assert plan.routine.name in str(events[0]["summary"])


def test_a_reminder_time_makes_timed_events_in_my_time_zone(client, alice_client, alice, noon):
    plan = PlanFactory(user=alice, days=[0], started_on=TODAY, reminder_time=datetime.time(7, 30))
    RoutineItemFactory(routine=plan.routine)
    link = _feed(client, alice_client)
    event = Calendar.from_ical(client.get(link.removeprefix("http://testserver")).content).walk(
        "VEVENT"
    )[0]
    start = event.decoded("dtstart")
    assert (start.date(), start.time(), str(start.tzinfo)) == (
        TODAY,
        datetime.time(7, 30),
        "Europe/London",
    )
    # RFC 5545: the zone the events name is defined in the feed.
    feed = Calendar.from_ical(client.get(link.removeprefix("http://testserver")).content)
    assert [str(zone["tzid"]) for zone in feed.walk("VTIMEZONE")] == ["Europe/London"]


def test_a_new_calendar_link_ends_the_old_one(client, alice_client, alice, noon):
    PlanFactory(user=alice)
    old = _feed(client, alice_client).removeprefix("http://testserver")
    new = _feed(client, alice_client).removeprefix("http://testserver")
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    assert client.get("/calendar/not-a-real-token.ics").status_code == 404
    Plan.objects.filter(user=alice).delete()
    assert client.get(new).status_code == 404  # no plan, no feed


def test_the_plan_page_is_dated_in_my_time_zone(alice_client, alice, frozen_now):
    # 23:30 UTC on Sunday 22 November is already Monday in Auckland.
    frozen_now(NOON_UTC - datetime.timedelta(hours=12, minutes=30))
    alice.time_zone = "Pacific/Auckland"
    alice.save(update_fields=["time_zone"])
    PlanFactory(user=alice, days=[0])
    week = alice_client.get(PLAN_URL).context["week"]
    assert [day.date for day in week.days if day.is_today] == [TODAY]


def test_the_same_plan_posted_twice_makes_one_plan_and_one_routine(
    alice_client, alice, gentle, noon
):
    exercises = [item.exercise_id for item in gentle.items.all()[:2]]
    _create(alice_client, gentle, exercises)
    _create(alice_client, gentle, exercises)
    assert Routine.objects.filter(owner=alice).count() == 1
    assert Plan.objects.get(user=alice).routine.items.count() == 2


def test_without_a_routine_the_feed_has_no_sessions(client, alice_client, alice, noon):
    PlanFactory(user=alice, days=[0, 3], started_on=TODAY)  # its routine has no exercises
    link = _feed(client, alice_client).removeprefix("http://testserver")
    events = Calendar.from_ical(client.get(link).content).walk("VEVENT")
    assert [str(event["uid"]).split("-")[0] for event in events] == ["function"]
