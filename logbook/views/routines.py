import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from exercises.precautions import precaution_messages
from exercises.translation import localized
from logbook import services
from logbook.cached import advice_inputs, user_figures
from logbook.models import ExerciseEntry, Plan, Routine, RoutineItem, Session
from logbook.offline import keep_offline
from logbook.progression import suggestion_for
from logbook.routine_forms import RoutineForm
from logbook.views.transactions import atomic_writes

CHART_SESSIONS = 30


def _items():
    return Prefetch(
        "items",
        queryset=RoutineItem.objects.select_related(
            "exercise", "exercise__easier_variation"
        ).prefetch_related("exercise__steps", "exercise__harder_variations"),
    )


def _get_routine_for_user(request, pk) -> Routine:
    """A routine the user may see: curated, or their own."""
    return get_object_or_404(
        Routine.objects.visible_to(request.user).prefetch_related(_items()), pk=pk
    )


def _get_own_routine(request, pk) -> Routine:
    """A routine the user may change: their own only, with its items' exercises (the editor
    shows their names and suggested doses, not their steps or variations)."""
    items = Prefetch("items", queryset=RoutineItem.objects.select_related("exercise"))
    return get_object_or_404(
        Routine.objects.filter(owner=request.user).prefetch_related(items), pk=pk
    )


def _get_own_item(request, pk, item_pk) -> RoutineItem:
    return get_object_or_404(
        RoutineItem.objects.select_related(
            "routine", "exercise", "exercise__easier_variation"
        ).prefetch_related("exercise__harder_variations"),
        pk=item_pk,
        routine_id=pk,
        routine__owner=request.user,
    )


@login_required
@atomic_writes
@keep_offline
def routine_list(request):
    routines = (
        Routine.objects.visible_to(request.user)
        .annotate(item_count=Count("items"))
        .order_by("owner_id", localized("name"))
    )
    return render(
        request,
        "logbook/routine_list.html",
        {
            "curated": [r for r in routines if r.is_curated],
            "own": [r for r in routines if not r.is_curated],
        },
    )


@login_required
@atomic_writes
@keep_offline
def routine_detail(request, pk):
    routine = _get_routine_for_user(request, pk)
    items = list(routine.items.all())
    figures = user_figures(request.user, today=request.user.today())
    for item, suggestion in _suggestions(request, items, figures=figures):
        item.suggestion = suggestion
        item.precaution_messages = precaution_messages(
            item.exercise.precautions, request.user.precautions
        )
    history = figures.progress("12", routine)
    return render(
        request,
        "logbook/routine_detail.html",
        {
            "routine": routine,
            "items": items,
            "is_owner": routine.is_owned_by(request.user),
            "copy_token": uuid.uuid4(),
            # Written once per language until the logbook changes, as the progress page's.
            "history_html": figures.get(
                ("routine", routine.pk, get_language()),
                lambda: _history_html(request.user, routine, history),
            ),
        },
    )


def _history_html(user, routine, history) -> str:
    """The routine page's history column: the latest sessions, newest first, with only what
    their flags need from their entries, a chart spaced by date and the weeks."""
    recent = list(
        Session.objects.filter(user=user, routine=routine, date__lte=user.today()).prefetch_related(
            Prefetch(
                "entries",
                queryset=ExerciseEntry.objects.only("session_id", "pain_during", "sharp_pain"),
            )
        )[:CHART_SESSIONS]
    )
    first = recent[-1].date if recent else None
    chart_data = {
        # x: the number of days since the first session shown.
        "sessions": [
            {
                "x": (session.date - first).days,
                "date": date_format(session.date, "SHORT_DATE_FORMAT"),
                "before": session.pain_before,
                "after": session.pain_after,
            }
            for session in reversed(recent)
        ],
        "labels": {"before": _("Pain before"), "after": _("Pain after"), "pain": _("Pain (0–10)")},
    }
    return render_to_string(
        "logbook/includes/routine_history.html",
        {"history": history, "recent_sessions": recent, "chart_data": chart_data},
    )


def _suggestions(request, items, figures=None) -> list[tuple[RoutineItem, object]]:
    """Each item with its advice (logbook/progression), in four queries: recent attempts (two),
    the plan, whose routine follows the plan's schedule, and the care prompts' trend. Given the
    person's cached figures (a page, not a change), the attempts and the trend come from them."""
    if not items:
        return []
    user, today = request.user, request.user.today()
    exercise_ids = [item.exercise_id for item in items]
    recent, prompts = advice_inputs(user, today, exercise_ids, figures)
    plan = Plan.objects.filter(user=user).first()
    return [
        (
            item,
            suggestion_for(
                item,
                recent.get(item.exercise_id, []),
                precautions=user.precautions,
                prompts=prompts,
                plan=plan,
                today=today,
            ),
        )
        for item in items
    ]


@login_required
def routine_create(request):
    form = RoutineForm(request.POST or None, initial={"submission_token": uuid.uuid4()})
    if request.method == "POST" and form.is_valid():
        routine = services.routine_create(
            user=request.user,
            name=form.cleaned_data["name"],
            description=form.cleaned_data["description"],
            submission_token=form.cleaned_data["submission_token"],
        )
        messages.success(request, _("Routine created. Now add its exercises."))
        return redirect("logbook:routine_update", pk=routine.pk)
    return render(request, "logbook/routine_form.html", {"form": form})


@login_required
def routine_delete(request, pk):
    routine = _get_own_routine(request, pk)
    if request.method == "POST":
        routine.delete()
        messages.success(request, _("The routine %(name)s was deleted.") % {"name": routine.name})
        return redirect("logbook:routine_list")
    return render(request, "logbook/routine_confirm_delete.html", {"routine": routine})


@login_required
@require_POST
def routine_copy(request, pk):
    source = _get_routine_for_user(request, pk)
    token = request.POST.get("submission_token", "")
    copy = services.routine_copy(
        user=request.user, source=source, submission_token=_uuid_or_none(token)
    )
    messages.success(
        request,
        _("This is your own copy of %(name)s: adjust it as you like.") % {"name": source.name},
    )
    return redirect("logbook:routine_update", pk=copy.pk)


def _uuid_or_none(value):
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


@login_required
@require_POST
def suggestion_accept(request, pk, item_pk):
    item = _get_own_item(request, pk, item_pk)
    [(_item, suggestion)] = _suggestions(request, [item])
    if suggestion.planned:
        # A planned step is taken for the whole routine at once, on the plan page.
        messages.info(request, _("Take this week's planned step on your plan page."))
        return redirect("logbook:plan")
    if not suggestion.changes_anything or request.POST.get("suggestion") != suggestion.signature:
        # A second click, or a page older than the routine: apply nothing the person did not see.
        messages.info(
            request,
            _("The suggestion for %(name)s has changed; here is the current one.")
            % {"name": item.exercise.name},
        )
    else:
        services.routine_item_apply(item=item, suggestion=suggestion)
        messages.success(
            request,
            _("Updated %(name)s: %(dose)s.")
            % {"name": item.exercise.name, "dose": item.dosage_text},
        )
    return redirect(item.routine)
