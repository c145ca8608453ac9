"""The advice wherever a routine item is shown: a weekly plan's scheduled step, and the hold on
any increase for a person who told Backcare of a condition that concerns the exercise."""

import datetime

import pytest

from logbook.attempts import recent_attempts
from logbook.care import Prompt
from logbook.models import Session
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
def plan(noon):
    """A plan begun on a Monday; "now" fixed at noon on 23 November 2026 (tests/logbook)."""
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
    assert suggestion.reason == "Next planned step: from Mon 16 Nov."


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


def test_a_plan_begun_on_a_sunday_steps_a_whole_week_later(plan):
    plan.started_on, plan.step_every = datetime.date(2026, 11, 1), 1  # a Sunday, weekly steps
    item = _item(plan.routine)
    monday = datetime.date(2026, 11, 2)
    attempts = _sessions(plan.user, item, (1, "same"), today=monday)
    assert suggestion_for(item, attempts, plan=plan, today=monday).kind == "keep"
    assert plan.next_step_on() == datetime.date(2026, 11, 8)
    sunday = datetime.date(2026, 11, 8)
    assert suggestion_for(item, attempts, plan=plan, today=sunday).planned is True


@pytest.mark.parametrize(
    ("specs", "words"),
    [
        (((2, "same"), (7, "same")), "1 of your last 2 sessions with it was too much"),
        (((2, "same"), (1, "worse"), (8, "same")), "2 of your last 3 sessions with it were"),
    ],
)
def test_a_due_step_waits_while_any_recent_session_was_too_much(plan, specs, words):
    item = _item(plan.routine)
    attempts = _sessions(plan.user, item, *specs, today=STEP_WEEK)
    suggestion = suggestion_for(item, attempts, plan=plan, today=STEP_WEEK)
    assert (suggestion.kind, suggestion.planned) == ("keep", False)
    assert words in suggestion.reason


def test_a_due_step_waits_after_a_bad_day(plan):
    item = _item(plan.routine)
    session = SessionFactory(
        user=plan.user, date=STEP_WEEK - datetime.timedelta(days=1), pain_before=7
    )
    ExerciseEntryFactory(
        session=session, exercise=item.exercise, pain_during=1, hold_seconds=20, repetitions=3
    )
    Session.objects.filter(pk=session.pk).update(next_morning="same")
    attempts = recent_attempts(plan.user, [item.exercise_id])[item.exercise_id]
    suggestion = suggestion_for(item, attempts, plan=plan, today=STEP_WEEK)
    assert suggestion.kind == "keep"
    assert "not begun on a bad day" in suggestion.reason


@pytest.mark.parametrize("kind", [Prompt.Kind.RISING, Prompt.Kind.WORSE_MORNINGS])
def test_a_care_prompt_about_my_pattern_holds_any_increase(plan, kind):
    item = _item(plan.routine)
    attempts = _sessions(plan.user, item, (2, "same"), today=STEP_WEEK)
    prompts = [Prompt(kind, "why")]
    suggestion = suggestion_for(item, attempts, prompts=prompts, plan=plan, today=STEP_WEEK)
    assert (suggestion.kind, suggestion.planned) == ("keep", False)
    assert suggestion.reason.startswith(f"{kind.label}: no more for now.")
    not_improving = [Prompt(Prompt.Kind.NOT_IMPROVING, "why")]
    assert suggestion_for(item, attempts, prompts=not_improving, plan=plan, today=STEP_WEEK).planned


@pytest.mark.parametrize(
    ("precautions", "named"), [([], True), (["pregnancy"], False), (["recent_surgery"], False)]
)
def test_the_harder_variation_named_at_the_top_of_a_dose_respects_my_precautions(
    plan, precautions, named
):
    item = _item(plan.routine)
    item.exercise.hold_seconds_max, item.exercise.repetitions_max = 20, 3  # at the top already
    item.exercise.save()
    ExerciseFactory(name="Bridge", easier_variation=item.exercise, precautions=["pregnancy"])
    attempts = _sessions(plan.user, item, (2, "same"), today=STEP_WEEK)
    suggestion = suggestion_for(item, attempts, precautions=precautions, plan=plan, today=STEP_WEEK)
    assert suggestion.kind == "keep"
    assert ("the harder variation, Bridge, is the next step" in suggestion.reason) is named
