"""Short lessons about back pain, from their content file, and which ones each person has read."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from exercises.translation import (
    TranslatedCharField,
    TranslatedJSONField,
    TranslatedModel,
    german,
)


class Lesson(TranslatedModel):
    class Topic(models.TextChoices):
        HURT = "hurt", _("Hurt and harm")
        MOVEMENT = "movement", _("Movement")
        PACING = "pacing", _("Pacing")
        FLARE = "flare", _("Flare-ups")
        SLEEP_STRESS = "sleep_stress", _("Sleep and stress")
        HELP = "help", _("Getting help")
        HABITS = "habits", _("Keeping it going")

    slug = models.SlugField(unique=True, max_length=100)
    topic = models.CharField(max_length=20, choices=Topic.choices, unique=True)
    title = TranslatedCharField(_("title"), max_length=120)
    minutes = models.PositiveSmallIntegerField(_("minutes to read"))
    summary = TranslatedCharField(_("summary"), max_length=200)
    body = TranslatedJSONField(_("paragraphs"), default=list)
    takeaways = TranslatedJSONField(_("takeaways"), default=list)
    # The German text (content/lessons.de.yaml); empty reads as the English.
    title_de = models.CharField(german(_("title")), max_length=120, blank=True)
    summary_de = models.CharField(german(_("summary")), max_length=200, blank=True)
    body_de = models.JSONField(german(_("paragraphs")), default=list, blank=True)
    takeaways_de = models.JSONField(german(_("takeaways")), default=list, blank=True)
    sources_de = models.JSONField(german(_("sources")), default=list, blank=True)
    sources = TranslatedJSONField(_("sources"), default=list)
    position = models.PositiveSmallIntegerField()
    content_hash = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["position"]
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("logbook:lesson_detail", kwargs={"slug": self.slug})


class LessonRead(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lessons_read"
    )
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="reads")
    read_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-read_at"]
        constraints = [models.UniqueConstraint(fields=["user", "lesson"], name="lesson_read_once")]

    def __str__(self) -> str:
        return f"{self.user}: {self.lesson}"
