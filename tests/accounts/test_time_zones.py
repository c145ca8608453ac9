"""The time-zone list: canonical zones only, common ones first, checked on the server, built once;
a person's own zone is always kept, even an old name."""

import re

import pytest
from django.urls import reverse

from accounts.forms import AccountForm, SignupForm
from accounts.timezones import ALIASES, CANONICAL_ZONES, COMMON_ZONES
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SIGNUP_URL = reverse("accounts:signup")
ACCOUNT_URL = reverse("accounts:account")


def _signup(client, time_zone):
    return client.post(
        SIGNUP_URL,
        {
            "username": "carol",
            "email": "carol@example.org",
            "time_zone": time_zone,
            "password1": "correct horse battery",
            "password2": "correct horse battery",
        },
    )


def _option_values(html: str) -> list[str]:
    return re.findall(r'<option value="([^"]+)"', html)


def test_the_list_holds_canonical_zones_and_none_of_the_junk():
    offered = set(_option_values(str(SignupForm()["time_zone"])))
    assert offered == CANONICAL_ZONES
    # The page marks the chosen one by plain text replacement: no name needs escaping.
    assert all(re.fullmatch(r"[A-Za-z0-9/_+-]+", zone) for zone in offered)
    for junk in ["Factory", "localtime", "Etc/GMT+5", "US/Eastern", "Asia/Calcutta", "GB", "EST"]:
        assert junk not in offered
    for zone in ["UTC", "Europe/Dublin", "Asia/Kolkata", "America/Argentina/Buenos_Aires"]:
        assert zone in offered


def test_common_zones_come_first_then_every_zone_by_region():
    html = str(SignupForm()["time_zone"])
    groups = re.findall(r'<optgroup label="([^"]+)">', html)
    assert groups[0] == "Common time zones"
    assert groups[1:] == sorted(groups[1:])
    assert "Europe" in groups
    first_group = html.split("</optgroup>")[0]
    assert _option_values(first_group) == COMMON_ZONES
    assert "Europe/London" in COMMON_ZONES
    # Under its region a zone is named by its city.
    assert '<option value="Europe/London">London</option>' in html


@pytest.mark.parametrize("zone", ["Factory", "localtime", "Etc/GMT+5", "Mars/Olympus_Mons"])
def test_sign_up_refuses_a_zone_that_is_not_in_the_list(client, zone):
    response = _signup(client, zone)
    assert response.status_code == 200
    assert f"{zone} is not a time zone we know." in response.content.decode()


def test_sign_up_refuses_an_old_alias_nobody_has_yet(client):
    response = _signup(client, "Asia/Calcutta")
    assert "Asia/Calcutta is not a time zone we know." in response.content.decode()


def test_sign_up_accepts_a_zone_from_the_list(client, django_user_model):
    response = _signup(client, "America/Argentina/Buenos_Aires")
    assert response.status_code == 302
    user = django_user_model.objects.get(username="carol")
    assert user.time_zone == "America/Argentina/Buenos_Aires"


def test_the_account_page_shows_the_persons_zone_chosen(client):
    user = UserFactory(time_zone="Asia/Tokyo")
    client.force_login(user)
    content = client.get(ACCOUNT_URL).content.decode()
    zones = re.search(r'<select[^>]*name="time_zone".*?</select>', content, re.DOTALL)[0]
    assert zones.count(" selected>") == 1
    assert '<option value="Asia/Tokyo" selected>' in zones


def test_a_persons_old_zone_name_is_kept_shown_and_accepted(client):
    user = UserFactory(time_zone="Asia/Calcutta", weekly_goal=3)
    client.force_login(user)
    content = client.get(ACCOUNT_URL).content.decode()
    assert '<option value="Asia/Calcutta" selected>Asia/Calcutta</option>' in content
    response = client.post(
        ACCOUNT_URL, {"email": user.email, "time_zone": "Asia/Calcutta", "weekly_goal": "5"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.time_zone, user.weekly_goal) == ("Asia/Calcutta", 5)


def test_another_persons_old_zone_name_is_not_accepted(client):
    client.force_login(UserFactory(time_zone="Europe/Paris"))
    form = AccountForm(
        {"email": "x@example.org", "time_zone": "US/Eastern", "weekly_goal": "3"},
        instance=UserFactory(time_zone="Europe/Paris"),
    )
    assert not form.is_valid()
    assert form.errors["time_zone"] == ["US/Eastern is not a time zone we know."]


def test_the_list_is_not_built_from_hundreds_of_template_includes(client):
    client.force_login(UserFactory())
    response = client.get(ACCOUNT_URL)
    option_templates = [t for t in response.templates if "option" in t.name]
    assert option_templates == []
    assert len(response.templates) < 60


def test_old_names_a_browser_may_report_map_to_listed_zones():
    assert ALIASES["Asia/Calcutta"] == "Asia/Kolkata"
    assert ALIASES["Europe/Kiev"] == "Europe/Kyiv"
    assert ALIASES["Etc/UTC"] == "UTC"
    assert set(ALIASES.values()) <= CANONICAL_ZONES
    assert not set(ALIASES) & CANONICAL_ZONES


def test_only_sign_up_guesses_the_browsers_zone(client):
    signup = client.get(SIGNUP_URL).content.decode()
    assert "data-guess-time-zone" in signup
    assert '"Asia/Calcutta": "Asia/Kolkata"' in signup
    client.force_login(UserFactory())
    account = client.get(ACCOUNT_URL).content.decode()
    assert "data-guess-time-zone" not in account
    assert "js/timezone.js" in account
