from django.contrib import admin
from django.urls import include, path

from accounts.views import set_language
from backcare import pwa
from backcare.views import (
    admin_login,
    favicon,
    healthz,
    home,
    javascript_catalog,
    pain_guide,
    red_flags,
)

# Staff sign in like everyone else: through the log-in that asks for a two-step code when the
# account has one. The admin's own log-in form would skip it.
admin.site.login = admin_login

urlpatterns = [
    path("", home, name="home"),
    path("safety/red-flags/", red_flags, name="red_flags"),
    path("safety/how-backcare-reads-your-pain/", pain_guide, name="pain_guide"),
    path("exercises/", include("exercises.urls")),
    path("", include("logbook.urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("accounts.auth_urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("jsi18n/", javascript_catalog, name="javascript-catalog"),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
    path("sw.js", pwa.service_worker, name="service_worker"),
    path("offline/", pwa.offline, name="offline"),
    path("offline/state", pwa.offline_state, name="offline_state"),
]

handler500 = "backcare.views.server_error"
