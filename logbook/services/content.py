"""The curated routines (and the lessons) from their content files."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from exercises.contentfile import (
    ContentError,
    LoadReport,
    parse_entries,
    parse_translations,
    read_text,
    translated_hash,
)
from exercises.models import Exercise
from logbook.models import Lesson, Routine, RoutineItem

CONTENT_PATH = settings.BASE_DIR / "logbook" / "content" / "routines.yaml"
ROUTINE_KEYS = {"key", "name", "description", "sources", "items"}
# What routines.de.yaml and lessons.de.yaml hold for each entry (contentfile.parse_translations).
ROUTINE_TRANSLATED_FIELDS = {"name": "text", "description": "text", "sources": "sources"}
LESSON_TRANSLATED_FIELDS = {
    "title": "text",
    "summary": "text",
    "body": "list",
    "takeaways": "list",
    "sources": "sources",
}
ITEM_KEYS = {"exercise", "sets", "repetitions", "hold_seconds", "per_side"}


def parse_routines(text: str) -> list[dict[str, Any]]:
    entries = parse_entries(text, "routines")
    for entry in entries:
        if not isinstance(entry, dict) or entry.keys() != ROUTINE_KEYS:
            raise ContentError(
                f"each routine needs exactly the keys {sorted(ROUTINE_KEYS)}: {entry!r}"
            )
        if not entry["items"]:
            raise ContentError(f"{entry['key']}: a routine needs at least one item")
        for item in entry["items"]:
            unknown = set(item) - ITEM_KEYS
            if unknown or "exercise" not in item or "repetitions" not in item:
                raise ContentError(f"{entry['key']}: bad item {item!r}")
    return entries


def _build_item(
    routine: Routine, position: int, values: dict[str, Any], exercise: Exercise
) -> RoutineItem:
    item = RoutineItem(
        routine=routine,
        exercise=exercise,
        position=position,
        sets=values.get("sets", 1),
        repetitions=values["repetitions"],
        hold_seconds=values.get("hold_seconds"),
        per_side=bool(values.get("per_side", False)),
    )
    item.full_clean(exclude=["routine"], validate_unique=False)
    return item


@transaction.atomic
def curated_routines_load(*, path: Path = CONTENT_PATH) -> LoadReport:
    """Create or update the curated routines from the content file and its German sibling,
    skipping unchanged ones."""
    entries = parse_routines(read_text(path))
    exercises = Exercise.objects.in_bulk(field_name="slug")
    existing = Routine.objects.filter(owner__isnull=True).in_bulk(field_name="key")
    report = LoadReport()
    german = parse_translations(
        path,
        key="routines",
        id_key="key",
        fields=ROUTINE_TRANSLATED_FIELDS,
        english=entries,
        report=report,
    )
    for entry in entries:
        translation = german.get(entry["key"]) if german is not None else None
        digest = translated_hash(entry, translation)
        routine = existing.get(entry["key"])
        if routine is not None and routine.content_hash == digest:
            report.unchanged.append(entry["key"])
            continue
        if routine is None:
            routine = Routine(key=entry["key"])
            report.created.append(entry["key"])
        else:
            report.updated.append(entry["key"])
        routine.name = entry["name"]
        routine.description = entry["description"]
        routine.name_de = translation["name"].strip() if translation else ""
        routine.description_de = translation["description"].strip() if translation else ""
        routine.sources_de = "\n".join(translation["sources"]) if translation else ""
        routine.sources = "\n".join(entry["sources"])
        routine.content_hash = digest
        try:
            routine.full_clean(exclude=["owner", "copied_from"])
            routine.save()
            routine.items.all().delete()
            items = []
            for position, values in enumerate(entry["items"], start=1):
                exercise = exercises.get(values["exercise"])
                if exercise is None:
                    raise ContentError(
                        f"{entry['key']}: exercise '{values['exercise']}' is not in the library "
                        "(run load_exercises first)"
                    )
                items.append(_build_item(routine, position, values, exercise))
        except ValidationError as error:
            raise ContentError(f"{entry['key']}: {error.messages}") from error
        RoutineItem.objects.bulk_create(items)
    return report


LESSONS_PATH = settings.BASE_DIR / "logbook" / "content" / "lessons.yaml"
LESSON_KEYS = ["slug", "topic", "title", "minutes", "summary", "body", "takeaways", "sources"]


def parse_lessons(text: str) -> list[dict[str, Any]]:
    entries = parse_entries(text, "lessons")
    for entry in entries:
        if not isinstance(entry, dict) or list(entry) != LESSON_KEYS:
            raise ContentError(f"each lesson needs exactly the keys {LESSON_KEYS}, in order")
        for key in ("body", "takeaways", "sources"):
            values = entry[key]
            if not isinstance(values, list) or not values:
                raise ContentError(f"{entry['slug']}: {key} must be a non-empty list")
            if not all(isinstance(v, str) and v.strip() for v in values):
                raise ContentError(f"{entry['slug']}: {key} must hold non-empty strings")
    return entries


@transaction.atomic
def lessons_load(*, path: Path = LESSONS_PATH) -> LoadReport:
    """Create or update the lessons from their content file and its German sibling, skipping
    unchanged ones."""
    entries = parse_lessons(read_text(path))
    existing = Lesson.objects.in_bulk(field_name="slug")
    report = LoadReport()
    german = parse_translations(
        path,
        key="lessons",
        id_key="slug",
        fields=LESSON_TRANSLATED_FIELDS,
        english=entries,
        report=report,
    )
    for position, entry in enumerate(entries, start=1):
        translation = german.get(entry["slug"]) if german is not None else None
        digest = translated_hash({**entry, "position": position}, translation)
        lesson = existing.get(entry["slug"])
        if lesson is not None and lesson.content_hash == digest:
            report.unchanged.append(entry["slug"])
            continue
        (report.created if lesson is None else report.updated).append(entry["slug"])
        lesson = lesson or Lesson(slug=entry["slug"])
        for key in LESSON_KEYS[1:]:
            setattr(lesson, key, entry[key])
        for key in LESSON_TRANSLATED_FIELDS:
            empty = [] if key in ("body", "takeaways", "sources") else ""
            setattr(lesson, f"{key}_de", translation[key] if translation else empty)
        lesson.position, lesson.content_hash = position, digest
        try:
            lesson.full_clean()
        except ValidationError as error:
            raise ContentError(f"{entry['slug']}: {error.messages}") from error
        lesson.save()
    return report
