"""The exercise library in German: loaded from exercises.de.yaml beside the English file, read in
the active language, searched and ordered in it, and stored in English whatever is active."""

import re
import shutil
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from exercises.contentfile import ContentError, translation_path
from exercises.library import library_context, library_version
from exercises.models import Exercise, ExerciseStep
from exercises.services import CONTENT_PATH, exercise_library_load
from tests.factories import ExerciseFactory

pytestmark = pytest.mark.django_db

GERMAN_PATH = translation_path(CONTENT_PATH)
GERMAN = {"accept-language": "de"}


def _german_entries() -> list[dict]:
    return yaml.safe_load(GERMAN_PATH.read_text(encoding="utf-8"))["exercises"]


def _copy_with_german(tmp_path: Path, german_entries: list[dict]) -> Path:
    """The shipped English file and a German file with these entries, side by side."""
    path = tmp_path / "exercises.yaml"
    shutil.copy(CONTENT_PATH, path)
    translation_path(path).write_text(
        yaml.safe_dump({"exercises": german_entries}, allow_unicode=True), encoding="utf-8"
    )
    return path


def test_every_exercise_and_step_has_its_german_text(library):
    for exercise in Exercise.objects.prefetch_related("steps"):
        assert exercise.name_de, exercise.slug
        assert exercise.summary_de != exercise.summary, exercise.slug
        assert len(exercise.pose_descriptions_de) == len(exercise.poses), exercise.slug
        assert len(exercise.sources_de.splitlines()) == len(exercise.source_list), exercise.slug
        assert all(step.text_de for step in exercise.steps.all()), exercise.slug
        # The same numbers: every safety line and the caution, one for one.
        assert len(exercise.safety_note_list) == len(exercise.safety_notes_de.splitlines())
        assert bool(exercise.caution) == bool(exercise.caution_de), exercise.slug


def _numbers(text: str) -> list[str]:
    return re.findall(r"[0-9]+", text)


def test_german_text_keeps_the_english_numbers(library):
    for exercise in Exercise.objects.prefetch_related("steps"):
        for step in exercise.steps.all():
            assert _numbers(step.text_de) == _numbers(step.text), (exercise.slug, step.number)
        fields = ("summary", "safety_notes", "benefits", "common_mistakes", "caution", "sources")
        for field in fields:
            english = _numbers(getattr(exercise, field))
            assert _numbers(getattr(exercise, f"{field}_de")) == english, (exercise.slug, field)


def test_loading_both_files_twice_reports_everything_unchanged(library, capsys):
    call_command("load_exercises")
    count = Exercise.objects.count()
    assert capsys.readouterr().out.splitlines() == [
        f"Exercises: 0 created, 0 updated, {count} unchanged."
    ]


def test_a_changed_german_entry_reloads_only_that_exercise_and_the_library_version(
    library, tmp_path
):
    before = library_version()
    entries = _german_entries()
    entries[0]["name"] = "Knie zur Brust"
    report = exercise_library_load(path=_copy_with_german(tmp_path, entries))
    assert (report.created, report.updated) == ([], [entries[0]["slug"]])
    assert Exercise.objects.get(slug=entries[0]["slug"]).name_de == "Knie zur Brust"
    assert library_version() != before


def test_without_a_german_file_the_english_loads_alone_with_a_warning(tmp_path, capsys):
    path = tmp_path / "exercises.yaml"
    shutil.copy(CONTENT_PATH, path)
    call_command("load_exercises", path=path)
    assert "no exercises.de.yaml: German readers see the English text" in capsys.readouterr().out
    bridge = Exercise.objects.get(slug="bridge")
    with translation.override("de"):
        assert bridge.name == "Bridge"


def _drop_key(entries, key):
    del entries[0][key]


def _drop_last_safety_note(entries):
    entries[0]["safety_notes"].pop()


def _drop_caution(entries):
    superman = next(entry for entry in entries if entry["slug"] == "superman")
    superman["caution"] = None


def _unknown_slug(entries):
    entries.append({**entries[0], "slug": "brueke"})


def _missing_entry(entries):
    entries.pop()


def _translated_attribution(entries):
    entries[0]["sources"][0] = "Mayo-Klinik, Rückenübungen: die Knie-zur-Brust-Dehnung"


def _long_pose_description(entries):
    entries[0]["poses"][0] = "x" * 201


@pytest.mark.parametrize(
    ("change", "error"),
    [
        (_unknown_slug, "brueke: there is no such slug in the English file"),
        (_missing_entry, "no German entry for wall-sit"),
        (lambda entries: _drop_key(entries, "summary"), "missing keys ['summary']"),
        (_drop_last_safety_note, "safety_notes has 2 item(s), the English has 3"),
        (_drop_caution, "superman: caution must be a non-empty string, as in the English"),
        (_long_pose_description, "knee-to-chest: German poses"),
        (_translated_attribution, "sources must keep the attribution 'Mayo Clinic, Back"),
    ],
)
def test_an_incomplete_german_file_is_refused_and_nothing_is_saved(tmp_path, change, error):
    entries = _german_entries()
    change(entries)
    with pytest.raises(ContentError, match=re.escape(error)):
        exercise_library_load(path=_copy_with_german(tmp_path, entries))
    assert not Exercise.objects.exists()


def test_the_library_reads_in_german_and_english(client, library):
    german = client.get(reverse("exercises:list"), headers=GERMAN).content.decode()
    english = client.get(reverse("exercises:list")).content.decode()
    assert "Brücke" in german
    assert "Knie-zur-Brust-Dehnung" in german
    assert "Bridge" not in german
    assert "Bridge" in english
    assert "Brücke" not in english


def test_search_finds_the_bridge_by_its_german_name(client, library):
    page = client.get(reverse("exercises:list"), {"q": "Brücke"}, headers=GERMAN).content.decode()
    with translation.override("de"):
        groups = library_context({"q": "Brücke"})["groups"]
    assert [e.name for group in groups for e in group["exercises"]] == [
        "Brücke",
        "Einbeinige Brücke",
    ]
    assert "Einbeinige Brücke" in page
    assert "Katze-Kuh" not in page


def test_the_library_is_ordered_by_the_german_names(library):
    with translation.override("de"):
        stretches = [
            exercise.name
            for exercise in Exercise.objects.in_display_order().filter(category="stretch")
        ]
    assert stretches == sorted(stretches)
    assert stretches[0] == "Beide Knie zur Brust"


def test_the_exercise_page_in_german_has_its_steps_safety_notes_and_caution(client, library):
    superman = Exercise.objects.get(slug="superman")
    page = client.get(superman.get_absolute_url(), headers=GERMAN).content.decode()
    assert "<h1" in page
    assert "Superman" in page
    assert "Leg dich auf einer Matte auf den Bauch" in page  # the first step
    assert "Heb nur ein kleines Stück." in page  # a safety note
    assert "Lass sie bei einem Schub weg" in page  # the caution
    assert "Bauchlage, Beine gestreckt, Arme neben dem Körper." in page  # the picture's words
    assert "Lie on your front" not in page
    # Its sources: who wrote what in their own words, what it is cited for in German.
    assert "Stuart McGill, Low Back Disorders: der volle Superman belastet" in page


def test_the_exercise_page_in_english_is_unchanged(client, library):
    page = client.get(Exercise.objects.get(slug="bridge").get_absolute_url()).content.decode()
    assert "Push through your heels" in page
    assert "Drück dich über die Fersen" not in page


def test_an_untranslated_exercise_reads_in_english_in_german():
    exercise = ExerciseFactory(name="Our clinic's stretch", summary="Our words.")
    with translation.override("de"):
        assert (exercise.name, exercise.summary) == ("Our clinic's stretch", "Our words.")
        assert exercise.shown_poses == exercise.poses


def test_saving_validating_and_reloading_in_german_keep_the_english_columns(library):
    bridge = Exercise.objects.get(slug="bridge")
    with translation.override("de"):
        assert bridge.name == "Brücke"
        bridge.full_clean()
        bridge.save()
        bridge.refresh_from_db()
        step = ExerciseStep.objects.filter(exercise=bridge).first()
        step.save()
    stored = Exercise.objects.values("name", "name_de").get(pk=bridge.pk)
    assert stored == {"name": "Bridge", "name_de": "Brücke"}
    assert ExerciseStep.objects.get(pk=step.pk).text.startswith("Lie on your back")


def test_the_admin_edits_both_languages_and_keeps_them_apart(admin_client, library):
    bridge = Exercise.objects.get(slug="bridge")
    url = reverse("admin:exercises_exercise_change", args=[bridge.pk])
    response = admin_client.get(url, headers=GERMAN)
    form = response.context["adminform"].form
    assert (form.initial["name"], form.initial["name_de"]) == ("Bridge", "Brücke")
    assert 'name="steps-0-text_de"' in response.content.decode()
