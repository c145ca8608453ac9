"""One dose, said one way, with one set of limits, wherever it is stored."""

import pytest
from django.db import IntegrityError, transaction

from exercises.dosage import MAX_HOLD_SECONDS, MAX_REPETITIONS, MAX_SETS, Dose, Frequency, Side
from tests.factories import ExerciseEntryFactory, ExerciseFactory, RoutineItemFactory


@pytest.mark.parametrize(
    ("dose", "text"),
    [
        (
            Dose.single(sets=1, repetitions=1, hold_seconds=1, per_side=False),
            "Hold 1 second, 1 time",
        ),
        (
            Dose.single(sets=1, repetitions=4, hold_seconds=25, per_side=True),
            "Hold 25 seconds, 4 times each side",
        ),
        (
            Dose.single(sets=3, repetitions=8, hold_seconds=None, per_side=False),
            "8 repetitions, 3 sets",
        ),
        (Dose(sets=1, repetitions=(5, 5), side=Side.LEFT), "5 repetitions, left side only"),
        (Dose(sets=1, repetitions=(2, 2), side=Side.RIGHT), "2 repetitions, right side only"),
        (
            Dose(sets=1, repetitions=(5, 8), frequency=Frequency.TWO_TO_THREE_DAYS),
            "5\u20138 repetitions, 2\u20133 days a week",
        ),
    ],
)
def test_a_dose_in_plain_words(dose, text):
    assert dose.text == text


def test_a_range_starts_at_its_gentle_end():
    exercise = ExerciseFactory.build(
        hold_seconds_min=20, hold_seconds_max=30, repetitions_min=3, repetitions_max=5, sets=2
    )
    assert exercise.starting_dose.fields == {
        "sets": 2,
        "repetitions": 3,
        "hold_seconds": 20,
        "per_side": True,
    }
    assert (
        exercise.dose.text == "Hold 20\u201330 seconds, 3\u20135 times each side, 2 sets, every day"
    )


def test_routine_items_and_entries_say_their_dose_the_same_way(db):
    item = RoutineItemFactory(repetitions=4, hold_seconds=25, per_side=True)
    entry = ExerciseEntryFactory(repetitions=4, hold_seconds=25, side=Side.BOTH)
    assert item.dosage_text == entry.dosage_text == "Hold 25 seconds, 4 times each side"


@pytest.mark.django_db
@pytest.mark.parametrize("factory", [RoutineItemFactory, ExerciseEntryFactory])
@pytest.mark.parametrize(
    "fields",
    [
        {"sets": 0},
        {"sets": MAX_SETS + 1},
        {"repetitions": MAX_REPETITIONS + 1},
        {"hold_seconds": 0},
        {"hold_seconds": MAX_HOLD_SECONDS + 1},
    ],
    ids=lambda fields: ",".join(f"{k}={v}" for k, v in fields.items()),
)
def test_the_database_holds_every_stored_dose_to_the_same_limits(factory, fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        factory(**fields)


@pytest.mark.django_db
def test_a_routine_asks_for_a_repetition_but_a_stopped_entry_may_record_none():
    ExerciseEntryFactory(repetitions=0, status="stopped")
    with pytest.raises(IntegrityError), transaction.atomic():
        RoutineItemFactory(repetitions=0)
