"""Password-guessing limits: who is paused, for how long, and why (django-axes, three limits).

Each limit counts wrong passwords, at log-in or when changing a password, in the last
AXES_COOLOFF_TIME (15 minutes):
- one username from one address: 5 (someone who has forgotten their password);
- one username from any address: 10 (one account guessed at from many addresses);
- one address, any usernames: 50 (one address trying many accounts). High enough that a family,
  an office or a clinic behind one shared address is not paused for one person's mistakes.
A correct password clears only that username's own failures, so signing in to your own account
cannot clear the count against someone else's. Usernames count case-insensitively.
"""

import math
from dataclasses import dataclass

from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

# In the order of settings.AXES_LOCKOUT_PARAMETERS.
LIMITS = (5, 10, 50)
REASONS = ("username_and_address", "username", "address")
assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"], "username", "ip_address"]
# AXES_FAILURE_LIMIT: get_failures() reports the share of the nearest limit, in percent.
FULL = 100


def password_guess(request, user, password: str) -> bool:
    """Check a password a signed-in person types (to delete the account, to change two-step
    log-in) under the log-in's limits: a wrong one counts, and past a limit django-axes'
    middleware answers with the pause page whatever the password."""
    credentials = {"username": user.get_username()}
    if not AxesProxyHandler.is_allowed(request, credentials):
        request.axes_locked_out, request.axes_credentials = True, credentials
        return False
    if user.check_password(password):
        return True
    user_login_failed.send(sender=__name__, credentials=credentials, request=request)
    return False


def normalized_username(request, credentials=None) -> str | None:
    """The username as typed, stripped and case-folded: "Alice " and "alice" count together."""
    if credentials is not None:
        username = credentials.get("username")
    else:
        username = request.POST.get("username") if request is not None else None
    return username.strip().casefold() if isinstance(username, str) else None


class LayeredLockoutHandler(AxesDatabaseHandler):
    """Axes' database handler with one limit per kind of count (LIMITS), and a reset on success
    that touches only the successful username's own failures."""

    def counts(self, request, credentials=None) -> list[int]:
        return [
            sum(attempt.failures_since_start for attempt in attempts)
            for attempts in self.get_user_attempts(request, credentials)
        ]

    def get_failures(self, request, credentials=None) -> int:
        counts = self.counts(request, credentials)
        return max(
            math.ceil(FULL * count / limit) for count, limit in zip(counts, LIMITS, strict=True)
        )

    def reset_user_attempts(self, request, credentials=None) -> int:
        username = get_client_username(request, credentials)
        if not username:
            return 0
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return count


@dataclass(frozen=True)
class Pause:
    reason: str
    seconds: int

    @property
    def minutes(self) -> int:
        return max(1, math.ceil(self.seconds / 60))


def current_pause(request, credentials=None) -> Pause | None:
    """Why log-in is paused for this request, and until when; None if it is not."""
    handler = LayeredLockoutHandler()
    attempts_list = handler.get_user_attempts(request, credentials)
    cool_off = get_cool_off(request)
    now = timezone.now()
    for reason, attempts, limit in zip(REASONS, attempts_list, LIMITS, strict=True):
        attempts = list(attempts)
        if sum(attempt.failures_since_start for attempt in attempts) >= limit:
            ends = max(attempt.attempt_time for attempt in attempts) + cool_off
            return Pause(reason, max(1, math.ceil((ends - now).total_seconds())))
    return None


def lockout_response(request, original_response=None, credentials=None):
    """The page for a paused log-in (AXES_LOCKOUT_CALLABLE): which limit, and when to retry."""
    pause = current_pause(request, credentials) or Pause(
        "username_and_address", int(get_cool_off(request).total_seconds())
    )
    messages = {
        "username_and_address": _(
            "Too many wrong passwords for this username from this device or network."
        ),
        "username": _(
            "Too many wrong passwords for this username, from more than one place. To protect "
            "the account, signing in to it is paused for everyone."
        ),
        "address": _(
            "Too many wrong passwords for different usernames from this network. Signing in "
            "from here is paused."
        ),
    }
    response = render(
        request,
        settings.AXES_LOCKOUT_TEMPLATE,
        {"message": messages[pause.reason], "minutes": pause.minutes},
        status=429,
    )
    response["Retry-After"] = str(pause.seconds)
    return response
