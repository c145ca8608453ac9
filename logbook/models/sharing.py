"""Read-only links to a person's clinician report, for someone without an account."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

REPORT_WEEKS = (4, 12, 26)
MAX_LIVE_LINKS = 3


class ShareLinkQuerySet(models.QuerySet):
    def live(self) -> "ShareLinkQuerySet":
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class ShareLink(models.Model):
    class Lasts(models.IntegerChoices):
        WEEK = 7, _("7 days")
        MONTH = 30, _("30 days")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="share_links"
    )
    # A keyed hash of the token; the token itself is shown once and never stored.
    key = models.CharField(max_length=64, unique=True, editable=False)
    weeks = models.PositiveSmallIntegerField(
        _("period"), choices=[(weeks, weeks) for weeks in REPORT_WEEKS]
    )
    note_sessions = models.JSONField(default=list, blank=True)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_opened_at = models.DateTimeField(_("last opened"), null=True, blank=True)
    times_opened = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ShareLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("share link")
        verbose_name_plural = _("share links")
        constraints = [
            models.CheckConstraint(
                name="share_link_weeks", condition=models.Q(weeks__in=REPORT_WEEKS)
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} until {self.expires_at:%Y-%m-%d}"

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()
