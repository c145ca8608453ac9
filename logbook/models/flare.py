"""A person's own plan for a bad day."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class FlarePlan(models.Model):
    """A person's own plan for a flare-up, in their words: what helps, and who to call."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="flare_plan"
    )
    what_helps = models.TextField(
        _("what helps me"),
        blank=True,
        max_length=2000,
        help_text=_("For example: a warm bath, short walks every hour, the gentle routine."),
    )
    who_to_call = models.TextField(
        _("who I can call"),
        blank=True,
        max_length=1000,
        help_text=_("For example: my physiotherapist's number, a friend who can help at home."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["user_id"]
        verbose_name = _("flare-up plan")
        verbose_name_plural = _("flare-up plans")

    def __str__(self) -> str:
        return f"{self.user}'s flare-up plan"

    def get_absolute_url(self) -> str:
        return reverse("logbook:flare")

    @property
    def is_written(self) -> bool:
        return bool(self.what_helps.strip() or self.who_to_call.strip())
