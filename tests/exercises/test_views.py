import pytest
from django.urls import reverse

from exercises.models import Exercise
from tests.factories import ExerciseFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("exercises:list")


def _names(response):
    return [
        exercise.name for group in response.context["groups"] for exercise in group["exercises"]
    ]


def test_home_explains_backcare_and_links_to_warning_signs(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert (
        b"Stop on a sharp pain, or pain that keeps climbing past 5 out of 10." in response.content
    )
    assert reverse("red_flags").encode() in response.content
    assert LIST_URL.encode() in response.content


def test_list_groups_exercises_by_category_in_display_order(client):
    ExerciseFactory(name="Bridge", category=Exercise.Category.STRENGTHEN)
    ExerciseFactory(name="Knee hug", category=Exercise.Category.STRETCH)
    ExerciseFactory(name="Bird-dog", category=Exercise.Category.STABILITY)
    response = client.get(LIST_URL)
    assert [group["category"] for group in response.context["groups"]] == [
        "stretch",
        "stability",
        "strengthen",
    ]
    assert _names(response) == ["Knee hug", "Bird-dog", "Bridge"]
    assert b"3 exercises shown." in response.content


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"category": "stretch"}, ["Knee hug"]),
        ({"difficulty": "harder"}, ["Superman"]),
        ({"position": "lying_on_front"}, ["Superman"]),
        ({"q": "GLUTES"}, ["Bridge", "Superman"]),
        ({"q": "hug"}, ["Knee hug"]),
        ({"category": "strengthen", "difficulty": "moderate"}, ["Bridge"]),
    ],
)
def test_filters_and_search_narrow_the_list(client, query, expected):
    ExerciseFactory(name="Knee hug", category="stretch", target_areas="lower back")
    ExerciseFactory(
        name="Bridge", category="strengthen", difficulty="moderate", target_areas="glutes"
    )
    ExerciseFactory(
        name="Superman",
        category="strengthen",
        difficulty="harder",
        position="lying_on_front",
        target_areas="glutes",
    )
    response = client.get(LIST_URL, query)
    assert _names(response) == expected


def test_filter_state_is_kept_in_the_form(client):
    ExerciseFactory(category="stretch")
    response = client.get(LIST_URL, {"category": "stretch", "q": "exercise"})
    content = response.content.decode()
    assert '<option value="stretch" selected>' in content
    assert 'value="exercise"' in content
    assert "Clear" in content


@pytest.mark.parametrize(
    "query",
    [
        {"category": "yoga"},
        {"difficulty": "<script>"},
        {"position": "upside_down"},
        {"q": "x" * 500},
        {"category": ["stretch", "nonsense"]},
    ],
)
def test_unknown_filter_values_are_ignored_not_errors(client, query):
    ExerciseFactory(name="Knee hug", category="stretch")
    ExerciseFactory(name="Bridge", category="strengthen")
    response = client.get(LIST_URL, query)
    assert response.status_code == 200
    assert _names(response) == ["Knee hug", "Bridge"]
    assert b"<script>" not in response.content


def test_search_with_no_match_says_so_and_offers_to_clear(client):
    ExerciseFactory(name="Knee hug")
    response = client.get(LIST_URL, {"q": "handstand", "category": "stretch"})
    content = response.content.decode()
    assert response.context["groups"] == []
    assert "No exercise matches \u201chandstand\u201d with these filters." in content
    assert f'href="{LIST_URL}"' in content


@pytest.mark.parametrize("count", [3, 30])
def test_list_query_count_does_not_grow_with_the_library(client, django_assert_num_queries, count):
    ExerciseFactory.create_batch(count, category="stretch", steps=[])
    # 1 query: the filtered exercises. Anonymous visitors touch no session or user table.
    with django_assert_num_queries(1):
        response = client.get(LIST_URL, {"category": "stretch", "q": "exercise"})
    assert len(_names(response)) == count


def test_detail_shows_steps_dosage_safety_and_variations(client):
    easier = ExerciseFactory(name="Knee hug")
    exercise = ExerciseFactory(
        name="Double knee hug",
        easier_variation=easier,
        steps=["Lie on your back.", "Hug both knees.", "Breathe out slowly."],
        safety_notes="Stop if pain spreads down a leg.\nDo not bounce.",
    )
    harder = ExerciseFactory(name="Rocking knee hug", easier_variation=exercise)
    response = client.get(exercise.get_absolute_url())
    content = response.content.decode()
    assert response.status_code == 200
    assert (
        content.index("Lie on your back.")
        < content.index("Hug both knees.")
        < content.index("Breathe out")
    )
    assert "<ol" in content
    assert "Hold 20\u201330 seconds, 3\u20135 times each side" in content
    assert "Stop if pain spreads down a leg." in content
    assert easier.get_absolute_url() in content
    assert harder.get_absolute_url() in content


@pytest.mark.parametrize("harder_count", [1, 10])
def test_detail_query_count_is_fixed(client, django_assert_num_queries, harder_count):
    exercise = ExerciseFactory(easier_variation=ExerciseFactory())
    ExerciseFactory.create_batch(harder_count, easier_variation=exercise)
    # 3 queries: the exercise with its easier variation, its steps, its harder variations.
    with django_assert_num_queries(3):
        response = client.get(exercise.get_absolute_url())
    assert response.status_code == 200


def test_unknown_exercise_is_a_friendly_404(client):
    response = client.get(reverse("exercises:detail", kwargs={"slug": "no-such-exercise"}))
    assert response.status_code == 404
    assert b"We could not find that page" in response.content
    assert LIST_URL.encode() in response.content
