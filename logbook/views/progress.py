from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from logbook.care import care_prompts
from logbook.models import Plan
from logbook.outcomes import function_report
from logbook.progress import DEFAULT_RANGE, RANGES, user_progress


@login_required
def progress_view(request):
    range_key = request.GET.get("weeks", DEFAULT_RANGE)
    if range_key not in RANGES:
        range_key = DEFAULT_RANGE
    today = request.user.today()
    report = user_progress(request.user, today=today, range_key=range_key)
    return render(
        request,
        "logbook/progress.html",
        {
            "progress": report,
            "range_key": range_key,
            "ranges": RANGES,
            "chart_data": progress_chart_data(report),
            "care_prompts": care_prompts(request.user, today),
            "function": function_report(request.user),
            "has_plan": Plan.objects.filter(user=request.user).exists(),
        },
    )


def progress_chart_data(report) -> dict:
    """What static/js/progress.js draws; the page shows the same numbers in tables."""
    return {
        "labels": {
            "before": _("Weekly average before"),
            "after": _("Weekly average after"),
            "daily": _("Each day, after"),
            "pain": _("Pain (0–10)"),
            "sessions": _("Sessions"),
            "goal": _("Your weekly goal"),
            "repetitions": _("Repetitions"),
            "holdMinutes": _("Minutes of holds"),
        },
        "weeks": [week.start.isoformat() for week in report.weeks],
        "painBefore": [week.pain_before for week in report.weeks],
        "painAfter": [week.pain_after for week in report.weeks],
        "sessions": [week.sessions for week in report.weeks],
        "goal": report.weekly_goal,
        "repetitions": [week.repetitions for week in report.weeks],
        "holdMinutes": [round(week.hold_seconds / 60, 1) for week in report.weeks],
        "days": [
            {"date": day["date"].isoformat(), "before": day["before"], "after": day["after"]}
            for day in report.days
        ],
    }
