"""Writes to the logbook that touch several rows: a session with its exercise entries, a routine
with its items, and the curated routines from their content file."""

import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from exercises.contentfile import ContentError, LoadReport, content_hash, parse_entries, read_text
from exercises.models import Exercise
from logbook.models import MAX_ITEMS, ExerciseEntry, Routine, RoutineItem, Session

CONTENT_PATH = settings.BASE_DIR / "logbook" / "content" / "routines.yaml"
ROUTINE_KEYS = {"key", "name", "description", "sources", "items"}
ITEM_KEYS = {"exercise", "sets", "repetitions", "hold_seconds", "per_side"}
# A position no routine reaches, used while two items swap places under the unique constraint.
SWAP_POSITION = 32000

# What a person fills in; the forms show exactly these.
SESSION_FIELDS = ["date", "started_at", "routine", "pain_before", "pain_after", "effort", "notes"]
ENTRY_FIELDS = [
    "exercise",
    "sets",
    "repetitions",
    "hold_seconds",
    "side",
    "pain_during",
    "sharp_pain",
    "status",
]


def _replace_entries(session: Session, entries: Iterable[dict[str, Any]]) -> None:
    session.entries.all().delete()
    new_entries = []
    for position, values in enumerate(entries, start=1):
        entry = ExerciseEntry(
            session=session, position=position, **{name: values[name] for name in ENTRY_FIELDS}
        )
        entry.full_clean(exclude=["session"], validate_unique=False)
        new_entries.append(entry)
    ExerciseEntry.objects.bulk_create(new_entries)


@transaction.atomic
def session_create(
    *,
    user,
    fields: dict[str, Any],
    entries: list[dict[str, Any]],
    submission_token: uuid.UUID | None = None,
) -> tuple[Session, bool]:
    """Save a new session with its entries; returns (session, created).

    A repeated post of the same form (same submission token) returns the session the first post
    saved instead of creating a second one.
    """
    token = submission_token or uuid.uuid4()
    existing = Session.objects.filter(user=user, submission_token=token).first()
    if existing is not None:
        return existing, False
    session = Session(
        user=user, submission_token=token, **{name: fields[name] for name in SESSION_FIELDS}
    )
    session.full_clean(exclude=["user"], validate_unique=False)
    try:
        with transaction.atomic():
            session.save()
    except IntegrityError:
        # A concurrent post with the same token won the race: that session is the one.
        return Session.objects.get(user=user, submission_token=token), False
    _replace_entries(session, entries)
    return session, True


@transaction.atomic
def session_update(
    *, session: Session, fields: dict[str, Any], entries: list[dict[str, Any]]
) -> Session:
    """Change a session and replace its entries with the given ones, in one transaction."""
    for name in SESSION_FIELDS:
        setattr(session, name, fields[name])
    session.full_clean(exclude=["user"], validate_unique=False)
    session.save()
    _replace_entries(session, entries)
    return session


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
    """Create or update the curated routines from the content file, skipping unchanged ones."""
    entries = parse_routines(read_text(path))
    exercises = Exercise.objects.in_bulk(field_name="slug")
    existing = Routine.objects.filter(owner__isnull=True).in_bulk(field_name="key")
    report = LoadReport()
    for entry in entries:
        digest = content_hash(entry)
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


def _existing(user, token) -> Routine | None:
    return Routine.objects.filter(owner=user, submission_token=token).first() if token else None


@transaction.atomic
def routine_create(*, user, name: str, description: str, submission_token=None) -> Routine:
    """A new empty routine of the user's; the same form posted twice gives the same routine."""

    def create() -> Routine:
        routine = Routine(
            owner=user, name=name, description=description, submission_token=submission_token
        )
        # The database's unique token is the guard against a second post (see _once).
        routine.full_clean(validate_constraints=False)
        routine.save()
        return routine

    return _once(user, submission_token, create)


@transaction.atomic
def routine_copy(*, user, source: Routine, submission_token=None) -> Routine:
    """A private copy of a routine (curated or the user's own) that the user can adjust.

    The same copy button posted twice (a double click) gives one copy.
    """

    def copy() -> Routine:
        routine = Routine.objects.create(
            owner=user,
            name=source.name,
            description=source.description,
            sources=source.sources,
            copied_from=source,
            submission_token=submission_token,
        )
        RoutineItem.objects.bulk_create(
            RoutineItem(
                routine=routine,
                exercise_id=item.exercise_id,
                position=item.position,
                **item.dose.fields,
            )
            for item in source.items.all()
        )
        return routine

    return _once(user, submission_token, copy)


def _once(user, token, make) -> Routine:
    """The routine a form's one-time token made, made now if it was not: a double click, or two
    posts at the same moment, give one routine and no error page."""
    if existing := _existing(user, token):
        return existing
    try:
        with transaction.atomic():
            return make()
    except IntegrityError:
        # A concurrent post with the same token won the race: that routine is the one.
        if existing := _existing(user, token):
            return existing
        raise


@transaction.atomic
def routine_add_exercise(*, routine: Routine, exercise: Exercise) -> RoutineItem:
    """Append an exercise at the gentle end of its suggested dose."""
    # Serialise changes to one routine's items: two adds at once would take the same position.
    Routine.objects.select_for_update().filter(pk=routine.pk).first()
    if routine.items.count() >= MAX_ITEMS:
        raise ValidationError(
            _("A routine can hold at most %(count)d exercises."), params={"count": MAX_ITEMS}
        )
    last = routine.items.aggregate(last=Max("position"))["last"] or 0
    item = RoutineItem(
        routine=routine, exercise=exercise, position=last + 1, **exercise.starting_dose.fields
    )
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def routine_move_item(*, item: RoutineItem, offset: int) -> None:
    """Swap the item with its neighbour above (offset -1) or below (+1); at an end, no change."""
    Routine.objects.select_for_update().filter(pk=item.routine_id).first()
    siblings = item.routine.items.all()
    neighbour = (
        siblings.filter(position__lt=item.position).order_by("-position").first()
        if offset < 0
        else siblings.filter(position__gt=item.position).order_by("position").first()
    )
    if neighbour is None:
        return
    mine, theirs = item.position, neighbour.position
    RoutineItem.objects.filter(pk=item.pk).update(position=SWAP_POSITION)
    RoutineItem.objects.filter(pk=neighbour.pk).update(position=mine)
    RoutineItem.objects.filter(pk=item.pk).update(position=theirs)
    item.position = theirs


@transaction.atomic
def routine_remove_item(*, item: RoutineItem) -> None:
    """Remove the item and close the gap, so positions stay 1..n."""
    Routine.objects.select_for_update().filter(pk=item.routine_id).first()
    routine, position = item.routine, item.position
    item.delete()
    for later in routine.items.filter(position__gt=position).order_by("position"):
        RoutineItem.objects.filter(pk=later.pk).update(position=later.position - 1)


def routine_item_apply(*, item: RoutineItem, suggestion) -> RoutineItem:
    """Take a progression suggestion into the routine: a new dose, or the easier exercise."""
    item.exercise = suggestion.exercise
    for name, value in suggestion.dose.fields.items():
        setattr(item, name, value)
    item.full_clean()
    item.save()
    return item
