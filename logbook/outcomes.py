"""Function that matters to the person, measured with the Patient-Specific Functional Scale.

The person names 3 to 5 activities their back makes hard and rates each from 0 (unable) to 10
(as before the problem); the PSFS score is their mean. A change of about 2 points in the mean,
or 3 in one activity, is more than measurement noise (the minimal detectable change; DOMAIN.md).
Backcare asks at the start and then every two weeks.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from logbook.models import FunctionActivity, FunctionCheck, FunctionScore

MIN_ACTIVITIES, MAX_ACTIVITIES = 3, 5
CHECK_EVERY = datetime.timedelta(days=14)
MEANINGFUL_MEAN = 2
MEANINGFUL_ACTIVITY = 3


def function_due(latest: datetime.date | None, today: datetime.date) -> bool:
    """Time for a PSFS check: never done, or the last was two weeks ago or more."""
    return latest is None or today - latest >= CHECK_EVERY


def _meaningful(first: float, latest: float, threshold: int) -> bool:
    """A change at least the threshold, compared as shown (to one decimal): 5.3 - 3.3 is 2."""
    return round(abs(latest - first), 1) >= threshold


def _number(value: float) -> str:
    return number_format(value, decimal_pos=1).removesuffix(".0").removesuffix(",0")


@dataclass(frozen=True)
class Change:
    name: str
    first: float
    latest: float
    meaningful: bool

    @property
    def sentence(self) -> str:
        values = {"name": self.name, "first": _number(self.first), "latest": _number(self.latest)}
        if self.latest == self.first:
            return _("%(name)s: %(latest)s, the same as at first.") % values
        if self.meaningful:
            if self.latest > self.first:
                return (
                    _("%(name)s rose from %(first)s to %(latest)s: a meaningful change.") % values
                )
            return _("%(name)s fell from %(first)s to %(latest)s: a meaningful change.") % values
        return (
            _("%(name)s went from %(first)s to %(latest)s: within everyday ups and downs so far.")
            % values
        )


@dataclass
class FunctionReport:
    activities: list[FunctionActivity]
    checks: list[FunctionCheck]  # oldest first
    changes: list[Change] = field(default_factory=list)

    @property
    def has_data(self) -> bool:
        return bool(self.checks)

    @property
    def latest_date(self) -> datetime.date | None:
        return self.checks[-1].date if self.checks else None

    def rows(self) -> list[dict]:
        """One row per check, newest first: the date, each activity's score and the mean."""
        return [
            {
                "date": check.date,
                "scores": [check.score_of.get(activity.pk) for activity in self.activities],
                "mean": check.mean,
            }
            for check in reversed(self.checks)
        ]

    def chart_data(self) -> dict:
        return {
            "dates": [date_format(check.date, "SHORT_DATE_FORMAT") for check in self.checks],
            "mean": [check.mean for check in self.checks],
            "activities": [
                {
                    "name": activity.name,
                    "scores": [check.score_of.get(activity.pk) for check in self.checks],
                }
                for activity in self.activities
            ],
            "labels": {"mean": _("Mean"), "axis": _("Function (0 unable, 10 as before)")},
        }


def function_report(user) -> FunctionReport:
    """Every PSFS check of the user with its scores, and what changed since the first: three
    queries however long the history."""
    activities = list(FunctionActivity.objects.filter(user=user))
    checks = list(
        FunctionCheck.objects.filter(user=user)
        .order_by("date", "created_at")
        .prefetch_related(Prefetch("scores", queryset=FunctionScore.objects.order_by()))
    )
    for check in checks:
        check.score_of = {score.activity_id: score.score for score in check.scores.all()}
    report = FunctionReport(activities, checks)
    if len(checks) < 2:
        return report
    first, latest = checks[0], checks[-1]
    # The mean's change over the activities rated both times: one added later does not move it.
    both = [pk for pk in first.score_of if pk in latest.score_of]
    if both:
        before = round(sum(first.score_of[pk] for pk in both) / len(both), 1)
        after = round(sum(latest.score_of[pk] for pk in both) / len(both), 1)
        label = (
            _("Your PSFS score (the mean)")
            if len(both) == len(first.score_of) == len(latest.score_of)
            else _("Your PSFS score (the mean of the activities rated both times)")
        )
        report.changes.append(
            Change(label, before, after, _meaningful(before, after, MEANINGFUL_MEAN))
        )
    for activity in activities:
        scores = [check.score_of[activity.pk] for check in checks if activity.pk in check.score_of]
        if len(scores) >= 2:
            report.changes.append(
                Change(
                    activity.name,
                    scores[0],
                    scores[-1],
                    _meaningful(scores[0], scores[-1], MEANINGFUL_ACTIVITY),
                )
            )
    return report
