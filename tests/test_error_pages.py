"""What anyone who mistypes an address sees, the site's icon, its description for search
engines, and `make run`: DEBUG off unless asked for, with a key of its own that `make serve`
never uses."""

import re
import subprocess

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from tests.factories import ExerciseFactory

pytestmark = pytest.mark.django_db

FAVICON = 'rel="icon" href="/static/img/favicon.svg"'


def test_a_mistyped_address_gets_backcares_own_404_with_debug_off(client, settings):
    settings.DEBUG = False
    response = client.get("/exercise/no-such-page/")
    content = response.content.decode()
    assert response.status_code == 404
    assert "We could not find that page" in content
    assert FAVICON in content
    assert "URLconf" not in content
    assert "exercises/" in content  # a search of the library, not the site's URL list


@pytest.mark.parametrize("template", ["500.html", "503.html"])
def test_the_plain_error_pages_name_the_icon(template):
    assert FAVICON in render_to_string(template)


def test_favicon_ico_points_browsers_at_the_svg_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/img/favicon.svg"
    assert "max-age=86400" in response["Cache-Control"]


def test_every_page_has_a_description_that_a_page_can_make_its_own(client):
    exercise = ExerciseFactory(summary="Hug one knee to your chest.")
    descriptions = {
        url: re.search(
            r'<meta name="description" content="([^"]+)">', client.get(url).content.decode()
        )
        for url in [reverse("home"), reverse("exercises:list"), exercise.get_absolute_url()]
    }
    assert all(descriptions.values())
    texts = {url: match.group(1) for url, match in descriptions.items()}
    assert texts[reverse("home")].startswith("Backcare: a library of lower-back exercises")
    assert texts[reverse("exercises:list")].startswith("Lower-back stretches")
    assert texts[exercise.get_absolute_url()] == "Hug one knee to your chest."


def _dry_run(target: str) -> str:
    result = subprocess.run(
        ["make", "--dry-run", "--always-make", target],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return result.stdout


def test_make_run_serves_with_debug_off_unless_asked_and_a_key_of_its_own():
    commands = _dry_run("run").replace("\\\n", " ")
    runserver = next(line for line in commands.splitlines() if "runserver" in line)
    assert "DEBUG=${DEBUG:-false}" in runserver
    assert "SECRET_KEY=${SECRET_KEY:-$(cat .local-secret-key)}" in runserver
    assert "SECURE_SSL_REDIRECT=${SECURE_SSL_REDIRECT:-false}" in runserver
    assert "collectstatic" in commands  # static files served by WhiteNoise with DEBUG off


def test_make_serve_never_uses_the_local_key():
    commands = _dry_run("serve")
    assert "gunicorn" in commands
    assert "local-secret-key" not in commands
    assert "SECRET_KEY" not in commands
