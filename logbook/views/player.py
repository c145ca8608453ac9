import uuid

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from exercises.dosage import MAX_HOLD_SECONDS
from logbook.models import Session
from logbook.progression import ease_off
from logbook.views.routines import _get_routine_for_user

REST_SECONDS = 10


def _seconds_param(request, name, *, low, high, default=None):
    """An optional whole number of seconds from the query string, kept within bounds."""
    try:
        return max(low, min(high, int(request.GET[name])))
    except (KeyError, ValueError):
        return default


def _player_item(item, hold_override) -> dict:
    if_it_hurts = ease_off(item.exercise, item.dose)
    return {
        "exercise": item.exercise_id,
        "name": item.exercise.name,
        "url": item.exercise.get_absolute_url(),
        "dosage": item.dosage_text,
        "steps": [step.text for step in item.exercise.steps.all()],
        "sets": item.sets,
        "repetitions": item.repetitions,
        "holdSeconds": (hold_override or item.hold_seconds) if item.hold_seconds else None,
        "perSide": item.per_side,
        "ifItHurts": if_it_hurts.what,
    }


@login_required
def routine_play(request, pk):
    """The guided player. static/js/player.js walks through the routine and posts the session to
    the logbook's own form view, so the same service saves it as a session typed in by hand.

    ?hold=N shortens every hold to N seconds and ?rest=N sets the rest between exercises.
    """
    routine = _get_routine_for_user(request, pk)
    hold_override = _seconds_param(request, "hold", low=1, high=MAX_HOLD_SECONDS)
    items = [_player_item(item, hold_override) for item in routine.items.all()]
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
        "restSeconds": _seconds_param(request, "rest", low=0, high=120, default=REST_SECONDS),
        "items": items,
    }
    return render(
        request,
        "logbook/routine_play.html",
        {
            "routine": routine,
            "player": player,
            "today": request.user.today(),
            "submission_token": uuid.uuid4(),
            "pain_scale": range(11),
            "player_labels": _player_labels(),
        },
    )


def _player_labels() -> dict:
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
