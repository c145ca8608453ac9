"""Counting requests in a time window, for limits that django-axes does not cover (password-reset
e-mails). Counts live in the database, so every app server sees the same ones."""

import datetime
import math

from django.db.models import Min
from django.utils import timezone
from django.utils.crypto import salted_hmac

from accounts.models import RateLimitEvent

KEEP = datetime.timedelta(days=1)  # no window is longer than this


def key_for(value: str) -> str:
    """A keyed hash of an address or an e-mail: counted without being stored."""
    return salted_hmac("backcare.ratelimit", value.strip().casefold()).hexdigest()


def seconds_until_allowed(scope: str, value: str, *, limit: int, window: datetime.timedelta) -> int:
    """0 if one more request is allowed now; otherwise how many seconds until it is."""
    now = timezone.now()
    recent = RateLimitEvent.objects.filter(
        scope=scope, key=key_for(value), created_at__gt=now - window
    )
    stats = recent.aggregate(oldest=Min("created_at"))
    if recent.count() < limit:
        return 0
    return max(1, math.ceil((stats["oldest"] + window - now).total_seconds()))


def record(scope: str, value: str) -> None:
    now = timezone.now()
    RateLimitEvent.objects.filter(created_at__lt=now - KEEP).delete()
    RateLimitEvent.objects.create(scope=scope, key=key_for(value), created_at=now)


def forget(value: str) -> None:
    """Remove every count that concerns this value (an account's e-mail, on deletion)."""
    RateLimitEvent.objects.filter(key=key_for(value)).delete()
