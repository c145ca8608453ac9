"""Short lessons about back pain, from their content file, and which ones each person has read."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Lesson(models.Model):
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
    title = models.CharField(_("title"), max_length=120)
    minutes = models.PositiveSmallIntegerField(_("minutes to read"))
    summary = models.CharField(_("summary"), max_length=200)
    body = models.JSONField(_("paragraphs"), default=list)
    takeaways = models.JSONField(_("takeaways"), default=list)
    sources = models.JSONField(_("sources"), default=list)
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
