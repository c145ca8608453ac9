"""A user's whole logbook as CSV and JSON, for the account page's downloads.

The JSON is a versioned format that accounts/importer reads back. Version 3 (this one) keeps
exercises skipped in a session: status "skipped", with no pain during (null). Version 2 named its
format and version, kept the person's name and address under "account", named each session's
routine with the curated routine's key when it is one, and gave the weekly plan its last planned
step. Version 1 (exports without a version) had session ids and bare routine names.
"""

import csv
from collections.abc import Iterator

from django.db.models import F, Prefetch
from django.utils.translation import gettext as _

from logbook.models import (
    ExerciseEntry,
    FlarePlan,
    FunctionActivity,
    FunctionCheck,
    LessonRead,
    Plan,
    Routine,
    RoutineItem,
    Session,
)

EXPORT_FORMAT = "backcare-export"
EXPORT_VERSION = 3

CSV_COLUMNS = [
    "session_id",
    "date",
    "start_time",
    "routine",
    "pain_before",
    "pain_after",
    "how_it_felt",
    "next_morning",
    "notes",
    "entry_position",
    "exercise",
    "exercise_name",
    "sets",
    "repetitions",
    "hold_seconds",
    "side",
    "pain_during",
    "sharp_pain",
    "status",
]
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def sessions_of(user):
    """The user's sessions, oldest first, with their routines and entries (three queries)."""
    return (
        Session.objects.filter(user=user)
        .select_related("routine")
        # Sessions without a start time first on their day, on every database.
        .order_by("date", F("started_at").asc(nulls_first=True), "created_at", "pk")
        .prefetch_related(
            Prefetch("entries", queryset=ExerciseEntry.objects.select_related("exercise"))
        )
    )


def own_routines(user) -> list[Routine]:
    return list(
        Routine.objects.filter(owner=user).prefetch_related(
            Prefetch("items", queryset=RoutineItem.objects.select_related("exercise"))
        )
    )


ROUTINE_NAME_LENGTH = Routine._meta.get_field("name").max_length


def routine_names(routines: list[Routine]) -> dict[int, str]:
    """Each own routine's name in an export, by id: its own name, or for a second routine of
    the same name that name with a number, "Stretches (2)", so a session names one routine."""
    taken = {routine.name for routine in routines}
    names: dict[int, str] = {}
    used: set[str] = set()
    for routine in routines:
        name, number = routine.name, 1
        while name in used:
            number += 1
            suffix = f" ({number})"
            name = routine.name[: ROUTINE_NAME_LENGTH - len(suffix)] + suffix
            if name in taken:
                name = routine.name  # another routine's own name: try the next number
        used.add(name)
        names[routine.pk] = name
    return names


def _session_dict(session: Session, names: dict[int, str]) -> dict:
    routine = session.routine
    return {
        "date": session.date.isoformat(),
        "start_time": session.started_at.isoformat(timespec="minutes")
        if session.started_at
        else None,
        # An own routine by its export name; a curated one by name and key; anyone else's: none.
        "routine": names.get(routine.pk, routine.name if routine.is_curated else None)
        if routine
        else None,
        "routine_key": routine.key if routine and routine.is_curated else None,
        "pain_before": session.pain_before,
        "pain_after": session.pain_after,
        "how_it_felt": session.effort,
        "next_morning": session.next_morning or None,
        "notes": session.notes,
    }


def _entry_dict(entry: ExerciseEntry) -> dict:
    return {
        "entry_position": entry.position,
        "exercise": entry.exercise.slug,
        "exercise_name": entry.exercise.name,
        "sets": entry.sets,
        "repetitions": entry.repetitions,
        "hold_seconds": entry.hold_seconds,
        "side": entry.side,
        "pain_during": entry.pain_during,
        "sharp_pain": entry.sharp_pain,
        "status": entry.status,
    }


def session_document(session: Session, names: dict[int, str]) -> dict:
    """A session with its entries as the JSON export writes it (the importer compares these)."""
    return {
        **_session_dict(session, names),
        "entries": [_entry_dict(entry) for entry in session.entries.all()],
    }


def export_json(user) -> dict:
    routines = own_routines(user)
    names = routine_names(routines)
    plan = FlarePlan.objects.filter(user=user).first()
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        # Who exported it, for the reader: an import never changes the importing account's.
        "account": {"username": user.get_username(), "email": user.email},
        "time_zone": user.time_zone,
        "weekly_goal": user.weekly_goal,
        "precautions": user.precautions,
        "flare_plan": {"what_helps": plan.what_helps, "who_to_call": plan.who_to_call}
        if plan
        else None,
        "weekly_plan": _plan_dict(user, names),
        "activities": _activities_dict(user),
        "lessons_read": list(
            LessonRead.objects.filter(user=user)
            .order_by("read_at", "pk")
            .values_list("lesson__slug", flat=True)
        ),
        "routines": [
            {
                "name": names[routine.pk],
                "description": routine.description,
                "items": [
                    {
                        "exercise": item.exercise.slug,
                        "sets": item.sets,
                        "repetitions": item.repetitions,
                        "hold_seconds": item.hold_seconds,
                        "per_side": item.per_side,
                    }
                    for item in routine.items.all()
                ],
            }
            for routine in routines
        ],
        "sessions": [session_document(session, names) for session in sessions_of(user)],
    }


def _plan_dict(user, names: dict[int, str]) -> dict | None:
    plan = Plan.objects.filter(user=user).first()
    if plan is None:
        return None
    return {
        "routine": names.get(plan.routine_id),
        "days": plan.days,
        "started_on": plan.started_on.isoformat(),
        "step_every_weeks": plan.step_every,
        "last_step_week": plan.last_step_week,
        "reminder_time": plan.reminder_time.isoformat("minutes") if plan.reminder_time else None,
        "email_reminders": plan.email_reminders,
    }


def _activities_dict(user) -> dict:
    """The function checks (PSFS): the activities named, and each check's scores by name."""
    names = dict(FunctionActivity.objects.filter(user=user).values_list("pk", "name"))
    checks = FunctionCheck.objects.filter(user=user).order_by("date", "created_at")
    return {
        "names": list(names.values()),
        "checks": [
            {
                "date": check.date.isoformat(),
                "scores": {names[s.activity_id]: s.score for s in check.scores.all()},
            }
            for check in checks.prefetch_related("scores")
        ],
    }


def _safe_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return "" if value is None else value


def _session_words(session: Session) -> dict:
    """The session's choices in words, for a person reading the spreadsheet (the JSON, which
    the importer reads back, keeps the codes)."""
    return {
        "how_it_felt": session.get_effort_display(),
        "next_morning": session.get_next_morning_display() if session.next_morning else None,
    }


def _entry_words(entry: ExerciseEntry) -> dict:
    return {
        "side": entry.get_side_display(),
        "sharp_pain": _("yes") if entry.sharp_pain else _("no"),
        "status": entry.get_status_display(),
    }


def export_csv_rows(user) -> Iterator[list]:
    """The header, then one row per exercise entry (session columns repeated on each), with
    choices in the person's language."""
    yield CSV_COLUMNS
    names = routine_names(list(Routine.objects.filter(owner=user)))
    for session in sessions_of(user):
        # The session's id groups its rows (the JSON nests them instead).
        session_values = {
            "session_id": session.pk,
            **_session_dict(session, names),
            **_session_words(session),
        }
        entries = [{**_entry_dict(e), **_entry_words(e)} for e in session.entries.all()]
        # A session without entries still gets its row, so every session is in the file.
        for entry_values in entries or [{}]:
            row = {**session_values, **entry_values}
            yield [_safe_cell(row.get(column)) for column in CSV_COLUMNS]


def write_csv(user, file) -> None:
    writer = csv.writer(file)
    writer.writerows(export_csv_rows(user))
