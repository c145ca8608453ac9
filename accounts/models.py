import datetime
import zoneinfo
from functools import cache

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


@cache
def known_time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def validate_time_zone(value: str) -> None:
    if value not in known_time_zones():
        raise ValidationError(_("%(value)s is not a time zone we know."), params={"value": value})


def validate_language(value: str) -> None:
    if value and value not in dict(settings.LANGUAGES):
        raise ValidationError(_("Choose one of the languages listed."))


class User(AbstractUser):
    """A Backcare user. Their dates ("today", "the next morning") are in their own time zone."""

    email = models.EmailField(_("email address"), help_text=_("Used only to reset your password."))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="UTC",
        validators=[validate_time_zone],
        help_text=_("Your sessions are dated in this time zone."),
    )
    weekly_goal = models.PositiveSmallIntegerField(
        _("sessions a week you aim for"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(14)],
        help_text=_("Shown against your sessions on the progress page."),
    )

    # Blank: the browser's language. Set by the language switcher and the account page; e-mails
    # sent without a request (reminders, password resets) use it too.
    language = models.CharField(
        _("language"),
        max_length=8,
        blank=True,
        default="",
        validators=[validate_language],
        help_text=_("Backcare's pages and e-mails in this language."),
    )

    # Conditions that call for a professional's word first (exercises.precautions.Precaution),
    # asked once after sign-up; answered_at stays empty until the person has answered.
    precautions = models.JSONField(_("before you start"), default=list, blank=True)
    precautions_answered_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta(AbstractUser.Meta):
        ordering = ["username"]
        constraints = [
            models.CheckConstraint(
                name="user_weekly_goal_1_14",
                condition=models.Q(weekly_goal__gte=1, weekly_goal__lte=14),
            )
        ]

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def language_or_default(self) -> str:
        """The language to write to this person in when there is no browser to ask."""
        return self.language or settings.LANGUAGE_CODE

    def today(self) -> datetime.date:
        """Today's date where the user is."""
        return timezone.localdate(timezone=self.zone)


class RateLimitEvent(models.Model):
    """One counted request (e.g. a password-reset e-mail asked for), by what it concerns.

    The key is a keyed hash of the address or e-mail (accounts.ratelimit.key_for), never the
    value itself; rows older than the longest window are removed as new ones are written.
    """

    scope = models.CharField(max_length=40)
    key = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["scope", "key", "created_at"], name="ratelimit_lookup_idx")]

    def __str__(self) -> str:
        return f"{self.scope} {self.created_at:%Y-%m-%d %H:%M}"
