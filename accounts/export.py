"""A user's whole logbook as CSV and JSON, for the account page's downloads."""

import csv
from collections.abc import Iterator

from django.db.models import Prefetch

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


def _sessions(user):
    return (
        Session.objects.filter(user=user)
        .select_related("routine")
        .order_by("date", "started_at", "created_at")
        .prefetch_related(
            Prefetch("entries", queryset=ExerciseEntry.objects.select_related("exercise"))
        )
    )


def _session_dict(session: Session) -> dict:
    return {
        "session_id": session.pk,
        "date": session.date.isoformat(),
        "start_time": session.started_at.isoformat(timespec="minutes")
        if session.started_at
        else None,
        "routine": session.routine.name if session.routine else None,
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


def export_json(user) -> dict:
    routines = Routine.objects.filter(owner=user).prefetch_related(
        Prefetch("items", queryset=RoutineItem.objects.select_related("exercise"))
    )
    plan = FlarePlan.objects.filter(user=user).first()
    return {
        "username": user.get_username(),
        "email": user.email,
        "time_zone": user.time_zone,
        "weekly_goal": user.weekly_goal,
        "precautions": user.precautions,
        "flare_plan": {"what_helps": plan.what_helps, "who_to_call": plan.who_to_call}
        if plan
        else None,
        "weekly_plan": _plan_dict(user),
        "activities": _activities_dict(user),
        "lessons_read": list(
            LessonRead.objects.filter(user=user)
            .order_by("read_at")
            .values_list("lesson__slug", flat=True)
        ),
        "routines": [
            {
                "name": routine.name,
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
        "sessions": [
            {**_session_dict(session), "entries": [_entry_dict(e) for e in session.entries.all()]}
            for session in _sessions(user)
        ],
    }


def _plan_dict(user) -> dict | None:
    plan = Plan.objects.select_related("routine").filter(user=user).first()
    if plan is None:
        return None
    return {
        "routine": plan.routine.name if plan.routine else None,
        "days": plan.days,
        "started_on": plan.started_on.isoformat(),
        "step_every_weeks": plan.step_every,
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


def export_csv_rows(user) -> Iterator[list]:
    """The header, then one row per exercise entry (session columns repeated on each)."""
    yield CSV_COLUMNS
    for session in _sessions(user):
        session_values = _session_dict(session)
        # A session without entries still gets its row, so every session is in the file.
        for entry_values in [_entry_dict(e) for e in session.entries.all()] or [{}]:
            row = {**session_values, **entry_values}
            yield [_safe_cell(row.get(column)) for column in CSV_COLUMNS]


def write_csv(user, file) -> None:
    writer = csv.writer(file)
    writer.writerows(export_csv_rows(user))
