from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from logbook.cached import user_figures
from logbook.models import Plan
from logbook.progress import DEFAULT_RANGE, RANGES
from logbook.views.transactions import atomic_writes


@login_required
@atomic_writes
def progress_view(request):
    range_key = request.GET.get("weeks", DEFAULT_RANGE)
    if range_key not in RANGES:
        range_key = DEFAULT_RANGE
    today = request.user.today()
    figures = user_figures(request.user, today=today)
    report = figures.progress(range_key)
    has_plan = Plan.objects.filter(user=request.user).exists()

    def render_figures() -> str:
        # The tables and the charts' data of a long history take longer to write than to
        # read: written once per range and language until the logbook changes.
        return render_to_string(
            "logbook/includes/progress_figures.html",
            {"progress": report, "chart_data": progress_chart_data(report), "has_plan": has_plan},
        )

    return render(
        request,
        "logbook/progress.html",
        {
            "progress": report,
            "figures": figures.get(("page", range_key, get_language(), has_plan), render_figures)
            if report.has_data
            else "",
            "range_key": range_key,
            "ranges": RANGES,
            "care_prompts": figures.care_prompts(),
            "function": figures.function_report(),
            "has_plan": has_plan,
        },
    )


def progress_chart_data(report) -> dict:
    """What static/js/progress.js draws; the page shows the same numbers in tables, and the
    chart's dates are written as the tables write them."""
    label_format = "SHORT_YEAR_MONTH_FORMAT" if report.by_month else "SHORT_DATE_FORMAT"
    return {
        "labels": {
            "before": _("Monthly average before")
            if report.by_month
            else _("Weekly average before"),
            "after": _("Monthly average after") if report.by_month else _("Weekly average after"),
            "daily": _("Each day, after"),
            "pain": _("Pain (0–10)"),
            "sessions": _("Sessions a week, on average") if report.by_month else _("Sessions"),
            "goal": _("Your weekly goal"),
            "repetitions": _("Repetitions"),
            "holdMinutes": _("Minutes of holds"),
        },
        "periods": [date_format(period.start, label_format) for period in report.periods],
        "painBefore": [period.pain_before for period in report.periods],
        "painAfter": [period.pain_after for period in report.periods],
        "sessions": [
            period.sessions_per_week if report.by_month else period.sessions
            for period in report.periods
        ],
        "goal": report.weekly_goal,
        "repetitions": [period.repetitions for period in report.periods],
        "holdMinutes": [period.hold_minutes for period in report.periods],
        # Each day's point sits within its week: days since the first week's Monday, over 7.
        "days": [
            {
                "x": (day["date"] - report.periods[0].start).days / 7,
                "before": day["before"],
                "after": day["after"],
            }
            for day in report.days
        ],
    }
