import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from exercises.models import Exercise

PAIN_MIN, PAIN_MAX = 0, 10
# Pain-monitoring model (Thomee 1997; Silbernagel et al. 2007): above 5 during exercise is too much.
PAIN_DURING_TOO_MUCH = 5
# A rise of 2 points on the 0-10 scale is a clinically meaningful change (Ostelo et al. 2008).
MEANINGFUL_PAIN_RISE = 2
MAX_SETS, MAX_REPETITIONS, MAX_HOLD_SECONDS = 10, 100, 600
MAX_ENTRIES = 30


def pain_range(field: str) -> Q:
    return Q(**{f"{field}__gte": PAIN_MIN, f"{field}__lte": PAIN_MAX})


PAIN_VALIDATORS = [MinValueValidator(PAIN_MIN), MaxValueValidator(PAIN_MAX)]


@dataclass(frozen=True)
class Flag:
    """One reason a session deserves a safety message."""

    kind: str  # "pain_during", "sharp_pain" or "pain_rose"
    entry: "ExerciseEntry | None" = None


class Session(models.Model):
    class Effort(models.TextChoices):
        EASY = "easy", _("Easy")
        RIGHT = "right", _("About right")
        TOO_HARD = "too_hard", _("Too hard")

    class NextMorning(models.TextChoices):
        BETTER = "better", _("Better")
        SAME = "same", _("About the same")
        WORSE = "worse", _("Worse")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sessions"
    )
    date = models.DateField(_("date"))
    started_at = models.TimeField(_("start time"), null=True, blank=True)
    routine = models.ForeignKey(
        "routines.Routine",
        verbose_name=_("routine"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
    )
    pain_before = models.PositiveSmallIntegerField(_("pain before"), validators=PAIN_VALIDATORS)
    pain_after = models.PositiveSmallIntegerField(_("pain after"), validators=PAIN_VALIDATORS)
    effort = models.CharField(_("how it felt"), max_length=10, choices=Effort.choices)
    notes = models.TextField(_("notes"), blank=True, max_length=2000)
    next_morning = models.CharField(
        _("the next morning"), max_length=10, choices=NextMorning.choices, blank=True
    )
    # The form's one-time token: a second post of the same form finds this session instead of
    # creating a duplicate (double click, refresh, back button).
    submission_token = models.UUIDField(default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "-started_at", "-created_at"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                name="session_pain_before_0_10", condition=pain_range("pain_before")
            ),
            models.CheckConstraint(
                name="session_pain_after_0_10", condition=pain_range("pain_after")
            ),
            models.UniqueConstraint(
                fields=["user", "submission_token"], name="session_submission_token_unique"
            ),
        ]
        indexes = [models.Index(fields=["user", "-date"], name="session_user_date_idx")]

    def __str__(self) -> str:
        return f"{self.user} {self.date}"

    def get_absolute_url(self) -> str:
        return reverse("logbook:session_detail", kwargs={"pk": self.pk})

    @property
    def pain_change(self) -> int:
        return self.pain_after - self.pain_before

    @property
    def pain_rose(self) -> bool:
        return self.pain_change >= MEANINGFUL_PAIN_RISE

    @property
    def flags(self) -> list[Flag]:
        """Why this session needs a safety message; uses the (prefetched) entries."""
        flags = []
        for entry in self.entries.all():
            if entry.sharp_pain:
                flags.append(Flag("sharp_pain", entry))
            elif entry.pain_too_much:
                flags.append(Flag("pain_during", entry))
        if self.pain_rose:
            flags.append(Flag("pain_rose"))
        return flags

    @property
    def is_flagged(self) -> bool:
        return bool(self.flags)

    def can_check_next_morning(self, today) -> bool:
        return today > self.date


class ExerciseEntry(models.Model):
    class Side(models.TextChoices):
        BOTH = "both", _("Both sides")
        LEFT = "left", _("Left")
        RIGHT = "right", _("Right")
        NOT_APPLICABLE = "na", _("Not one-sided")

    class Status(models.TextChoices):
        COMPLETED = "completed", _("Completed")
        STOPPED = "stopped", _("Stopped early")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="entries")
    exercise = models.ForeignKey(
        Exercise, verbose_name=_("exercise"), on_delete=models.PROTECT, related_name="entries"
    )
    position = models.PositiveSmallIntegerField(_("order"))
    sets = models.PositiveSmallIntegerField(
        _("sets"), default=1, validators=[MinValueValidator(1), MaxValueValidator(MAX_SETS)]
    )
    repetitions = models.PositiveSmallIntegerField(
        _("repetitions"), validators=[MaxValueValidator(MAX_REPETITIONS)]
    )
    hold_seconds = models.PositiveSmallIntegerField(
        _("hold (seconds)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_HOLD_SECONDS)],
    )
    side = models.CharField(
        _("side"), max_length=10, choices=Side.choices, default=Side.NOT_APPLICABLE
    )
    pain_during = models.PositiveSmallIntegerField(_("pain during"), validators=PAIN_VALIDATORS)
    sharp_pain = models.BooleanField(_("sharp pain"), default=False)
    status = models.CharField(
        _("completed?"), max_length=10, choices=Status.choices, default=Status.COMPLETED
    )

    class Meta:
        ordering = ["session_id", "position"]
        verbose_name = _("exercise entry")
        verbose_name_plural = _("exercise entries")
        constraints = [
            models.CheckConstraint(
                name="entry_pain_during_0_10", condition=pain_range("pain_during")
            ),
            models.CheckConstraint(
                name="entry_sets_sane", condition=Q(sets__gte=1, sets__lte=MAX_SETS)
            ),
            models.CheckConstraint(
                name="entry_repetitions_sane",
                condition=Q(repetitions__gte=0, repetitions__lte=MAX_REPETITIONS),
            ),
            models.CheckConstraint(
                name="entry_hold_sane",
                condition=Q(hold_seconds__isnull=True)
                | Q(hold_seconds__gte=1, hold_seconds__lte=MAX_HOLD_SECONDS),
            ),
            models.UniqueConstraint(fields=["session", "position"], name="entry_position_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.exercise} ({self.session})"

    @property
    def pain_too_much(self) -> bool:
        return self.pain_during > PAIN_DURING_TOO_MUCH

    @property
    def is_flagged(self) -> bool:
        return self.sharp_pain or self.pain_too_much
