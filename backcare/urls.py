from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from backcare.views import healthz

urlpatterns = [
    path("", TemplateView.as_view(template_name="pages/home.html"), name="home"),
    path(
        "safety/red-flags/",
        TemplateView.as_view(template_name="pages/red_flags.html"),
        name="red_flags",
    ),
    path("exercises/", include("exercises.urls")),
    path("", include("logbook.urls")),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
]

handler500 = "backcare.views.server_error"
