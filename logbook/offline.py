"""Which of a signed-in person's pages their browser may keep for use without a connection.

Every page shown to a signed-in person is sent with ``Cache-Control: no-store`` (health data stays
out of HTTP caches). A few are needed offline: the routines, the guided player and the form that
logs a session. Those views are marked with ``keep_offline``; their answers carry the header
below, holding the person's id, and static/js/service_worker.js keeps only marked pages, in a
cache of that person's alone, which logging out deletes. Nothing unmarked is kept.
"""

from functools import wraps

OFFLINE_HEADER = "X-Backcare-Offline"
# Who is signed in (their id, or 0), on every page (accounts.middleware.PrivateNoStoreMiddleware):
# the service worker keeps one person's pages at most, and drops them as soon as a page loaded
# online shows someone else, or nobody, is signed in.
PERSON_HEADER = "X-Backcare-Person"


def keep_offline(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if (
            request.method == "GET"
            and response.status_code == 200
            and request.user.is_authenticated
        ):
            response[OFFLINE_HEADER] = str(request.user.pk)
        return response

    return wrapper
