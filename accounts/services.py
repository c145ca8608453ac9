"""Account-wide writes that touch several models."""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.db import transaction


@transaction.atomic
def account_delete(*, user) -> None:
    """Delete the user and every row that is theirs.

    Sessions, entries and routines go with the user (on_delete=CASCADE); django-axes keeps its
    login records by username, not by foreign key, so they are removed here.
    """
    username = user.get_username()
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.filter(username=username).delete()
    user.delete()
