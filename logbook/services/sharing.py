"""Share links to the clinician report: made, opened and revoked."""

import datetime
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from logbook.models import MAX_LIVE_LINKS, REPORT_WEEKS, Session, ShareLink
from logbook.services.locking import lock_person


def share_key(token: str) -> str:
    return salted_hmac("backcare.share", token).hexdigest()


@transaction.atomic
def share_link_create(*, user, weeks: int, days: int, note_sessions: list[int]) -> str:
    """A new read-only link to the report, live for 7 or 30 days. Returns the token, which is
    shown once; only its keyed hash is stored. At most MAX_LIVE_LINKS live at once."""
    if weeks not in REPORT_WEEKS or days not in ShareLink.Lasts.values:
        raise ValidationError(_("Choose a period of 4, 12 or 26 weeks and 7 or 30 days."))
    lock_person(user)  # two tabs cannot both make the last allowed link
    if ShareLink.objects.filter(user=user).live().count() >= MAX_LIVE_LINKS:
        raise ValidationError(
            _("You have %(count)s live links, the most at once. Revoke one to make another.")
            % {"count": MAX_LIVE_LINKS}
        )
    owned = set(
        Session.objects.filter(user=user, pk__in=note_sessions).values_list("pk", flat=True)
    )
    token = secrets.token_urlsafe(32)
    ShareLink.objects.create(
        user=user,
        key=share_key(token),
        weeks=weeks,
        note_sessions=sorted(set(owned)),
        expires_at=timezone.now() + datetime.timedelta(days=days),
    )
    return token


def share_link_open(token: str) -> ShareLink | None:
    """The live link for this token, counted as opened; None for an unknown, expired or revoked
    one (the caller answers all three the same)."""
    link = ShareLink.objects.live().select_related("user").filter(key=share_key(token)).first()
    if link is None:
        return None
    now = timezone.now()
    ShareLink.objects.filter(pk=link.pk).update(
        last_opened_at=now, times_opened=F("times_opened") + 1
    )
    link.last_opened_at = now
    return link


def share_link_revoke(*, link: ShareLink) -> None:
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
