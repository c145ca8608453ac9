"""Serialising one person's writes that must not interleave."""

from django.contrib.auth import get_user_model


def lock_person(user) -> None:
    """Lock the person's own row (nobody else's) until the transaction ends."""
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
