"""The weekly plan, read for a person: where to start, how long a session takes, this week
planned against done, and what the home page says about today.

Short programmes are kept up better (2 or fewer exercises: 86% against 54% for 4 or more,
Eckard 2015; more than 6 lowered adherence, Medina-Mirapeix 2009), so a plan starts with 2 to 4
exercises. Its doses rise by a small planned step every week or two (graded activity), held or
eased by the care loop (logbook/progression.planned_step).
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from logbook.models.plan import week_start

PLAN_EXERCISES = (2, 4)  # fewest and most exercises in a plan's routine
REST_SECONDS = 10  # between exercises, as the guided player rests
SET_UP_SECONDS = 30  # for each exercise: reading its steps and getting into position
WEEKDAYS = [
    _("Monday"),
    _("Tuesday"),
    _("Wednesday"),
    _("Thursday"),
    _("Friday"),
    _("Saturday"),
    _("Sunday"),
]
# Where a plan can start: curated routines to choose 2 to 4 exercises from.
STARTERS = {
    "gentle-relief": _("Gentle: my back is stiff or sore, and I want to start easy"),
    "strength-and-stability": _("Stronger: my back is settled, and I want to build strength"),
}


def estimated_minutes(items) -> int:
    """About how long a routine takes in the player: holds, releases and rests, and getting
    into position for each exercise."""
    seconds = sum(item.dose.seconds() + SET_UP_SECONDS for item in items)
    seconds += REST_SECONDS * max(0, len(items) - 1)
    return max(1, round(seconds / 60))


def starter_minutes(items) -> tuple[int, int]:
    """The shortest and longest plan a starter allows: its 2 quickest exercises, or the 4
    longest (a person picks which)."""
    low, high = PLAN_EXERCISES
    by_length = sorted(items, key=lambda item: item.dose.seconds())
    return estimated_minutes(by_length[:low]), estimated_minutes(by_length[-high:])


@dataclass(frozen=True)
class Day:
    date: datetime.date
    planned: bool
    done: bool
    is_today: bool

    @property
    def name(self) -> str:
        return WEEKDAYS[self.date.weekday()]


@dataclass(frozen=True)
class Week:
    days: list[Day]
    planned: int
    done: int

    @property
    def kept(self) -> bool:
        return self.planned > 0 and self.done >= self.planned


def this_week(plan, today: datetime.date, session_dates) -> Week:
    """Monday to Sunday: the plan's days and the days with a session logged."""
    done_dates = set(session_dates)
    monday = week_start(today)
    days = [
        Day(
            date=monday + datetime.timedelta(days=offset),
            planned=plan.is_plan_day(monday + datetime.timedelta(days=offset)),
            done=monday + datetime.timedelta(days=offset) in done_dates,
            is_today=monday + datetime.timedelta(days=offset) == today,
        )
        for offset in range(7)
    ]
    return Week(days=days, planned=plan.sessions_per_week, done=len(done_dates))
