import uuid

from django.contrib.auth.decorators import login_required
from django.db.models import prefetch_related_objects
from django.shortcuts import render
from django.utils.translation import gettext as _

from exercises.dosage import Side
from exercises.precautions import precaution_messages
from logbook.forms import ENTRY_FIELDS, ENTRY_PREFIX, EntryFormSet, SessionForm
from logbook.models import DONE_STATUSES, FLARE_ROUTINE_KEY, ExerciseEntry, Routine, Session
from logbook.offline import keep_offline
from logbook.pain import PAIN_MAX, PAIN_MIN, pain_levels
from logbook.progression import ease_off, stopped_advice
from logbook.views.routines import _get_routine_for_user
from logbook.views.transactions import atomic_writes

REST_SECONDS = 10
# Raise when the items the player keeps in the browser change shape: older saved states restart.
PLAYER_VERSION = 3


def _player_item(exercise, dose, precautions, *, with_easier=True) -> dict:
    """One exercise at one dose as the player walks through it, with what to say if it hurts:
    the easier variation (itself an item the player can take up) or a lower dose; and what to
    say if it was stopped within acceptable pain: keep the dose."""
    fields = dose.fields
    data = {
        "exercise": exercise.pk,
        "name": exercise.name,
        "url": exercise.get_absolute_url(),
        "dosage": dose.text,
        "steps": [step.text for step in exercise.steps.all()],
        "caution": exercise.caution,
        "safety": exercise.safety_note_list,
        "precautions": precaution_messages(exercise.precautions, precautions),
        "sets": fields["sets"],
        "repetitions": fields["repetitions"],
        "holdSeconds": fields["hold_seconds"],
        "perSide": fields["per_side"],
        "ifItHurts": ease_off(exercise, dose).what,
        "ifStopped": stopped_advice(),
        "easier": None,
    }
    easier = exercise.easier_variation
    if with_easier and easier is not None:
        data["easier"] = _player_item(easier, easier.starting_dose, precautions, with_easier=False)
        data["ifEasierHurt"] = ease_off(exercise, dose, avoid=frozenset({easier.pk})).what
    return data


def _contract(session_form: SessionForm, time_zone: str) -> dict:
    """The names and values the player posts, taken from the forms that will read them."""
    entries = EntryFormSet(prefix=ENTRY_PREFIX)
    empty_entry = entries.empty_form
    status = ExerciseEntry.Status
    return {
        "fields": {
            "date": session_form["date"].html_name,
            "startedAt": session_form["started_at"].html_name,
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
            "completed": status.COMPLETED,
            "stopped": status.STOPPED,
            "skipped": status.SKIPPED,
        },
        "done": DONE_STATUSES,  # a session needs one of these
        # The date and start time are the person's, where they are.
        "timeZone": time_zone,
        "side": {
            "both": Side.BOTH,
            "left": Side.LEFT,
            "right": Side.RIGHT,
            "none": Side.NOT_APPLICABLE,
        },
    }


@login_required
@atomic_writes
@keep_offline
def routine_play(request, pk):
    """The guided player. static/js/player.js walks through the routine and posts the session to
    the logbook's own form view, so the same service saves it as a session typed in by hand."""
    routine = _get_routine_for_user(request, pk)
    routine_items = list(routine.items.all())
    # The easier variations' own steps and easier variations (what to say if they hurt too).
    prefetch_related_objects(
        routine_items,
        "exercise__easier_variation__steps",
        "exercise__easier_variation__easier_variation",
    )
    precautions = request.user.precautions
    items = [_player_item(item.exercise, item.dose, precautions) for item in routine_items]
    session_form = SessionForm(user=request.user)
    player = {
        "routine": routine.pk,
        "storageKey": f"backcare-player-{request.user.pk}-{routine.pk}",
        # A saved player state only resumes for the same exercises, doses and words.
        "signature": [
            PLAYER_VERSION,
            sorted(precautions),
            *(
                [item["exercise"], item["sets"], item["repetitions"], item["holdSeconds"]]
                for item in items
            ),
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
        "contract": _contract(session_form, request.user.time_zone),
        "levels": pain_levels(),
        "isFlareRoutine": routine.key == FLARE_ROUTINE_KEY,
        "words": _player_words(),
    }
    hidden_fields = {
        session_form["routine"].html_name: routine.pk,
        session_form["submission_token"].html_name: uuid.uuid4(),
        session_form["notes"].html_name: _("Guided session"),
    }
    return render(
        request,
        "logbook/routine_play.html",
        {
            "routine": routine,
            "routine_items": routine_items,
            "is_owner": routine.is_owned_by(request.user),
            "player": player,
            "hidden_fields": hidden_fields,
            "pain_scale": range(PAIN_MIN, PAIN_MAX + 1),
            "effort_choices": Session.Effort.choices,
            # Every figure the player may show: the routine's and their easier variations.
            "figure_exercises": list(
                {
                    exercise.pk: exercise
                    for item in routine_items
                    for exercise in (item.exercise, item.exercise.easier_variation)
                    if exercise is not None
                }.values()
            ),
            # A bad day offers the gentle routine, unless this is it.
            "flare_routine": Routine.objects.filter(key=FLARE_ROUTINE_KEY)
            .exclude(pk=routine.pk)
            .first(),
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
        # The clock on screen: seconds as a unit symbol.
        "secondsShort": _("{seconds} s"),
        "release": _("Release and breathe."),
        "paused": _("Paused."),
        "upNext": _("Up next: {name}."),
        "restFor": _("Rest for {seconds} seconds."),
        "restored": _("Your session was restored where you left it."),
        "flareHeading": _("Your pain is {pain} out of 10 today"),
        "respondTooMuch": _("That was too much for your back today"),
        "respondStopped": _("You stopped: that was the right call"),
        "respondWhy": _("{name}: pain during was {pain} out of 10."),
        "respondSharp": _("{name}: you felt a sharp pain."),
        "respondStoppedWhy": _("{name}: you stopped it because it hurt, at {pain} out of 10."),
        "tryInstead": _("Try {name} instead"),
        "afterWell": _("Well done. How is your back now?"),
        "afterPlain": _("How is your back now?"),
        "discardConfirm": _("Discard this session? Nothing from it will be saved."),
    }
