"""Progress over weeks, aggregated by the database whatever the length of the history."""

import datetime
import logging
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Avg, Case, Count, F, IntegerField, Max, Sum, Value, When
from django.db.models.functions import Coalesce, TruncWeek

from logbook.models import ExerciseEntry, Session
from logbook.pain import FLAGGED_ENTRY, is_meaningful

logger = logging.getLogger(__name__)
RANGES = {"4": 4, "12": 12, "26": 26, "52": 52, "all": None}
DEFAULT_RANGE = "12"
CACHE_SECONDS = 60 * 60
BASELINE_WEEKS = 2


def week_start(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def range_start(today: datetime.date, range_key: str) -> datetime.date | None:
    weeks = RANGES[range_key]
    return None if weeks is None else week_start(today) - datetime.timedelta(weeks=weeks - 1)


@dataclass
class Week:
    start: datetime.date
    sessions: int = 0
    pain_before: float | None = None
    pain_after: float | None = None
    repetitions: int = 0
    hold_seconds: int = 0
    meaningful: bool = False


@dataclass
class Progress:
    weeks: list[Week]
    days: list[dict]
    exercises: list[dict]
    baseline_after: float | None
    latest_after: float | None
    weekly_goal: int

    @property
    def has_data(self) -> bool:
        return any(week.sessions for week in self.weeks)

    @property
    def change_is_meaningful(self) -> bool:
        return is_meaningful(self.baseline_after, self.latest_after)

    @property
    def weeks_meeting_goal(self) -> int:
        return sum(week.sessions >= self.weekly_goal for week in self.weeks)


def _weighted_mean(weeks: list[Week]) -> float | None:
    rated = [week for week in weeks if week.sessions]
    total = sum(week.sessions for week in rated)
    return (
        round(sum(week.pain_after * week.sessions for week in rated) / total, 1) if total else None
    )


def progress(sessions, *, today: datetime.date, range_key: str, weekly_goal: int) -> Progress:
    """Weekly and daily pain, volume and per-exercise figures for a queryset of sessions.

    Four queries: weekly sessions, weekly volume, daily points and per-exercise figures.
    """
    start = range_start(today, range_key)
    if start is not None:
        sessions = sessions.filter(date__gte=start)
    sessions = sessions.filter(date__lte=today)
    # Volume and per-exercise figures count the exercises done, not those skipped.
    entries = ExerciseEntry.objects.done().filter(session__in=sessions.values("pk"))

    weekly = {
        _as_date(row["week"]): row
        for row in sessions.annotate(week=TruncWeek("date"))
        .values("week")
        .annotate(count=Count("pk"), before=Avg("pain_before"), after=Avg("pain_after"))
        .order_by("week")
    }
    sides = Case(
        When(side=ExerciseEntry.Side.BOTH, then=Value(2)),
        default=Value(1),
        output_field=IntegerField(),
    )
    volume = {
        _as_date(row["week"]): row
        for row in entries.annotate(week=TruncWeek("session__date"))
        .values("week")
        .annotate(
            # Named apart from the fields: an annotation called "repetitions" would shadow them.
            total_repetitions=Sum(F("sets") * F("repetitions") * sides),
            total_hold=Sum(
                F("sets") * F("repetitions") * sides * Coalesce("hold_seconds", Value(0))
            ),
        )
        .order_by("week")
    }
    first_week = start if start is not None else min(weekly, default=None)
    weeks = []
    if first_week is not None:
        current = week_start(first_week)
        while current <= today:
            row, vol = weekly.get(current), volume.get(current, {})
            weeks.append(
                Week(
                    start=current,
                    sessions=row["count"] if row else 0,
                    pain_before=round(row["before"], 1) if row else None,
                    pain_after=round(row["after"], 1) if row else None,
                    repetitions=vol.get("total_repetitions") or 0,
                    hold_seconds=vol.get("total_hold") or 0,
                )
            )
            current += datetime.timedelta(weeks=1)

    rated = [week for week in weeks if week.sessions]
    baseline = _weighted_mean(rated[:BASELINE_WEEKS])
    latest = _weighted_mean(rated[-BASELINE_WEEKS:]) if len(rated) > BASELINE_WEEKS else None
    for week in rated[BASELINE_WEEKS:]:
        week.meaningful = is_meaningful(baseline, week.pain_after)

    days = list(
        sessions.values("date")
        .annotate(before=Avg("pain_before"), after=Avg("pain_after"))
        .order_by("date")
    )
    exercises = list(
        entries.values("exercise__name", "exercise__slug")
        .annotate(
            times=Count("pk"),
            avg_pain_change=Avg(F("session__pain_after") - F("session__pain_before")),
            avg_pain_during=Avg("pain_during"),
            flagged=Count("pk", filter=FLAGGED_ENTRY),
        )
        .order_by("exercise__name")
    )
    return Progress(
        weeks=weeks,
        days=days,
        exercises=exercises,
        baseline_after=baseline,
        latest_after=latest,
        weekly_goal=weekly_goal,
    )


def _as_date(value) -> datetime.date:
    # TruncWeek of a DateField gives a date on PostgreSQL and SQLite; a datetime on some backends.
    return value.date() if isinstance(value, datetime.datetime) else value


def _cache_key(user_id: int) -> str:
    return f"progress:{user_id}"


def user_progress(user, *, today: datetime.date, range_key: str) -> Progress:
    """progress() for all of a user's sessions, cached until their logbook changes.

    One cache entry per user holds the figures of each range asked for, under a version: the
    day, the weekly goal, the number of sessions and the latest change to any of them (one
    indexed query). Saving, editing, deleting a session or recording its next morning changes
    the version, so a stale figure is never shown, and the entry is replaced as a whole.
    """
    sessions = Session.objects.filter(user=user)
    stamp = sessions.aggregate(count=Count("pk"), changed=Max("updated_at"))
    changed = stamp["changed"].timestamp() if stamp["changed"] else 0
    version = f"{today}:{user.weekly_goal}:{stamp['count']}:{changed}"
    key = _cache_key(user.pk)

    def compute() -> Progress:
        return progress(sessions, today=today, range_key=range_key, weekly_goal=user.weekly_goal)

    try:
        entry = cache.get(key)
        ranges = entry["ranges"] if entry and entry["version"] == version else {}
        if range_key not in ranges:
            ranges = {**ranges, range_key: compute()}
            cache.set(key, {"version": version, "ranges": ranges}, CACHE_SECONDS)
        return ranges[range_key]
    except Exception:  # any cache failure (Redis down): the figures still show
        logger.warning("Cache unavailable; progress computed without it", exc_info=True)
        return compute()


def forget_cached_progress(user_id: int) -> None:
    """Remove a user's cached figures (account deletion): they hold weekly pain averages."""
    cache.delete(_cache_key(user_id))
