"""Routines: curated ones from the content file, and each person's own."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from exercises.dosage import Dose, DoseFields, dose_constraints
from exercises.models import Exercise
from exercises.translation import TranslatedCharField, TranslatedModel, TranslatedTextField, german

MAX_ITEMS = 20
# The curated routine for a bad day (content/routines.yaml): offered by the player and the
# flare-up page.
FLARE_ROUTINE_KEY = "flare-day"


class RoutineQuerySet(models.QuerySet):
    def visible_to(self, user) -> "RoutineQuerySet":
        """Curated routines (shared by all) and the user's own."""
        return self.filter(Q(owner__isnull=True) | Q(owner=user))


class Routine(TranslatedModel):
    name = TranslatedCharField(_("name"), max_length=100)
    description = TranslatedTextField(_("description"), blank=True, max_length=1000)
    # A curated routine's German text (content/routines.de.yaml); a person's own routine has
    # none and reads as typed, in every language.
    name_de = models.CharField(german(_("name")), max_length=100, blank=True)
    description_de = models.TextField(german(_("description")), blank=True, max_length=1000)
    sources_de = models.TextField(german(_("sources")), blank=True)
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
    sources = TranslatedTextField(_("sources"), blank=True)
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


class RoutineItem(DoseFields):
    routine = models.ForeignKey(Routine, on_delete=models.CASCADE, related_name="items")
    exercise = models.ForeignKey(
        Exercise, verbose_name=_("exercise"), on_delete=models.PROTECT, related_name="routine_items"
    )
    position = models.PositiveSmallIntegerField(_("order"))
    per_side = models.BooleanField(_("each side"), default=False)

    class Meta:
        ordering = ["routine_id", "position"]
        verbose_name = _("routine item")
        verbose_name_plural = _("routine items")
        constraints = [
            models.UniqueConstraint(
                fields=["routine", "position"], name="routine_item_position_unique"
            ),
            *dose_constraints("routine_item", min_repetitions=1),
        ]

    def __str__(self) -> str:
        return f"{self.routine}: {self.position}. {self.exercise}"

    @property
    def dose(self) -> Dose:
        """This routine's dose, e.g. "Hold 25 seconds, 4 times each side"."""
        return Dose.single(
            sets=self.sets,
            repetitions=self.repetitions,
            hold_seconds=self.hold_seconds,
            per_side=self.per_side,
        )
