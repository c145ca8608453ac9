"""Transactions for the requests that write, not for those that only read."""

import functools

from django.db import transaction

SAFE_METHODS = ("GET", "HEAD")


def atomic_writes(view):
    """A view whose GET only reads: run it outside a transaction, any other method inside one.

    ATOMIC_REQUESTS puts every request in a transaction. A page that only reads gains nothing
    from it on PostgreSQL (under read committed each query sees the latest committed data
    either way) and pays two round trips, BEGIN and COMMIT. A POST to the same view is one
    transaction, as ATOMIC_REQUESTS would make it: all of its writes or none."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method in SAFE_METHODS:
            return view(request, *args, **kwargs)
        with transaction.atomic():
            return view(request, *args, **kwargs)

    return transaction.non_atomic_requests(wrapper)
