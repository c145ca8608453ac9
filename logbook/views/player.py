import uuid

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from exercises.dosage import Side
from logbook.forms import ENTRY_FIELDS, ENTRY_PREFIX, EntryFormSet, SessionForm
from logbook.models import ExerciseEntry, Session
from logbook.pain import PAIN_MAX, PAIN_MIN
from logbook.progression import ease_off
from logbook.views.routines import _get_routine_for_user

REST_SECONDS = 10


def _player_item(item) -> dict:
    return {
        "exercise": item.exercise_id,
        "name": item.exercise.name,
        "url": item.exercise.get_absolute_url(),
        "dosage": item.dosage_text,
        "steps": [step.text for step in item.exercise.steps.all()],
        "sets": item.sets,
        "repetitions": item.repetitions,
        "holdSeconds": item.hold_seconds,
        "perSide": item.per_side,
        "ifItHurts": ease_off(item.exercise, item.dose).what,
    }


def _contract(session_form: SessionForm) -> dict:
    """The names and values the player posts, taken from the forms that will read them."""
    entries = EntryFormSet(prefix=ENTRY_PREFIX)
    empty_entry = entries.empty_form
    return {
        "fields": {
            "painBefore": session_form["pain_before"].html_name,
            "painAfter": session_form["pain_after"].html_name,
            "effort": session_form["effort"].html_name,
            "totalForms": entries.management_form["TOTAL_FORMS"].html_name,
            "initialForms": entries.management_form["INITIAL_FORMS"].html_name,
        },
        "entryFields": {name: empty_entry[name].html_name for name in ENTRY_FIELDS},
        "prefixPlaceholder": "__prefix__",
        "checked": "on",
        "status": {
            "completed": ExerciseEntry.Status.COMPLETED,
            "stopped": ExerciseEntry.Status.STOPPED,
        },
        "side": {
            "both": Side.BOTH,
            "left": Side.LEFT,
            "right": Side.RIGHT,
            "none": Side.NOT_APPLICABLE,
        },
    }


@login_required
def routine_play(request, pk):
    """The guided player. static/js/player.js walks through the routine and posts the session to
    the logbook's own form view, so the same service saves it as a session typed in by hand."""
    routine = _get_routine_for_user(request, pk)
    items = [_player_item(item) for item in routine.items.all()]
    session_form = SessionForm(user=request.user)
    player = {
        "routine": routine.pk,
        "storageKey": f"backcare-player-{request.user.pk}-{routine.pk}",
        # A saved player state only resumes for the same exercises and doses.
        "signature": [
            [item["exercise"], item["sets"], item["repetitions"], item["holdSeconds"]]
            for item in items
        ],
        # Tokens of sessions already saved from this routine: a state that reached the server
        # is finished, whatever the browser remembers.
        "savedTokens": [
            str(token)
            for token in Session.objects.filter(user=request.user, routine=routine)
            .order_by("-created_at")
            .values_list("submission_token", flat=True)[:10]
        ],
        "restSeconds": REST_SECONDS,
        "items": items,
        "contract": _contract(session_form),
        "words": _player_words(),
    }
    hidden_fields = {
        session_form["date"].html_name: request.user.today().isoformat(),
        session_form["routine"].html_name: routine.pk,
        session_form["submission_token"].html_name: uuid.uuid4(),
        session_form["notes"].html_name: _("Guided session"),
    }
    return render(
        request,
        "logbook/routine_play.html",
        {
            "routine": routine,
            "player": player,
            "hidden_fields": hidden_fields,
            "pain_scale": range(PAIN_MIN, PAIN_MAX + 1),
            "effort_choices": Session.Effort.choices,
        },
    )


def _player_words() -> dict:
    """Words static/js/player.js shows or announces, translated here; {name} marks a value."""
    return {
        "startHold": _("Start the hold"),
        "pause": _("Pause"),
        "resume": _("Resume"),
        "left": _("Left"),
        "right": _("Right"),
        "sideRepOf": _("{side}, {n} of {total}"),
        "repOf": _("Repetition {n} of {total}"),
        "setOf": _("Set {n} of {total}"),
        "exerciseOf": _("Exercise {n} of {total}"),
        "holdFor": _("{counter}. Hold for {seconds} seconds."),
        "secondsLeft": _("{seconds} seconds left."),
        "release": _("Release and breathe."),
        "paused": _("Paused."),
        "upNext": _("Up next: {name}."),
        "restFor": _("Rest for {seconds} seconds."),
        "restored": _("Your session was restored where you left it."),
        "discardConfirm": _("Discard this session? Nothing from it will be saved."),
    }
