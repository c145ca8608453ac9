"""The clinician report: one page a physiotherapist or GP can read in a minute.

For a period of 4, 12 or 26 weeks: the routine and its doses, sessions per week against the plan,
pain before and after by week with meaningful changes marked (logbook/pain.is_meaningful), the
function checks (PSFS), every flagged exercise and worse next morning with its date, and the
session notes the person chose to include. The page, its PDF (logbook/report_pdf.py) and a share
link all read this one object, so the three never disagree.
"""

import datetime
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from logbook.cached import UserFigures, user_figures
from logbook.models import REPORT_WEEKS, ExerciseEntry, Plan, Session
from logbook.outcomes import FunctionReport
from logbook.progress import Progress, range_start
from logbook.report_charts import pain_chart, sessions_chart

DEFAULT_WEEKS = 12


def report_weeks(value) -> int:
    """The period asked for, or the default for anything else."""
    try:
        weeks = int(value)
    except (TypeError, ValueError):
        return DEFAULT_WEEKS
    return weeks if weeks in REPORT_WEEKS else DEFAULT_WEEKS


@dataclass(frozen=True)
class RoutineLine:
    exercise: str
    dose: str


@dataclass(frozen=True)
class Event:
    date: datetime.date
    what: str


@dataclass
class FlaggedExercise:
    """One exercise's flagged entries in the period, oldest first: a clinician sees at once
    which exercise keeps hurting."""

    exercise: str
    events: list[Event]


@dataclass
class Report:
    person: str
    weeks: int
    start: datetime.date
    end: datetime.date
    progress: Progress
    planned_per_week: int
    has_plan: bool
    routine_name: str
    routine: list[RoutineLine]
    function: FunctionReport
    flagged: list[FlaggedExercise]
    worse_mornings: list[datetime.date]
    notes: list[Event]
    chart: dict = field(default_factory=dict)
    sessions_chart: dict = field(default_factory=dict)

    @property
    def sessions(self) -> int:
        return sum(week.sessions for week in self.progress.periods)

    @property
    def weeks_kept(self) -> int:
        return sum(week.sessions >= self.planned_per_week for week in self.progress.periods)

    @property
    def kept_summary(self) -> str:
        """Sessions against the plan (or the weekly goal without one), e.g. "9 sessions. The
        plan asks for 3 a week; 2 of 4 weeks reached it."."""
        values = {
            "sessions": self.sessions,
            "planned": self.planned_per_week,
            "kept": self.weeks_kept,
            "total": len(self.progress.periods),
        }
        logged = ngettext("%(sessions)s session.", "%(sessions)s sessions.", self.sessions)
        if self.has_plan:
            target = _(
                "The plan asks for %(planned)s a week; %(kept)s of %(total)s weeks reached it."
            )
        else:
            target = _("The weekly goal is %(planned)s; %(kept)s of %(total)s weeks reached it.")
        return f"{logged % values} {target % values}"

    @property
    def pain_chart_caption(self) -> str:
        return _(
            "Weekly average, 0 to 10. Solid line: after sessions; dashed: before. A ring marks "
            "a week whose pain after differs meaningfully from the first weeks (at least 2 "
            "points or 30%)."
        )

    @property
    def sessions_chart_caption(self) -> str:
        values = {"planned": self.planned_per_week}
        if self.has_plan:
            return (
                _(
                    "Sessions each week; the dotted line is the plan's %(planned)s a week, and a "
                    "dark bar a week that reached it."
                )
                % values
            )
        return (
            _(
                "Sessions each week; the dotted line is the weekly goal of %(planned)s, and a dark "
                "bar a week that reached it."
            )
            % values
        )

    @property
    def pain_summary(self) -> str:
        """The change in weekly pain after sessions, from the first weeks to the latest."""
        baseline, latest = self.progress.baseline_after, self.progress.latest_after
        if baseline is None:
            return _("No sessions were logged in this period.")
        if latest is None:
            return _(
                "Pain after sessions averaged %(baseline)s out of 10; too few weeks to show a "
                "change yet."
            ) % {"baseline": number_format(baseline, decimal_pos=1)}
        values = {
            "baseline": number_format(baseline, decimal_pos=1),
            "latest": number_format(latest, decimal_pos=1),
        }
        if not self.progress.change_is_meaningful:
            return (
                _(
                    "Pain after sessions went from %(baseline)s to %(latest)s out of 10 (first "
                    "two weeks with sessions against the last two): within everyday ups and downs."
                )
                % values
            )
        if latest < baseline:
            return (
                _(
                    "Pain after sessions fell from %(baseline)s to %(latest)s out of 10 (first "
                    "two weeks with sessions against the last two): a meaningful change."
                )
                % values
            )
        return (
            _(
                "Pain after sessions rose from %(baseline)s to %(latest)s out of 10 (first two "
                "weeks with sessions against the last two): a meaningful change."
            )
            % values
        )


def note_choices(
    user, *, weeks: int, today: datetime.date, figures: UserFigures | None = None
) -> list[Session]:
    """The sessions of the period with a note, newest first, for the person to pick from."""
    start = range_start(today, str(weeks))

    def compute() -> list[Session]:
        return list(
            Session.objects.filter(user=user, date__gte=start, date__lte=today)
            .exclude(notes="")
            .order_by("-date", "-started_at")
            .only("pk", "date", "notes")
        )

    figures = figures or user_figures(user, today=today)
    return figures.get(("note-choices", weeks), compute)


def _flagged_and_worse(user, start, today) -> tuple[list[FlaggedExercise], list[datetime.date]]:
    """The period's flagged exercises (the most flagged first) and worse next mornings."""
    in_period = {"date__gte": start, "date__lte": today}
    flagged: dict[str, FlaggedExercise] = {}
    for entry in (
        ExerciseEntry.objects.flagged()
        .filter(session__user=user, **{f"session__{k}": v for k, v in in_period.items()})
        .select_related("session", "exercise")
        .order_by("session__date", "position")
    ):
        group = flagged.setdefault(entry.exercise.name, FlaggedExercise(entry.exercise.name, []))
        group.events.append(Event(entry.session.date, _flag_text(entry)))
    worse = list(
        Session.objects.filter(user=user, next_morning=Session.NextMorning.WORSE, **in_period)
        .order_by("date")
        .values_list("date", flat=True)
    )
    by_count = sorted(flagged.values(), key=lambda group: (-len(group.events), group.exercise))
    return by_count, worse


def clinician_report(
    user,
    *,
    weeks: int,
    today: datetime.date,
    note_sessions=(),
    figures: UserFigures | None = None,
) -> Report:
    """The report of the period. What depends on the logbook alone (progress, flagged
    exercises, worse mornings) comes from the person's cached figures."""
    start = range_start(today, str(weeks))
    figures = figures or user_figures(user, today=today)
    plan = Plan.objects.select_related("routine").filter(user=user).first()
    routine_name, routine = "", []
    if plan is not None and plan.routine_id is not None:
        routine_name = plan.routine.name
        routine = [
            RoutineLine(item.exercise.name, item.dose.text)
            for item in plan.routine.items.select_related("exercise").order_by("position")
        ]
    # Exercise names and the flags' words are in the page's language.
    flagged, worse = figures.get(
        ("report-events", weeks, get_language()), lambda: _flagged_and_worse(user, start, today)
    )
    chosen = [pk for pk in note_sessions if isinstance(pk, int)]
    notes = (
        [
            Event(session.date, session.notes)
            for session in Session.objects.filter(
                user=user, pk__in=chosen, date__gte=start, date__lte=today
            )
            .exclude(notes="")
            .order_by("date", "started_at")
        ]
        if chosen
        else []
    )
    figures_of_period = figures.progress(str(weeks))
    report = Report(
        person=user.get_username(),
        weeks=weeks,
        start=start,
        end=today,
        progress=figures_of_period,
        planned_per_week=plan.sessions_per_week if plan else user.weekly_goal,
        has_plan=plan is not None,
        routine_name=routine_name,
        routine=routine,
        function=figures.function_report(),
        flagged=flagged,
        worse_mornings=worse,
        notes=notes,
    )
    report.chart = pain_chart(figures_of_period)
    report.sessions_chart = sessions_chart(figures_of_period, report.planned_per_week)
    return report


def _flag_text(entry: ExerciseEntry) -> str:
    if entry.sharp_pain:
        return _("sharp pain, %(pain)s/10 during") % {"pain": entry.pain_during}
    return _("pain %(pain)s/10 during") % {"pain": entry.pain_during}
