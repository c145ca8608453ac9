"""What to do next time, and why: the one home of Backcare's dose advice.

From the last three sessions that included an exercise (logbook/attempts.py), following the
pain-monitoring model (logbook/pain.py) and NHS inform and ACSM dosage (DOMAIN.md):
- any sign the last one was too much (a sharp pain, pain during above 5, pain 2 points higher
  after than before, a worse next morning, or "too hard"): ease off, to the easier variation or
  a lower dose (ease_off); after it hurt in two of the last three, ask a professional too;
- three comfortable sessions (completed, pain during 3 or less, none of those signs) at the
  routine's current dose, the latest with a recorded "better" or "same" next morning: a small
  increase within the exercise's suggested range, hold first, then repetitions;
- otherwise, and whenever an answer is missing: keep the dose, and say why.
A suggestion is measured against the routine's current dose, so accepting it twice cannot step
twice: the sessions behind it were done at the old dose. The session page and the player take
their "next time" advice from ease_off too, and never suggest an easier variation that hurt in
the same session.
"""

from dataclasses import dataclass, replace

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from exercises.dosage import Dose
from exercises.models import Exercise
from logbook.attempts import STREAK, Attempt
from logbook.models import Session
from logbook.pain import Flag

HOLD_STEP, REPETITION_STEP = 5, 2
MIN_HOLD, MIN_REPETITIONS = 3, 2
# An exercise that hurt in this many of the last sessions: time to ask a professional.
REPEATED_HURT = 2


@dataclass(frozen=True)
class Suggestion:
    """Advice for one exercise: why, what to do, the dose it comes to, and the numbers behind it."""

    class Kind(models.TextChoices):
        INCREASE = "increase", gettext_lazy("Ready for a little more")
        KEEP = "keep", gettext_lazy("Keep going")
        DECREASE = "decrease", gettext_lazy("Ease off")
        EASIER = "easier", gettext_lazy("Ease off")
        REST = "rest", gettext_lazy("Rest it")

    kind: Kind
    why: str
    what: str
    exercise: Exercise
    dose: Dose
    evidence: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        return Suggestion.Kind(self.kind).label

    @property
    def reason(self) -> str:
        return f"{self.why} {self.what}".strip()

    @property
    def changes_anything(self) -> bool:
        return self.kind in (
            Suggestion.Kind.INCREASE,
            Suggestion.Kind.DECREASE,
            Suggestion.Kind.EASIER,
        )

    @property
    def signature(self) -> str:
        """What the person saw, posted back on accept: a changed suggestion is not applied."""
        fields = self.dose.fields
        return (
            f"{self.kind}:{self.exercise.pk}:{fields['sets']}:{fields['repetitions']}:"
            f"{fields['hold_seconds']}:{fields['per_side']}"
        )


def _keep(item, why: str, what: str = "", evidence=()) -> Suggestion:
    return Suggestion(Suggestion.Kind.KEEP, why, what, item.exercise, item.dose, tuple(evidence))


def ease_off(
    exercise: Exercise, dose: Dose, *, why: str = "", avoid: frozenset[int] = frozenset()
) -> Suggestion:
    """The gentler next step after an exercise hurt: its easier variation if it has one, else
    a shorter hold, else fewer repetitions, else move more gently or leave it out.

    An easier variation in ``avoid`` (it hurt in the same session) is never suggested: the
    advice is then to rest the movement, and to ask a professional if it hurts again.
    """
    easier = exercise.easier_variation
    if easier is not None and easier.pk in avoid:
        return Suggestion(
            Suggestion.Kind.REST,
            why,
            _(
                "Its easier variation, %(name)s, hurt too: rest this movement for now. If it "
                "hurts again next time, ask a physiotherapist or GP about it."
            )
            % {"name": easier.name},
            exercise,
            dose,
        )
    if easier is not None:
        return Suggestion(
            Suggestion.Kind.EASIER,
            why,
            _("Try the easier variation, %(name)s, for now.") % {"name": easier.name},
            easier,
            easier.starting_dose,
        )
    single = dose.fields
    hold, repetitions = single["hold_seconds"], single["repetitions"]
    if hold and hold > MIN_HOLD:
        hold = max(MIN_HOLD, hold - HOLD_STEP)
        return Suggestion(
            Suggestion.Kind.DECREASE,
            why,
            _("Hold for %(hold)s seconds instead.") % {"hold": hold},
            exercise,
            Dose.single(**{**single, "hold_seconds": hold}),
        )
    if repetitions > MIN_REPETITIONS:
        repetitions = max(MIN_REPETITIONS, repetitions - REPETITION_STEP)
        return Suggestion(
            Suggestion.Kind.DECREASE,
            why,
            _("Do %(reps)s repetitions instead.") % {"reps": repetitions},
            exercise,
            Dose.single(**{**single, "repetitions": repetitions}),
        )
    return Suggestion(
        Suggestion.Kind.KEEP,
        why,
        _("This is already the lowest dose: move more gently, or leave it out."),
        exercise,
        dose,
    )


@dataclass(frozen=True)
class FlagAdvice:
    """A flagged session's message and what to change next time, for the session page."""

    flag: Flag
    step: Suggestion | None  # the exercise's gentler next step, for an exercise's flag

    @property
    def what(self) -> str:
        if self.step is None:
            return _("Do less: fewer exercises, fewer repetitions or shorter holds.")
        return self.step.what

    @property
    def link(self) -> str | None:
        """The easier variation's page, when that is the advice."""
        if self.step is not None and self.step.kind == Suggestion.Kind.EASIER:
            return self.step.exercise.get_absolute_url()
        return None


def session_advice(session: Session) -> list[FlagAdvice]:
    """Each flag of a session with its advice; reads the (prefetched) entries."""
    hurt = frozenset(entry.exercise_id for entry in session.entries.all() if entry.is_flagged)
    return [
        FlagAdvice(
            flag,
            ease_off(flag.entry.exercise, flag.entry.dose, avoid=hurt) if flag.entry else None,
        )
        for flag in session.flags
    ]


def _ease_off_item(item, latest: Attempt, recent: list[Attempt], evidence) -> Suggestion:
    why = latest.why_ease_off()
    if latest.above(item):
        return _keep(
            item, why, _("The dose is already lower than then: see how this one goes."), evidence
        )
    step = ease_off(item.exercise, item.dose, why=why, avoid=latest.flagged_in_session)
    times_hurt = sum(attempt.hurt for attempt in recent)
    if times_hurt >= REPEATED_HURT and step.kind != Suggestion.Kind.REST:
        again = _(
            "It has hurt in %(times)s of your last %(total)s sessions: ask a physiotherapist or "
            "GP about it."
        ) % {"times": times_hurt, "total": len(recent)}
        step = replace(step, what=f"{step.what} {again}")
    return replace(step, evidence=evidence)


def _step_up(item, evidence) -> Suggestion:
    exercise = item.exercise
    why = _("Three comfortable sessions in a row, and a settled morning after the last.")
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
    # A harder variation with a caution (superman) is never the automatic next step.
    harder = next((h for h in exercise.harder_variations.all() if not h.caution), None)
    if harder is not None:
        return _keep(
            item,
            _(
                "You are at the top of the suggested dose; "
                "the harder variation, %(name)s, is the next step."
            )
            % {"name": harder.name},
            evidence=evidence,
        )
    return _keep(
        item, _("You are at the top of the suggested dose: keep it up."), evidence=evidence
    )


def suggest(item, attempts: list[Attempt]) -> Suggestion:
    """The suggestion for one routine item, given its exercise's latest attempts.

    Ease off after any sign of too much (a flag, a worse morning, "too hard"); increase only
    after STREAK comfortable sessions at this dose whose latest had a settled morning after it;
    otherwise, and whenever an answer is missing, keep the dose.
    """
    if not attempts:
        return _keep(item, _("No sessions with this exercise lately: start with this dose."))
    latest, recent = attempts[0], attempts[:STREAK]
    evidence = tuple(attempt.evidence() for attempt in recent)
    if latest.calls_for_easing_off:
        return _ease_off_item(item, latest, recent, evidence)
    streak = [attempt for attempt in recent if attempt.comfortable and attempt.reached(item)]
    if len(streak) == STREAK:
        if not latest.morning_settled:
            return _keep(
                item,
                _(
                    "Three comfortable sessions. Before adding more, record how your back felt "
                    "the morning after the last one (%(day)s)."
                )
                % {"day": latest.day},
                evidence=evidence,
            )
        return _step_up(item, evidence)
    if len(attempts) < STREAK:
        return _keep(
            item,
            _("%(done)s of %(needed)s comfortable sessions so far: keep this dose for now.")
            % {"done": sum(attempt.comfortable for attempt in attempts), "needed": STREAK},
            evidence=evidence,
        )
    if all(attempt.comfortable for attempt in recent):
        return _keep(
            item,
            _("Try this dose for %(needed)s sessions before adding more.") % {"needed": STREAK},
            evidence=evidence,
        )
    return _keep(
        item,
        _(
            "Not every one of the last %(needed)s sessions was comfortable (completed, pain "
            "during 3 or less, no rise in pain, not too hard, no worse the next morning): keep "
            "this dose."
        )
        % {"needed": STREAK},
        evidence=evidence,
    )
