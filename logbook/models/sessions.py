"""The logbook proper: sessions, the exercises done in them and their pain ratings."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from exercises.dosage import Dose, DoseFields, Side, dose_constraints, repetitions_field
from exercises.models import Exercise
from logbook.models.routines import Routine
from logbook.pain import (
    FLAGGED_ENTRY,
    PAIN_VALIDATORS,
    Flag,
    entry_is_flagged,
    pain_is_high,
    pain_range,
    pain_rose,
    session_flags,
)

MAX_ENTRIES = 30


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
        Routine,
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
    def pain_rose(self) -> bool:
        return pain_rose(before=self.pain_before, after=self.pain_after)

    @property
    def was_a_bad_day(self) -> bool:
        """Pain before the session high enough for the flare-up plan."""
        return pain_is_high(self.pain_before)

    @property
    def worse_next_morning(self) -> bool:
        return self.next_morning == self.NextMorning.WORSE

    @property
    def flags(self) -> list[Flag]:
        """Why this session needs a safety message; uses the (prefetched) entries."""
        return session_flags(self)

    @property
    def is_flagged(self) -> bool:
        return bool(self.flags)

    def can_check_next_morning(self, today) -> bool:
        return today > self.date


class EntryStatus(models.TextChoices):
    """What became of an exercise in a session: a skipped one is kept, to show as skipped."""

    COMPLETED = "completed", _("Completed")
    STOPPED = "stopped", _("Stopped early")
    SKIPPED = "skipped", _("Skipped")


# Exercises done, finished or stopped early: what progress and advice count, and what a session
# needs one of. A skipped exercise is kept only to show it was skipped.
DONE_STATUSES = [EntryStatus.COMPLETED, EntryStatus.STOPPED]


class ExerciseEntryQuerySet(models.QuerySet):
    def flagged(self) -> "ExerciseEntryQuerySet":
        return self.filter(FLAGGED_ENTRY)

    def done(self) -> "ExerciseEntryQuerySet":
        """Exercises done, finished or stopped early: what progress and advice count."""
        return self.filter(status__in=DONE_STATUSES)


class ExerciseEntry(DoseFields):
    Side = Side
    Status = EntryStatus

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="entries")
    exercise = models.ForeignKey(
        Exercise, verbose_name=_("exercise"), on_delete=models.PROTECT, related_name="entries"
    )
    position = models.PositiveSmallIntegerField(_("order"))
    # Done, not prescribed: an exercise stopped in its first repetition records none.
    repetitions = repetitions_field(minimum=0)
    side = models.CharField(
        _("side"), max_length=10, choices=Side.choices, default=Side.NOT_APPLICABLE
    )
    # Empty only for an exercise skipped: it was not done, so it had no pain to rate.
    pain_during = models.PositiveSmallIntegerField(
        _("pain during"), null=True, blank=True, validators=PAIN_VALIDATORS
    )
    sharp_pain = models.BooleanField(_("sharp pain"), default=False)
    status = models.CharField(
        _("done?"), max_length=10, choices=Status.choices, default=Status.COMPLETED
    )

    objects = ExerciseEntryQuerySet.as_manager()

    class Meta:
        ordering = ["session_id", "position"]
        verbose_name = _("exercise entry")
        verbose_name_plural = _("exercise entries")
        constraints = [
            models.CheckConstraint(
                name="entry_pain_during_0_10", condition=pain_range("pain_during")
            ),
            models.CheckConstraint(
                name="entry_rated_unless_skipped",
                condition=Q(status=EntryStatus.SKIPPED, pain_during__isnull=True, sharp_pain=False)
                | (~Q(status=EntryStatus.SKIPPED) & Q(pain_during__isnull=False)),
                violation_error_message=_(
                    "An exercise done has its pain during rated; one skipped has none."
                ),
            ),
            *dose_constraints("entry", min_repetitions=0),
            models.UniqueConstraint(fields=["session", "position"], name="entry_position_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.exercise} ({self.session})"

    def clean(self) -> None:
        """Pain during is rated for an exercise done, and not for one skipped."""
        if self.is_skipped:
            errors = {}
            if self.pain_during is not None:
                errors["pain_during"] = _("A skipped exercise has no pain during: not rated.")
            if self.sharp_pain:
                errors["sharp_pain"] = _("A skipped exercise had no sharp pain.")
            if errors:
                raise ValidationError(errors)
        elif self.pain_during is None:
            raise ValidationError(
                {
                    "pain_during": _(
                        "Rate the pain during it from 0 (no pain) to 10 (worst imaginable); "
                        "only a skipped exercise is not rated."
                    )
                }
            )

    @property
    def dose(self) -> Dose:
        """The dose done, e.g. "Hold 20 seconds, 5 times, left side only"."""
        hold = (self.hold_seconds, self.hold_seconds) if self.hold_seconds else None
        return Dose(
            sets=self.sets, repetitions=(self.repetitions,) * 2, hold_seconds=hold, side=self.side
        )

    @property
    def is_skipped(self) -> bool:
        return self.status == self.Status.SKIPPED

    @property
    def is_flagged(self) -> bool:
        return entry_is_flagged(pain_during=self.pain_during, sharp_pain=self.sharp_pain)
