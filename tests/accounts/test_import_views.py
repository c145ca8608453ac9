"""The import page: the form, the message after an import, the problems after a refusal."""

import json

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from logbook.models import Session
from tests.accounts.importing import VERSION_1, VERSION_2, row_counts, version_2

pytestmark = pytest.mark.django_db

URL = reverse("accounts:import")


def upload(data: bytes, name: str = "backcare.json") -> dict:
    return {"file": SimpleUploadedFile(name, data, content_type="application/json")}


def test_anonymous_visitor_is_sent_to_log_in(client):
    for response in (client.get(URL), client.post(URL, upload(VERSION_2.read_bytes()))):
        assert response.url == f"{reverse(settings.LOGIN_URL)}?next={URL}"
    assert not Session.objects.exists()


def test_the_account_page_says_what_an_import_does_and_links_to_it(alice_client):
    content = alice_client.get(reverse("accounts:account")).content.decode()
    assert f'href="{URL}"' in content
    assert "skips what is already here" in content
    assert "weekly plan and flare-up plan if the file has them" in content


def test_the_form_has_a_labelled_file_field(alice_client):
    response = alice_client.get(URL)
    content = response.content.decode()
    assert response.status_code == 200
    assert '<label for="id_file" class="form-label">Your export file (JSON)</label>' in content
    assert 'enctype="multipart/form-data"' in content
    assert 'aria-describedby="import-file-help"' in content


def test_an_import_goes_to_the_account_page_and_counts_what_came(content, alice_client, alice):
    response = alice_client.post(URL, upload(VERSION_1.read_bytes()), follow=True)
    assert response.redirect_chain == [(reverse("accounts:account"), 302)]
    page = response.content.decode()
    assert "Imported: 4 sessions, 2 routines, 2 function checks, 2 lessons read." in page
    response = alice_client.post(URL, upload(VERSION_2.read_bytes()), follow=True)
    assert "Nothing new. Already here: 4 sessions, 2 routines" in response.content.decode()
    assert Session.objects.filter(user=alice).count() == 4


def test_a_bad_file_is_shown_again_with_every_problem(content, alice_client):
    document = version_2()
    document["sessions"][3]["entries"][0]["pain_during"] = 11
    document["sessions"][0]["entries"][0]["exercise"] = "<b>no-such</b>"
    before = row_counts()
    response = alice_client.post(URL, upload(json.dumps(document).encode()))
    page = response.content.decode()
    assert response.status_code == 400
    assert "Nothing was imported." in page
    assert "sessions[3].entries[0].pain_during: 11 is greater than the maximum of 10." in page
    # What the file names is checked once its shape is right: one list of problems at a time.
    assert "no-such" not in page
    assert 'aria-describedby="import-file-help import-problems"' in page
    assert 'id="import-problems"' in page
    assert row_counts() == before


def test_an_unknown_exercise_is_named_and_escaped(content, alice_client):
    document = version_2()
    document["sessions"][0]["entries"][0]["exercise"] = "<b>no-such</b>"
    response = alice_client.post(URL, upload(json.dumps(document).encode()))
    assert response.status_code == 400
    assert (
        "sessions[0].entries[0].exercise: there is no exercise “&lt;b&gt;no-such&lt;/b&gt;” in "
        "this server&#x27;s library." in response.content.decode()
    )


def test_a_post_without_a_file_asks_for_one(alice_client):
    response = alice_client.post(URL, {})
    assert response.status_code == 400
    assert "Choose the JSON file that Backcare exported." in response.content.decode()


def test_a_file_over_the_limit_is_refused(content, alice_client, settings):
    settings.IMPORT_MAX_BYTES = 2000
    response = alice_client.post(URL, upload(b" " * 2001))
    assert response.status_code == 400
    assert "an export can be at most 2.0\xa0KB" in response.content.decode()


def test_a_post_far_over_the_limit_is_refused_before_it_is_read(alice_client, settings):
    settings.IMPORT_MAX_BYTES = 2000
    response = alice_client.post(URL, upload(b" " * 200_000), CONTENT_LENGTH=str(200_000 + 500))
    assert response.status_code == 400
    assert "The file is 195.8\xa0KB; an export can be at most 2.0\xa0KB." in (
        response.content.decode()
    )


def test_an_import_needs_the_csrf_token(content, alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post(URL, upload(VERSION_2.read_bytes()))
    assert response.status_code == 403
    assert not Session.objects.exists()
