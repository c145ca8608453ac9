"""Each branch of the progression rules, with the reason a person reads."""

import datetime

import pytest

from logbook.models import ExerciseEntry
from logbook.progression import recent_attempts, suggest
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


def _item(**fields):
    """A routine item for a stretch whose suggested range is 20-30 s held, 3-5 times."""
    exercise = fields.pop("exercise", None) or ExerciseFactory(
        hold_seconds_min=20, hold_seconds_max=30, repetitions_min=3, repetitions_max=5
    )
    return RoutineItemFactory(exercise=exercise, **{"hold_seconds": 20, "repetitions": 3, **fields})


def _attempts(user, item, *specs):
    """Sessions newest first; each spec is (pain_during, extra fields) at the item's dose."""
    for days_ago, (pain, extra) in enumerate(specs, start=1):
        session_fields = {k: v for k, v in extra.items() if k == "next_morning"}
        entry_fields = {
            "repetitions": item.repetitions,
            "hold_seconds": item.hold_seconds,
            **{k: v for k, v in extra.items() if k != "next_morning"},
        }
        session = SessionFactory(
            user=user, date=user.today() - datetime.timedelta(days=days_ago), **session_fields
        )
        ExerciseEntryFactory(
            session=session, exercise=item.exercise, pain_during=pain, **entry_fields
        )
    return recent_attempts(user, [item.exercise_id]).get(item.exercise_id, [])


def test_no_history_keeps_the_dose(user):
    suggestion = suggest(_item(), [])
    assert (suggestion.kind, suggestion.dose.fields["hold_seconds"]) == ("keep", 20)
    assert "No sessions with this exercise lately" in suggestion.reason


def test_three_comfortable_sessions_add_five_seconds_of_hold(user):
    item = _item()
    suggestion = suggest(
        item, _attempts(user, item, (2, {}), (3, {}), (1, {"next_morning": "same"}))
    )
    assert (
        suggestion.kind,
        suggestion.dose.fields["hold_seconds"],
        suggestion.dose.fields["repetitions"],
    ) == ("increase", 25, 3)
    assert suggestion.reason == "Three comfortable sessions in a row. Hold for 25 seconds."


@pytest.mark.parametrize(
    ("hold", "repetitions", "expected"),
    [(28, 3, ("increase", 30, 3)), (30, 3, ("increase", 30, 5)), (30, 4, ("increase", 30, 5))],
)
def test_increases_stay_within_the_exercises_suggested_range(user, hold, repetitions, expected):
    item = _item(hold_seconds=hold, repetitions=repetitions)
    suggestion = suggest(item, _attempts(user, item, (1, {}), (1, {}), (1, {})))
    assert (
        suggestion.kind,
        suggestion.dose.fields["hold_seconds"],
        suggestion.dose.fields["repetitions"],
    ) == expected


def test_at_the_top_of_the_range_it_says_so(user):
    item = _item(hold_seconds=30, repetitions=5)
    suggestion = suggest(item, _attempts(user, item, (1, {}), (1, {}), (1, {})))
    assert suggestion.kind == "keep"
    assert suggestion.reason == "You are at the top of the suggested dose: keep it up."


def test_a_short_hold_grows_by_a_step_that_fits_its_range(user):
    pelvic_tilt = ExerciseFactory(
        hold_seconds_min=3, hold_seconds_max=5, repetitions_min=5, repetitions_max=10
    )
    item = _item(exercise=pelvic_tilt, hold_seconds=3, repetitions=5)
    suggestion = suggest(item, _attempts(user, item, (0, {}), (0, {}), (0, {})))
    assert (suggestion.kind, suggestion.dose.fields["hold_seconds"]) == ("increase", 5)


def test_at_the_top_of_the_range_it_points_to_the_harder_variation(user):
    item = _item(hold_seconds=30, repetitions=5)
    ExerciseFactory(name="Double knee hug", easier_variation=item.exercise)
    suggestion = suggest(item, _attempts(user, item, (0, {}), (0, {}), (0, {})))
    assert suggestion.kind == "keep"
    assert "the harder variation, Double knee hug, is the next step" in suggestion.reason


def test_sessions_are_counted_not_entries(user):
    item = _item()
    session = SessionFactory(user=user, date=user.today() - datetime.timedelta(days=1))
    for position in (1, 2, 3):
        ExerciseEntryFactory(
            session=session,
            exercise=item.exercise,
            position=position,
            pain_during=1,
            hold_seconds=20,
            repetitions=3,
        )
    attempts = recent_attempts(user, [item.exercise_id])[item.exercise_id]
    assert len(attempts) == 1
    suggestion = suggest(item, attempts)
    assert suggestion.kind == "keep"
    assert suggestion.reason == "1 of 3 comfortable sessions so far: keep this dose for now."


def test_fewer_than_three_sessions_keep_the_dose(user):
    item = _item()
    suggestion = suggest(item, _attempts(user, item, (1, {}), (1, {})))
    assert suggestion.kind == "keep"
    assert suggestion.reason == "2 of 3 comfortable sessions so far: keep this dose for now."


@pytest.mark.parametrize(
    "spoiler",
    [
        (4, {}),
        (2, {"status": ExerciseEntry.Status.STOPPED}),
        (2, {"next_morning": "worse"}),
        (1, {"sharp_pain": True}),
        (6, {}),
    ],
    ids=["pain-4", "stopped", "worse-morning", "older-sharp-pain", "older-pain-6"],
)
def test_one_uncomfortable_session_in_the_last_three_keeps_the_dose(user, spoiler):
    item = _item()
    suggestion = suggest(item, _attempts(user, item, (1, {}), spoiler, (1, {})))
    assert suggestion.kind == "keep"
    assert "Not every one of the last 3 sessions was comfortable" in suggestion.reason


def test_sessions_at_a_lower_dose_do_not_earn_another_step(user):
    item = _item(hold_seconds=25)  # just raised from 20
    suggestion = suggest(item, _attempts(user, item, *[(1, {"hold_seconds": 20})] * 3))
    assert suggestion.kind == "keep"
    assert suggestion.reason == "Try this dose for 3 sessions before adding more."


@pytest.mark.parametrize(("pain", "kind"), [(5, "keep"), (6, "easier")])
def test_pain_during_above_five_is_the_line(user, pain, kind):
    easier = ExerciseFactory(name="Pelvic tilt", repetitions_min=5, hold_seconds_min=3, sets=1)
    item = _item(
        exercise=ExerciseFactory(easier_variation=easier, hold_seconds_min=20, hold_seconds_max=30)
    )
    suggestion = suggest(item, _attempts(user, item, (pain, {}), (1, {}), (1, {})))
    assert suggestion.kind == kind


def test_a_flagged_latest_session_suggests_the_easier_variation(user):
    easier = ExerciseFactory(name="Pelvic tilt", repetitions_min=5, hold_seconds_min=3, sets=1)
    item = _item(exercise=ExerciseFactory(easier_variation=easier))
    suggestion = suggest(item, _attempts(user, item, (7, {}), (1, {}), (1, {})))
    assert (
        suggestion.kind,
        suggestion.exercise,
        suggestion.dose.fields["repetitions"],
        suggestion.dose.fields["hold_seconds"],
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
    item = _item()
    suggestion = suggest(item, _attempts(user, item, (2, {"next_morning": "worse"})))
    assert (suggestion.kind, suggestion.dose.fields["hold_seconds"]) == ("decrease", 15)
    assert suggestion.reason.startswith("Your back felt worse the morning after last time.")


def test_a_sharp_pain_without_a_hold_lowers_the_repetitions(user):
    item = _item(hold_seconds=None, repetitions=6)
    suggestion = suggest(item, _attempts(user, item, (1, {"sharp_pain": True})))
    assert (suggestion.kind, suggestion.dose.fields["repetitions"]) == ("decrease", 4)


def test_a_dose_already_eased_since_the_painful_session_is_kept(user):
    item = _item(hold_seconds=15)
    suggestion = suggest(item, _attempts(user, item, (8, {"hold_seconds": 20})))
    assert suggestion.kind == "keep"
    assert "already lower than then" in suggestion.reason


def test_at_the_lowest_dose_it_says_so(user):
    item = _item(hold_seconds=None, repetitions=2)
    suggestion = suggest(item, _attempts(user, item, (8, {})))
    assert suggestion.kind == "keep"
    assert "already the lowest dose" in suggestion.reason


def test_recent_attempts_takes_the_last_three_sessions_per_exercise_in_one_query(
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
        recent = recent_attempts(user, [first.pk, second.pk, third.pk])
    assert [(user.today() - a.session.date).days for a in recent[first.pk]] == [1, 2, 3]
    assert [a.entries[0].pain_during for a in recent[first.pk]] == [9, 8, 7]
    assert len(recent[second.pk]) == 3
    assert third.pk not in recent
