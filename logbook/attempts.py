"""What a person did with one exercise lately, read from the logbook: the attempts that the
progression rules (logbook/progression.py) decide from, with the signals each one gives."""

import datetime
from dataclasses import dataclass, field

from django.db.models import F, Window
from django.db.models.functions import DenseRank
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from logbook.models import ExerciseEntry, Session

STREAK = 3
RECENT_WEEKS = 12
# Pain during up to 3 counts as comfortable for an increase; 4 and 5 are acceptable in the
# pain-monitoring model, but where the evidence leaves room Backcare keeps the dose.
COMFORTABLE_PAIN = 3


@dataclass
class Attempt:
    """Everything a person logged for one exercise in one session."""

    session: Session
    entries: list[ExerciseEntry] = field(default_factory=list)
    # Exercises that hurt in the same session: their variations are not suggested after it.
    flagged_in_session: frozenset[int] = frozenset()

    @property
    def pain_during(self) -> int:
        return max(entry.pain_during for entry in self.entries)

    @property
    def exercise_hurt(self) -> bool:
        return any(entry.is_flagged for entry in self.entries)

    @property
    def hurt(self) -> bool:
        """Too much pain in it: the exercise was flagged, or pain rose 2 points over the session."""
        return self.exercise_hurt or self.session.pain_rose

    @property
    def too_hard(self) -> bool:
        return self.session.effort == Session.Effort.TOO_HARD

    @property
    def worse_next_morning(self) -> bool:
        return self.session.worse_next_morning

    @property
    def morning_settled(self) -> bool:
        """The next morning was recorded, and no worse."""
        return self.session.next_morning in (Session.NextMorning.BETTER, Session.NextMorning.SAME)

    @property
    def calls_for_easing_off(self) -> bool:
        return self.hurt or self.worse_next_morning or self.too_hard

    @property
    def comfortable(self) -> bool:
        """Nothing held back: no sign of too much, low pain during, completed, and not begun
        on a bad day (pain before high enough for the flare-up plan)."""
        return (
            not self.calls_for_easing_off
            and not self.session.was_a_bad_day
            and self.pain_during <= COMFORTABLE_PAIN
            and all(entry.status == ExerciseEntry.Status.COMPLETED for entry in self.entries)
        )

    @property
    def day(self) -> str:
        return date_format(self.session.date, "SHORT_WEEKDAY_DAY_MONTH_FORMAT")

    def why_ease_off(self) -> str:
        """The first of the reasons, in words, with the numbers."""
        values = {"day": self.day, "pain": self.pain_during}
        if any(entry.sharp_pain for entry in self.entries):
            return _("Last time (%(day)s) you felt a sharp pain during it.") % values
        if self.exercise_hurt:
            return _("Last time (%(day)s) pain during it was %(pain)s out of 10.") % values
        if self.session.pain_rose:
            return _("Last time (%(day)s) your pain rose from %(before)s to %(after)s.") % {
                **values,
                "before": self.session.pain_before,
                "after": self.session.pain_after,
            }
        if self.worse_next_morning:
            return _("Your back felt worse the morning after last time (%(day)s).") % values
        return _("Last time (%(day)s) the session felt too hard.") % values

    def evidence(self) -> str:
        """The numbers this attempt adds to a suggestion, for the person to check."""
        return _(
            "%(day)s: pain during %(pain)s/10, pain %(before)s → %(after)s, "
            "felt %(effort)s, the morning after: %(morning)s"
        ) % {
            "day": self.day,
            "pain": self.pain_during,
            "before": self.session.pain_before,
            "after": self.session.pain_after,
            "effort": self.session.get_effort_display().lower(),
            "morning": self.session.get_next_morning_display().lower()
            if self.session.next_morning
            else _("not recorded"),
        }

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


def recent_attempts(user, exercise_ids) -> dict[int, list[Attempt]]:
    """The user's last STREAK sessions per exercise, newest first, in two queries: the entries,
    and which exercises hurt in those sessions."""
    since = user.today() - datetime.timedelta(weeks=RECENT_WEEKS)
    # A skipped exercise is no attempt: it says nothing about the dose.
    ranked = (
        ExerciseEntry.objects.done()
        .filter(session__user=user, session__date__gte=since, exercise_id__in=exercise_ids)
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
    session_ids = {attempt.session.pk for per in attempts.values() for attempt in per}
    if session_ids:
        hurt: dict[int, set[int]] = {}
        flagged = ExerciseEntry.objects.filter(session_id__in=session_ids).flagged()
        for session_id, exercise_id in flagged.values_list("session_id", "exercise_id"):
            hurt.setdefault(session_id, set()).add(exercise_id)
        for per in attempts.values():
            for attempt in per:
                attempt.flagged_in_session = frozenset(hurt.get(attempt.session.pk, ()))
    return attempts
