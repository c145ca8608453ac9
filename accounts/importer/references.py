"""What a file names must exist: exercises by slug, curated routines by key, its own routines by
name, the activities its function checks score. Nothing is guessed: a name that is not there is
reported at its place."""

from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.importer.problems import Problems
from accounts.models import known_time_zones
from exercises.models import Exercise
from logbook.models import Lesson, Routine


@dataclass
class Library:
    """What this server holds that a file may name, by the names files use (three queries)."""

    exercises: dict[str, int]  # slug -> id
    curated: dict[str, int]  # key -> id
    curated_keys: dict[str, list[str]]  # name -> keys, for version 1 files
    lessons: dict[str, int]  # slug -> id

    @classmethod
    def load(cls) -> "Library":
        curated = list(Routine.objects.filter(owner__isnull=True).values_list("key", "pk", "name"))
        keys_by_name = defaultdict(list)
        for key, _pk, name in curated:
            keys_by_name[name].append(key)
        return cls(
            exercises=dict(Exercise.objects.order_by().values_list("slug", "pk")),
            curated={key: pk for key, pk, _name in curated},
            curated_keys=dict(keys_by_name),
            lessons=dict(Lesson.objects.order_by().values_list("slug", "pk")),
        )


def check_references(document: dict, library: Library, problems: Problems) -> None:
    """Add a problem for each name in a schema-valid document that points at nothing."""
    if document["time_zone"] not in known_time_zones():
        problems.add(
            ["time_zone"],
            _("%(value)s is not a time zone Backcare knows.")
            % {"value": f"“{document['time_zone']}”"},
        )
    own = _own_routines(document, problems)
    unknown_exercises: dict[str, list[list]] = defaultdict(list)
    for index, routine in enumerate(document["routines"]):
        for number, item in enumerate(routine["items"]):
            if item["exercise"] not in library.exercises:
                unknown_exercises[item["exercise"]].append(
                    ["routines", index, "items", number, "exercise"]
                )
    plan = document["weekly_plan"]
    if plan and plan["routine"] is not None and plan["routine"] not in own:
        problems.add(["weekly_plan", "routine"], _no_own_routine(plan["routine"]))
    for index, session in enumerate(document["sessions"]):
        path = ["sessions", index]
        key, name = session["routine_key"], session["routine"]
        if key is not None and key not in library.curated:
            problems.add(
                [*path, "routine_key"],
                _("there is no shared routine with the key %(key)s on this server.")
                % {"key": f"“{key}”"},
            )
        elif key is None and name is not None and name not in own:
            problems.add([*path, "routine"], _no_own_routine(name))
        positions = set()
        for number, entry in enumerate(session["entries"]):
            if entry["exercise"] not in library.exercises:
                unknown_exercises[entry["exercise"]].append([*path, "entries", number, "exercise"])
            if entry["entry_position"] in positions:
                problems.add(
                    [*path, "entries", number, "entry_position"],
                    _("position %(position)d is used twice in this session.")
                    % {"position": entry["entry_position"]},
                )
            positions.add(entry["entry_position"])
    for slug, places in unknown_exercises.items():
        problems.add(
            places[0],
            ngettext(
                "there is no exercise %(slug)s in this server's library.",
                "there is no exercise %(slug)s in this server's library (the file names it "
                "%(count)d times).",
                len(places),
            )
            % {"slug": f"“{slug}”", "count": len(places)},
        )
    _check_activities(document["activities"], problems)


def _own_routines(document: dict, problems: Problems) -> set[str]:
    names = set()
    for index, routine in enumerate(document["routines"]):
        if routine["name"] in names:
            problems.add(
                ["routines", index, "name"],
                _("the file has another routine named %(name)s.")
                % {"name": f"“{routine['name']}”"},
            )
        names.add(routine["name"])
    return names


def _no_own_routine(name: str) -> str:
    return _("the file has no routine of your own named %(name)s.") % {"name": f"“{name}”"}


def _check_activities(activities: dict, problems: Problems) -> None:
    """Activities are told apart by name in any letter case, as the function check form does."""
    names = set()
    for index, name in enumerate(activities["names"]):
        if name.casefold() in names:
            problems.add(
                ["activities", "names", index],
                _("%(name)s is listed twice.") % {"name": f"“{name}”"},
            )
        names.add(name.casefold())
    dates = set()
    for index, check in enumerate(activities["checks"]):
        path = ["activities", "checks", index]
        if check["date"] in dates:
            problems.add(
                [*path, "date"],
                _("the file has two function checks on %(date)s.") % {"date": check["date"]},
            )
        dates.add(check["date"])
        scored = set()
        for name in check["scores"]:
            if name.casefold() not in names:
                problems.add(
                    [*path, "scores", name],
                    _("%(name)s is not one of the activities in activities.names.")
                    % {"name": f"“{name}”"},
                )
            elif name.casefold() in scored:
                problems.add(
                    [*path, "scores", name], _("%(name)s is scored twice.") % {"name": f"“{name}”"}
                )
            scored.add(name.casefold())
