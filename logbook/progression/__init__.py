"""What to do next time, and why: the one home of Backcare's dose advice.

From the last three sessions that included an exercise (logbook/attempts.py), following the
pain-monitoring model (logbook/pain.py) and NHS inform and ACSM dosage (DOMAIN.md):
- any sign the last one was too much (a sharp pain, pain during above 5, pain 2 points higher
  after than before, a worse next morning, or "too hard"): ease off, to the easier variation or
  a lower dose (ease_off); after it hurt in two of the last three, ask a professional too;
- three comfortable sessions (completed, pain during 3 or less, none of those signs) at the
  routine's current dose, the latest with a recorded "better" or "same" next morning: a small
  increase within the exercise's suggested range, hold first, then repetitions;
- on a weekly plan's routine, the plan's step (every week or two) replaces the streak, and waits
  for a comfortable session at the current dose and a settled morning after it (planned_step);
- never more for a person who told Backcare of a condition that concerns the exercise
  (exercises/precautions.py): they keep the dose and ask a professional first;
- otherwise, and whenever an answer is missing: keep the dose, and say why.
A suggestion is measured against the routine's current dose, so accepting it twice cannot step
twice: the sessions behind it were done at the old dose. The session page and the player take
their "next time" advice from ease_off too, and never suggest an easier variation that hurt in
the same session.

One package, one import path: steps.py (a suggestion, keeping a dose, easing off), routine.py
(routine and plan suggestions, suggestion_for) and session.py (the session page's and the
player's answers). Import from logbook.progression.
"""

from logbook.progression.routine import planned_step, suggest, suggestion_for
from logbook.progression.session import (
    FlagAdvice,
    effort_advice,
    session_advice,
    stopped_advice,
)
from logbook.progression.steps import (
    HOLD_STEP,
    MIN_HOLD,
    MIN_REPETITIONS,
    REPEATED_HURT,
    REPETITION_STEP,
    Suggestion,
    ease_off,
)

__all__ = [
    "HOLD_STEP",
    "MIN_HOLD",
    "MIN_REPETITIONS",
    "REPEATED_HURT",
    "REPETITION_STEP",
    "FlagAdvice",
    "Suggestion",
    "ease_off",
    "effort_advice",
    "planned_step",
    "session_advice",
    "stopped_advice",
    "suggest",
    "suggestion_for",
]
