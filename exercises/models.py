from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from exercises.dosage import MAX_HOLD_SECONDS, MAX_REPETITIONS, MAX_SETS, Dose, Frequency, Side
from exercises.figures import PoseError, parse_poses
from exercises.precautions import TAGGED
from exercises.translation import (
    TranslatedCharField,
    TranslatedModel,
    TranslatedTextField,
    content_language,
    german,
    localized,
)


def _lines(text: str) -> list[str]:
    """The non-empty lines of a one-item-per-line text field."""
    return [line.strip() for line in text.splitlines() if line.strip()]


class ExerciseQuerySet(models.QuerySet):
    def search(self, text: str) -> "ExerciseQuerySet":
        """Exercises whose name, summary, target areas or equipment (in the active language)
        contain the text."""
        fields = ["name", "summary", "target_areas", "equipment"]
        return self.alias(**{f"shown_{name}": localized(name) for name in fields}).filter(
            Q(shown_name__icontains=text)
            | Q(shown_summary__icontains=text)
            | Q(shown_target_areas__icontains=text)
            | Q(shown_equipment__icontains=text)
        )

    def in_display_order(self) -> "ExerciseQuerySet":
        """Gentle work first: categories in the order they are declared, then by name (in the
        active language)."""
        category_rank = Case(
            *(
                When(category=value, then=Value(rank))
                for rank, value in enumerate(Exercise.Category.values)
            ),
            output_field=models.IntegerField(),
        )
        return self.alias(category_rank=category_rank).order_by("category_rank", localized("name"))


class Exercise(TranslatedModel):
    class Category(models.TextChoices):
        STRETCH = "stretch", _("Stretching")
        MOBILITY = "mobility", _("Mobility")
        STABILITY = "stability", _("Stability")
        STRENGTHEN = "strengthen", _("Strengthening")

    class Position(models.TextChoices):
        LYING_ON_BACK = "lying_on_back", _("Lying on your back")
        LYING_ON_FRONT = "lying_on_front", _("Lying on your front")
        LYING_ON_SIDE = "lying_on_side", _("Lying on your side")
        HANDS_AND_KNEES = "hands_and_knees", _("On hands and knees")
        KNEELING = "kneeling", _("Kneeling")
        SITTING = "sitting", _("Sitting")
        STANDING = "standing", _("Standing")

    class Difficulty(models.TextChoices):
        GENTLE = "gentle", _("Gentle")
        MODERATE = "moderate", _("Moderate")
        HARDER = "harder", _("Harder")

    name = TranslatedCharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    summary = TranslatedCharField(_("summary"), max_length=200)
    position = models.CharField(_("position"), max_length=20, choices=Position.choices)
    difficulty = models.CharField(_("difficulty"), max_length=20, choices=Difficulty.choices)
    target_areas = TranslatedCharField(
        _("target areas"), max_length=200, help_text=_("Comma-separated, e.g. lower back, hips.")
    )
    equipment = TranslatedCharField(
        _("equipment"), max_length=100, blank=True, help_text=_("Leave blank if none is needed.")
    )
    hold_seconds_min = models.PositiveSmallIntegerField(
        _("shortest hold (seconds)"), null=True, blank=True
    )
    hold_seconds_max = models.PositiveSmallIntegerField(
        _("longest hold (seconds)"), null=True, blank=True
    )
    repetitions_min = models.PositiveSmallIntegerField(_("fewest repetitions"))
    repetitions_max = models.PositiveSmallIntegerField(_("most repetitions"))
    per_side = models.BooleanField(_("each side"), default=False)
    sets = models.PositiveSmallIntegerField(_("sets"), default=1)
    frequency = models.CharField(
        _("how often"), max_length=20, choices=Frequency.choices, default=Frequency.DAILY
    )
    benefits = TranslatedTextField(_("benefits"), help_text=_("One per line."))
    safety_notes = TranslatedTextField(_("safety notes"), help_text=_("One per line."))
    common_mistakes = TranslatedTextField(
        _("common mistakes"), blank=True, help_text=_("One per line.")
    )
    easier_variation = models.ForeignKey(
        "self",
        verbose_name=_("easier variation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="harder_variations",
        help_text=_("The exercise to fall back to; this one then shows as its harder variation."),
    )
    caution = TranslatedTextField(
        _("caution"),
        blank=True,
        help_text=_(
            "Shown above the steps wherever the exercise appears; an exercise with a caution is "
            "never suggested automatically as the next step."
        ),
    )
    precautions = models.JSONField(
        _("conditions to check first"),
        default=list,
        blank=True,
        help_text=_("Of pregnancy and osteoporosis, those this exercise calls for advice on."),
    )
    sources = TranslatedTextField(
        _("sources"), help_text=_("Where the facts come from, one per line.")
    )
    poses = models.JSONField(
        _("picture positions"),
        default=list,
        blank=True,
        help_text=_(
            "The positions the exercise's picture moves through, with joint angles in degrees; "
            "exercises/content/exercises.yaml explains the format. Leave empty for no picture."
        ),
    )
    # The German text of the fields above (exercises/content/exercises.de.yaml); empty reads
    # as the English (exercises/translation.py).
    name_de = models.CharField(german(_("name")), max_length=100, blank=True)
    summary_de = models.CharField(german(_("summary")), max_length=200, blank=True)
    target_areas_de = models.CharField(german(_("target areas")), max_length=200, blank=True)
    equipment_de = models.CharField(german(_("equipment")), max_length=100, blank=True)
    benefits_de = models.TextField(german(_("benefits")), blank=True)
    safety_notes_de = models.TextField(german(_("safety notes")), blank=True)
    common_mistakes_de = models.TextField(german(_("common mistakes")), blank=True)
    caution_de = models.TextField(german(_("caution")), blank=True)
    sources_de = models.TextField(german(_("sources")), blank=True)
    # What a screen reader says of each of the picture's positions, in the order of poses.
    pose_descriptions_de = models.JSONField(
        german(_("picture positions")), default=list, blank=True
    )
    # Set by the admin so that reloading the content file never overwrites a local edit.
    locally_edited = models.BooleanField(_("edited locally"), default=False, editable=False)
    content_hash = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ExerciseQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("exercise")
        verbose_name_plural = _("exercises")
        constraints = [
            models.CheckConstraint(
                name="exercise_hold_range_valid",
                condition=(
                    Q(hold_seconds_min__isnull=True, hold_seconds_max__isnull=True)
                    | Q(
                        # Spelled out: a comparison with NULL would let a half-given range pass.
                        hold_seconds_min__isnull=False,
                        hold_seconds_max__isnull=False,
                        hold_seconds_min__gte=1,
                        hold_seconds_min__lte=F("hold_seconds_max"),
                        hold_seconds_max__lte=MAX_HOLD_SECONDS,
                    )
                ),
                violation_error_message=format_lazy(
                    _(
                        "Give both hold times or neither; the shortest must be at least 1 second "
                        "and no more than the longest, which must be at most {max} seconds."
                    ),
                    max=MAX_HOLD_SECONDS,
                ),
            ),
            models.CheckConstraint(
                name="exercise_repetitions_range_valid",
                condition=Q(
                    repetitions_min__gte=1,
                    repetitions_min__lte=F("repetitions_max"),
                    repetitions_max__lte=MAX_REPETITIONS,
                ),
                violation_error_message=format_lazy(
                    _(
                        "Repetitions must be at least 1 and the fewest no more than the most, "
                        "which must be at most {max}."
                    ),
                    max=MAX_REPETITIONS,
                ),
            ),
            models.CheckConstraint(
                name="exercise_sets_range_valid",
                condition=Q(sets__gte=1, sets__lte=MAX_SETS),
                violation_error_message=format_lazy(
                    _("Sets must be between 1 and {max}."), max=MAX_SETS
                ),
            ),
            models.CheckConstraint(
                name="exercise_not_its_own_easier_variation",
                condition=~Q(easier_variation=F("pk")),
                violation_error_message=_("An exercise cannot be its own easier variation."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("exercises:detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        unknown = set(self.precautions or []) - set(TAGGED)
        if not isinstance(self.precautions, list) or unknown:
            raise ValidationError(
                {"precautions": _("Choose from: %(known)s.") % {"known": ", ".join(TAGGED)}}
            )
        if self.poses:
            try:
                parse_poses(self.poses)
            except PoseError as error:
                raise ValidationError({"poses": str(error)}) from error

    @property
    def has_hold(self) -> bool:
        return self.hold_seconds_max is not None

    @property
    def dose(self) -> Dose:
        """The suggested range, e.g. "Hold 20–30 seconds, 3–5 times each side, every day"."""
        return Dose(
            sets=self.sets,
            repetitions=(self.repetitions_min, self.repetitions_max),
            hold_seconds=(self.hold_seconds_min, self.hold_seconds_max) if self.has_hold else None,
            side=Side.BOTH if self.per_side else Side.NOT_APPLICABLE,
            frequency=self.frequency,
        )

    @property
    def starting_dose(self) -> Dose:
        """Where to begin: the gentle end of the suggested range."""
        return Dose.single(
            sets=self.sets,
            repetitions=self.repetitions_min,
            hold_seconds=self.hold_seconds_min,
            per_side=self.per_side,
        )

    @property
    def dosage_text(self) -> str:
        return self.dose.text

    @property
    def target_area_list(self) -> list[str]:
        return [area.strip() for area in self.target_areas.split(",") if area.strip()]

    @property
    def benefit_list(self) -> list[str]:
        return _lines(self.benefits)

    @property
    def safety_note_list(self) -> list[str]:
        return _lines(self.safety_notes)

    @property
    def common_mistake_list(self) -> list[str]:
        return _lines(self.common_mistakes)

    @property
    def source_list(self) -> list[str]:
        return _lines(self.sources)

    @property
    def shown_poses(self) -> list[dict]:
        """The picture's positions, described (for a screen reader) in the active language when
        there is a description for each; else as in poses."""
        language = content_language()
        described = getattr(self, f"pose_descriptions_{language}") if language else []
        if not described or len(described) != len(self.poses):
            return self.poses
        return [
            {**pose, "description": text} for pose, text in zip(self.poses, described, strict=True)
        ]


CATEGORY_INTROS = {
    Exercise.Category.STRETCH: _(
        "Stretches ease tension and let the back move more freely. Hold each one to a mild "
        "pull, never to pain, and do not bounce."
    ),
    Exercise.Category.MOBILITY: _(
        "Slow, controlled movements that take the spine through the range it can move "
        "comfortably today."
    ),
    Exercise.Category.STABILITY: _(
        "Keep the trunk steady while the arms or legs move. This trains the deep muscles "
        "that hold the spine in place."
    ),
    Exercise.Category.STRENGTHEN: _(
        "Build the back, glute and abdominal muscles that support the spine. A few careful "
        "repetitions beat many rushed ones."
    ),
}


class ExerciseStep(TranslatedModel):
    exercise = models.ForeignKey(
        Exercise, verbose_name=_("exercise"), on_delete=models.CASCADE, related_name="steps"
    )
    number = models.PositiveSmallIntegerField(_("step number"))
    text = TranslatedTextField(_("instruction"))
    text_de = models.TextField(german(_("instruction")), blank=True)

    class Meta:
        ordering = ["exercise_id", "number"]
        verbose_name = _("step")
        verbose_name_plural = _("steps")
        constraints = [
            models.UniqueConstraint(
                fields=["exercise", "number"], name="exercise_step_number_unique"
            ),
            models.CheckConstraint(
                name="exercise_step_number_positive", condition=Q(number__gte=1)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.exercise}: {self.number}"
