"""Account-wide writes that touch several models."""

from axes.models import AccessAttempt
from django.db import transaction


@transaction.atomic
def account_delete(*, user) -> None:
    """Delete the user and every row that is theirs.

    Sessions and exercise entries go with the user (on_delete=CASCADE); failed-login records
    that name the user are kept by django-axes by username, so they are removed here.
    """
    AccessAttempt.objects.filter(username=user.get_username()).delete()
    user.delete()
