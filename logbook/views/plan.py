import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.db.models.functions import TruncWeek
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from logbook import services
from logbook.cached import advice_inputs, user_figures
from logbook.calendar import plan_calendar
from logbook.forms import PlanForm, PlanSettingsForm
from logbook.models import Plan, Routine, RoutineItem, Session
from logbook.models.plan import week_start
from logbook.planning import STARTERS, estimated_minutes, starter_minutes, this_week
from logbook.progression import suggestion_for
from logbook.reminders import plan_pk_from_token
from logbook.views.transactions import atomic_writes

ADHERENCE_WEEKS = 8
CALENDAR_LINK = "backcare_calendar_link"


def _get_plan_for_user(request) -> Plan:
    return get_object_or_404(Plan.objects.select_related("routine"), user=request.user)


def _plan_items(plan: Plan) -> list[RoutineItem]:
    if plan.routine_id is None:
        return []
    return list(
        plan.routine.items.select_related("exercise", "exercise__easier_variation")
        .prefetch_related("exercise__harder_variations")
        .order_by("position")
    )


def plan_steps(plan: Plan, items, user, today, figures=None) -> list[tuple[RoutineItem, object]]:
    """Each exercise of the plan with what the care loop says about its planned step; the
    attempts and the trend from the person's cached figures when given (a page, not a change)."""
    if not items:
        return []
    exercise_ids = [item.exercise_id for item in items]
    attempts, prompts = advice_inputs(user, today, exercise_ids, figures)
    return [
        (
            item,
            suggestion_for(
                item,
                attempts.get(item.exercise_id, []),
                precautions=user.precautions,
                prompts=prompts,
                plan=plan,
                today=today,
            ),
        )
        for item in items
    ]


def weeks_kept(user, plan: Plan, today) -> list[dict]:
    """The last weeks since the plan began, newest first: planned days against days with a
    session, as the week strip counts them (one query)."""
    first = max(week_start(plan.started_on), week_start(today) - datetime.timedelta(weeks=7))
    done = {
        row["week"]: row["count"]
        for row in Session.objects.filter(user=user, date__gte=first, date__lte=today)
        .annotate(week=TruncWeek("date"))
        .values("week")
        .annotate(count=Count("date", distinct=True))
    }
    weeks, monday = [], week_start(today)
    while monday >= first and len(weeks) < ADHERENCE_WEEKS:
        count = done.get(monday, 0)
        weeks.append({"start": monday, "done": count, "kept": count >= plan.sessions_per_week})
        monday -= datetime.timedelta(weeks=1)
    return weeks


@login_required
def plan_create(request):
    starter = Routine.objects.filter(key=request.GET.get("start"), key__in=STARTERS).first()
    if starter is None:
        return render(request, "logbook/plan_start.html", {"starters": _starters()})
    form = PlanForm(request.POST if request.method == "POST" else None, starter=starter)
    if form.is_valid():
        try:
            services.plan_create(
                user=request.user,
                starter=starter,
                exercise_ids=form.cleaned_data["exercises"],
                days=form.cleaned_data["days"],
                step_every=form.cleaned_data["step_every"],
                today=request.user.today(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your plan is ready. Today's routine is on the home page."))
            return redirect("logbook:plan")
    return render(request, "logbook/plan_form.html", {"form": form, "starter": starter})


def _starters() -> list[tuple[Routine, str, tuple[int, int]]]:
    routines = (
        Routine.objects.filter(key__in=STARTERS).prefetch_related("items").in_bulk(field_name="key")
    )
    return [
        (routines[key], label, starter_minutes(routines[key].items.all()))
        for key, label in STARTERS.items()
        if key in routines
    ]


@login_required
@atomic_writes
def plan_detail(request):
    plan = Plan.objects.select_related("routine").filter(user=request.user).first()
    if plan is None:
        return redirect("logbook:plan_create")
    today = request.user.today()
    items = _plan_items(plan)
    steps = plan_steps(plan, items, request.user, today, user_figures(request.user, today=today))
    week_dates = Session.objects.filter(
        user=request.user, date__gte=week_start(today), date__lte=today
    ).values_list("date", flat=True)
    form = PlanSettingsForm(request.POST if request.method == "POST" else None, instance=plan)
    if form.is_valid():
        plan = form.save()
        services.plan_goal_sync(user=request.user, days=plan.days)
        messages.success(request, _("Your plan is saved."))
        return redirect("logbook:plan")
    return render(
        request,
        "logbook/plan_detail.html",
        {
            "plan": plan,
            "steps": steps,
            "step_ready": any(suggestion.planned for _item, suggestion in steps),
            "minutes": estimated_minutes(items),
            "week": this_week(plan, today, week_dates),
            "weeks": weeks_kept(request.user, plan, today),
            "form": form,
            "calendar_link": request.session.pop(CALENDAR_LINK, None),
        },
    )


@login_required
@require_POST
def plan_step(request):
    plan = _get_plan_for_user(request)
    today = request.user.today()
    changed = services.plan_step_take(
        plan=plan,
        steps_for=lambda locked: plan_steps(locked, _plan_items(locked), request.user, today),
        today=today,
    )
    if changed:
        messages.success(request, _("This week's step is taken: the new doses are in your plan."))
    else:
        messages.info(request, _("There is no step to take this week."))
    return redirect("logbook:plan")


@login_required
@require_POST
def plan_calendar_link(request):
    plan = _get_plan_for_user(request)
    token = services.calendar_link_new(plan=plan)
    request.session[CALENDAR_LINK] = request.build_absolute_uri(
        reverse("logbook:calendar_feed", kwargs={"token": token})
    )
    return redirect(reverse("logbook:plan") + "#calendar")


@transaction.non_atomic_requests
def calendar_feed(request, token):
    """The plan's calendar (iCalendar), for any calendar app; the secret link is the key."""
    plan = (
        Plan.objects.select_related("user", "routine")
        .filter(calendar_key=services.calendar_key(token))
        .exclude(calendar_key="")
        .first()
    )
    if plan is None:
        raise Http404
    response = HttpResponse(
        plan_calendar(plan, request.build_absolute_uri("/")), content_type="text/calendar"
    )
    response["Cache-Control"] = "private, no-store"
    return response


def reminders_stop(request, token):
    """Stop the e-mail reminders from the link in one: asks first, as mail programs open links."""
    plan = get_object_or_404(Plan, pk=plan_pk_from_token(token))
    if request.method == "POST":
        plan.email_reminders = False
        plan.save(update_fields=["email_reminders", "updated_at"])
        return render(request, "logbook/reminders_stopped.html")
    return render(request, "logbook/reminders_stop.html", {"plan": plan})
