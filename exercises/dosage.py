"""The dose of an exercise: one set of limits, one set of database rules, one way to say it.

The library suggests a range ("Hold 20–30 seconds, 3–5 times each side, every day"); a routine
prescribes one dose and a logged entry records the dose done. All three are a Dose.
"""

from dataclasses import dataclass

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

# What the database accepts, everywhere a dose is stored. The library's own suggestions stay far
# below these (tests/exercises/test_content.py holds them to the guidance in DOMAIN.md).
MAX_SETS = 10
MAX_REPETITIONS = 100
MAX_HOLD_SECONDS = 600


class Frequency(models.TextChoices):
    # Stretching: at least 2-3 days a week, daily is best (ACSM 2021). Strengthening the same
    # muscles: 2-3 days a week with a day between (ACSM 2021).
    DAILY = "daily", _("every day")
    TWO_TO_THREE_DAYS = "2-3-days", _("2–3 days a week")


class Side(models.TextChoices):
    """Which sides a dose is done on."""

    BOTH = "both", _("Both sides")
    LEFT = "left", _("Left")
    RIGHT = "right", _("Right")
    NOT_APPLICABLE = "na", _("Not one-sided")


def format_range(low: int, high: int) -> str:
    return str(low) if low == high else f"{low}\u2013{high}"


@dataclass(frozen=True)
class Dose:
    """Sets of repetitions, each held for a time or not, on each side or not.

    Repetitions and holds are ranges (low, high); a single dose has low == high.
    """

    sets: int
    repetitions: tuple[int, int]
    hold_seconds: tuple[int, int] | None = None
    side: str = Side.NOT_APPLICABLE
    frequency: str = ""

    @classmethod
    def single(
        cls, *, sets: int, repetitions: int, hold_seconds: int | None, per_side: bool
    ) -> "Dose":
        return cls(
            sets=sets,
            repetitions=(repetitions, repetitions),
            hold_seconds=(hold_seconds, hold_seconds) if hold_seconds else None,
            side=Side.BOTH if per_side else Side.NOT_APPLICABLE,
        )

    @property
    def per_side(self) -> bool:
        return self.side == Side.BOTH

    @property
    def fields(self) -> dict:
        """The single dose as the fields of a routine item (the gentle end of a range)."""
        return {
            "sets": self.sets,
            "repetitions": self.repetitions[0],
            "hold_seconds": self.hold_seconds[0] if self.hold_seconds else None,
            "per_side": self.per_side,
        }

    def seconds(self, *, per_repetition: int = 4, release: int = 3) -> int:
        """About how long the dose takes (the longer end of a range): each hold and its
        release, or a few seconds a repetition, on each side, in every set."""
        sides = 2 if self.side == Side.BOTH else 1
        each = (self.hold_seconds[1] + release) if self.hold_seconds else per_repetition
        return self.sets * sides * self.repetitions[1] * each

    @property
    def text(self) -> str:
        """The dose in plain words, e.g. "Hold 20–30 seconds, 3–5 times each side, every day"."""
        reps = format_range(*self.repetitions)
        most_reps = self.repetitions[1]
        if self.hold_seconds:
            hold = ngettext("%(range)s second", "%(range)s seconds", self.hold_seconds[1]) % {
                "range": format_range(*self.hold_seconds)
            }
            times = ngettext("%(range)s time", "%(range)s times", most_reps) % {"range": reps}
            text = _("Hold %(hold)s, %(times)s") % {"hold": hold, "times": times}
        else:
            text = ngettext("%(range)s repetition", "%(range)s repetitions", most_reps) % {
                "range": reps
            }
        if self.side == Side.BOTH:
            text = _("%(dose)s each side") % {"dose": text}
        elif self.side == Side.LEFT:
            text = _("%(dose)s, left side only") % {"dose": text}
        elif self.side == Side.RIGHT:
            text = _("%(dose)s, right side only") % {"dose": text}
        if self.sets > 1:
            text = ngettext("%(dose)s, %(sets)s set", "%(dose)s, %(sets)s sets", self.sets) % {
                "dose": text,
                "sets": self.sets,
            }
        if self.frequency:
            text = _("%(dose)s, %(frequency)s") % {
                "dose": text,
                "frequency": Frequency(self.frequency).label,
            }
        return text


def dose_constraints(prefix: str, *, min_repetitions: int) -> list[models.CheckConstraint]:
    """The database's rules for a stored single dose (a routine's, or one logged as done)."""
    return [
        models.CheckConstraint(
            name=f"{prefix}_sets_sane", condition=Q(sets__gte=1, sets__lte=MAX_SETS)
        ),
        models.CheckConstraint(
            name=f"{prefix}_repetitions_sane",
            condition=Q(repetitions__gte=min_repetitions, repetitions__lte=MAX_REPETITIONS),
        ),
        models.CheckConstraint(
            name=f"{prefix}_hold_sane",
            condition=Q(hold_seconds__isnull=True)
            | Q(hold_seconds__gte=1, hold_seconds__lte=MAX_HOLD_SECONDS),
        ),
    ]


def repetitions_field(*, minimum: int) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        _("repetitions"),
        validators=[MinValueValidator(minimum), MaxValueValidator(MAX_REPETITIONS)],
    )


class DoseFields(models.Model):
    """A single dose stored on a row: a routine's prescription, or an entry's record."""

    sets = models.PositiveSmallIntegerField(
        _("sets"), default=1, validators=[MinValueValidator(1), MaxValueValidator(MAX_SETS)]
    )
    repetitions = repetitions_field(minimum=1)
    hold_seconds = models.PositiveSmallIntegerField(
        _("hold (seconds)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_HOLD_SECONDS)],
    )

    class Meta:
        abstract = True

    @property
    def dosage_text(self) -> str:
        return self.dose.text
