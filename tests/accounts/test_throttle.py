"""Password guessing is limited per username and address, per username, and per address, and
nobody but the account's owner can clear the count against it."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN_URL = reverse("login")
PASSWORD = "correct horse battery"
HOME = "203.0.113.9"


def _fail(client, username, address=HOME, **headers):
    return client.post(
        LOGIN_URL, {"username": username, "password": "wrong"}, REMOTE_ADDR=address, **headers
    )


def _log_in(client, username, address=HOME, **headers):
    return client.post(
        LOGIN_URL, {"username": username, "password": PASSWORD}, REMOTE_ADDR=address, **headers
    )


def test_five_wrong_passwords_pause_that_username_from_that_address(client, alice):
    for _ in range(4):
        assert _fail(client, "alice").status_code == 200
    response = _fail(client, "alice")
    assert response.status_code == 429
    assert "for this username from this device or network" in response.content.decode()
    assert 0 < int(response["Retry-After"]) <= 15 * 60
    # Even the right password is refused while paused.
    assert _log_in(client, "alice").status_code == 429
    assert "_auth_user_id" not in client.session


def test_signing_in_to_your_own_account_does_not_clear_the_count_against_another(client, alice):
    """Finding 1: four guesses at alice, a correct log-in as mallory from the same address, and
    again: the count against alice must keep growing."""
    UserFactory(username="mallory")
    statuses = []
    for _ in range(5):
        for _ in range(4):
            statuses.append(_fail(client, "alice").status_code)
        _log_in(client, "mallory")
        client.logout()
    assert statuses[:4] == [200] * 4
    assert set(statuses[4:]) == {429}
    assert _log_in(client, "alice").status_code == 429


def test_one_persons_mistakes_do_not_pause_others_at_the_same_address(client, alice, bob):
    """Finding 2: a family, an office or a clinic shares one address."""
    for _ in range(5):
        _fail(client, "alice")
    assert _log_in(client, "bob").status_code == 302


def test_guessing_one_username_from_many_addresses_pauses_it_everywhere(client, alice):
    for number in range(10):
        _fail(client, "alice", f"198.51.100.{number}")
    response = _log_in(client, "alice", "192.0.2.1")
    assert response.status_code == 429
    assert "from more than one place" in response.content.decode()


def test_one_address_trying_many_usernames_is_paused_at_a_much_higher_ceiling(client, alice):
    for number in range(49):
        _fail(client, f"guess{number}")
    assert _log_in(client, "alice").status_code == 302
    client.logout()
    _fail(client, "guess49")
    response = _log_in(client, "alice")
    assert response.status_code == 429
    assert "from this network" in response.content.decode()


def test_usernames_count_whatever_their_case(client, alice):
    for username in ["Alice", "ALICE", " alice", "alicE", "alice"]:
        _fail(client, username)
    assert _log_in(client, "alice").status_code == 429


def test_a_correct_password_clears_the_owners_own_count(client, alice):
    for _ in range(4):
        _fail(client, "alice")
    assert _log_in(client, "alice").status_code == 302
    client.logout()
    for _ in range(4):
        assert _fail(client, "alice").status_code == 200


def test_one_address_cannot_lock_out_a_user_elsewhere(client, alice):
    for _ in range(5):
        _fail(client, "alice")
    assert _log_in(client, "alice", "198.51.100.7").status_code == 302


def test_behind_a_proxy_the_real_ip_header_names_the_visitor(client, alice, settings):
    settings.BEHIND_PROXY = True
    for _ in range(5):
        _fail(client, "alice", "127.0.0.1", HTTP_X_REAL_IP=HOME)
    # Everyone arrives from the proxy's 127.0.0.1; another visitor is not paused.
    assert _log_in(client, "alice", "127.0.0.1", HTTP_X_REAL_IP="198.51.100.7").status_code == 302


def test_without_a_proxy_a_forged_real_ip_header_is_ignored(client, alice):
    for number in range(5):
        _fail(client, "alice", HTTP_X_REAL_IP=f"198.51.100.{number}")
    assert _fail(client, "alice").status_code == 429


def test_wrong_old_passwords_when_changing_it_count_as_guesses(client, alice):
    client.force_login(alice)
    url = reverse("password_change")
    data = {"new_password1": "a new long passphrase", "new_password2": "a new long passphrase"}
    for _ in range(4):
        response = client.post(url, {"old_password": "wrong", **data}, REMOTE_ADDR=HOME)
        assert response.status_code == 200
    response = client.post(url, {"old_password": "wrong", **data}, REMOTE_ADDR=HOME)
    assert response.status_code == 429
    assert "Retry-After" in response
    # Paused: even the right old password changes nothing, and log-in from here is paused too.
    response = client.post(url, {"old_password": PASSWORD, **data}, REMOTE_ADDR=HOME)
    assert response.status_code == 429
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)
    client.logout()
    assert _log_in(client, "alice").status_code == 429
