"""Each branch of the progression rules, with the reason a person reads."""

import datetime

import pytest

from logbook.models import ExerciseEntry
from routines.progression import recent_entries, suggest
from tests.factories import (
    ExerciseEntryFactory,
    ExerciseFactory,
    RoutineItemFactory,
    SessionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return UserFactory()


def _entries(user, exercise, *specs):
    """Entries newest first: each spec is (pain_during, extra fields)."""
    entries = []
    for days_ago, (pain, extra) in enumerate(specs, start=1):
        session_fields = {k: v for k, v in extra.items() if k == "next_morning"}
        entry_fields = {k: v for k, v in extra.items() if k != "next_morning"}
        session = SessionFactory(
            user=user,
            date=user.today() - datetime.timedelta(days=days_ago),
            **session_fields,
        )
        entries.append(
            ExerciseEntryFactory(
                session=session, exercise=exercise, pain_during=pain, **entry_fields
            )
        )
    return recent_entries(user, [exercise.pk])[exercise.pk]


def test_no_history_keeps_the_dose(user):
    item = RoutineItemFactory(hold_seconds=20)
    suggestion = suggest(item, [])
    assert (suggestion.kind, suggestion.hold_seconds) == ("keep", 20)
    assert "No sessions with this exercise yet" in suggestion.reason


def test_three_comfortable_sessions_add_five_seconds_of_hold(user):
    item = RoutineItemFactory(hold_seconds=20, repetitions=3)
    recent = _entries(user, item.exercise, (2, {}), (3, {}), (1, {"next_morning": "same"}))
    suggestion = suggest(item, recent)
    assert (suggestion.kind, suggestion.hold_seconds, suggestion.repetitions) == ("increase", 25, 3)
    assert suggestion.reason == "Three comfortable sessions in a row: hold for 25 seconds."


def test_hold_increases_stop_at_thirty_seconds_then_repetitions_grow(user):
    item = RoutineItemFactory(hold_seconds=28, repetitions=5)
    recent = _entries(user, item.exercise, (1, {}), (1, {}), (1, {}))
    assert suggest(item, recent).hold_seconds == 30
    item.hold_seconds = 30
    suggestion = suggest(item, recent)
    assert (suggestion.kind, suggestion.hold_seconds, suggestion.repetitions) == ("increase", 30, 7)


def test_without_a_hold_two_repetitions_are_added_up_to_twelve(user):
    item = RoutineItemFactory(hold_seconds=None, repetitions=11)
    recent = _entries(user, item.exercise, (0, {}), (0, {}), (0, {}))
    assert (suggest(item, recent).kind, suggest(item, recent).repetitions) == ("increase", 12)
    item.repetitions = 12
    suggestion = suggest(item, recent)
    assert suggestion.kind == "keep"
    assert "top of the suggested dose" in suggestion.reason


def test_fewer_than_three_sessions_keep_the_dose(user):
    item = RoutineItemFactory()
    suggestion = suggest(item, _entries(user, item.exercise, (1, {}), (1, {})))
    assert suggestion.kind == "keep"
    assert suggestion.reason == "2 of 3 comfortable sessions so far: keep this dose for now."


@pytest.mark.parametrize(
    "spoiler",
    [(4, {}), (2, {"status": ExerciseEntry.Status.STOPPED}), (2, {"next_morning": "worse"})],
    ids=["pain-4", "stopped", "worse-morning"],
)
def test_one_uncomfortable_session_in_the_last_three_keeps_the_dose(user, spoiler):
    item = RoutineItemFactory()
    recent = _entries(user, item.exercise, (1, {}), spoiler, (1, {}))
    assert suggest(item, recent).kind == "keep"


def test_a_flagged_latest_entry_suggests_the_easier_variation(user):
    easier = ExerciseFactory(name="Pelvic tilt", repetitions_min=5, hold_seconds_min=3, sets=1)
    item = RoutineItemFactory(exercise__easier_variation=easier)
    recent = _entries(user, item.exercise, (7, {}), (1, {}), (1, {}))
    suggestion = suggest(item, recent)
    assert (
        suggestion.kind,
        suggestion.exercise,
        suggestion.repetitions,
        suggestion.hold_seconds,
    ) == (
        "easier",
        easier,
        5,
        3,
    )
    assert suggestion.reason == (
        "Last time it hurt too much during the exercise. "
        "Try the easier variation, Pelvic tilt, for now."
    )


def test_a_worse_next_morning_without_an_easier_variation_lowers_the_hold(user):
    item = RoutineItemFactory(hold_seconds=20)
    recent = _entries(user, item.exercise, (2, {"next_morning": "worse"}))
    suggestion = suggest(item, recent)
    assert (suggestion.kind, suggestion.hold_seconds) == ("decrease", 15)
    assert suggestion.reason.startswith("Your back felt worse the morning after last time.")


def test_a_sharp_pain_without_a_hold_lowers_the_repetitions(user):
    item = RoutineItemFactory(hold_seconds=None, repetitions=6)
    recent = _entries(user, item.exercise, (1, {"sharp_pain": True}))
    suggestion = suggest(item, recent)
    assert (suggestion.kind, suggestion.repetitions) == ("decrease", 4)


def test_at_the_lowest_dose_it_says_so(user):
    item = RoutineItemFactory(hold_seconds=None, repetitions=2)
    suggestion = suggest(item, _entries(user, item.exercise, (8, {})))
    assert suggestion.kind == "keep"
    assert "already the lowest dose" in suggestion.reason


def test_recent_entries_takes_the_latest_three_per_exercise_in_one_query(
    user, django_assert_num_queries
):
    first, second, third = ExerciseFactory(), ExerciseFactory(), ExerciseFactory()
    for days in range(10):
        session = SessionFactory(user=user, date=user.today() - datetime.timedelta(days=10 - days))
        ExerciseEntryFactory(session=session, exercise=first, position=1, pain_during=days % 10)
        ExerciseEntryFactory(session=session, exercise=second, position=2)
    ExerciseEntryFactory(exercise=first, session__date=user.today())  # another user's entry
    old = SessionFactory(user=user, date=user.today() - datetime.timedelta(weeks=13))
    ExerciseEntryFactory(session=old, exercise=third, position=1)  # too long ago to count
    with django_assert_num_queries(1):
        recent = recent_entries(user, [first.pk, second.pk, third.pk])
    assert [(user.today() - entry.session.date).days for entry in recent[first.pk]] == [1, 2, 3]
    assert [entry.pain_during for entry in recent[first.pk]] == [9, 8, 7]
    assert len(recent[second.pk]) == 3
    assert third.pk not in recent
