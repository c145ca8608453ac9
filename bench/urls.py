"""The site plus a bare page (base.html, nothing else) for benchmarks to compare with."""

from django.shortcuts import render
from django.urls import include, path

from backcare.urls import handler500  # noqa: F401 - the site's own error pages here too
from logbook.views.transactions import atomic_writes


@atomic_writes  # as the pages it is compared with: no BEGIN and COMMIT around a read
def bare_view(request):
    return render(request, "base.html")


urlpatterns = [path("bench/bare/", bare_view), path("", include("backcare.urls"))]
