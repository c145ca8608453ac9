"""Progress over weeks, aggregated by the database whatever the length of the history."""

import datetime
from dataclasses import dataclass

from django.db.models import Avg, Case, Count, F, IntegerField, Min, Sum, Value, When
from django.db.models.functions import Coalesce, TruncMonth, TruncWeek
from django.utils.translation import ngettext

from exercises.translation import localized
from logbook.models import ExerciseEntry
from logbook.pain import FLAGGED_ENTRY, is_meaningful

RANGES = {"4": 4, "12": 12, "26": 26, "52": 52, "all": None}
DEFAULT_RANGE = "12"
BASELINE_PERIODS = 2  # weeks, or months beyond a year
# Beyond a year, a week-by-week table runs to hundreds of rows and a chart to thousands of points:
# the whole history is summarised by month instead.
MONTHLY_AFTER_DAYS = 366


def week_start(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def range_start(today: datetime.date, range_key: str) -> datetime.date | None:
    weeks = RANGES[range_key]
    return None if weeks is None else week_start(today) - datetime.timedelta(weeks=weeks - 1)


@dataclass
class Period:
    """A week, or a calendar month when the range is long: its sessions, pain and work done."""

    start: datetime.date
    sessions: int = 0
    pain_before: float | None = None
    pain_after: float | None = None
    repetitions: int = 0
    hold_seconds: int = 0
    meaningful: bool = False
    days: int = 7  # of the period within the range: a month's first and last may be partial

    @property
    def hold_minutes(self) -> float:
        """One decimal, as in the chart: 90 s is 1.5 minutes."""
        return round(self.hold_seconds / 60, 1)

    @property
    def sessions_per_week(self) -> float:
        return round(self.sessions * 7 / self.days, 1)


@dataclass
class Progress:
    periods: list[Period]
    days: list[dict]
    exercises: list[dict]
    baseline_after: float | None
    latest_after: float | None
    weekly_goal: int
    by_month: bool = False

    @property
    def has_data(self) -> bool:
        return any(period.sessions for period in self.periods)

    @property
    def span(self) -> str:
        """ "12 weeks", "37 months": how long the figures cover."""
        count = len(self.periods)
        if self.by_month:
            return ngettext("%(count)s month", "%(count)s months", count) % {"count": count}
        return ngettext("%(count)s week", "%(count)s weeks", count) % {"count": count}

    @property
    def newest_first(self) -> list[Period]:
        """What a person looks for first in a table: the latest period."""
        return self.periods[::-1]

    @property
    def change_is_meaningful(self) -> bool:
        return is_meaningful(self.baseline_after, self.latest_after)

    @property
    def weeks_meeting_goal(self) -> int:
        return sum(period.sessions >= self.weekly_goal for period in self.periods)

    @property
    def sessions_per_week(self) -> float:
        days = sum(period.days for period in self.periods)
        return round(sum(period.sessions for period in self.periods) * 7 / days, 1) if days else 0


def _weighted_mean(periods: list[Period]) -> float | None:
    rated = [period for period in periods if period.sessions]
    total = sum(period.sessions for period in rated)
    return (
        round(sum(period.pain_after * period.sessions for period in rated) / total, 1)
        if total
        else None
    )


def _period_starts(first: datetime.date, today: datetime.date, by_month: bool, since=None):
    """Each period's first day and its number of days up to today, counted from `since` (the
    first session's day) in the first period: a month begun mid-way is not a whole month."""
    current = first
    while current <= today:
        if by_month:
            following = (current.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
        else:
            following = current + datetime.timedelta(weeks=1)
        counted_from = max(current, since) if since else current
        yield current, (min(following, today + datetime.timedelta(days=1)) - counted_from).days
        current = following


def progress(
    sessions,
    *,
    today: datetime.date,
    range_key: str,
    weekly_goal: int,
    first_day: datetime.date | None = None,
) -> Progress:
    """Weekly (monthly, beyond a year) and daily pain, volume and per-exercise figures for a
    queryset of sessions.

    Three queries: sessions per day (summed into weeks; beyond a year, sessions per month and no
    daily points), volume per period and per-exercise figures; a fourth for the whole history
    when the caller does not give the first session's date.
    """
    start = range_start(today, range_key)
    if start is not None:
        sessions = sessions.filter(date__gte=start)
    sessions = sessions.filter(date__lte=today)
    # Volume and per-exercise figures count the exercises done, not those skipped.
    entries = ExerciseEntry.objects.done().filter(session__in=sessions.values("pk"))
    if start is None:
        if first_day is None:
            first_day = sessions.aggregate(first=Min("date"))["first"]
        by_month = first_day is not None and (today - first_day).days > MONTHLY_AFTER_DAYS
    else:
        first_day, by_month = start, False
    trunc = TruncMonth if by_month else TruncWeek
    if by_month:
        per_period = {
            _as_date(row["period"]): row
            for row in sessions.annotate(period=TruncMonth("date"))
            .values("period")
            .annotate(count=Count("pk"), before=Avg("pain_before"), after=Avg("pain_after"))
            .order_by("period")
        }
        days = []
    else:
        # Up to a year of days: one query gives the daily points and, summed, the weeks.
        days = list(
            sessions.values("date")
            .annotate(count=Count("pk"), before=Avg("pain_before"), after=Avg("pain_after"))
            .order_by("date")
        )
        per_period = _weeks_of(days)
    sides = Case(
        When(side=ExerciseEntry.Side.BOTH, then=Value(2)),
        default=Value(1),
        output_field=IntegerField(),
    )
    volume = {
        _as_date(row["period"]): row
        for row in entries.annotate(period=trunc("session__date"))
        .values("period")
        .annotate(
            # Named apart from the fields: an annotation called "repetitions" would shadow them.
            total_repetitions=Sum(F("sets") * F("repetitions") * sides),
            total_hold=Sum(
                F("sets") * F("repetitions") * sides * Coalesce("hold_seconds", Value(0))
            ),
        )
        .order_by("period")
    }
    periods = []
    if first_day is not None:
        first = first_day.replace(day=1) if by_month else week_start(first_day)
        since = first_day if by_month else None
        for period_start, length in _period_starts(first, today, by_month, since):
            row, vol = per_period.get(period_start), volume.get(period_start, {})
            periods.append(
                Period(
                    start=period_start,
                    sessions=row["count"] if row else 0,
                    pain_before=round(row["before"], 1) if row else None,
                    pain_after=round(row["after"], 1) if row else None,
                    repetitions=vol.get("total_repetitions") or 0,
                    hold_seconds=vol.get("total_hold") or 0,
                    days=length,
                )
            )

    rated = [period for period in periods if period.sessions]
    baseline = _weighted_mean(rated[:BASELINE_PERIODS])
    latest = _weighted_mean(rated[-BASELINE_PERIODS:]) if len(rated) > BASELINE_PERIODS else None
    for period in rated[BASELINE_PERIODS:]:
        period.meaningful = is_meaningful(baseline, period.pain_after)

    # Each exercise's name in the active language: cached.UserFigures keeps this per language.
    exercises = list(
        entries.values("exercise__slug", exercise__name=localized("exercise__name"))
        .annotate(
            times=Count("pk"),
            avg_pain_change=Avg(F("session__pain_after") - F("session__pain_before")),
            avg_pain_during=Avg("pain_during"),
            flagged=Count("pk", filter=FLAGGED_ENTRY),
        )
        .order_by("exercise__name")
    )
    return Progress(
        periods=periods,
        days=days,
        exercises=exercises,
        baseline_after=baseline,
        latest_after=latest,
        weekly_goal=weekly_goal,
        by_month=by_month,
    )


def _weeks_of(days: list[dict]) -> dict[datetime.date, dict]:
    """Daily rows (count and average pain) added up into weeks, averages weighted by count."""
    weeks: dict[datetime.date, dict] = {}
    for day in days:
        week = weeks.setdefault(week_start(day["date"]), {"count": 0, "before": 0, "after": 0})
        week["count"] += day["count"]
        week["before"] += day["before"] * day["count"]
        week["after"] += day["after"] * day["count"]
    for week in weeks.values():
        week["before"] /= week["count"]
        week["after"] /= week["count"]
    return weeks


def _as_date(value) -> datetime.date:
    # TruncWeek/TruncMonth of a DateField: a date on PostgreSQL and SQLite, a datetime elsewhere.
    return value.date() if isinstance(value, datetime.datetime) else value
