"""Each branch and boundary of the progression rules, with the reason a person reads."""

import datetime

import pytest

from logbook.attempts import recent_attempts
from logbook.models import ExerciseEntry
from logbook.progression import Suggestion, suggest
from tests.factories import (
    ExerciseEntryFactory,
    ExerciseFactory,
    RoutineItemFactory,
    SessionFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

SESSION_FIELDS = {"next_morning", "effort", "pain_before", "pain_after"}
SETTLED = {"next_morning": "same"}


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
    """Sessions newest first; each spec is (pain_during, extra fields) at the item's dose.

    Sessions default to pain 4 before and 3 after, "about right", no next morning recorded.
    """
    for days_ago, (pain, extra) in enumerate(specs, start=1):
        session_fields = {k: v for k, v in extra.items() if k in SESSION_FIELDS}
        entry_fields = {
            "repetitions": item.repetitions,
            "hold_seconds": item.hold_seconds,
            **{k: v for k, v in extra.items() if k not in SESSION_FIELDS},
        }
        session = SessionFactory(
            user=user, date=user.today() - datetime.timedelta(days=days_ago), **session_fields
        )
        ExerciseEntryFactory(
            session=session, exercise=item.exercise, pain_during=pain, **entry_fields
        )
    return recent_attempts(user, [item.exercise_id]).get(item.exercise_id, [])


def _dose(suggestion):
    fields = suggestion.dose.fields
    return suggestion.kind, fields["hold_seconds"], fields["repetitions"]


def test_no_history_keeps_the_dose(user):
    suggestion = suggest(_item(), [])
    assert _dose(suggestion) == ("keep", 20, 3)
    assert "No sessions with this exercise lately" in suggestion.reason
    assert suggestion.evidence == ()


@pytest.mark.parametrize("morning", ["same", "better"])
def test_three_comfortable_sessions_and_a_settled_morning_add_five_seconds(user, morning):
    item = _item()
    attempts = _attempts(user, item, (2, {"next_morning": morning}), (3, {}), (1, {}))
    suggestion = suggest(item, attempts)
    assert _dose(suggestion) == ("increase", 25, 3)
    assert suggestion.reason == (
        "3 comfortable sessions in a row, and a settled morning after the last. "
        "Hold for 25 seconds."
    )


def test_an_increase_waits_for_the_next_morning_to_be_recorded(user):
    """Unanswered is not "fine": the third comfortable session alone earns nothing yet."""
    item = _item()
    suggestion = suggest(item, _attempts(user, item, (2, {}), (3, SETTLED), (1, SETTLED)))
    assert _dose(suggestion) == ("keep", 20, 3)
    day = (user.today() - datetime.timedelta(days=1)).strftime("%a %-d %b")
    assert suggestion.reason == (
        "3 comfortable sessions. Before adding more, record how your back felt the morning "
        f"after the last one ({day})."
    )


@pytest.mark.parametrize(("pain", "kind"), [(3, "increase"), (4, "keep")])
def test_pain_during_above_three_is_acceptable_but_not_comfortable(user, pain, kind):
    item = _item()
    suggestion = suggest(item, _attempts(user, item, (1, SETTLED), (pain, {}), (1, {})))
    assert suggestion.kind == kind


@pytest.mark.parametrize(("pain", "kind"), [(5, "keep"), (6, "decrease")])
def test_pain_during_above_five_is_the_line_for_easing_off(user, pain, kind):
    item = _item()
    suggestion = suggest(item, _attempts(user, item, (pain, SETTLED), (1, {}), (1, {})))
    assert suggestion.kind == kind


@pytest.mark.parametrize(("after", "kind"), [(4, "increase"), (5, "decrease")])
def test_a_rise_of_two_points_over_the_last_session_eases_off(user, after, kind):
    """Pain 2 before and 4 after (+2) or 3 after (+1), with pain during only 1."""
    item = _item()
    latest = (1, {"pain_before": 3, "pain_after": after, **SETTLED})
    suggestion = suggest(item, _attempts(user, item, latest, (1, {}), (1, {})))
    assert suggestion.kind == kind
    if kind == "decrease":
        assert "your pain rose from 3 to 5" in suggestion.why


def test_a_rise_of_two_points_in_an_earlier_session_blocks_an_increase(user):
    item = _item()
    risen = (1, {"pain_before": 2, "pain_after": 6})
    suggestion = suggest(item, _attempts(user, item, (1, SETTLED), risen, (1, {})))
    assert _dose(suggestion) == ("keep", 20, 3)
    assert "Not every one of the last 3 sessions was comfortable" in suggestion.reason


def test_too_hard_last_time_eases_off(user):
    item = _item()
    suggestion = suggest(item, _attempts(user, item, (1, {"effort": "too_hard", **SETTLED})))
    assert _dose(suggestion) == ("decrease", 15, 3)
    assert "the session felt too hard" in suggestion.why


def test_a_worse_next_morning_without_an_easier_variation_lowers_the_hold(user):
    item = _item()
    suggestion = suggest(item, _attempts(user, item, (2, {"next_morning": "worse"})))
    assert _dose(suggestion) == ("decrease", 15, 3)
    assert suggestion.reason.startswith("Your back felt worse the morning after last time")


@pytest.mark.parametrize(
    "spoiler",
    [
        (2, {"status": ExerciseEntry.Status.STOPPED}),
        (2, {"next_morning": "worse"}),
        (1, {"sharp_pain": True}),
        (6, {}),
        (1, {"effort": "too_hard"}),
    ],
    ids=["stopped", "worse-morning", "older-sharp-pain", "older-pain-6", "older-too-hard"],
)
def test_one_uncomfortable_session_in_the_last_three_keeps_the_dose(user, spoiler):
    item = _item()
    suggestion = suggest(item, _attempts(user, item, (1, SETTLED), spoiler, (1, {})))
    assert suggestion.kind == "keep"
    assert "Not every one of the last 3 sessions was comfortable" in suggestion.reason


def test_a_suggestion_shows_the_numbers_it_came_from(user):
    item = _item()
    attempts = _attempts(
        user,
        item,
        (2, {"next_morning": "better", "pain_before": 3, "pain_after": 2}),
        (1, {"effort": "easy"}),
    )
    suggestion = suggest(item, attempts)
    days = [(user.today() - datetime.timedelta(days=n)).strftime("%a %-d %b") for n in (1, 2)]
    assert suggestion.evidence == (
        f"{days[0]}: pain during 2/10, pain 3 → 2, felt about right, the morning after: better",
        f"{days[1]}: pain during 1/10, pain 4 → 3, felt easy, the morning after: not recorded",
    )


@pytest.mark.parametrize(
    ("hold", "repetitions", "expected"),
    [(28, 3, ("increase", 30, 3)), (30, 3, ("increase", 30, 5)), (30, 4, ("increase", 30, 5))],
)
def test_increases_stay_within_the_exercises_suggested_range(user, hold, repetitions, expected):
    item = _item(hold_seconds=hold, repetitions=repetitions)
    suggestion = suggest(item, _attempts(user, item, (1, SETTLED), (1, {}), (1, {})))
    assert _dose(suggestion) == expected


def test_at_the_top_of_the_range_it_says_so(user):
    item = _item(hold_seconds=30, repetitions=5)
    suggestion = suggest(item, _attempts(user, item, (1, SETTLED), (1, {}), (1, {})))
    assert suggestion.kind == "keep"
    assert suggestion.reason == "You are at the top of the suggested dose: keep it up."


def test_a_short_hold_grows_by_a_step_that_fits_its_range(user):
    pelvic_tilt = ExerciseFactory(
        hold_seconds_min=3, hold_seconds_max=5, repetitions_min=5, repetitions_max=10
    )
    item = _item(exercise=pelvic_tilt, hold_seconds=3, repetitions=5)
    suggestion = suggest(item, _attempts(user, item, (0, SETTLED), (0, {}), (0, {})))
    assert _dose(suggestion) == ("increase", 5, 5)


def test_at_the_top_of_the_range_it_points_to_the_harder_variation(user):
    item = _item(hold_seconds=30, repetitions=5)
    ExerciseFactory(name="Double knee hug", easier_variation=item.exercise)
    suggestion = suggest(item, _attempts(user, item, (0, SETTLED), (0, {}), (0, {})))
    assert suggestion.kind == "keep"
    assert "the harder variation, Double knee hug, is the next step" in suggestion.reason


def test_a_harder_variation_with_a_caution_is_never_the_next_step(user):
    bird_dog = ExerciseFactory(name="Bird-dog", hold_seconds_min=5, hold_seconds_max=10)
    ExerciseFactory(name="Superman", easier_variation=bird_dog, caution="Not during a flare.")
    item = _item(exercise=bird_dog, hold_seconds=10, repetitions=5)
    suggestion = suggest(item, _attempts(user, item, (0, SETTLED), (0, {}), (0, {})))
    assert suggestion.reason == "You are at the top of the suggested dose: keep it up."


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


def test_a_session_that_skipped_the_exercise_is_not_an_attempt_at_it(user):
    item = _item()
    _attempts(user, item, (1, SETTLED), (1, {}))
    skipped = SessionFactory(user=user, date=user.today())
    ExerciseEntryFactory(
        session=skipped, exercise=item.exercise, status="skipped", pain_during=None
    )
    attempts = recent_attempts(user, [item.exercise_id])[item.exercise_id]
    assert skipped not in [attempt.session for attempt in attempts]
    assert suggest(item, attempts).reason == (
        "2 of 3 comfortable sessions so far: keep this dose for now."
    )


def test_fewer_than_three_sessions_keep_the_dose(user):
    item = _item()
    suggestion = suggest(item, _attempts(user, item, (1, SETTLED), (1, {})))
    assert suggestion.kind == "keep"
    assert suggestion.reason == "2 of 3 comfortable sessions so far: keep this dose for now."


def test_sessions_at_a_lower_dose_do_not_earn_another_step(user):
    item = _item(hold_seconds=25)  # just raised from 20
    specs = [(1, {"hold_seconds": 20, **SETTLED})] * 3
    suggestion = suggest(item, _attempts(user, item, *specs))
    assert suggestion.kind == "keep"
    assert suggestion.reason == "Try this dose for 3 sessions before adding more."


def test_a_flagged_latest_session_suggests_the_easier_variation_with_its_dose(user):
    easier = ExerciseFactory(
        name="Pelvic tilt", repetitions_min=5, hold_seconds_min=3, sets=1, per_side=False
    )
    item = _item(exercise=ExerciseFactory(easier_variation=easier))
    suggestion = suggest(item, _attempts(user, item, (7, {}), (1, {}), (1, {})))
    assert (suggestion.kind, suggestion.exercise) == ("easier", easier)
    assert suggestion.dose.fields == {
        "sets": 1,
        "repetitions": 5,
        "hold_seconds": 3,
        "per_side": False,
    }
    assert suggestion.what == "Try the easier variation, Pelvic tilt, for now."
    assert "pain during it was 7 out of 10" in suggestion.why


def test_an_easier_variation_that_hurt_in_the_same_session_is_not_suggested(user):
    bird_dog = ExerciseFactory(name="Bird-dog")
    item = _item(exercise=ExerciseFactory(name="Superman", easier_variation=bird_dog))
    session = SessionFactory(user=user, date=user.today() - datetime.timedelta(days=1))
    ExerciseEntryFactory(session=session, exercise=bird_dog, position=1, pain_during=7)
    ExerciseEntryFactory(
        session=session,
        exercise=item.exercise,
        position=2,
        pain_during=7,
        hold_seconds=20,
        repetitions=3,
    )
    suggestion = suggest(item, recent_attempts(user, [item.exercise_id])[item.exercise_id])
    assert (suggestion.kind, suggestion.exercise, suggestion.changes_anything) == (
        "rest",
        item.exercise,
        False,
    )
    assert "Bird-dog, hurt too: rest this movement for now" in suggestion.what
    assert "ask a physiotherapist or GP" in suggestion.what


def test_hurting_in_two_of_the_last_three_sessions_asks_for_a_professional(user):
    item = _item()
    suggestion = suggest(item, _attempts(user, item, (7, {}), (2, {}), (6, {})))
    assert suggestion.kind == "decrease"
    assert suggestion.what == (
        "Hold for 15 seconds instead. It has hurt in 2 of your last 3 sessions: ask a "
        "physiotherapist or GP about it."
    )


def test_a_sharp_pain_without_a_hold_lowers_the_repetitions(user):
    item = _item(hold_seconds=None, repetitions=6)
    suggestion = suggest(item, _attempts(user, item, (1, {"sharp_pain": True})))
    assert _dose(suggestion) == ("decrease", None, 4)
    assert "you felt a sharp pain during it" in suggestion.why


def test_a_dose_already_eased_since_the_painful_session_is_kept_gently(user):
    item = _item(hold_seconds=15)
    suggestion = suggest(item, _attempts(user, item, (8, {"hold_seconds": 20})))
    assert suggestion.kind == "gently"
    assert suggestion.title == "Go gently"
    assert suggestion.dose == item.dose
    assert "already lower than then" in suggestion.reason


def test_at_the_lowest_dose_it_says_so(user):
    item = _item(hold_seconds=None, repetitions=2)
    suggestion = suggest(item, _attempts(user, item, (8, {})))
    assert suggestion.kind == "gently"
    assert suggestion.title == "Go gently"
    assert "already the lowest dose" in suggestion.reason


def test_every_kind_has_a_title():
    assert [Suggestion.Kind(kind).label for kind in Suggestion.Kind.values] == [
        "Ready for a little more",
        "Keep going",
        "Ease off",
        "Ease off",
        "Go gently",
        "Rest it",
    ]


def test_recent_attempts_takes_the_last_three_sessions_per_exercise_in_two_queries(
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
    # The ranked entries of the three exercises, then which exercises hurt in those sessions.
    with django_assert_num_queries(2):
        recent = recent_attempts(user, [first.pk, second.pk, third.pk])
    assert [(user.today() - a.session.date).days for a in recent[first.pk]] == [1, 2, 3]
    assert [a.entries[0].pain_during for a in recent[first.pk]] == [9, 8, 7]
    assert [a.flagged_in_session for a in recent[second.pk]] == [
        frozenset({first.pk}),
        frozenset({first.pk}),
        frozenset({first.pk}),
    ]
    assert len(recent[second.pk]) == 3
    assert third.pk not in recent
