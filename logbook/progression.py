"""What to do next time, and why: the one home of Backcare's dose advice.

Over the last three sessions that included an exercise, within the last RECENT_WEEKS (the
pain-monitoring model, NHS inform and ACSM dosage; DOMAIN.md):
- the latest one hurt (logbook.pain: a sharp pain or pain during above 5) or was followed by a
  worse next morning: ease off, to the easier variation or a lower dose (ease_off);
- all three were comfortable (completed, pain during 3 or less, no sharp pain, no worse next
  morning) at the routine's current dose or more: a small increase within the exercise's
  suggested range, hold first, then repetitions;
- otherwise: keep the dose, and say why.
A suggestion is measured against the routine's current dose, so accepting it twice cannot step
twice: the sessions behind it were done at the old dose. The session page and the player take
their "next time" advice from ease_off too.
"""

import datetime
from dataclasses import dataclass, field

from django.db import models
from django.db.models import F, Window
from django.db.models.functions import DenseRank
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from exercises.dosage import Dose
from exercises.models import Exercise
from logbook.models import ExerciseEntry, Session
from logbook.pain import Flag

STREAK = 3
RECENT_WEEKS = 12
COMFORTABLE_PAIN = 3
HOLD_STEP, REPETITION_STEP = 5, 2
MIN_HOLD, MIN_REPETITIONS = 3, 2


@dataclass
class Attempt:
    """Everything a person logged for one exercise in one session."""

    session: Session
    entries: list[ExerciseEntry] = field(default_factory=list)

    @property
    def flagged(self) -> bool:
        return any(entry.is_flagged for entry in self.entries)

    @property
    def worse_next_morning(self) -> bool:
        return self.session.worse_next_morning

    @property
    def comfortable(self) -> bool:
        return (
            not self.flagged
            and not self.worse_next_morning
            and all(
                entry.status == ExerciseEntry.Status.COMPLETED
                and entry.pain_during <= COMFORTABLE_PAIN
                for entry in self.entries
            )
        )

    @property
    def repetitions(self) -> int:
        return max(entry.repetitions for entry in self.entries)

    @property
    def hold_seconds(self) -> int:
        return max(entry.hold_seconds or 0 for entry in self.entries)

    def reached(self, item) -> bool:
        """Done at the routine item's current dose or more."""
        return self.repetitions >= item.repetitions and self.hold_seconds >= (
            item.hold_seconds or 0
        )

    def above(self, item) -> bool:
        """Done at more than the routine item's current dose: the dose was lowered since."""
        return self.repetitions > item.repetitions or self.hold_seconds > (item.hold_seconds or 0)


@dataclass(frozen=True)
class Suggestion:
    """Advice for one exercise: why, what to do, and the dose it comes to."""

    class Kind(models.TextChoices):
        INCREASE = "increase", gettext_lazy("Ready for a little more")
        KEEP = "keep", gettext_lazy("Keep going")
        DECREASE = "decrease", gettext_lazy("Ease off")
        EASIER = "easier", gettext_lazy("Ease off")

    kind: Kind
    why: str
    what: str
    exercise: Exercise
    dose: Dose

    @property
    def title(self) -> str:
        return Suggestion.Kind(self.kind).label

    @property
    def reason(self) -> str:
        return f"{self.why} {self.what}".strip()

    @property
    def changes_anything(self) -> bool:
        return self.kind != Suggestion.Kind.KEEP

    @property
    def signature(self) -> str:
        """What the person saw, posted back on accept: a changed suggestion is not applied."""
        fields = self.dose.fields
        return (
            f"{self.kind}:{self.exercise.pk}:{fields['sets']}:{fields['repetitions']}:"
            f"{fields['hold_seconds']}:{fields['per_side']}"
        )


def recent_attempts(user, exercise_ids) -> dict[int, list[Attempt]]:
    """The user's last STREAK sessions per exercise, newest first, in one query."""
    since = user.today() - datetime.timedelta(weeks=RECENT_WEEKS)
    ranked = (
        ExerciseEntry.objects.filter(
            session__user=user, session__date__gte=since, exercise_id__in=exercise_ids
        )
        .annotate(
            # Sessions, not entries, are counted: one session may log an exercise more than once.
            rank=Window(
                DenseRank(),
                partition_by=[F("exercise_id")],
                order_by=[
                    F("session__date").desc(),
                    F("session__created_at").desc(),
                    F("session_id").desc(),
                ],
            )
        )
        .filter(rank__lte=STREAK)
        .select_related("session")
        .order_by("exercise_id", "rank", "position")
    )
    attempts: dict[int, list[Attempt]] = {}
    for entry in ranked:
        per_exercise = attempts.setdefault(entry.exercise_id, [])
        if not per_exercise or per_exercise[-1].session.pk != entry.session_id:
            per_exercise.append(Attempt(entry.session))
        per_exercise[-1].entries.append(entry)
    return attempts


def _keep(item, why: str, what: str = "") -> Suggestion:
    return Suggestion(Suggestion.Kind.KEEP, why, what, item.exercise, item.dose)


def ease_off(exercise: Exercise, dose: Dose, *, why: str = "") -> Suggestion:
    """The gentler next step after an exercise hurt: its easier variation if it has one, else
    a shorter hold, else fewer repetitions, else move more gently or leave it out."""
    easier = exercise.easier_variation
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
    return [
        FlagAdvice(flag, ease_off(flag.entry.exercise, flag.entry.dose) if flag.entry else None)
        for flag in session.flags
    ]


def _ease_off_item(item, latest: Attempt) -> Suggestion:
    why = (
        _("Last time it hurt too much during the exercise.")
        if latest.flagged
        else _("Your back felt worse the morning after last time.")
    )
    if latest.above(item):
        return _keep(item, why, _("The dose is already lower than then: see how this one goes."))
    return ease_off(item.exercise, item.dose, why=why)


def _step_up(item) -> Suggestion:
    exercise = item.exercise
    why = _("Three comfortable sessions in a row.")
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
        )
    if item.repetitions < exercise.repetitions_max:
        repetitions = min(exercise.repetitions_max, item.repetitions + REPETITION_STEP)
        return Suggestion(
            Suggestion.Kind.INCREASE,
            why,
            _("Do %(reps)s repetitions.") % {"reps": repetitions},
            exercise,
            Dose.single(**{**single, "repetitions": repetitions}),
        )
    harder = next(iter(exercise.harder_variations.all()), None)  # prefetched by the views
    if harder is not None:
        return _keep(
            item,
            _(
                "You are at the top of the suggested dose; "
                "the harder variation, %(name)s, is the next step."
            )
            % {"name": harder.name},
        )
    return _keep(item, _("You are at the top of the suggested dose: keep it up."))


def suggest(item, attempts: list[Attempt]) -> Suggestion:
    """The suggestion for one routine item, given its exercise's latest attempts."""
    if not attempts:
        return _keep(item, _("No sessions with this exercise lately: start with this dose."))
    latest = attempts[0]
    if latest.flagged or latest.worse_next_morning:
        return _ease_off_item(item, latest)
    streak = [
        attempt for attempt in attempts[:STREAK] if attempt.comfortable and attempt.reached(item)
    ]
    if len(streak) == STREAK:
        return _step_up(item)
    if len(attempts) < STREAK:
        return _keep(
            item,
            _("%(done)s of %(needed)s comfortable sessions so far: keep this dose for now.")
            % {"done": sum(attempt.comfortable for attempt in attempts), "needed": STREAK},
        )
    if all(attempt.comfortable for attempt in attempts[:STREAK]):
        return _keep(
            item,
            _("Try this dose for %(needed)s sessions before adding more.") % {"needed": STREAK},
        )
    return _keep(
        item,
        _(
            "Not every one of the last %(needed)s sessions was comfortable "
            "(completed, pain during 3 or less): keep this dose."
        )
        % {"needed": STREAK},
    )
