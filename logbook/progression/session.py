"""What the session page and the player say about a session just done: each flag with its
gentler next step, a session that felt too hard, and an exercise stopped within acceptable pain.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from exercises.dosage import Dose
from logbook.models import Session
from logbook.pain import ACCEPTABLE_PAIN, Flag
from logbook.progression.steps import Suggestion, ease_off


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


def _dose_to_ease(session: Session, entry) -> Dose:
    """What "next time" advice lowers: the routine's dose when the session followed one, as the
    player does; otherwise the dose done, or the library's starting dose for an exercise
    stopped part-way (its repetitions done are not a dose to repeat)."""
    if session.routine_id is not None:
        for item in session.routine.items.all():
            if item.exercise_id == entry.exercise_id:
                return item.dose
    if entry.status == entry.Status.STOPPED:
        return entry.exercise.starting_dose
    return entry.dose


def session_advice(session: Session) -> list[FlagAdvice]:
    """Each flag of a session with its advice; reads the (prefetched) entries, and the routine's
    items when the session followed a routine."""
    hurt = frozenset(entry.exercise_id for entry in session.entries.all() if entry.is_flagged)
    return [
        FlagAdvice(
            flag,
            ease_off(flag.entry.exercise, _dose_to_ease(session, flag.entry), avoid=hurt)
            if flag.entry
            else None,
        )
        for flag in session.flags
    ]


def stopped_advice() -> str:
    """An exercise stopped because it hurt, within acceptable pain and not sharp: no harm
    shown, and not a comfortable session either, so the dose is kept (suggest, below)."""
    return _(
        "Pain of %(pain)s or less that is not sharp is acceptable while you exercise, so this "
        "need not mean harm. Next time keep this dose: Backcare adds more only after "
        "comfortable sessions."
    ) % {"pain": ACCEPTABLE_PAIN}


def effort_advice(session: Session) -> str:
    """A session that felt too hard, without any pain flag: the routine page eases it off, and
    the session page says so too."""
    if session.effort != Session.Effort.TOO_HARD:
        return ""
    return _(
        "It felt too hard. Next time, do a little less: fewer repetitions, shorter holds, or "
        "fewer exercises. Backcare eases the doses of your routine off for the next session."
    )
