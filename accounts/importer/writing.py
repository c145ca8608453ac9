"""Writing a checked export into the importing account: settings and plans replaced, the rest
added where it is not already there. Everything is built and checked first; the writes follow,
one bulk insert per kind of row, so a clash found late still writes nothing."""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.export import own_routines, routine_names, session_document, sessions_of
from accounts.importer.problems import Problems
from accounts.importer.references import Library
from accounts.importer.result import ImportResult
from logbook.models import (
    ExerciseEntry,
    FlarePlan,
    FunctionActivity,
    FunctionCheck,
    FunctionScore,
    LessonRead,
    Plan,
    Routine,
    RoutineItem,
    Session,
)
from logbook.outcomes import MAX_ACTIVITIES
from logbook.services.locking import lock_person

DOSE = ["sets", "repetitions", "hold_seconds"]
ENTRY_FIELDS = ["entry_position", "exercise", *DOSE, "side", "pain_during", "sharp_pain", "status"]


@dataclass
class _Job:
    """One import: who, what the server holds, what to insert, what was found."""

    user: object
    library: Library
    result: ImportResult
    problems: Problems = field(default_factory=Problems)
    # Rows to insert by model, in the order first added: parents before their children.
    rows: dict[type[models.Model], list[models.Model]] = field(default_factory=dict)

    def check(self, row: models.Model, path: list, *, relations: list[str]) -> None:
        """The model's own validation of a row (its relations are checked elsewhere, and
        uniqueness by the database)."""
        try:
            row.full_clean(exclude=relations, validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                self.problems.add([*path, name], " ".join(messages))

    def add(self, row: models.Model, path: list, *, relations: list[str]) -> None:
        """Queue a checked row for insertion."""
        self.check(row, path, relations=relations)
        self.rows.setdefault(type(row), []).append(row)

    def insert(self) -> None:
        for model, rows in self.rows.items():
            model.objects.bulk_create(rows)


def write_document(*, user, document: dict, library: Library, result: ImportResult) -> None:
    """Write the document into the user's account; the caller holds the transaction. Raises a
    ValidationError, having written nothing, for what clashes with the account."""
    lock_person(user)
    job = _Job(user, library, result)
    existing = own_routines(user)
    names = routine_names(existing)
    routines = _routines(job, document["routines"], {names[r.pk]: r for r in existing})
    flare_plan = _flare_plan(job, document["flare_plan"])
    plan = _weekly_plan(job, document["weekly_plan"], routines)
    _sessions(job, document["sessions"], names, routines)
    _function_checks(job, document["activities"])
    _lessons(job, document["lessons_read"])
    job.problems.raise_any()

    user.time_zone = document["time_zone"]
    # The weekly goal is the plan's number of days: a plan kept keeps its goal.
    if plan is not None or not Plan.objects.filter(user=user).exists():
        user.weekly_goal = document["weekly_goal"]
    # Before-you-start answers are safety warnings: the file's are added, none is taken away.
    if document["precautions"] is not None:
        user.precautions = [
            *user.precautions,
            *(tag for tag in document["precautions"] if tag not in user.precautions),
        ]
    user.save(update_fields=["time_zone", "weekly_goal", "precautions"])
    job.insert()
    for replaced in (flare_plan, plan):
        if replaced is not None:
            replaced.save()
    result.flare_plan_replaced, result.weekly_plan_replaced = bool(flare_plan), bool(plan)


def _routines(job: _Job, routines: list[dict], mine: dict[str, Routine]) -> dict[str, Routine]:
    """The file's routines by name: the account's own of that name (as its export names it)
    when it holds the same exercises at the same doses, else new ones."""
    found = {}
    for index, values in enumerate(routines):
        items = [
            (
                job.library.exercises[item["exercise"]],
                *(item[name] for name in DOSE),
                item["per_side"],
            )
            for item in values["items"]
        ]
        routine = mine.get(values["name"])
        if routine is not None:
            held = [
                (item.exercise_id, *(getattr(item, name) for name in DOSE), item.per_side)
                for item in routine.items.all()
            ]
            if held != items:
                job.problems.add(
                    ["routines", index],
                    _(
                        "you already have a routine named %(name)s with other exercises or "
                        "doses. Rename one of them, then import again."
                    )
                    % {"name": f"“{values['name']}”"},
                )
            job.result.routines_present += 1
            found[values["name"]] = routine
            continue
        routine = Routine(owner=job.user, name=values["name"], description=values["description"])
        job.add(routine, ["routines", index], relations=["owner", "copied_from"])
        for position, (exercise, sets, repetitions, hold, per_side) in enumerate(items, start=1):
            item = RoutineItem(
                routine=routine,
                exercise_id=exercise,
                position=position,
                sets=sets,
                repetitions=repetitions,
                hold_seconds=hold,
                per_side=per_side,
            )
            path = ["routines", index, "items", position - 1]
            job.add(item, path, relations=["routine", "exercise"])
        job.result.routines_added += 1
        found[values["name"]] = routine
    return found


def _flare_plan(job: _Job, values: dict | None) -> FlarePlan | None:
    if values is None:
        return None  # the file has none: the account's stays
    plan = FlarePlan.objects.filter(user=job.user).first() or FlarePlan(user=job.user)
    plan.what_helps, plan.who_to_call = values["what_helps"], values["who_to_call"]
    job.check(plan, ["flare_plan"], relations=["user"])
    return plan


def _weekly_plan(job: _Job, values: dict | None, routines: dict[str, Routine]) -> Plan | None:
    if values is None:
        return None
    plan = Plan.objects.filter(user=job.user).first() or Plan(user=job.user)
    plan.routine = routines[values["routine"]] if values["routine"] is not None else None
    plan.days = sorted(values["days"])
    plan.started_on = datetime.date.fromisoformat(values["started_on"])
    plan.step_every = values["step_every_weeks"]
    plan.last_step_week = values["last_step_week"]
    time = values["reminder_time"]
    plan.reminder_time = datetime.time.fromisoformat(time) if time else None
    plan.email_reminders = values["email_reminders"]
    job.check(plan, ["weekly_plan"], relations=["user", "routine"])
    return plan


def session_key(session: dict) -> tuple:
    """What makes two sessions the same, from a session as the export writes it: when it was
    and what was done and felt. Not what may change after it is logged (the next-morning
    answer, the notes, its routine's name), so a file imported again after the account has
    moved on still adds nothing; the account's own answers and notes stay."""
    entries = sorted(tuple(entry[name] for name in ENTRY_FIELDS) for entry in session["entries"])
    return (
        session["date"],
        session["start_time"],
        session["pain_before"],
        session["pain_after"],
        session["how_it_felt"],
        tuple(entries),
    )


def _sessions(job: _Job, sessions: list[dict], names: dict[int, str], routines) -> None:
    """Each session of the file not already in the account: two identical sessions in a file
    are two sessions, so each one already here stands for one in the file. The account's are
    compared as its own export writes them (``names``: its routines' names in an export)."""
    if not sessions:
        return
    dates = [session["date"] for session in sessions]
    here = Counter(
        session_key(session_document(session, names))
        for session in sessions_of(job.user).filter(date__range=(min(dates), max(dates)))
    )
    for index, values in enumerate(sessions):
        same = session_key(values)
        if here[same]:
            here[same] -= 1
            job.result.sessions_present += 1
            continue
        curated = values["routine_key"]
        start = values["start_time"]
        session = Session(
            user=job.user,
            date=datetime.date.fromisoformat(values["date"]),
            started_at=datetime.time.fromisoformat(start) if start else None,
            pain_before=values["pain_before"],
            pain_after=values["pain_after"],
            effort=values["how_it_felt"],
            next_morning=values["next_morning"] or "",
            notes=values["notes"],
        )
        if curated:
            session.routine_id = job.library.curated[curated]
        else:
            session.routine = routines.get(values["routine"])
        job.add(session, ["sessions", index], relations=["user", "routine"])
        for number, entry in enumerate(values["entries"]):
            row = ExerciseEntry(
                session=session,
                exercise_id=job.library.exercises[entry["exercise"]],
                position=entry["entry_position"],
                **{name: entry[name] for name in ENTRY_FIELDS[2:]},
            )
            path = ["sessions", index, "entries", number]
            job.add(row, path, relations=["session", "exercise"])
        job.result.sessions_added += 1


def _function_checks(job: _Job, activities: dict) -> None:
    """Activities by name (in any letter case), checks by date: the same scores on a date are
    already here; other scores on a date already recorded are a clash, named."""
    mine = list(FunctionActivity.objects.filter(user=job.user))
    by_name = {activity.name.casefold(): activity for activity in mine}
    position = max((activity.position for activity in mine), default=0)
    for index, name in enumerate(activities["names"]):
        if name.casefold() in by_name:
            continue
        position += 1
        activity = FunctionActivity(user=job.user, name=name, position=position)
        job.add(activity, ["activities", "names", index], relations=["user"])
        by_name[name.casefold()] = activity
        job.result.activities_added += 1
    if len(by_name) > MAX_ACTIVITIES:
        job.problems.add(
            ["activities", "names"],
            ngettext(
                "your account follows %(mine)d activity and the file adds %(new)d more; at most "
                "%(limit)d can be followed.",
                "your account follows %(mine)d activities and the file adds %(new)d more; at "
                "most %(limit)d can be followed.",
                len(mine),
            )
            % {"mine": len(mine), "new": job.result.activities_added, "limit": MAX_ACTIVITIES},
        )
    named = {activity.pk: activity.name.casefold() for activity in mine}
    recorded = defaultdict(list)
    checks = FunctionCheck.objects.filter(user=job.user).prefetch_related(
        Prefetch("scores", queryset=FunctionScore.objects.order_by())
    )
    for check in checks:
        scores = {named[score.activity_id]: score.score for score in check.scores.all()}
        recorded[check.date.isoformat()].append(scores)
    for index, values in enumerate(activities["checks"]):
        path = ["activities", "checks", index]
        scores = {name.casefold(): score for name, score in values["scores"].items()}
        earlier = recorded[values["date"]]
        if scores in earlier:
            job.result.checks_present += 1
            continue
        if earlier:
            job.problems.add(
                path,
                _(
                    "on %(date)s you have already recorded other scores. Change them in "
                    "Backcare or in the file, then import again."
                )
                % {"date": values["date"]},
            )
            continue
        check = FunctionCheck(user=job.user, date=datetime.date.fromisoformat(values["date"]))
        job.add(check, path, relations=["user"])
        for name, score in scores.items():
            row = FunctionScore(function_check=check, activity=by_name[name], score=score)
            job.add(row, path, relations=["function_check", "activity"])
        job.result.checks_added += 1


def _lessons(job: _Job, slugs: list[str]) -> None:
    """Lessons read, by slug; a lesson this server does not have is counted and skipped."""
    read = set(LessonRead.objects.filter(user=job.user).values_list("lesson_id", flat=True))
    for slug in slugs:
        lesson = job.library.lessons.get(slug)
        if lesson is None:
            job.result.lessons_unknown += 1
        elif lesson in read:
            job.result.lessons_present += 1
        else:
            read.add(lesson)
            job.add(
                LessonRead(user=job.user, lesson_id=lesson),
                ["lessons_read"],
                relations=["user", "lesson"],
            )
            job.result.lessons_added += 1
