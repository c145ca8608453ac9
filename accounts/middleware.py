from django.db import DatabaseError
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers

from logbook.offline import PERSON_HEADER


class UserTimeZoneMiddleware:
    """Show dates and times in the signed-in user's own time zone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            signed_in = request.user.is_authenticated
        except DatabaseError:
            # No database, no user: a page that needs neither (the warning signs) still shows;
            # any other fails where it needs the database, with the friendly 503.
            signed_in = False
        if signed_in:
            timezone.activate(request.user.zone)
        else:
            timezone.deactivate()
        return self.get_response(request)


class UserLanguageMiddleware:
    """A signed-in person's saved language wins over the browser's (LocaleMiddleware has chosen
    from the language cookie, then Accept-Language, then English)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            language = request.user.language if request.user.is_authenticated else ""
        except DatabaseError:
            language = ""
        if language and translation.check_for_language(language):
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)


class PrivateNoStoreMiddleware:
    """Nothing shown to a signed-in person is kept by a browser's or a proxy's cache: their
    pages and downloads are health data. Public pages seen by visitors stay cacheable.

    Every answer also says who is signed in (PERSON_HEADER: their id, or 0), so the service
    worker drops the pages it kept offline for anyone else (static/js/service_worker.js). Not
    when the database is down: who is signed in is unknown then, and the kept pages stay."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(response, "public", False):  # the same for everyone: the JavaScript catalog
            return response
        try:
            signed_in = request.user.is_authenticated
        except DatabaseError:
            return response
        if signed_in:
            add_never_cache_headers(response)
        if not getattr(request, "person_unknown", False):
            response[PERSON_HEADER] = str(request.user.pk) if signed_in else "0"
        return response
