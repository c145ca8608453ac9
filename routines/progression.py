"""Explained progression: one suggestion per routine exercise, from the person's recent entries.

Rules (DOMAIN.md: pain-monitoring model, NHS inform and ACSM dosage):
- the latest entry was flagged (pain during above 5 or a sharp pain) or followed by a worse next
  morning: suggest the easier variation, or a lower dose where there is none;
- the last three entries were all completed with pain during 3 or less and no worse next morning:
  suggest a small increase (+5 s hold, up to 30 s; otherwise +2 repetitions, up to 12);
- otherwise: keep the dose, and say why.
Only entries from the last RECENT_WEEKS count: after a long break, start again at the same dose.
"""

import datetime
from dataclasses import dataclass

from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from exercises.models import Exercise
from logbook.models import ExerciseEntry, Session

STREAK = 3
RECENT_WEEKS = 12
COMFORTABLE_PAIN = 3
HOLD_STEP, MAX_HOLD = 5, 30
REPETITION_STEP, MAX_REPETITIONS = 2, 12
MIN_HOLD, MIN_REPETITIONS = 5, 2
NOT_ALL_COMFORTABLE = _lazy(
    "Not every one of the last %(needed)s sessions was comfortable "
    "(completed, pain during 3 or less): keep this dose."
)


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


def recent_entries(user, exercise_ids, *, limit: int = STREAK) -> dict[int, list[ExerciseEntry]]:
    """The user's latest entries per exercise, newest first, in one query.

    Bounded to the last RECENT_WEEKS, so the cost does not grow with years of history.
    """
    since = user.today() - datetime.timedelta(weeks=RECENT_WEEKS)
    ranked = (
        ExerciseEntry.objects.filter(
            session__user=user, session__date__gte=since, exercise_id__in=exercise_ids
        )
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("exercise_id")],
                order_by=[
                    F("session__date").desc(),
                    F("session__created_at").desc(),
                    F("pk").desc(),
                ],
            )
        )
        .filter(rank__lte=limit)
        .select_related("session")
        .order_by("exercise_id", "rank")
    )
    by_exercise: dict[int, list[ExerciseEntry]] = {}
    for entry in ranked:
        by_exercise.setdefault(entry.exercise_id, []).append(entry)
    return by_exercise


def _keep(item, reason: str) -> Suggestion:
    return Suggestion("keep", reason, item.exercise, item.sets, item.repetitions, item.hold_seconds)


def suggest(item, recent: list[ExerciseEntry]) -> Suggestion:
    """The suggestion for one routine item, given the person's latest entries of its exercise."""
    if not recent:
        return _keep(item, _("No sessions with this exercise yet: start with this dose."))
    latest = recent[0]
    if latest.is_flagged or latest.session.next_morning == Session.NextMorning.WORSE:
        reason = (
            _("Last time it hurt too much during the exercise.")
            if latest.is_flagged
            else _("Your back felt worse the morning after last time.")
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
                _("%(reason)s Hold for %(hold)s seconds instead.")
                % {"reason": reason, "hold": hold},
                item.exercise,
                item.sets,
                item.repetitions,
                hold,
            )
        repetitions = max(MIN_REPETITIONS, item.repetitions - REPETITION_STEP)
        if repetitions < item.repetitions:
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

    streak = recent[:STREAK]
    comfortable = [
        entry
        for entry in streak
        if entry.status == ExerciseEntry.Status.COMPLETED
        and entry.pain_during <= COMFORTABLE_PAIN
        and entry.session.next_morning != Session.NextMorning.WORSE
    ]
    if len(streak) < STREAK:
        return _keep(
            item,
            _("%(done)s of %(needed)s comfortable sessions so far: keep this dose for now.")
            % {"done": len(comfortable), "needed": STREAK},
        )
    if len(comfortable) < STREAK:
        return _keep(
            item,
            NOT_ALL_COMFORTABLE % {"needed": STREAK},
        )
    if item.hold_seconds and item.hold_seconds < MAX_HOLD:
        hold = min(MAX_HOLD, item.hold_seconds + HOLD_STEP)
        return Suggestion(
            "increase",
            _("Three comfortable sessions in a row: hold for %(hold)s seconds.") % {"hold": hold},
            item.exercise,
            item.sets,
            item.repetitions,
            hold,
        )
    if item.repetitions < MAX_REPETITIONS:
        repetitions = min(MAX_REPETITIONS, item.repetitions + REPETITION_STEP)
        return Suggestion(
            "increase",
            _("Three comfortable sessions in a row: do %(reps)s repetitions.")
            % {"reps": repetitions},
            item.exercise,
            item.sets,
            repetitions,
            item.hold_seconds,
        )
    return _keep(
        item, _("You are at the top of the suggested dose; a harder variation is the next step.")
    )
