"""Random and hostile input posted to the account and password forms, and a check that every
form view of the project is fuzzed somewhere. Marked "fuzz" like tests/test_fuzz.py.
"""

import json
from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from hypothesis import given
from hypothesis import strategies as st

from accounts.export import EXPORT_VERSION
from accounts.importer.schema import SCHEMA
from accounts.models import User
from exercises.precautions import Precaution
from tests.accounts.export_documents import JSON, export_documents, paths
from tests.accounts.importing import row_counts
from tests.fuzzing import HOSTILE, SCRIPT, FuzzCase, maybe

pytestmark = pytest.mark.fuzz


class PasswordResetConfirmFuzz(FuzzCase):
    @given(
        first=maybe(st.just("a new long passphrase")),
        second=maybe(st.just("a new long passphrase")),
    )
    def test_set_a_new_password(self, first, second):
        from django.contrib.auth.tokens import default_token_generator
        from django.utils.encoding import force_bytes
        from django.utils.http import urlsafe_base64_encode

        user = User.objects.get(pk=self.user.pk)  # as stored now, each example rolled back
        anonymous = Client()
        link = reverse(
            "password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
        form_url = anonymous.get(link).url
        response = anonymous.post(form_url, {"new_password1": first, "new_password2": second})
        assert response.status_code in {200, 302}
        user.refresh_from_db()
        changed = user.check_password(first)
        assert changed == (response.status_code == 302)


class AccountFuzz(FuzzCase):
    @given(
        username=maybe(st.from_regex(r"[a-z]{3,12}", fullmatch=True)),
        email=maybe(st.emails()),
        time_zone=maybe(st.sampled_from(["Europe/Paris", "Asia/Tokyo", "UTC"])),
        password=maybe(st.just("a long enough passphrase")),
        weekly_goal=maybe(st.integers(1, 14).map(str)),
        precaution=maybe(st.sampled_from(Precaution.values)),
    )
    def test_account_forms(self, username, email, time_zone, password, weekly_goal, precaution):
        anonymous = Client()
        users = User.objects.count()
        response = anonymous.post(
            reverse("accounts:signup"),
            {
                "username": username,
                "email": email,
                "time_zone": time_zone,
                "password1": password,
                "password2": password,
            },
        )
        assert response.status_code in {200, 302}
        if response.status_code == 200:
            assert User.objects.count() == users
            assert SCRIPT not in response.content.decode()
        response = self.client.post(
            reverse("accounts:account"),
            {"email": email, "time_zone": time_zone, "weekly_goal": weekly_goal},
        )
        assert response.status_code in {200, 302}
        self.user.refresh_from_db()
        assert 1 <= self.user.weekly_goal <= 14
        response = self.client.post(
            reverse("accounts:precautions"), {"precautions": [precaution, "pregnancy"]}
        )
        assert response.status_code in {200, 302}
        self.user.refresh_from_db()
        assert set(self.user.precautions) <= set(Precaution.values)
        response = self.client.post(reverse("accounts:delete"), {"password": password})
        assert response.status_code == 200
        assert User.objects.filter(pk=self.user.pk).exists()
        response = anonymous.post(reverse("login"), {"username": username, "password": password})
        assert response.status_code in {200, 302, 429}
        response = anonymous.post(reverse("password_reset"), {"email": email})
        assert response.status_code in {200, 302}
        response = self.client.post(
            reverse("password_change"),
            {"old_password": password, "new_password1": password, "new_password2": username},
        )
        assert response.status_code in {200, 302}
        assert self.user.check_password("correct horse battery")

    @given(language=maybe(st.sampled_from(["en", "de"])), next_page=maybe(st.just("/exercises/")))
    def test_the_language_switch(self, language, next_page):
        response = self.client.post(
            reverse("set_language"), {"language": language, "next": next_page}
        )
        assert response.status_code == 302
        # Never away from this site, whatever "next" says.
        location = urlsplit(response["Location"].replace("\\", "/"))
        assert (location.scheme, location.netloc) == ("", "")
        self.user.refresh_from_db()
        assert self.user.language in {"", "en", "de"}

    @given(unknown=HOSTILE)
    def test_unknown_query_values_on_pages(self, unknown):
        for url, params in [
            (reverse("exercises:list"), {"q": unknown, "category": unknown, "difficulty": unknown}),
            (reverse("logbook:session_list"), {"page": unknown}),
            (reverse("logbook:progress"), {"weeks": unknown}),
            (reverse("logbook:session_create"), {"exercise": unknown, "routine": unknown}),
        ]:
            response = self.client.get(url, params)
            assert response.status_code == 200, url
            assert SCRIPT not in response.content.decode()


class TwoStepFuzz(FuzzCase):
    @given(
        action=maybe(st.sampled_from(["start", "confirm", "codes", "off"])),
        code=HOSTILE,
        password=maybe(st.just("correct horse battery")),
    )
    def test_two_step_forms(self, action, code, password):
        response = self.client.post(
            reverse("accounts:two_step"), {"action": action, "code": code, "password": password}
        )
        assert response.status_code in {200, 302}
        # No code typed at random turns two-step log-in on.
        assert not TOTPDevice.objects.filter(user=self.user, confirmed=True).exists()
        anonymous = Client()
        response = anonymous.post(reverse("login_code"), {"code": code})
        assert response.status_code == 302
        assert "_auth_user_id" not in anonymous.session


# Past the version check: an export's keys, each with any JSON at all.
EXPORT_LIKE = st.dictionaries(st.sampled_from(sorted(SCHEMA["properties"])), JSON).map(
    lambda values: {**values, "format": "backcare-export", "version": EXPORT_VERSION}
)


class ImportFuzz(FuzzCase):
    """Hostile files posted to the import: never a server error, and nothing written unless the
    file is accepted whole."""

    def post_file(self, data: bytes):
        before = row_counts()
        response = self.client.post(
            reverse("accounts:import"), {"file": SimpleUploadedFile("export.json", data)}
        )
        assert response.status_code in {302, 400}
        if response.status_code == 400:
            assert row_counts() == before
            assert SCRIPT not in response.content.decode()
        return response

    @given(
        data=st.one_of(
            st.binary(max_size=200),
            JSON.map(lambda value: json.dumps(value).encode()),
            EXPORT_LIKE.map(lambda value: json.dumps(value).encode()),
        )
    )
    def test_random_files(self, data):
        self.post_file(data)

    @given(data=st.data())
    def test_valid_files_with_one_value_changed(self, data):
        library = {"slugs": [self.exercise.slug], "curated": {}, "lessons": []}
        document = data.draw(export_documents(**library))
        place = data.draw(st.sampled_from(list(paths(document))))
        *parents, last = place
        holder = document
        for key in parents:
            holder = holder[key]
        holder[last] = data.draw(JSON)
        self.post_file(json.dumps(document).encode())

    @given(data=st.data())
    def test_valid_files_are_imported_once(self, data):
        library = {"slugs": [self.exercise.slug], "curated": {}, "lessons": []}
        file = json.dumps(data.draw(export_documents(**library))).encode()
        assert self.post_file(file).status_code == 302
        written = row_counts()
        assert self.post_file(file).status_code == 302
        assert row_counts() == written


def test_fuzzing_covers_every_form_view():
    """A reminder with teeth: a new POST view must be added to the fuzzing above."""
    from tests.test_ownership import LOGIN_REQUIRED_URLS, PUBLIC_URLS

    fuzzed = {
        "logbook:session_create", "logbook:session_update", "logbook:session_next_morning",
        "logbook:routine_create", "logbook:routine_update", "logbook:flare",
        "accounts:signup", "accounts:account", "accounts:delete", "login", "password_reset",
        "accounts:precautions", "accounts:two_step", "login_code",
        "password_change", "password_reset_confirm",
        "logbook:plan_create", "logbook:plan", "logbook:function_check",
        "accounts:import", "logbook:share_create", "set_language",
    }  # fmt: skip
    # Posts without input fields worth fuzzing: confirmations and buttons.
    buttons = {
        "logbook:session_delete", "logbook:routine_delete", "logbook:routine_copy",
        "logbook:routine_suggestion_accept", "logout",
        "logbook:plan_step", "logbook:plan_calendar_link", "logbook:function_skip",
        "logbook:share_revoke",
    }  # fmt: skip
    posts = {
        name
        for name, methods in {**LOGIN_REQUIRED_URLS, **PUBLIC_URLS}.items()
        if "post" in methods
    }
    assert posts == fuzzed | buttons
