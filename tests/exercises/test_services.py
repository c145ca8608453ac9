from pathlib import Path

import pytest
import yaml
from django.core.management import call_command

from exercises.models import Exercise, ExerciseStep
from exercises.services import CONTENT_PATH, ContentError, exercise_library_load, parse_content

pytestmark = pytest.mark.django_db


DOSAGE = {
    "hold_seconds": [20, 30],
    "repetitions": [3, 5],
    "per_side": True,
    "sets": 1,
    "frequency": "daily",
}
BENT_LEG = {"hip": 43, "knee": 98, "ankle": -35}
LYING = {
    "description": "Lying on your back, knees bent.",
    "surface": "mat",
    "body": {"trunk": 180, "lower_back": 0, "neck": 0},
    "near_arm": {"shoulder": -6, "elbow": 0},
    "far_arm": {"shoulder": -6, "elbow": 0},
    "near_leg": BENT_LEG,
    "far_leg": BENT_LEG,
}
HUGGING = {
    **LYING,
    "description": "One knee drawn in to the chest.",
    "near_leg": {"hip": 122, "knee": 150, "ankle": -40},
}


def _entry(slug, **overrides):
    entry = {
        "slug": slug,
        "name": slug.replace("-", " ").capitalize(),
        "category": "stretch",
        "summary": "A test stretch.",
        "position": "lying_on_back",
        "difficulty": "gentle",
        "target_areas": ["lower back"],
        "equipment": "",
        "dosage": DOSAGE,
        "steps": ["Lie down.", "Pull gently.", "Let go."],
        "benefits": ["Eases tension."],
        "safety_notes": ["Stop on sharp pain."],
        "common_mistakes": ["Bouncing."],
        "easier": None,
        "harder": None,
        "sources": ["Test source"],
        "poses": [LYING, HUGGING],
        "caution": None,
        "precautions": [],
    }
    return {**entry, **overrides}


@pytest.fixture
def write_content(tmp_path):
    def write(*entries) -> Path:
        path = tmp_path / "exercises.yaml"
        path.write_text(yaml.safe_dump({"exercises": list(entries)}), encoding="utf-8")
        return path

    return write


def test_loading_twice_changes_nothing_and_duplicates_nothing():
    first = exercise_library_load()
    snapshot = list(
        Exercise.objects.order_by("slug").values_list(
            "slug", "updated_at", "easier_variation__slug"
        )
    )
    step_ids = set(ExerciseStep.objects.values_list("pk", flat=True))

    second = exercise_library_load()

    assert len(first.created) == len(snapshot) > 0
    assert second.created == second.updated == []
    assert len(second.unchanged) == len(snapshot)
    assert (
        list(
            Exercise.objects.order_by("slug").values_list(
                "slug", "updated_at", "easier_variation__slug"
            )
        )
        == snapshot
    )
    assert set(ExerciseStep.objects.values_list("pk", flat=True)) == step_ids


def test_a_changed_entry_updates_its_exercise_and_replaces_its_steps(write_content):
    exercise_library_load(path=write_content(_entry("reach")))
    report = exercise_library_load(
        path=write_content(
            _entry("reach", summary="Changed.", steps=["One.", "Two.", "Three.", "Four."])
        )
    )
    exercise = Exercise.objects.get(slug="reach")
    assert report.updated == ["reach"]
    assert exercise.summary == "Changed."
    assert list(exercise.steps.values_list("number", "text")) == [
        (1, "One."),
        (2, "Two."),
        (3, "Three."),
        (4, "Four."),
    ]


def test_changed_poses_are_picked_up_on_reload(write_content):
    exercise_library_load(path=write_content(_entry("reach")))
    bent_further = {**HUGGING, "near_leg": {"hip": 130, "knee": 150, "ankle": -40}}
    report = exercise_library_load(path=write_content(_entry("reach", poses=[LYING, bent_further])))
    assert report.updated == ["reach"]
    assert Exercise.objects.get(slug="reach").poses[1]["near_leg"]["hip"] == 130


def test_variation_links_are_stored_from_the_file(write_content):
    exercise_library_load(
        path=write_content(
            _entry("hard", easier="soft"),
            _entry("soft", harder="hard"),
        )
    )
    hard = Exercise.objects.get(slug="hard")
    assert hard.easier_variation.slug == "soft"
    assert list(
        Exercise.objects.get(slug="soft").harder_variations.values_list("slug", flat=True)
    ) == ["hard"]


def test_an_admin_edit_survives_a_reload_unless_forced(write_content):
    path = write_content(_entry("reach"))
    exercise_library_load(path=path)
    Exercise.objects.filter(slug="reach").update(
        summary="My clinic's wording.", locally_edited=True
    )
    path = write_content(_entry("reach", summary="New file wording."))

    report = exercise_library_load(path=path)
    assert report.kept_local_edits == ["reach"]
    assert Exercise.objects.get(slug="reach").summary == "My clinic's wording."

    exercise_library_load(path=path, force=True)
    exercise = Exercise.objects.get(slug="reach")
    assert (exercise.summary, exercise.locally_edited) == ("New file wording.", False)


def test_exercises_that_exist_only_in_the_database_are_left_alone(write_content):
    exercise_library_load(path=write_content(_entry("reach")))
    Exercise.objects.create(
        name="Clinic special",
        slug="clinic-special",
        category="stretch",
        summary="s",
        position="standing",
        difficulty="gentle",
        target_areas="hips",
        repetitions_min=1,
        repetitions_max=2,
        benefits="b",
        safety_notes="s",
        sources="clinic",
    )
    exercise_library_load(path=write_content(_entry("reach")))
    assert Exercise.objects.filter(slug="clinic-special").exists()


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ([_entry("a"), _entry("a")], "slug appears twice"),
        ([_entry("a", colour="red")], "unknown keys ['colour']"),
        ([_entry("a", easier="missing")], "easier 'missing' is not in the file"),
        ([_entry("a", harder="b"), _entry("b")], "harder is b, but b's easier is not it"),
        ([_entry("a", easier="a")], "cannot be its own easier"),
        ([_entry("a", steps=["Only.", "Two."])], "steps needs at least 3"),
        ([_entry("a", safety_notes=[])], "safety_notes needs at least 1"),
        ([_entry("a", dosage={**DOSAGE, "hold_seconds": [30, 20]})], "hold"),
        (
            [_entry("a", dosage={**DOSAGE, "hold_seconds": "long"})],
            "dosage.hold_seconds must be [min, max] integers",
        ),
        ([_entry("a", category="yoga")], "category"),
        ([_entry("a", precautions=["knees"])], "Choose from: pregnancy, osteoporosis"),
        ([_entry("a", poses=[LYING])], "a: poses must be a list of 2 to 4 positions"),
        (
            [_entry("a", poses=[LYING, {**HUGGING, "near_leg": {"hip": 90, "knee": 90}}])],
            "a: poses[1].near_leg must have exactly ['ankle', 'hip', 'knee']",
        ),
        (
            [_entry("a", poses=[LYING, {**HUGGING, "body": {**LYING["body"], "neck": "up"}}])],
            "a: poses[1].body.neck must be a number of degrees, not 'up'",
        ),
        (
            [_entry("a", poses=[{**LYING, "near_leg": {**BENT_LEG, "knee": 980}}, HUGGING])],
            "a: poses[0].near_leg.knee is 980, outside 0 to 165 degrees",
        ),
        (
            [_entry("a", poses=[{**LYING, "description": " "}, HUGGING])],
            "a: poses[0].description must say in words what the position is",
        ),
        (
            [_entry("a", poses=[LYING, {**HUGGING, "surface": "floor"}])],
            "a: every pose of an exercise must rest on the same surface",
        ),
    ],
)
def test_a_malformed_file_is_refused_with_a_clear_message_and_nothing_saved(
    write_content, entries, message
):
    with pytest.raises(ContentError) as error:
        exercise_library_load(path=write_content(*entries))
    assert message in str(error.value)
    assert not Exercise.objects.exists()


def test_the_shipped_file_parses():
    assert len(parse_content(CONTENT_PATH.read_text(encoding="utf-8"))) >= 16


def test_command_reports_what_it_did(capsys):
    call_command("load_exercises")
    call_command("load_exercises")
    count = Exercise.objects.count()
    assert capsys.readouterr().out.splitlines() == [
        f"Exercises: {count} created, 0 updated, 0 unchanged.",
        f"Exercises: 0 created, 0 updated, {count} unchanged.",
    ]
