"""How Backcare reads a pain rating: the one home of the pain-monitoring model.

Pain during an exercise on the 0-10 scale: 0-2 is safe, 3-5 acceptable, above 5 too much
(Thomeé 1997; Silbernagel et al. 2007). A change of 2 points or 30% is meaningful (Ostelo et al.
2008). Pain of 7 or more before a session is a bad day: Backcare offers the flare-up plan (a
clinical home-exercise service treats 7 or more as critical: MedBridge Pathways). The model was
tested in tendon and knee pain, not backs: Backcare offers it as a guide. The model, the
database queries, the progress figures, the session page and the player all take their answer
from here.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

if TYPE_CHECKING:
    from logbook.models import ExerciseEntry, Session

PAIN_MIN, PAIN_MAX = 0, 10
SAFE_PAIN = 2  # 0-2 during an exercise: safe
ACCEPTABLE_PAIN = 5  # 3-5: acceptable; above it: too much
MEANINGFUL_CHANGE = 2  # points on the 0-10 scale...
MEANINGFUL_FRACTION = 0.3  # ...or 30% of where it started
HIGH_PAIN = 7  # before a session: a bad day, time for the flare-up plan

PAIN_VALIDATORS = [MinValueValidator(PAIN_MIN), MaxValueValidator(PAIN_MAX)]


def pain_range(field: str) -> Q:
    """The database's rule for a rating: a whole number from 0 to 10."""
    return Q(**{f"{field}__gte": PAIN_MIN, f"{field}__lte": PAIN_MAX})


# The database's form of entry_is_flagged(): the two must agree (tests/logbook/test_pain.py).
FLAGGED_ENTRY = Q(sharp_pain=True) | Q(pain_during__gt=ACCEPTABLE_PAIN)


def pain_during_too_much(pain_during: int | None) -> bool:
    """None: not rated, an exercise skipped."""
    return pain_during is not None and pain_during > ACCEPTABLE_PAIN


def entry_is_flagged(*, pain_during: int | None, sharp_pain: bool) -> bool:
    """An exercise that hurt too much: a sharp pain, or pain during above 5."""
    return sharp_pain or pain_during_too_much(pain_during)


def pain_rose(*, before: int, after: int) -> bool:
    """Pain after a session meaningfully higher than before it."""
    return after - before >= MEANINGFUL_CHANGE


def is_meaningful(baseline: float | None, value: float | None) -> bool:
    """A change from a baseline that is more than everyday ups and downs, either way; compared
    to the tenth of a point the pages show (5.3 against 3.3 is a change of 2)."""
    if baseline is None or value is None:
        return False
    change = round(abs(value - baseline), 1)
    return change >= MEANINGFUL_CHANGE or (
        baseline > 0 and round(change / baseline, 2) >= MEANINGFUL_FRACTION
    )


def pain_is_high(pain_before: int) -> bool:
    return pain_before >= HIGH_PAIN


def pain_levels() -> dict[str, list[int]]:
    """The scale's values grouped as the guided player needs them: it looks ratings up here."""
    scale = range(PAIN_MIN, PAIN_MAX + 1)
    return {
        "tooMuchDuring": [n for n in scale if pain_during_too_much(n)],
        "highBefore": [n for n in scale if pain_is_high(n)],
    }


@dataclass(frozen=True)
class Flag:
    """One reason a session deserves a safety message."""

    class Kind(models.TextChoices):
        SHARP_PAIN = "sharp_pain", gettext_lazy("sharp pain")
        PAIN_DURING = "pain_during", gettext_lazy("too much pain during an exercise")
        PAIN_ROSE = "pain_rose", gettext_lazy("pain higher after the session")

    kind: Kind
    session: "Session"
    entry: "ExerciseEntry | None" = None

    @property
    def message(self) -> str:
        """What happened, in words; the exercise's name, when there is one, goes before it."""
        if self.kind == Flag.Kind.SHARP_PAIN:
            return _("you felt a sharp pain.")
        if self.kind == Flag.Kind.PAIN_DURING:
            return _(
                "pain during was %(pain)s out of 10. Above 5 is more than an exercise should cause."
            ) % {"pain": self.entry.pain_during}
        return _("Your pain rose from %(before)s before the session to %(after)s after it.") % {
            "before": self.session.pain_before,
            "after": self.session.pain_after,
        }


def session_flags(session: "Session") -> list[Flag]:
    """Why a session needs a safety message; reads its (prefetched) entries."""
    flags = []
    for entry in session.entries.all():
        if entry.sharp_pain:
            flags.append(Flag(Flag.Kind.SHARP_PAIN, session, entry))
        elif pain_during_too_much(entry.pain_during):
            flags.append(Flag(Flag.Kind.PAIN_DURING, session, entry))
    if pain_rose(before=session.pain_before, after=session.pain_after):
        flags.append(Flag(Flag.Kind.PAIN_ROSE, session))
    return flags
