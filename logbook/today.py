"""A signed-in person's home page: today's planned routine, yesterday's next-morning question,
this week against the plan, the latest change in function and in pain, any prompt from the care
loop, and one lesson. A fixed number of queries, whatever the length of the history."""

import datetime
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from logbook.cached import user_figures
from logbook.care import Prompt
from logbook.models import Lesson, Plan, Session
from logbook.models.plan import week_start
from logbook.outcomes import Change, function_due
from logbook.planning import Week, estimated_minutes, this_week

# The session key of "not now" for the function check: the home page stops asking for the day.
FUNCTION_SKIPPED_ON = "backcare_function_skipped_on"


@dataclass
class Today:
    date: datetime.date
    plan: Plan | None
    planned_today: bool = False
    # Today's latest session, and today's latest that hurt or felt too hard: the page never
    # says "well done" over a day with one of those.
    done_today: Session | None = None
    hard_today: Session | None = None
    # The plan's routine was emptied or deleted: nothing to start.
    routine_missing: bool = False
    minutes: int = 0
    week: Week | None = None
    awaiting_check: list[Session] = field(default_factory=list)
    function_due: bool = False
    function_change: Change | None = None
    pain_sentence: str = ""
    prompts: list[Prompt] = field(default_factory=list)
    lesson: Lesson | None = None


def _pain_sentence(report) -> str:
    if report.latest_after is None or report.baseline_after is None:
        return ""
    values = {
        "first": number_format(report.baseline_after, decimal_pos=1),
        "latest": number_format(report.latest_after, decimal_pos=1),
    }
    if report.change_is_meaningful and report.latest_after < report.baseline_after:
        return _("Pain after sessions fell from %(first)s to %(latest)s: a meaningful change.") % (
            values
        )
    if report.change_is_meaningful:
        return _("Pain after sessions rose from %(first)s to %(latest)s.") % values
    return _("Pain after sessions: %(latest)s lately, against %(first)s at first.") % values


def today_for(user, *, today: datetime.date, function_skipped: bool) -> Today:
    plan = Plan.objects.select_related("routine").filter(user=user).first()
    result = Today(date=today, plan=plan)
    # This week's sessions and yesterday's (for its next-morning question), with their entries.
    recent = list(
        Session.objects.filter(user=user, date__lte=today)
        .filter(date__gte=min(week_start(today), today - datetime.timedelta(days=1)))
        .prefetch_related("entries")
    )
    if plan is not None:
        items = list(plan.routine.items.all()) if plan.routine_id else []
        result.minutes = estimated_minutes(items) if items else 0
        result.planned_today = plan.is_plan_day(today) and bool(items)
        result.routine_missing = not items
        week_dates = [s.date for s in recent if s.date >= week_start(today)]
        result.week = this_week(plan, today, week_dates)
    todays = sorted((s for s in recent if s.date == today), key=lambda s: s.created_at)
    result.done_today = todays[-1] if todays else None
    result.hard_today = next(
        (s for s in reversed(todays) if s.is_flagged or s.effort == Session.Effort.TOO_HARD),
        None,
    )
    yesterday = today - datetime.timedelta(days=1)
    result.awaiting_check = [s for s in recent if s.date == yesterday and not s.next_morning]
    figures = user_figures(user, today=today)
    report = figures.function_report()
    result.function_due = not function_skipped and function_due(report.latest_date, today)
    result.function_change = report.changes[0] if report.changes else None
    result.pain_sentence = _pain_sentence(figures.progress("12"))
    result.prompts = figures.care_prompts()
    result.lesson = figures.next_lesson(max(recent, key=lambda s: s.date, default=None))
    return result
