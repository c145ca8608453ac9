import pytest
from django.db import IntegrityError, transaction

from exercises.models import Exercise
from tests.factories import ExerciseFactory, ExerciseStepFactory

pytestmark = pytest.mark.django_db


def test_dosage_text_for_a_hold_on_each_side():
    exercise = ExerciseFactory.build(
        hold_seconds_min=20,
        hold_seconds_max=30,
        repetitions_min=3,
        repetitions_max=5,
        per_side=True,
    )
    assert exercise.dosage_text == "Hold 20\u201330 seconds, 3\u20135 times each side, every day"


def test_dosage_text_for_repetitions_without_hold_and_several_sets():
    exercise = ExerciseFactory.build(
        hold_seconds_min=None,
        hold_seconds_max=None,
        repetitions_min=8,
        repetitions_max=8,
        per_side=False,
        sets=2,
    )
    assert exercise.dosage_text == "8 repetitions, 2 sets, every day"


def test_dosage_text_for_a_single_hold_not_per_side():
    exercise = ExerciseFactory.build(
        hold_seconds_min=5,
        hold_seconds_max=10,
        repetitions_min=1,
        repetitions_max=1,
        per_side=False,
    )
    assert exercise.dosage_text == "Hold 5\u201310 seconds, 1 time, every day"


def test_text_lists_skip_blank_lines():
    exercise = ExerciseFactory.build(benefits="Eases tension.\n\n  \nHelps mobility.\n")
    assert exercise.benefit_list == ["Eases tension.", "Helps mobility."]


@pytest.mark.parametrize(
    "fields",
    [
        {"hold_seconds_min": 30, "hold_seconds_max": 20},
        {"hold_seconds_min": 0, "hold_seconds_max": 20},
        {"hold_seconds_min": 10, "hold_seconds_max": None},
        {"hold_seconds_min": None, "hold_seconds_max": 10},
        {"hold_seconds_min": 10, "hold_seconds_max": 601},
        {"repetitions_min": 6, "repetitions_max": 5},
        {"repetitions_min": 0, "repetitions_max": 5},
        {"repetitions_min": 1, "repetitions_max": 101},
        {"sets": 0},
        {"sets": 11},
    ],
    ids=lambda fields: ",".join(f"{k}={v}" for k, v in fields.items()),
)
def test_database_refuses_insane_dosage(fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        ExerciseFactory(**fields)


def test_database_refuses_an_exercise_that_is_its_own_easier_variation():
    exercise = ExerciseFactory()
    exercise.easier_variation = exercise
    with pytest.raises(IntegrityError), transaction.atomic():
        exercise.save()


def test_step_numbers_are_unique_within_an_exercise():
    step = ExerciseStepFactory(number=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        ExerciseStepFactory(exercise=step.exercise, number=1)


def test_display_order_puts_gentle_categories_first():
    for category in reversed(Exercise.Category.values):
        ExerciseFactory(category=category)
    categories = [exercise.category for exercise in Exercise.objects.in_display_order()]
    assert categories == ["stretch", "mobility", "stability", "strengthen"]
