import logging
import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connection, transaction
from django.http import JsonResponse
from django.template.response import SimpleTemplateResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 30


@never_cache
@transaction.non_atomic_requests
def healthz(request):
    """For a load balancer: 200 when this app server can reach its database, 503 when not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: the database is unreachable")
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def server_error(request):
    """The 500 handler. While the database is unreachable the page says so, as a 503 that asks
    the browser to retry, instead of a generic error. Renders without touching the database.

    Only connection failures count: a DataError or IntegrityError is a bug, not an outage.
    """
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        response = SimpleTemplateResponse("503.html", status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    else:
        response = SimpleTemplateResponse("500.html", status=500)
    return response.render()
