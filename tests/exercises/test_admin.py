import pytest
from django.urls import reverse

from exercises.models import Exercise
from tests.factories import ExerciseFactory

pytestmark = pytest.mark.django_db


def _change_form_data(exercise, **changes):
    data = {
        "name": exercise.name,
        "slug": exercise.slug,
        "summary": exercise.summary,
        "category": exercise.category,
        "difficulty": exercise.difficulty,
        "position": exercise.position,
        "hold_seconds_min": exercise.hold_seconds_min,
        "hold_seconds_max": exercise.hold_seconds_max,
        "repetitions_min": exercise.repetitions_min,
        "repetitions_max": exercise.repetitions_max,
        "per_side": "on",
        "sets": exercise.sets,
        "frequency": exercise.frequency,
        "target_areas": exercise.target_areas,
        "equipment": exercise.equipment,
        "benefits": exercise.benefits,
        "safety_notes": exercise.safety_notes,
        "common_mistakes": exercise.common_mistakes,
        "easier_variation": "",
        "sources": exercise.sources,
        "caution": "",
        "precautions": "[]",
        "steps-TOTAL_FORMS": "0",
        "steps-INITIAL_FORMS": "0",
        "steps-MIN_NUM_FORMS": "0",
        "steps-MAX_NUM_FORMS": "1000",
    }
    return {**data, **changes}


def test_an_admin_edit_marks_the_exercise_as_edited_locally(admin_client):
    exercise = ExerciseFactory(steps=[])
    url = reverse("admin:exercises_exercise_change", args=[exercise.pk])
    response = admin_client.post(url, _change_form_data(exercise, summary="Our clinic's wording."))
    assert response.status_code == 302
    exercise.refresh_from_db()
    assert (exercise.summary, exercise.locally_edited) == ("Our clinic's wording.", True)


def test_admin_shows_a_clear_error_for_an_inverted_hold_range(admin_client):
    exercise = ExerciseFactory(steps=[])
    url = reverse("admin:exercises_exercise_change", args=[exercise.pk])
    response = admin_client.post(
        url, _change_form_data(exercise, hold_seconds_min=40, hold_seconds_max=10)
    )
    assert response.status_code == 200
    assert "the shortest must be at least 1 second" in response.content.decode()
    assert Exercise.objects.get(pk=exercise.pk).hold_seconds_min == 20
