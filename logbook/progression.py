"""Explained progression: one suggestion per routine exercise, from the person's recent sessions.

Rules (DOMAIN.md: the pain-monitoring model, NHS inform and ACSM dosage), over the last three
sessions that included the exercise, within the last RECENT_WEEKS:
- the latest one hurt (pain during above 5 or a sharp pain) or was followed by a worse next
  morning: suggest the easier variation, or a lower dose where there is none;
- all three were comfortable (completed, pain during 3 or less, no sharp pain, no worse next
  morning) at the routine's current dose or more: suggest a small increase, within the
  exercise's suggested range (hold first, then repetitions);
- otherwise: keep the dose, and say why.
A suggestion is always measured against the routine's current dose, so accepting it twice
cannot step twice: the sessions behind it were done at the old dose.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import F, Window
from django.db.models.functions import DenseRank
from django.utils.translation import gettext as _

from exercises.models import Exercise
from logbook.models import ExerciseEntry, Session

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
        return self.session.next_morning == Session.NextMorning.WORSE

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
    kind: str  # "increase", "decrease", "easier" or "keep"
    reason: str
    exercise: Exercise
    sets: int
    repetitions: int
    hold_seconds: int | None

    @property
    def changes_anything(self) -> bool:
        return self.kind != "keep"

    @property
    def signature(self) -> str:
        """What the person saw, posted back on accept: a changed suggestion is not applied."""
        return f"{self.kind}:{self.exercise.pk}:{self.sets}:{self.repetitions}:{self.hold_seconds}"


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


def _keep(item, reason: str) -> Suggestion:
    return Suggestion("keep", reason, item.exercise, item.sets, item.repetitions, item.hold_seconds)


def _ease_off(item, latest: Attempt) -> Suggestion:
    reason = (
        _("Last time it hurt too much during the exercise.")
        if latest.flagged
        else _("Your back felt worse the morning after last time.")
    )
    if latest.above(item):
        return _keep(
            item,
            _("%(reason)s The dose is already lower than then: see how this one goes.")
            % {"reason": reason},
        )
    easier = item.exercise.easier_variation
    if easier is not None:
        return Suggestion(
            "easier",
            _("%(reason)s Try the easier variation, %(name)s, for now.")
            % {"reason": reason, "name": easier.name},
            easier,
            easier.sets,
            easier.repetitions_min,
            easier.hold_seconds_min,
        )
    if item.hold_seconds and item.hold_seconds > MIN_HOLD:
        hold = max(MIN_HOLD, item.hold_seconds - HOLD_STEP)
        return Suggestion(
            "decrease",
            _("%(reason)s Hold for %(hold)s seconds instead.") % {"reason": reason, "hold": hold},
            item.exercise,
            item.sets,
            item.repetitions,
            hold,
        )
    if item.repetitions > MIN_REPETITIONS:
        repetitions = max(MIN_REPETITIONS, item.repetitions - REPETITION_STEP)
        return Suggestion(
            "decrease",
            _("%(reason)s Do %(reps)s repetitions instead.")
            % {"reason": reason, "reps": repetitions},
            item.exercise,
            item.sets,
            repetitions,
            item.hold_seconds,
        )
    return _keep(
        item,
        _("%(reason)s This is already the lowest dose: move more gently, or leave it out.")
        % {"reason": reason},
    )


def _step_up(item) -> Suggestion:
    exercise = item.exercise
    if (
        item.hold_seconds
        and exercise.hold_seconds_max
        and item.hold_seconds < exercise.hold_seconds_max
    ):
        step = min(HOLD_STEP, max(1, exercise.hold_seconds_max - exercise.hold_seconds_min))
        hold = min(exercise.hold_seconds_max, item.hold_seconds + step)
        return Suggestion(
            "increase",
            _("Three comfortable sessions in a row: hold for %(hold)s seconds.") % {"hold": hold},
            exercise,
            item.sets,
            item.repetitions,
            hold,
        )
    if item.repetitions < exercise.repetitions_max:
        repetitions = min(exercise.repetitions_max, item.repetitions + REPETITION_STEP)
        return Suggestion(
            "increase",
            _("Three comfortable sessions in a row: do %(reps)s repetitions.")
            % {"reps": repetitions},
            exercise,
            item.sets,
            repetitions,
            item.hold_seconds,
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
        return _ease_off(item, latest)
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
