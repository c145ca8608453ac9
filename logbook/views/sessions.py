import re
import uuid
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import slug_re
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from exercises.dosage import Dose
from exercises.models import Exercise
from logbook import services
from logbook.cached import user_figures
from logbook.care import next_lesson
from logbook.forms import (
    ENTRY_PREFIX,
    EntryForm,
    EntryFormSet,
    NextMorningForm,
    SessionForm,
)
from logbook.models import MAX_ENTRIES, ExerciseEntry, Routine, Session
from logbook.offline import keep_offline
from logbook.progression import effort_advice, session_advice
from logbook.services import ENTRY_FIELDS, SESSION_FIELDS
from logbook.views.outbox import OUTBOX_HEADER, outbox_post
from logbook.views.transactions import atomic_writes

SESSIONS_PER_PAGE = 20
POSTED_SESSION_FIELDS = [*SESSION_FIELDS, "submission_token"]
# What the form shows of the library: names and categories, and the suggested doses.
PICKER_FIELDS = [
    "name",
    "name_de",
    "category",
    "sets",
    "repetitions_min",
    "repetitions_max",
    "hold_seconds_min",
    "hold_seconds_max",
    "per_side",
    "frequency",
]


def _sessions_with_entries(user):
    entries = ExerciseEntry.objects.select_related("exercise", "exercise__easier_variation")
    return Session.objects.filter(user=user).prefetch_related(Prefetch("entries", queryset=entries))


def _get_session_for_user(request, pk) -> Session:
    # Its entries as stored: the form, log again and the delete page need no exercise rows.
    sessions = Session.objects.filter(user=request.user).prefetch_related("entries")
    return get_object_or_404(sessions, pk=pk)


@login_required
@atomic_writes
def session_list(request):
    today = request.user.today()
    number = request.GET.get("page", "")
    number = number if re.fullmatch(r"[0-9]{1,6}", number) else "1"

    def render_page() -> dict:
        # Only each exercise's name (in each language) is shown: its content (steps, poses)
        # stays in the database.
        entries = ExerciseEntry.objects.select_related("exercise").only(
            *(field.name for field in ExerciseEntry._meta.concrete_fields),
            "exercise__name",
            "exercise__name_de",
        )
        sessions = Session.objects.filter(user=request.user).prefetch_related(
            Prefetch("entries", queryset=entries)
        )
        page = Paginator(sessions, SESSIONS_PER_PAGE).get_page(number)
        return {
            "html": render_to_string("logbook/includes/session_list_page.html", {"page": page}),
            # Yesterday's sessions on this page still waiting for their next-morning check
            # (recording it changes the logbook, and so this entry).
            "awaiting_check": [
                session
                for session in page
                if not session.next_morning and (today - session.date).days == 1
            ],
        }

    # The first page, the one opened every day, is written once per language until the
    # logbook changes; older pages are rarer and are not kept (the entry stays small).
    if number == "1":
        listing = user_figures(request.user, today=today).get(
            ("sessions", get_language()), render_page
        )
    else:
        listing = render_page()
    return render(
        request,
        "logbook/session_list.html",
        {
            "sessions_html": listing["html"],
            "awaiting_check": listing["awaiting_check"],
            "next_morning_form": NextMorningForm(),
        },
    )


@login_required
@atomic_writes
def session_detail(request, pk):
    # The routine's doses: what "next time" advice lowers (logbook/progression.py).
    session = get_object_or_404(
        _sessions_with_entries(request.user)
        .select_related("routine")
        .prefetch_related("routine__items"),
        pk=pk,
    )
    return render(
        request,
        "logbook/session_detail.html",
        {
            "session": session,
            "safety_advice": session_advice(session),
            "effort_advice": effort_advice(session),
            "lesson": next_lesson(request.user, session),
            "can_check_next_morning": session.can_check_next_morning(request.user.today()),
            "next_morning_form": NextMorningForm(instance=session),
        },
    )


@login_required
@atomic_writes
@keep_offline
def session_create(request):
    if request.method == "POST" and request.headers.get(OUTBOX_HEADER) == "1":
        return outbox_post(request)
    if request.method == "POST":
        return _session_form_post(request, session=None)
    entries, routine = [], None
    if routine_pk := _int_or_none(request.GET.get("routine")):
        routine = Routine.objects.visible_to(request.user).filter(pk=routine_pk).first()
    if routine is not None:
        entries = [entry_initial(item.exercise_id, item.dose) for item in routine.items.all()]
    elif exercise := _exercise_named_by(request.GET.get("exercise", "")):
        entries.append(entry_initial(exercise.pk, exercise.starting_dose))
    return _render_session_form(
        request,
        session=None,
        entries=entries,
        session_initial=_new_session_initial(request, routine=routine),
    )


@login_required
@atomic_writes
def session_repeat(request, pk):
    """Log again: a new session for today with a past session's exercises."""
    source = _get_session_for_user(request, pk)
    entries = [entry_initial(entry.exercise_id, entry.dose) for entry in source.entries.all()]
    return _render_session_form(
        request,
        session=None,
        entries=entries,
        session_initial=_new_session_initial(request, routine=source.routine_id),
    )


@login_required
@atomic_writes
def session_update(request, pk):
    session = _get_session_for_user(request, pk)
    if request.method == "POST":
        return _session_form_post(request, session=session)
    entries = [
        {
            **entry_initial(entry.exercise_id, entry.dose),
            "pain_during": entry.pain_during,
            "sharp_pain": entry.sharp_pain,
            "status": entry.status,
        }
        for entry in session.entries.all()
    ]
    return _render_session_form(request, session=session, entries=entries)


@login_required
def session_delete(request, pk):
    session = _get_session_for_user(request, pk)
    if request.method == "POST":
        session.delete()
        messages.success(
            request,
            _("The session of %(date)s was deleted.")
            % {"date": date_format(session.date, "SHORT_DATE_FORMAT")},
        )
        return redirect("logbook:session_list")
    return render(request, "logbook/session_confirm_delete.html", {"session": session})


@login_required
@require_POST
def session_next_morning(request, pk):
    session = _get_session_for_user(request, pk)
    form = NextMorningForm(request.POST, instance=session)
    if not session.can_check_next_morning(request.user.today()):
        messages.error(
            request, _("You can record the next-morning check from the day after the session.")
        )
    elif form.is_valid():
        form.save()
        messages.success(request, _("Thank you: your next-morning check is saved."))
    else:
        messages.error(request, _("Choose better, about the same or worse."))
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect(session)


def _new_session_initial(request, *, routine=None) -> dict:
    return {"date": request.user.today(), "submission_token": uuid.uuid4(), "routine": routine}


def _render_session_form(request, *, session, entries, session_initial=None, focus_entry=None):
    form = SessionForm(instance=session, initial=session_initial or {}, user=request.user)
    formset = EntryFormSet(prefix=ENTRY_PREFIX, initial=entries)
    return _render(request, session, form, formset, focus_entry=focus_entry)


@dataclass
class EntryCard:
    """One exercise on the form: its fields, and the library exercise its card is about."""

    form: EntryForm
    exercise: Exercise | None
    index: int
    focused: bool

    @property
    def number(self) -> int:
        return self.index + 1


def _render(request, session, form, formset, *, focus_entry=None):
    # The library once for the whole form: each entry's name and dose, and the picker's groups.
    library = list(Exercise.objects.in_display_order().only(*PICKER_FIELDS))
    by_id = {str(exercise.pk): exercise for exercise in library}
    cards = [
        EntryCard(
            entry_form,
            by_id.get(str(entry_form["exercise"].value())),
            index,
            focused=index == focus_entry,
        )
        for index, entry_form in enumerate(formset)
    ]
    categories = dict(Exercise.Category.choices)
    groups: dict[str, list[Exercise]] = {}
    for exercise in library:
        groups.setdefault(categories[exercise.category], []).append(exercise)
    return render(
        request,
        "logbook/session_form.html",
        {
            "session": session,
            "form": form,
            "formset": formset,
            "cards": cards,
            "library_groups": groups.items(),
            "can_add": len(cards) < MAX_ENTRIES,
            # A new form (not one sent back with its errors) takes a new token in the browser:
            # a copy kept for offline use must not reuse the token of a session already sent.
            "new_token": session is None and request.method == "GET",
        },
    )


def _session_form_post(request, *, session):
    """Save, or (for the add / remove buttons) redisplay the form with every typed value kept."""
    if "add" in request.POST or "remove" in request.POST:
        return _edit_entries(request, session)
    form = SessionForm(request.POST, instance=session, user=request.user)
    formset = EntryFormSet(request.POST, prefix=ENTRY_PREFIX)
    if form.is_valid() and formset.is_valid():
        fields = form.cleaned_data
        entries = [entry_form.cleaned_data for entry_form in formset]
        try:
            if session is None:
                session, created = services.session_create(
                    user=request.user,
                    fields=fields,
                    entries=entries,
                    submission_token=fields.get("submission_token"),
                )
                if not created:
                    messages.info(request, _("This session was already saved; it is shown below."))
                    return redirect(session)
            else:
                services.session_update(session=session, fields=fields, entries=entries)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Session saved."))
            return redirect(session)
    return _render(request, session, form, formset)


def _edit_entries(request, session):
    entries = posted_entries(request.POST)
    focus_entry = None
    if "add" in request.POST:
        exercise = Exercise.objects.filter(
            pk=_int_or_none(request.POST.get("add_exercise"))
        ).first()
        if exercise is None:
            messages.error(request, _("Choose an exercise from the list, then press Add."))
        elif len(entries) >= MAX_ENTRIES:
            messages.error(
                request, _("A session can hold at most %(num)d exercises.") % {"num": MAX_ENTRIES}
            )
        else:
            entries.append(entry_initial(exercise.pk, exercise.starting_dose))
            focus_entry = len(entries) - 1
            messages.info(request, _("Added %(name)s.") % {"name": exercise.name})
    else:
        index = _int_or_none(request.POST.get("remove"))
        if index is not None and 0 <= index < len(entries):
            entries.pop(index)
            messages.info(request, _("Removed the exercise."))
    return _render_session_form(
        request,
        session=session,
        entries=entries,
        session_initial=posted_session(request.POST),
        focus_entry=focus_entry,
    )


def _exercise_named_by(slug: str) -> Exercise | None:
    """The library exercise a link names; a malformed slug (even a NUL byte) is not looked up."""
    return Exercise.objects.filter(slug=slug).first() if slug_re.match(slug) else None


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def entry_initial(exercise_id: int, dose: Dose) -> dict:
    """A new entry for the exercise at the given dose; pain is asked afresh.

    The dose is the library's starting dose, a routine's, or a past entry's (Log again).
    """
    return {
        "exercise": exercise_id,
        "sets": dose.sets,
        "repetitions": dose.repetitions[0],
        "hold_seconds": dose.hold_seconds[0] if dose.hold_seconds else None,
        "side": dose.side,
        "status": ExerciseEntry.Status.COMPLETED,
    }


def posted_entries(data) -> list[dict]:
    """The entries as typed, read from a posted form that is being edited, not yet saved."""
    try:
        total = max(0, min(int(data.get(f"{ENTRY_PREFIX}-TOTAL_FORMS", 0)), MAX_ENTRIES))
    except (TypeError, ValueError):
        total = 0
    entries = []
    for index in range(total):
        prefix = f"{ENTRY_PREFIX}-{index}-"
        entry = {name: data.get(prefix + name, "") for name in ENTRY_FIELDS}
        entry["sharp_pain"] = prefix + "sharp_pain" in data
        entries.append(entry)
    return entries


def posted_session(data) -> dict:
    return {name: data.get(name, "") for name in POSTED_SESSION_FIELDS}
