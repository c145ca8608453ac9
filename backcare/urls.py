from django.contrib import admin
from django.urls import include, path

from backcare.views import healthz, home, pain_guide, red_flags

urlpatterns = [
    path("", home, name="home"),
    path("safety/red-flags/", red_flags, name="red_flags"),
    path("safety/how-backcare-reads-your-pain/", pain_guide, name="pain_guide"),
    path("exercises/", include("exercises.urls")),
    path("", include("logbook.urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("accounts.auth_urls")),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
]

handler500 = "backcare.views.server_error"
