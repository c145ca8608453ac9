"""The installable app: its manifest, its service worker and the page shown offline.

The service worker's code is static/js/service_worker.js; /sw.js, at the site's root so that it
may look after every page, hands it the addresses of this release's files (WhiteNoise's hashed
names) and a version that changes with them, so a new release replaces the old caches.
"""

import hashlib
import json

from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.db import transaction
from django.db.models import Max
from django.http import HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from exercises.models import Exercise
from logbook.offline import OFFLINE_HEADER, PERSON_HEADER

THEME_COLOUR = "#0b5563"  # the favicon's tile
BACKGROUND_COLOUR = "#ffffff"
# What the pages kept offline (the library, the routines, the player, the session form) load.
APP_SHELL = [
    "vendor/bootstrap/css/bootstrap.min.css",
    "css/backcare.css",
    "css/layout.css",
    "css/figures.css",
    "js/menu.js",
    "js/logout.js",
    "js/pwa.js",
    "js/outbox_core.js",
    "js/outbox.js",
    "js/figures.js",
    "js/player_core.js",
    "js/player.js",
    "js/session_form.js",
    "vendor/chart.js/chart.umd.min.js",  # a routine's history chart
    "js/routine_chart.js",
    "img/favicon.svg",
    "img/icons/icon-192.png",
    "img/icons/apple-touch-icon-180.png",
]
ICONS = [
    ("img/icons/icon-192.png", "192x192", "any"),
    ("img/icons/icon-512.png", "512x512", "any"),
    ("img/icons/icon-maskable-512.png", "512x512", "maskable"),
]


@transaction.non_atomic_requests
def manifest(request):
    data = {
        "name": _("Backcare"),
        "short_name": _("Backcare"),
        "description": _("Lower-back exercises with plain steps and doses, and your logbook."),
        "id": reverse("home"),
        "start_url": reverse("home"),
        "scope": reverse("home"),
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "icons": [
            {"src": static(path), "sizes": sizes, "type": "image/png", "purpose": purpose}
            for path, sizes, purpose in ICONS
        ],
    }
    return JsonResponse(data, content_type="application/manifest+json")


def offline_pages() -> list[str]:
    """Public pages every visitor's browser keeps: the fallback page, the safety pages (the
    player links to them) and the whole exercise library."""
    slugs = Exercise.objects.in_display_order().values_list("slug", flat=True)
    return [
        reverse("offline"),
        reverse("red_flags"),
        reverse("pain_guide"),
        reverse("exercises:list"),
        *(reverse("exercises:detail", args=[slug]) for slug in slugs),
    ]


@transaction.non_atomic_requests
def service_worker(request):
    catalog = reverse("javascript-catalog")
    # The words of static/js in every language, as the pages ask for them (templates/base.html).
    catalogs = [f"{catalog}?language={code}" for code, _name in settings.LANGUAGES]
    shell = [static(path) for path in APP_SHELL] + catalogs
    pages = offline_pages()
    # A page of the library changes with its exercise: the newest change is part of the version.
    changed = Exercise.objects.aggregate(changed=Max("updated_at"))["changed"]
    fingerprint = json.dumps([shell, pages, str(changed)]).encode()
    config = {
        "version": hashlib.sha256(fingerprint).hexdigest()[:16],
        "shell": shell,
        "pages": pages,
        "offlinePage": reverse("offline"),
        "staticPrefix": settings.STATIC_URL,
        "catalog": catalog,
        "hashedStatic": isinstance(staticfiles_storage, ManifestFilesMixin),
        "offlineHeader": OFFLINE_HEADER,
        "personHeader": PERSON_HEADER,
        "stateUrl": reverse("offline_state"),
        "outboxUrl": reverse("logbook:session_create"),
    }
    scripts = json.dumps([static("js/outbox_core.js"), static("js/service_worker.js")])
    body = f"self.BACKCARE = {json.dumps(config)};\nimportScripts(...{scripts});\n"
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    # The browser asks the server each time, so a new release is found at once.
    response["Cache-Control"] = "no-cache"
    return response


@transaction.non_atomic_requests
def offline(request):
    return render(request, "pages/offline.html")


@never_cache
@transaction.non_atomic_requests
def offline_state(request):
    """Who is signed in, and a CSRF token for them: read before the outbox sends a kept session,
    which is sent only as the person who logged it, with a token of the moment."""
    if not request.user.is_authenticated:
        return JsonResponse({"user": None})
    return JsonResponse({"user": request.user.pk, "csrfToken": get_token(request)})
