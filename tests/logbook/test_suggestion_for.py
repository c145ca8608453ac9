"""The advice wherever a routine item is shown: a weekly plan's scheduled step, and the hold on
any increase for a person who told Backcare of a condition that concerns the exercise."""

import datetime

import pytest

from logbook.attempts import recent_attempts
from logbook.progression import suggestion_for
from tests.factories import (
    ExerciseEntryFactory,
    ExerciseFactory,
    PlanFactory,
    RoutineItemFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db

STARTED = datetime.date(2026, 11, 2)  # a Monday
STEP_WEEK = STARTED + datetime.timedelta(weeks=2)  # the first step falls due this week


@pytest.fixture
def plan():
    return PlanFactory(started_on=STARTED)


def _item(routine, **exercise_fields):
    exercise = ExerciseFactory(
        hold_seconds_min=20,
        hold_seconds_max=30,
        repetitions_min=3,
        repetitions_max=5,
        **exercise_fields,
    )
    return RoutineItemFactory(routine=routine, exercise=exercise, hold_seconds=20, repetitions=3)


def _sessions(user, item, *specs, today):
    """Sessions newest first, each (pain_during, next_morning), at the item's dose."""
    for days_ago, (pain, morning) in enumerate(specs, start=1):
        session = SessionFactory(
            user=user, date=today - datetime.timedelta(days=days_ago), next_morning=morning
        )
        ExerciseEntryFactory(
            session=session,
            exercise=item.exercise,
            pain_during=pain,
            repetitions=item.repetitions,
            hold_seconds=item.hold_seconds,
        )
    return recent_attempts(user, [item.exercise_id]).get(item.exercise_id, [])


def test_before_the_step_is_due_the_plan_keeps_the_dose_and_names_the_week(plan):
    item = _item(plan.routine)
    today = STEP_WEEK - datetime.timedelta(days=3)
    attempts = _sessions(plan.user, item, (1, "better"), today=today)
    suggestion = suggestion_for(item, attempts, plan=plan, today=today)
    assert (suggestion.kind, suggestion.planned) == ("keep", False)
    assert suggestion.reason == "Next planned step: the week of 16 Nov."


def test_a_due_step_after_one_comfortable_session_and_a_settled_morning_is_planned(plan):
    item = _item(plan.routine)
    attempts = _sessions(plan.user, item, (2, "same"), today=STEP_WEEK)
    suggestion = suggestion_for(item, attempts, plan=plan, today=STEP_WEEK)
    assert (suggestion.kind, suggestion.planned) == ("increase", True)
    assert suggestion.dose.fields["hold_seconds"] == 25


@pytest.mark.parametrize(
    ("spec", "kind", "words"),
    [
        ((2, ""), "keep", "record how your back felt the morning after"),
        ((4, "same"), "keep", "last time was not comfortable"),
        ((7, "same"), "decrease", "Hold for 15 seconds instead."),
        ((1, "worse"), "decrease", "Hold for 15 seconds instead."),
    ],
)
def test_a_due_step_waits_for_comfort_and_a_settled_morning_and_eases_off_at_once(
    plan, spec, kind, words
):
    item = _item(plan.routine)
    attempts = _sessions(plan.user, item, spec, today=STEP_WEEK)
    suggestion = suggestion_for(item, attempts, plan=plan, today=STEP_WEEK)
    assert (suggestion.kind, suggestion.planned) == (kind, False)
    assert words in suggestion.reason


def test_another_routine_of_a_person_with_a_plan_follows_the_three_session_rule(plan):
    item = _item(RoutineItemFactory(routine__owner=plan.user).routine)
    attempts = _sessions(plan.user, item, (2, "same"), today=STEP_WEEK)
    suggestion = suggestion_for(item, attempts, plan=plan, today=STEP_WEEK)
    assert suggestion.kind == "keep"
    assert "1 of 3 comfortable sessions so far" in suggestion.reason


@pytest.mark.parametrize("precaution", ["recent_surgery", "diagnosed_condition"])
def test_a_condition_that_concerns_every_exercise_holds_an_increase(plan, precaution):
    item = _item(plan.routine)
    attempts = _sessions(plan.user, item, (2, "same"), today=STEP_WEEK)
    suggestion = suggestion_for(
        item, attempts, precautions=[precaution], plan=plan, today=STEP_WEEK
    )
    assert (suggestion.kind, suggestion.planned) == ("keep", False)
    assert suggestion.dose == item.dose
    assert "ask your physiotherapist or doctor before adding more" in suggestion.reason


@pytest.mark.parametrize(("tags", "kind"), [(["pregnancy"], "keep"), ([], "increase")])
def test_pregnancy_holds_an_increase_only_for_the_exercises_tagged_with_it(plan, tags, kind):
    item = _item(plan.routine, precautions=tags)
    attempts = _sessions(plan.user, item, (2, "same"), today=STEP_WEEK)
    suggestion = suggestion_for(
        item, attempts, precautions=["pregnancy"], plan=plan, today=STEP_WEEK
    )
    assert suggestion.kind == kind


def test_a_precaution_never_holds_back_easing_off(plan):
    item = _item(plan.routine)
    attempts = _sessions(plan.user, item, (8, "same"), today=STEP_WEEK)
    suggestion = suggestion_for(
        item, attempts, precautions=["recent_surgery"], plan=plan, today=STEP_WEEK
    )
    assert suggestion.kind == "decrease"
