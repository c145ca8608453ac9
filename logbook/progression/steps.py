"""The building blocks of the dose advice: a suggestion, keeping a dose, and easing off."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from exercises.dosage import Dose
from exercises.models import Exercise

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
        # Too much last time, and nothing left to lower: go gently (never "keep going").
        GENTLY = "gently", gettext_lazy("Go gently")
        REST = "rest", gettext_lazy("Rest it")

    kind: Kind
    why: str
    what: str
    exercise: Exercise
    dose: Dose
    evidence: tuple[str, ...] = ()
    # A weekly plan's scheduled step: taken for the whole routine on the plan page.
    planned: bool = False

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


def keep(item, why: str, what: str = "", evidence=()) -> Suggestion:
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
        Suggestion.Kind.GENTLY,
        why,
        _("This is already the lowest dose: move more gently, or leave it out."),
        exercise,
        dose,
    )
