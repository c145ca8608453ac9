"""A session and its exercise entries always change together."""

import uuid
from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction

from logbook.models import ExerciseEntry, Session

# What a person fills in; the forms show exactly these.
SESSION_FIELDS = ["date", "started_at", "routine", "pain_before", "pain_after", "effort", "notes"]
ENTRY_FIELDS = [
    "exercise",
    "sets",
    "repetitions",
    "hold_seconds",
    "side",
    "pain_during",
    "sharp_pain",
    "status",
]


def _replace_entries(session: Session, entries: Iterable[dict[str, Any]]) -> None:
    session.entries.all().delete()
    new_entries = []
    for position, values in enumerate(entries, start=1):
        entry = ExerciseEntry(
            session=session, position=position, **{name: values[name] for name in ENTRY_FIELDS}
        )
        entry.full_clean(exclude=["session"], validate_unique=False)
        new_entries.append(entry)
    ExerciseEntry.objects.bulk_create(new_entries)


@transaction.atomic
def session_create(
    *,
    user,
    fields: dict[str, Any],
    entries: list[dict[str, Any]],
    submission_token: uuid.UUID | None = None,
) -> tuple[Session, bool]:
    """Save a new session with its entries; returns (session, created).

    A repeated post of the same form (same submission token) returns the session the first post
    saved instead of creating a second one.
    """
    token = submission_token or uuid.uuid4()
    existing = Session.objects.filter(user=user, submission_token=token).first()
    if existing is not None:
        return existing, False
    session = Session(
        user=user, submission_token=token, **{name: fields[name] for name in SESSION_FIELDS}
    )
    session.full_clean(exclude=["user"], validate_unique=False)
    try:
        with transaction.atomic():
            session.save()
    except IntegrityError:
        # A concurrent post with the same token won the race: that session is the one.
        return Session.objects.get(user=user, submission_token=token), False
    _replace_entries(session, entries)
    return session, True


@transaction.atomic
def session_update(
    *, session: Session, fields: dict[str, Any], entries: list[dict[str, Any]]
) -> Session:
    """Change a session and replace its entries with the given ones, in one transaction."""
    for name in SESSION_FIELDS:
        setattr(session, name, fields[name])
    session.full_clean(exclude=["user"], validate_unique=False)
    session.save()
    _replace_entries(session, entries)
    return session
