import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from exercises.models import Exercise

PAIN_MIN, PAIN_MAX = 0, 10
# Pain-monitoring model (Thomee 1997; Silbernagel et al. 2007): above 5 during exercise is too much.
PAIN_DURING_TOO_MUCH = 5
# A rise of 2 points on the 0-10 scale is a clinically meaningful change (Ostelo et al. 2008).
MEANINGFUL_PAIN_RISE = 2
MAX_SETS, MAX_REPETITIONS, MAX_HOLD_SECONDS = 10, 100, 600
MAX_ENTRIES = 30
MAX_ITEMS = 20


def pain_range(field: str) -> Q:
    return Q(**{f"{field}__gte": PAIN_MIN, f"{field}__lte": PAIN_MAX})


PAIN_VALIDATORS = [MinValueValidator(PAIN_MIN), MaxValueValidator(PAIN_MAX)]


@dataclass(frozen=True)
class Flag:
    """One reason a session deserves a safety message."""

    kind: str  # "pain_during", "sharp_pain" or "pain_rose"
    entry: "ExerciseEntry | None" = None


class RoutineQuerySet(models.QuerySet):
    def visible_to(self, user) -> "RoutineQuerySet":
        """Curated routines (shared by all) and the user's own."""
        return self.filter(Q(owner__isnull=True) | Q(owner=user))


class Routine(models.Model):
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True, max_length=1000)
    # No owner: a curated routine from the content file, shared by everyone and read-only.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="routines",
    )
    key = models.SlugField(
        max_length=100, null=True, blank=True, unique=True, help_text=_("Curated routines only.")
    )
    sources = models.TextField(_("sources"), blank=True)
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies"
    )
    content_hash = models.CharField(max_length=64, blank=True, editable=False)
    # The create or copy form's one-time token: posting it twice finds the first routine.
    submission_token = models.UUIDField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RoutineQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("routine")
        verbose_name_plural = _("routines")
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "submission_token"], name="routine_submission_token_unique"
            ),
            models.CheckConstraint(
                name="routine_curated_has_key_user_has_none",
                condition=Q(owner__isnull=True, key__isnull=False)
                | Q(owner__isnull=False, key__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("logbook:routine_detail", kwargs={"pk": self.pk})

    @property
    def is_curated(self) -> bool:
        return self.owner_id is None

    def is_owned_by(self, user) -> bool:
        return self.owner_id is not None and self.owner_id == user.pk


class RoutineItem(models.Model):
    routine = models.ForeignKey(Routine, on_delete=models.CASCADE, related_name="items")
    exercise = models.ForeignKey(
        Exercise, verbose_name=_("exercise"), on_delete=models.PROTECT, related_name="routine_items"
    )
    position = models.PositiveSmallIntegerField(_("order"))
    sets = models.PositiveSmallIntegerField(
        _("sets"), default=1, validators=[MinValueValidator(1), MaxValueValidator(MAX_SETS)]
    )
    repetitions = models.PositiveSmallIntegerField(
        _("repetitions"), validators=[MinValueValidator(1), MaxValueValidator(MAX_REPETITIONS)]
    )
    hold_seconds = models.PositiveSmallIntegerField(
        _("hold (seconds)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_HOLD_SECONDS)],
    )
    per_side = models.BooleanField(_("each side"), default=False)

    class Meta:
        ordering = ["routine_id", "position"]
        verbose_name = _("routine item")
        verbose_name_plural = _("routine items")
        constraints = [
            models.UniqueConstraint(
                fields=["routine", "position"], name="routine_item_position_unique"
            ),
            models.CheckConstraint(
                name="routine_item_sets_sane", condition=Q(sets__gte=1, sets__lte=MAX_SETS)
            ),
            models.CheckConstraint(
                name="routine_item_repetitions_sane",
                condition=Q(repetitions__gte=1, repetitions__lte=MAX_REPETITIONS),
            ),
            models.CheckConstraint(
                name="routine_item_hold_sane",
                condition=Q(hold_seconds__isnull=True)
                | Q(hold_seconds__gte=1, hold_seconds__lte=MAX_HOLD_SECONDS),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.routine}: {self.position}. {self.exercise}"

    @property
    def dosage_text(self) -> str:
        """This routine's dose in plain words, e.g. "Hold 25 seconds, 4 times each side"."""
        times = ngettext("%(n)s time", "%(n)s times", self.repetitions) % {"n": self.repetitions}
        if self.hold_seconds:
            hold = ngettext("%(n)s second", "%(n)s seconds", self.hold_seconds) % {
                "n": self.hold_seconds
            }
            text = _("Hold %(hold)s, %(times)s") % {"hold": hold, "times": times}
        else:
            text = ngettext("%(n)s repetition", "%(n)s repetitions", self.repetitions) % {
                "n": self.repetitions
            }
        if self.per_side:
            text = _("%(dosage)s each side") % {"dosage": text}
        if self.sets > 1:
            text = ngettext("%(dosage)s, %(sets)s set", "%(dosage)s, %(sets)s sets", self.sets) % {
                "dosage": text,
                "sets": self.sets,
            }
        return text


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
