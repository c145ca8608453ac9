"""Every field of the account forms tells browsers and password managers what it holds."""

import re

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ANONYMOUS_PAGES = {
    "accounts:signup": {
        "username": "username",
        "email": "email",
        "password1": "new-password",
        "password2": "new-password",
    },
    "login": {"username": "username", "password": "current-password"},
    "password_reset": {"email": "email"},
}
SIGNED_IN_PAGES = {
    "accounts:account": {"email": "email"},
    "password_change": {
        "old_password": "current-password",
        "new_password1": "new-password",
        "new_password2": "new-password",
    },
    "accounts:delete": {"password": "current-password"},
}


def _autocomplete_by_field(html: str) -> dict[str, str]:
    fields = {}
    for tag in re.findall(r"<input[^>]*>", html):
        name = re.search(r'name="([^"]+)"', tag)
        kind = re.search(r'type="([^"]+)"', tag)
        if name and kind and kind.group(1) not in {"hidden", "submit"}:
            value = re.search(r'autocomplete="([^"]+)"', tag)
            fields[name.group(1)] = value.group(1) if value else None
    return fields


@pytest.mark.parametrize(("url_name", "expected"), ANONYMOUS_PAGES.items())
def test_forms_for_visitors_name_what_each_field_holds(client, url_name, expected):
    assert _autocomplete_by_field(client.get(reverse(url_name)).content.decode()) == expected


@pytest.mark.parametrize(("url_name", "expected"), SIGNED_IN_PAGES.items())
def test_forms_for_signed_in_people_name_what_each_field_holds(client, url_name, expected):
    client.force_login(UserFactory())
    html = client.get(reverse(url_name)).content.decode()
    fields = _autocomplete_by_field(html)
    fields.pop("weekly_goal", None)  # a number only this app asks for: nothing to fill in
    assert fields == expected


def test_setting_up_two_step_log_in_asks_for_a_one_time_code(client):
    client.force_login(UserFactory())
    client.post(reverse("accounts:two_step"), {"action": "start"})
    html = client.get(reverse("accounts:two_step")).content.decode()
    assert _autocomplete_by_field(html) == {"code": "one-time-code", "password": "current-password"}
