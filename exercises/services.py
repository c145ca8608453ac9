"""Loading the versioned exercise content file into the database."""

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
from exercises.figures import PoseError, parse_poses
from exercises.models import Exercise, ExerciseStep

CONTENT_PATH = settings.BASE_DIR / "exercises" / "content" / "exercises.yaml"

REQUIRED_KEYS = {
    "slug",
    "name",
    "category",
    "summary",
    "position",
    "difficulty",
    "target_areas",
    "equipment",
    "dosage",
    "steps",
    "benefits",
    "safety_notes",
    "common_mistakes",
    "easier",
    "harder",
    "sources",
    "poses",
    "caution",
    "precautions",
}
# What exercises.de.yaml holds for each exercise (contentfile.parse_translations).
TRANSLATED_FIELDS = {
    "name": "text",
    "summary": "text",
    "target_areas": "list",
    "equipment": "optional",
    "steps": "list",
    "benefits": "list",
    "safety_notes": "list",
    "common_mistakes": "list",
    "caution": "optional",
    "poses": "list",
    "sources": "sources",
}
DOSAGE_KEYS = {"hold_seconds", "repetitions", "per_side", "sets", "frequency"}
MIN_STEPS = 3


def _range(entry: dict[str, Any], key: str, *, optional: bool) -> tuple[int | None, int | None]:
    value = entry["dosage"][key]
    if value is None and optional:
        return None, None
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(n, int) and not isinstance(n, bool) for n in value)
    ):
        raise ContentError(f"{entry['slug']}: dosage.{key} must be [min, max] integers")
    return value[0], value[1]


def _text_list(entry: dict[str, Any], key: str, *, minimum: int) -> list[str]:
    items = entry[key]
    if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
        raise ContentError(f"{entry['slug']}: {key} must be a list of non-empty strings")
    if len(items) < minimum:
        raise ContentError(f"{entry['slug']}: {key} needs at least {minimum} item(s)")
    return [i.strip() for i in items]


def parse_content(text: str) -> list[dict[str, Any]]:
    """Validate the YAML text and return one dict per exercise, in the file's order."""
    entries = parse_entries(text, "exercises")
    slugs: set[str] = set()
    for position, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("slug"), str):
            raise ContentError(f"exercise #{position} has no slug")
        slug = entry["slug"]
        if slug in slugs:
            raise ContentError(f"{slug}: slug appears twice")
        slugs.add(slug)
        missing, unknown = REQUIRED_KEYS - entry.keys(), entry.keys() - REQUIRED_KEYS
        if missing or unknown:
            raise ContentError(
                f"{slug}: missing keys {sorted(missing)}, unknown keys {sorted(unknown)}"
            )
        if not isinstance(entry["dosage"], dict) or entry["dosage"].keys() != DOSAGE_KEYS:
            raise ContentError(f"{slug}: dosage must have exactly {sorted(DOSAGE_KEYS)}")
        try:
            parse_poses(entry["poses"])
        except PoseError as error:
            raise ContentError(f"{slug}: {error}") from error

    by_slug = {entry["slug"]: entry for entry in entries}
    for entry in entries:
        for key in ("easier", "harder"):
            target = entry[key]
            if target is not None and target not in by_slug:
                raise ContentError(f"{entry['slug']}: {key} '{target}' is not in the file")
            if target == entry["slug"]:
                raise ContentError(f"{entry['slug']}: cannot be its own {key} variation")
        # The database stores one direction (easier_variation); the file states both so a
        # reader sees the chain from either end, and they must agree.
        harder = entry["harder"]
        if harder is not None and by_slug[harder]["easier"] != entry["slug"]:
            raise ContentError(
                f"{entry['slug']}: harder is {harder}, but {harder}'s easier is not it"
            )
        easier = entry["easier"]
        if easier is not None and by_slug[easier]["harder"] != entry["slug"]:
            raise ContentError(
                f"{entry['slug']}: easier is {easier}, but {easier}'s harder is not it"
            )
    return entries


def _fields_from_entry(entry: dict[str, Any]) -> dict[str, Any]:
    hold_min, hold_max = _range(entry, "hold_seconds", optional=True)
    reps_min, reps_max = _range(entry, "repetitions", optional=False)
    areas = entry["target_areas"]
    if not isinstance(areas, list) or not areas:
        raise ContentError(f"{entry['slug']}: target_areas must be a non-empty list")
    return {
        "name": entry["name"],
        "category": entry["category"],
        "summary": entry["summary"],
        "position": entry["position"],
        "difficulty": entry["difficulty"],
        "target_areas": ", ".join(areas),
        "equipment": entry["equipment"] or "",
        "hold_seconds_min": hold_min,
        "hold_seconds_max": hold_max,
        "repetitions_min": reps_min,
        "repetitions_max": reps_max,
        "per_side": bool(entry["dosage"]["per_side"]),
        "sets": entry["dosage"]["sets"],
        "frequency": entry["dosage"]["frequency"],
        "benefits": "\n".join(_text_list(entry, "benefits", minimum=1)),
        "safety_notes": "\n".join(_text_list(entry, "safety_notes", minimum=1)),
        "common_mistakes": "\n".join(_text_list(entry, "common_mistakes", minimum=0)),
        "sources": "\n".join(_text_list(entry, "sources", minimum=1)),
        "poses": entry["poses"],
        "caution": (entry["caution"] or "").strip(),
        "precautions": entry["precautions"],
    }


def _check_pose_descriptions(entry: dict[str, Any], descriptions: list[str]) -> None:
    """The German descriptions must pass the checks the English ones do (length...)."""
    described = [
        {**pose, "description": text}
        for pose, text in zip(entry["poses"], descriptions, strict=True)
    ]
    try:
        parse_poses(described)
    except PoseError as error:
        raise ContentError(f"{entry['slug']}: German poses: {error}") from error


def _german_fields(german: dict[str, Any] | None) -> dict[str, Any]:
    """The German columns from an exercises.de.yaml entry; all empty (reading as the English)
    when there is none."""
    if german is None:
        lists = ["target_areas", "benefits", "safety_notes", "common_mistakes", "sources"]
        german = {key: [] for key in lists}
    return {
        "name_de": (german.get("name") or "").strip(),
        "summary_de": (german.get("summary") or "").strip(),
        "target_areas_de": ", ".join(area.strip() for area in german["target_areas"]),
        "equipment_de": (german.get("equipment") or "").strip(),
        "benefits_de": "\n".join(line.strip() for line in german["benefits"]),
        "safety_notes_de": "\n".join(line.strip() for line in german["safety_notes"]),
        "common_mistakes_de": "\n".join(line.strip() for line in german["common_mistakes"]),
        "caution_de": (german.get("caution") or "").strip(),
        "sources_de": "\n".join(line.strip() for line in german["sources"]),
        "pose_descriptions_de": [text.strip() for text in german.get("poses", [])],
    }


@transaction.atomic
def exercise_library_load(*, path: Path = CONTENT_PATH, force: bool = False) -> LoadReport:
    """Create or update the exercises of the content file and its German sibling, idempotently.

    An exercise whose file entry has not changed since the last load is left untouched. One
    edited in the admin keeps its local edits unless ``force`` is given. Exercises that exist
    only in the database are never touched.
    """
    entries = parse_content(read_text(path))
    report = LoadReport()
    german = parse_translations(
        path,
        key="exercises",
        id_key="slug",
        fields=TRANSLATED_FIELDS,
        english=entries,
        report=report,
    )
    existing = {exercise.slug: exercise for exercise in Exercise.objects.all()}
    written: dict[str, Exercise] = {}

    for entry in entries:
        slug = entry["slug"]
        translation = german.get(slug) if german is not None else None
        digest = translated_hash(entry, translation)
        if translation is not None:
            _check_pose_descriptions(entry, translation["poses"])
        exercise = existing.get(slug)
        if exercise is not None and exercise.content_hash == digest:
            report.unchanged.append(slug)
            continue
        if exercise is not None and exercise.locally_edited and not force:
            report.kept_local_edits.append(slug)
            continue
        steps = _text_list(entry, "steps", minimum=MIN_STEPS)
        if exercise is None:
            exercise = Exercise(slug=slug)
            report.created.append(slug)
        else:
            report.updated.append(slug)
        fields = {**_fields_from_entry(entry), **_german_fields(translation)}
        for name, value in fields.items():
            setattr(exercise, name, value)
        exercise.content_hash = digest
        exercise.locally_edited = False
        exercise.easier_variation = None  # linked below, once every exercise exists
        try:
            exercise.full_clean(exclude=["easier_variation"])
        except ValidationError as error:
            raise ContentError(f"{slug}: {error.message_dict}") from error
        exercise.save()
        exercise.steps.all().delete()
        steps_de = translation["steps"] if translation else [""] * len(steps)
        ExerciseStep.objects.bulk_create(
            ExerciseStep(exercise=exercise, number=number, text=text, text_de=text_de.strip())
            for number, (text, text_de) in enumerate(zip(steps, steps_de, strict=True), start=1)
        )
        written[slug] = exercise

    all_exercises = {**existing, **written}
    for entry in entries:
        exercise = written.get(entry["slug"])
        if exercise is not None and entry["easier"] is not None:
            exercise.easier_variation = all_exercises[entry["easier"]]
            exercise.save(update_fields=["easier_variation"])
    return report
