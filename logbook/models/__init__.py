"""The training app's models, one module per part of the domain."""

from logbook.models.flare import FlarePlan
from logbook.models.function import FunctionActivity, FunctionCheck, FunctionScore
from logbook.models.learning import Lesson, LessonRead
from logbook.models.plan import Plan
from logbook.models.routines import (
    FLARE_ROUTINE_KEY,
    MAX_ITEMS,
    Routine,
    RoutineItem,
    RoutineQuerySet,
)
from logbook.models.sessions import (
    DONE_STATUSES,
    MAX_ENTRIES,
    ExerciseEntry,
    ExerciseEntryQuerySet,
    Session,
)
from logbook.models.sharing import MAX_LIVE_LINKS, REPORT_WEEKS, ShareLink

__all__ = [
    "DONE_STATUSES",
    "FLARE_ROUTINE_KEY",
    "MAX_ENTRIES",
    "MAX_ITEMS",
    "MAX_LIVE_LINKS",
    "REPORT_WEEKS",
    "ExerciseEntry",
    "ExerciseEntryQuerySet",
    "FlarePlan",
    "FunctionActivity",
    "FunctionCheck",
    "FunctionScore",
    "Lesson",
    "LessonRead",
    "Plan",
    "Routine",
    "RoutineItem",
    "RoutineQuerySet",
    "Session",
    "ShareLink",
]
