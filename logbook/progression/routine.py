"""What a routine page and the plan page suggest for each exercise: the three-session rule,
the weekly plan's scheduled step, and the hold for a person with a precaution."""

from dataclasses import replace

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from exercises.dosage import Dose
from exercises.precautions import relevant_precautions
from logbook.attempts import COMFORTABLE_PAIN, STREAK, Attempt
from logbook.care import Prompt
from logbook.progression.steps import (
    HOLD_STEP,
    REPEATED_HURT,
    REPETITION_STEP,
    Suggestion,
    ease_off,
    keep,
)

# Care prompts that hold an increase: the person's pain pattern says not now.
HOLDING_PROMPTS = frozenset({Prompt.Kind.RISING, Prompt.Kind.WORSE_MORNINGS})


def _ease_off_item(item, latest: Attempt, recent: list[Attempt], evidence) -> Suggestion:
    why = latest.why_ease_off()
    if latest.above(item):
        step = Suggestion(
            Suggestion.Kind.GENTLY,
            why,
            _("The dose is already lower than then: see how this one goes."),
            item.exercise,
            item.dose,
        )
    else:
        step = ease_off(item.exercise, item.dose, why=why, avoid=latest.flagged_in_session)
    times_hurt = sum(attempt.hurt for attempt in recent)
    if times_hurt >= REPEATED_HURT and step.kind != Suggestion.Kind.REST:
        again = _(
            "It has hurt in %(times)s of your last %(total)s sessions: ask a physiotherapist or "
            "GP about it."
        ) % {"times": times_hurt, "total": len(recent)}
        step = replace(step, what=f"{step.what} {again}")
    return replace(step, evidence=evidence)


def _step_up(item, evidence, precautions, why: str | None = None) -> Suggestion:
    exercise = item.exercise
    why = why or _(
        "%(streak)s comfortable sessions in a row, and a settled morning after the last."
    ) % {"streak": STREAK}
    single = item.dose.fields
    if (
        item.hold_seconds
        and exercise.hold_seconds_max
        and item.hold_seconds < exercise.hold_seconds_max
    ):
        step = min(HOLD_STEP, max(1, exercise.hold_seconds_max - exercise.hold_seconds_min))
        hold = min(exercise.hold_seconds_max, item.hold_seconds + step)
        return Suggestion(
            Suggestion.Kind.INCREASE,
            why,
            _("Hold for %(hold)s seconds.") % {"hold": hold},
            exercise,
            Dose.single(**{**single, "hold_seconds": hold}),
            evidence,
        )
    if item.repetitions < exercise.repetitions_max:
        repetitions = min(exercise.repetitions_max, item.repetitions + REPETITION_STEP)
        return Suggestion(
            Suggestion.Kind.INCREASE,
            why,
            _("Do %(reps)s repetitions.") % {"reps": repetitions},
            exercise,
            Dose.single(**{**single, "repetitions": repetitions}),
            evidence,
        )
    # A harder variation with a caution (superman), or one that concerns a condition the person
    # told Backcare of, is never the next step named.
    harder = next(
        (
            h
            for h in exercise.harder_variations.all()
            if not h.caution and not relevant_precautions(h.precautions, precautions)
        ),
        None,
    )
    if harder is not None:
        return keep(
            item,
            _(
                "You are at the top of the suggested dose; "
                "the harder variation, %(name)s, is the next step."
            )
            % {"name": harder.name},
            evidence=evidence,
        )
    return keep(item, _("You are at the top of the suggested dose: keep it up."), evidence=evidence)


def suggest(item, attempts: list[Attempt], *, precautions=()) -> Suggestion:
    """The suggestion for one routine item, given its exercise's latest attempts.

    Ease off after any sign of too much (a flag, a worse morning, "too hard"); increase only
    after STREAK comfortable sessions at this dose whose latest had a settled morning after it;
    otherwise, and whenever an answer is missing, keep the dose.
    """
    if not attempts:
        return keep(item, _("No sessions with this exercise lately: start with this dose."))
    latest, recent = attempts[0], attempts[:STREAK]
    evidence = tuple(attempt.evidence() for attempt in recent)
    if latest.calls_for_easing_off:
        return _ease_off_item(item, latest, recent, evidence)
    streak = [attempt for attempt in recent if attempt.comfortable and attempt.reached(item)]
    if len(streak) == STREAK:
        if not latest.morning_settled:
            return keep(
                item,
                _(
                    "%(streak)s comfortable sessions. Before adding more, record how your back "
                    "felt the morning after the last one (%(day)s)."
                )
                % {"streak": STREAK, "day": latest.day},
                evidence=evidence,
            )
        return _step_up(item, evidence, precautions)
    if len(attempts) < STREAK:
        return keep(
            item,
            _("%(done)s of %(needed)s comfortable sessions so far: keep this dose for now.")
            % {"done": sum(attempt.comfortable for attempt in attempts), "needed": STREAK},
            evidence=evidence,
        )
    if all(attempt.comfortable for attempt in recent):
        return keep(
            item,
            _("Try this dose for %(needed)s sessions before adding more.") % {"needed": STREAK},
            evidence=evidence,
        )
    return keep(
        item,
        _(
            "Not every one of the last %(needed)s sessions was comfortable (completed, pain "
            "during %(pain)s or less, no rise in pain, not too hard, no worse the next "
            "morning, not begun on a bad day): keep this dose."
        )
        % {"needed": STREAK, "pain": COMFORTABLE_PAIN},
        evidence=evidence,
    )


def planned_step(
    item, attempts: list[Attempt], *, due: bool, next_on, precautions=()
) -> Suggestion:
    """For a weekly plan's routine: the graded schedule's step replaces the three-session
    streak (the dose rises on a plan, not only when pain allows), and the care loop still holds
    it back or eases off: any sign of too much eases off at once; a due step waits until none
    of the last sessions was too much, the latest was comfortable at this dose, and the morning
    after it was settled."""
    if not attempts:
        return keep(item, _("No sessions with this exercise yet: start with this dose."))
    latest, recent = attempts[0], attempts[:STREAK]
    evidence = tuple(attempt.evidence() for attempt in recent)
    if latest.calls_for_easing_off:
        return _ease_off_item(item, latest, recent, evidence)
    if not due:
        return keep(
            item,
            _("Next planned step: from %(day)s.")
            % {"day": date_format(next_on, "SHORT_WEEKDAY_DAY_MONTH_FORMAT")},
            evidence=evidence,
        )
    if not latest.reached(item):
        return keep(
            item, _("This week's planned step waits for a session at this dose."), evidence=evidence
        )
    times = sum(attempt.calls_for_easing_off for attempt in recent)
    if times:
        return keep(
            item,
            ngettext(
                "A planned step is due, but %(times)s of your last %(total)s sessions with it "
                "was too much: keep this dose until they have all gone well.",
                "A planned step is due, but %(times)s of your last %(total)s sessions with it "
                "were too much: keep this dose until they have all gone well.",
                times,
            )
            % {"times": times, "total": len(recent)},
            evidence=evidence,
        )
    if not latest.comfortable:
        return keep(
            item,
            _(
                "A planned step is due, but last time was not comfortable (completed, pain "
                "during %(pain)s or less, not begun on a bad day): keep this dose until it is."
            )
            % {"pain": COMFORTABLE_PAIN},
            evidence=evidence,
        )
    if not latest.morning_settled:
        return keep(
            item,
            _(
                "A planned step is due. Before taking it, record how your back felt the morning "
                "after your last session (%(day)s)."
            )
            % {"day": latest.day},
            evidence=evidence,
        )
    step = _step_up(
        item,
        evidence,
        precautions,
        why=_("This week's planned step, after a comfortable session and a settled morning."),
    )
    return replace(step, planned=step.kind == Suggestion.Kind.INCREASE)


def suggestion_for(
    item, attempts: list[Attempt], *, precautions=(), prompts=(), plan=None, today=None
) -> Suggestion:
    """The advice for a routine item, wherever it is shown: the plan's schedule for the plan's
    routine, the three-session rule for any other. Two things hold any increase, and never
    easing off: a condition the person told Backcare of that concerns this exercise
    (exercises/precautions.py: keep the dose until a professional has said it suits them), and
    a care prompt about the person's pattern (logbook/care.py: pain rising, or worse mornings)."""
    if plan is not None and plan.routine_id == item.routine_id:
        suggestion = planned_step(
            item,
            attempts,
            due=plan.step_due(today),
            next_on=plan.next_step_on(),
            precautions=precautions,
        )
    else:
        suggestion = suggest(item, attempts, precautions=precautions)
    if suggestion.kind != Suggestion.Kind.INCREASE:
        return suggestion
    if relevant_precautions(item.exercise.precautions, precautions):
        return keep(
            item,
            _(
                "You told Backcare of a condition that calls for a professional's word on this "
                "exercise: keep this dose, and ask your physiotherapist or doctor before adding "
                "more."
            ),
            evidence=suggestion.evidence,
        )
    holding = next((p for p in prompts if p.kind in HOLDING_PROMPTS), None)
    if holding is not None:
        return keep(
            item,
            _("%(title)s: no more for now. Keep this dose until it settles.")
            % {"title": holding.title},
            evidence=suggestion.evidence,
        )
    return suggestion
