"""Function that matters to the person: the Patient-Specific Functional Scale (PSFS).

The person names 3 to 5 activities their back makes hard and rates each 0 (unable) to 10 (as
before the problem); the score is the mean. Free to use (DOMAIN.md). logbook/outcomes.py reads it.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

SCORE_MIN, SCORE_MAX = 0, 10


class FunctionActivity(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="function_activities"
    )
    name = models.CharField(_("activity"), max_length=100)
    position = models.PositiveSmallIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["user_id", "position"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "position"], name="function_activity_position_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


class FunctionCheck(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="function_checks"
    )
    date = models.DateField(_("date"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-created_at"]
        verbose_name = _("function check")
        verbose_name_plural = _("function checks")
        indexes = [models.Index(fields=["user", "-date"], name="function_check_user_date_idx")]

    def __str__(self) -> str:
        return f"{self.user} {self.date}"

    @property
    def mean(self) -> float | None:
        """The PSFS score: the mean of the activities rated (uses the prefetched scores)."""
        scores = [score.score for score in self.scores.all()]
        return round(sum(scores) / len(scores), 1) if scores else None


class FunctionScore(models.Model):
    function_check = models.ForeignKey(
        FunctionCheck, on_delete=models.CASCADE, related_name="scores"
    )
    activity = models.ForeignKey(FunctionActivity, on_delete=models.CASCADE, related_name="scores")
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)]
    )

    class Meta:
        ordering = ["function_check_id", "activity__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["function_check", "activity"], name="function_score_unique"
            ),
            models.CheckConstraint(
                name="function_score_0_10", condition=Q(score__gte=SCORE_MIN, score__lte=SCORE_MAX)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activity}: {self.score}"
