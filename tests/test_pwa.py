"""The installable app: the manifest, the service worker's own address and its list of what to
keep, the offline page, and which of a signed-in person's pages may be kept for offline use."""

import json
import re

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import resolve, reverse

from backcare.pwa import APP_SHELL
from exercises.models import Exercise
from logbook.models import Routine
from logbook.offline import OFFLINE_HEADER, PERSON_HEADER
from tests.factories import ExerciseEntryFactory

pytestmark = pytest.mark.django_db
SW_URL = reverse("service_worker")


def _config(response) -> dict:
    first_line = response.content.decode().splitlines()[0]
    return json.loads(first_line.removeprefix("self.BACKCARE = ").removesuffix(";"))


def test_the_manifest_makes_an_installable_app(client):
    response = client.get(reverse("manifest"))
    manifest = json.loads(response.content)
    assert response["Content-Type"] == "application/manifest+json"
    assert (manifest["name"], manifest["display"]) == ("Backcare", "standalone")
    assert manifest["start_url"] == manifest["scope"] == "/"
    assert re.fullmatch(r"#[0-9a-f]{6}", manifest["theme_color"])
    icons = {(icon["sizes"], icon["purpose"]): icon["src"] for icon in manifest["icons"]}
    assert set(icons) == {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")}
    for src in icons.values():
        served = client.get(src)
        assert served.status_code == 200
        assert b"".join(served.streaming_content).startswith(b"\x89PNG")


def test_every_page_links_the_manifest_and_installs_the_service_worker(client):
    page = client.get(reverse("exercises:list")).content.decode()
    assert f'<link rel="manifest" href="{reverse("manifest")}">' in page
    assert f'data-service-worker="{SW_URL}"' in page


def test_the_service_worker_is_served_from_the_root_and_always_revalidated(client, library):
    response = client.get(SW_URL)
    assert SW_URL == "/sw.js"  # its scope is the folder it is served from: the whole site
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert response["Cache-Control"] == "no-cache"
    assert "importScripts(" in response.content.decode()


def test_the_service_worker_keeps_the_app_shell_the_library_and_the_safety_pages(client, library):
    config = _config(client.get(SW_URL))
    for url in config["shell"]:
        served = client.get(url)
        assert served.status_code == 200, url
    exercise_pages = {
        reverse("exercises:detail", args=[slug])
        for slug in Exercise.objects.values_list("slug", flat=True)
    }
    assert len(exercise_pages) > 10
    assert set(config["pages"]) == exercise_pages | {
        reverse("offline"),
        reverse("exercises:list"),
        reverse("red_flags"),
        reverse("pain_guide"),
    }


def test_nothing_private_is_kept_before_it_is_opened(client, library, alice):
    """What the service worker fetches on install is public: a visitor gets each as a page."""
    config = _config(client.get(SW_URL))
    for url in config["pages"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert resolve(url).namespace not in {"logbook", "accounts"}
        assert OFFLINE_HEADER not in response.headers


def test_the_service_worker_keeps_every_file_the_kept_pages_load(alice_client, content, alice):
    """The pages kept for offline use load only files the service worker keeps."""
    config = _config(alice_client.get(SW_URL))
    routine = Routine.objects.get(key="gentle-relief")
    # Sessions of the routine: its page then draws their chart.
    for _ in range(3):
        ExerciseEntryFactory(session__user=alice, session__routine=routine)
    pages = [
        reverse("logbook:routine_list"),
        routine.get_absolute_url(),
        reverse("logbook:routine_play", args=[routine.pk]),
        reverse("logbook:session_create"),
        reverse("exercises:list"),
        reverse("exercises:detail", args=["knee-to-chest"]),
        reverse("offline"),
    ]
    loaded = set()
    for url in pages:
        html = alice_client.get(url).content.decode()
        loaded |= set(re.findall(r'(?:src|href)="(/static/[^"]+)"', html))
    assert "/static/js/routine_chart.js" in loaded
    for language in ("en", "de"):
        assert f"{reverse('javascript-catalog')}?language={language}" in config["shell"]
    assert loaded - set(config["shell"]) == set()


def test_a_new_release_or_a_changed_library_makes_a_new_version(client, library):
    first = _config(client.get(SW_URL))["version"]
    assert _config(client.get(SW_URL))["version"] == first
    Exercise.objects.filter(slug="knee-to-chest").first().save()
    assert _config(client.get(SW_URL))["version"] != first


def test_the_service_worker_is_the_same_for_everyone(client, alice_client, library):
    """No one's data in it: a signed-in person gets exactly the visitor's script."""
    from django.test import Client

    assert Client().get(SW_URL).content == alice_client.get(SW_URL).content


def test_the_service_worker_costs_two_queries(client, library, django_assert_num_queries):
    # The library's slugs (its pages); its last change (for the version).
    with django_assert_num_queries(2):
        client.get(SW_URL)


@pytest.mark.parametrize("url_name", ["routine_list", "routine_play", "routine_detail"])
def test_the_routines_and_the_player_are_marked_for_offline_use_for_their_person(
    alice_client, alice, content, url_name
):
    routine = Routine.objects.get(key="gentle-relief")
    args = [] if url_name == "routine_list" else [routine.pk]
    response = alice_client.get(reverse(f"logbook:{url_name}", args=args))
    assert response.status_code == 200
    assert response[OFFLINE_HEADER] == str(alice.pk)
    # Still kept out of HTTP caches: only the service worker's own cache, cleared at log-out.
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    "url",
    [
        reverse("logbook:session_list"),
        reverse("logbook:progress"),
        reverse("logbook:report"),
        reverse("accounts:account"),
        reverse("accounts:export_csv"),
        reverse("accounts:export_json"),
        reverse("home"),
    ],
)
def test_other_private_pages_are_never_marked_for_offline_use(alice_client, url):
    response = alice_client.get(url)
    assert response.status_code == 200
    assert OFFLINE_HEADER not in response.headers


def test_a_posted_form_is_never_marked_for_offline_use(alice_client, library):
    response = alice_client.post(reverse("logbook:session_create"), {"add": "1"})
    assert response.status_code == 200
    assert OFFLINE_HEADER not in response.headers


def test_the_offline_page_says_what_still_works(client):
    response = client.get(reverse("offline"))
    assert response.status_code == 200
    assert "You are offline" in response.content.decode()


def test_the_outbox_learns_who_is_signed_in_and_a_fresh_csrf_token(client, alice_client, alice):
    from django.test import Client

    assert Client().get(reverse("offline_state")).json() == {"user": None}
    response = alice_client.get(reverse("offline_state"))
    state = response.json()
    assert state["user"] == alice.pk
    assert len(state["csrfToken"]) == 64
    assert "no-store" in response["Cache-Control"]


def test_with_hashed_static_names_the_service_worker_lists_the_real_files(
    client, library, tmp_path
):
    """In production (ManifestStaticFilesStorage) the list names the hashed files collected."""
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)
        config = _config(client.get(SW_URL))
        scripts = re.search(r"importScripts\(\.\.\.(.*)\);", client.get(SW_URL).content.decode())
    imported = json.loads(scripts.group(1))
    static_files = [url for url in config["shell"] if url.startswith("/static/")]
    assert len(static_files) == len(APP_SHELL)
    for url in [*static_files, *imported]:
        assert re.search(r"\.[0-9a-f]{12}\.(css|js|svg|png)$", url), url
        assert (tmp_path / url.removeprefix("/static/")).is_file(), url
    assert config["hashedStatic"] is True


def test_without_hashed_names_static_files_come_from_the_network_first(client):
    """In development an edited file must show at once, not a copy kept from before."""
    assert _config(client.get(SW_URL))["hashedStatic"] is False


def test_every_page_says_who_is_signed_in_so_no_one_else_s_kept_pages_stay(
    alice_client, alice, library
):
    """The service worker drops the pages it kept for anyone but the person a page loaded
    online names (static/js/service_worker.js: forgetOthers)."""
    from django.test import Client

    client = Client()
    assert alice_client.get(reverse("home"))[PERSON_HEADER] == str(alice.pk)
    assert alice_client.get(reverse("exercises:list"))[PERSON_HEADER] == str(alice.pk)
    assert client.get(reverse("home"))[PERSON_HEADER] == "0"
    assert client.get(reverse("exercises:list"))[PERSON_HEADER] == "0"


def test_while_the_database_is_down_no_one_is_named_and_the_kept_pages_stay(
    alice_client, monkeypatch
):
    from django.contrib import auth
    from django.db import OperationalError

    def unreachable(request):
        raise OperationalError("connection refused")

    monkeypatch.setattr(auth, "get_user", unreachable)
    response = alice_client.get(reverse("red_flags"))
    assert response.status_code == 200  # the warning signs show without the database
    assert PERSON_HEADER not in response
