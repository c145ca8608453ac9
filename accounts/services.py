"""Account-wide writes that touch several models."""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session as BrowserSession
from django.db import transaction
from django.db.models import Q

from accounts import ratelimit
from accounts.throttle import normalized_username
from logbook.cached import forget_cached_figures


def signed_in_sessions(user) -> list[str]:
    """The keys of every stored browser session signed in as the user, on any device."""
    store = SessionStore()
    return [
        session.session_key
        for session in BrowserSession.objects.only("session_key", "session_data").iterator()
        if store.decode(session.session_data).get(SESSION_KEY) == str(user.pk)
    ]


@transaction.atomic
def account_delete(*, user) -> None:
    """Delete the user and every trace of them.

    Sessions, entries, routines, the flare-up plan and two-step devices go with the user
    (on_delete=CASCADE). Kept elsewhere, and removed here: their browser sessions on every
    device, their cached progress figures, django-axes' log-in records (by username, in any
    letter case) and the counts of password-reset e-mails asked for their address.
    """
    username = user.get_username()
    # As typed in any letter case, and as django-axes stores it (case-folded: "Straße" is kept
    # as "strasse", which SQLite's case-insensitive match does not find).
    stored = normalized_username(None, {"username": username})
    BrowserSession.objects.filter(session_key__in=signed_in_sessions(user)).delete()
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.filter(Q(username__iexact=username) | Q(username=stored)).delete()
    ratelimit.forget(user.email)
    forget_cached_figures(user.pk)
    user.delete()
