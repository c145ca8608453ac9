import logging
import sys

from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import DatabaseError, InterfaceError, OperationalError, connection, transaction
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.template.response import SimpleTemplateResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import cache_page, never_cache
from django.views.decorators.http import last_modified
from django.views.i18n import JavaScriptCatalog

from exercises.models import Exercise
from logbook import pain
from logbook.attempts import COMFORTABLE_PAIN, STREAK
from logbook.forms import NextMorningForm
from logbook.today import FUNCTION_SKIPPED_ON, today_for
from logbook.views.transactions import atomic_writes

logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 30


# The catalogs change only with a new release, i.e. a restart: cached a day, keyed by the
# language (cache_page adds it) and by this start, as Django's documentation suggests.
_STARTED = timezone.now()
_catalog = cache_page(24 * 60 * 60, key_prefix=f"jsi18n-{_STARTED.timestamp():.0f}")(
    last_modified(lambda request, **kwargs: _STARTED)(JavaScriptCatalog.as_view())
)


@transaction.non_atomic_requests
def javascript_catalog(request):
    """The translated strings of static/js, for gettext() there. The same for everyone, so
    browsers may keep it (accounts.middleware.PrivateNoStoreMiddleware leaves it alone).
    Pages ask for it with their language in the address (?language=de): one address, one
    catalog, whatever cache holds it."""
    language = request.GET.get("language", "")
    if language in dict(settings.LANGUAGES):
        translation.activate(language)
        request.LANGUAGE_CODE = language
    response = _catalog(request)
    response.public = True
    return response


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


# SQLSTATE classes of a connection that is gone: 08 connection exception, 57P01-57P03
# administrator shutdown, crash shutdown, cannot connect now.
CONNECTION_SQLSTATES = ("08", "57P01", "57P02", "57P03")


def is_connection_failure(error: BaseException | None) -> bool:
    if isinstance(error, InterfaceError):
        return True
    if not isinstance(error, OperationalError):
        return False
    # psycopg's own error, kept by Django as the cause: a failed connect has no SQLSTATE.
    sqlstate = getattr(error.__cause__, "sqlstate", None)
    return sqlstate is None or sqlstate.startswith(CONNECTION_SQLSTATES)


def server_error(request):
    """The 500 handler. While the database is unreachable the page says so, as a 503 that asks
    the browser to retry, instead of a generic error. Renders without touching the database.

    Only a lost or refused connection counts: a deadlock, a timeout, a DataError or an
    IntegrityError is a fault of this request, not an outage.
    """
    error = sys.exc_info()[1]
    if is_connection_failure(error):
        response = SimpleTemplateResponse("503.html", status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    else:
        response = SimpleTemplateResponse("500.html", status=500)
    return response.render()


def csrf_failure(request, reason=""):
    """A failed CSRF check, explained in Backcare's own page (Django's has inline styles that
    the Content-Security-Policy blocks)."""
    return render(request, "403_csrf.html", status=403)


@transaction.non_atomic_requests
def favicon(request):
    """/favicon.ico, which browsers ask for wherever a page names no icon (a download, a PDF)."""
    response = redirect(static("img/favicon.svg"), permanent=True)
    patch_cache_control(response, public=True, max_age=24 * 3600)
    return response


FEATURED = ["knee-to-chest", "bird-dog", "bridge"]


def admin_login(request, extra_context=None):
    """The admin's log-in page sends to Backcare's own (two-step log-in included)."""
    return redirect_to_login(
        request.GET.get(REDIRECT_FIELD_NAME) or reverse("admin:index"), login_url=reverse("login")
    )


@atomic_writes
def home(request):
    """For a visitor, what Backcare does; for a signed-in person, their day."""
    if not request.user.is_authenticated:
        featured = Exercise.objects.filter(slug__in=FEATURED).in_display_order()
        return render(request, "pages/home.html", {"featured": featured, "streak": STREAK})
    today = request.user.today()
    skipped = request.session.get(FUNCTION_SKIPPED_ON) == today.isoformat()
    return render(
        request,
        "pages/home_signed_in.html",
        {
            "today": today_for(request.user, today=today, function_skipped=skipped),
            "next_morning_form": NextMorningForm(),
        },
    )


def pain_guide(request):
    """How Backcare reads a pain rating, with the numbers taken from the rules themselves."""
    return render(
        request,
        "pages/pain_guide.html",
        {
            "safe": pain.SAFE_PAIN,
            "acceptable": pain.ACCEPTABLE_PAIN,
            "high": pain.HIGH_PAIN,
            "meaningful": pain.MEANINGFUL_CHANGE,
            "comfortable": COMFORTABLE_PAIN,
            "streak": STREAK,
        },
    )


@transaction.non_atomic_requests
def red_flags(request):
    """The warning signs. They must reach a person even while the database is down, so the page
    makes no query of its own: without a database it is shown as to a visitor."""
    try:
        bool(request.user.is_authenticated)  # loads the session and the user, or fails here
    except DatabaseError:
        logger.warning("Warning signs shown without the database", exc_info=True)
        request.user = AnonymousUser()
        request.person_unknown = True  # not "nobody signed in": the kept pages stay
        request._messages = CookieStorage(request)
    return render(request, "pages/red_flags.html")
