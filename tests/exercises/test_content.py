"""The shipped exercise library: complete, consistent and within the dosage guidance."""

import pytest

from exercises.models import Exercise

pytestmark = pytest.mark.django_db

SEED_SLUGS = ["knee-to-chest", "pelvic-tilt", "cat-cow", "bird-dog", "superman", "bridge"]


@pytest.fixture
def exercises(library):
    return list(Exercise.objects.prefetch_related("steps").select_related("easier_variation"))


def test_the_six_seed_exercises_are_present(library):
    assert set(SEED_SLUGS) <= set(Exercise.objects.values_list("slug", flat=True))


def test_at_least_ten_more_exercises_beyond_the_seed(exercises):
    assert len(exercises) >= len(SEED_SLUGS) + 10


def test_every_category_has_exercises(exercises):
    assert {exercise.category for exercise in exercises} == set(Exercise.Category.values)


def test_every_exercise_is_complete(exercises):
    for exercise in exercises:
        numbers = [step.number for step in exercise.steps.all()]
        assert numbers == list(range(1, len(numbers) + 1)), exercise.slug
        assert len(numbers) >= 3, exercise.slug
        assert exercise.repetitions_min >= 1, exercise.slug
        assert exercise.safety_note_list, exercise.slug
        assert exercise.benefit_list, exercise.slug
        assert exercise.source_list, exercise.slug
        assert exercise.target_area_list, exercise.slug


def test_every_exercise_says_to_stop_on_pain(exercises):
    for exercise in exercises:
        safety = " ".join(exercise.safety_note_list).lower()
        assert "stop" in safety, exercise.slug
        assert "pain" in safety, exercise.slug


def test_dosage_stays_within_domain_guidance(exercises):
    # ACSM 2021: stretches held 10-30 s. NHS inform: start near 5 repetitions, build slowly.
    for exercise in exercises:
        if exercise.category == Exercise.Category.STRETCH:
            assert exercise.has_hold, exercise.slug
            assert 10 <= exercise.hold_seconds_min <= exercise.hold_seconds_max <= 30, exercise.slug
        if exercise.has_hold:
            assert exercise.hold_seconds_max <= 30, exercise.slug
        assert exercise.repetitions_max <= 12, exercise.slug
        assert exercise.sets <= 3, exercise.slug


def test_knee_to_chest_follows_the_seed_article(library):
    exercise = Exercise.objects.get(slug="knee-to-chest")
    assert exercise.category == Exercise.Category.STRETCH
    assert exercise.dosage_text == "Hold 20\u201330 seconds, 3\u20135 times each side, every day"
    assert exercise.steps.count() >= 4
    assert "bounc" in exercise.safety_notes.lower()


def test_every_variation_link_resolves_to_a_page(client, exercises):
    linked = [exercise.easier_variation for exercise in exercises if exercise.easier_variation]
    assert linked, "the library should have at least one easier/harder chain"
    for exercise in linked:
        assert client.get(exercise.get_absolute_url()).status_code == 200


def test_chains_have_no_cycles(exercises):
    for exercise in exercises:
        seen = {exercise.pk}
        current = exercise.easier_variation
        while current is not None:
            assert current.pk not in seen, exercise.slug
            seen.add(current.pk)
            current = current.easier_variation
