"""Optional two-step log-in: an authenticator app's code after the password, recovery codes,
and the same guessing limits as the password."""

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import two_step

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"
URL = reverse("accounts:two_step")


def code_for(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def _turn_on(client) -> list[str]:
    client.post(URL, {"action": "start"})
    device = TOTPDevice.objects.get(confirmed=False)
    response = client.post(
        URL, {"action": "confirm", "code": code_for(device), "password": PASSWORD}
    )
    # A code is good once: the log-in that follows uses the app's next one.
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    return response.context["codes"]


def _password(client, username="alice"):
    return client.post(reverse("login"), {"username": username, "password": PASSWORD})


def test_turning_it_on_shows_a_qr_code_then_ten_recovery_codes_once(alice_client, alice):
    response = alice_client.post(URL, {"action": "start"}, follow=True)
    content = response.content.decode()
    assert "<svg" in content
    assert "QR code for your authenticator app" in content
    device = TOTPDevice.objects.get(user=alice)
    assert response.context["secret"].replace(" ", "") in content.replace(" ", "")
    wrong = alice_client.post(URL, {"action": "confirm", "code": "000000", "password": PASSWORD})
    assert "That code is not right" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=alice, confirmed=True).exists()
    device.refresh_from_db()
    device.throttle_reset()  # django-otp waits a second after a wrong code; no test should
    without_password = alice_client.post(URL, {"action": "confirm", "code": code_for(device)})
    assert "This field is required." in without_password.content.decode()
    assert not TOTPDevice.objects.filter(user=alice, confirmed=True).exists()
    response = alice_client.post(
        URL, {"action": "confirm", "code": code_for(device), "password": PASSWORD}
    )
    codes = response.context["codes"]
    assert len(codes) == len(set(codes)) == 10
    assert all(code in response.content.decode() for code in codes)
    assert alice_client.get(URL).context["codes_left"] == 10
    assert all(code not in alice_client.get(URL).content.decode() for code in codes)


def test_with_it_on_the_password_alone_does_not_sign_in(client, alice):
    client.force_login(alice)
    _turn_on(client)
    client.logout()
    response = _password(client)
    assert response.url == reverse("login_code")
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("logbook:session_list")).status_code == 302
    device = TOTPDevice.objects.get(user=alice)
    response = client.post(reverse("login_code"), {"code": code_for(device)})
    assert response.url == reverse("logbook:session_list")
    assert client.session["_auth_user_id"] == str(alice.pk)
    assert client.get(reverse("logbook:session_list")).wsgi_request.user.is_verified()


def test_a_recovery_code_works_once(client, alice):
    client.force_login(alice)
    codes = _turn_on(client)
    client.logout()
    _password(client)
    response = client.post(reverse("login_code"), {"code": codes[0].upper()}, follow=True)
    assert "You signed in with a recovery code; 9 are left." in response.content.decode()
    client.logout()
    _password(client)
    response = client.post(reverse("login_code"), {"code": codes[0]})
    assert "That code is not right" in response.content.decode()
    assert StaticToken.objects.filter(device__user=alice).count() == 9


def test_wrong_codes_count_as_wrong_passwords(client, alice):
    client.force_login(alice)
    _turn_on(client)
    client.logout()
    _password(client)
    for _ in range(5):
        client.post(reverse("login_code"), {"code": "123456"})
    # Paused now: not even the right password starts again.
    assert _password(client).status_code == 429


def test_the_password_step_expires(client, alice, monkeypatch):
    client.force_login(alice)
    _turn_on(client)
    client.logout()
    now = 1_800_000_000.0
    monkeypatch.setattr(two_step.time, "time", lambda: now)
    _password(client)
    monkeypatch.setattr(two_step.time, "time", lambda: now + two_step.PENDING_SECONDS + 1)
    device = TOTPDevice.objects.get(user=alice)
    response = client.post(reverse("login_code"), {"code": code_for(device)})
    assert response.url == reverse("login")
    assert "_auth_user_id" not in client.session


def test_the_code_page_without_a_password_step_sends_to_log_in(client):
    assert client.get(reverse("login_code")).url == reverse("login")


def test_new_codes_and_turning_it_off_need_the_password(alice_client, alice):
    first = _turn_on(alice_client)
    response = alice_client.post(URL, {"action": "off", "password": "wrong"})
    assert "That is not your password." in response.content.decode()
    assert TOTPDevice.objects.filter(user=alice).exists()
    second = alice_client.post(URL, {"action": "codes", "password": PASSWORD}).context["codes"]
    assert set(first).isdisjoint(second)
    assert StaticToken.objects.filter(device__user=alice).count() == 10
    response = alice_client.post(URL, {"action": "off", "password": PASSWORD})
    assert response.url == reverse("accounts:account")
    assert not TOTPDevice.objects.filter(user=alice).exists()
    assert not StaticToken.objects.filter(device__user=alice).exists()


def test_a_code_cannot_be_used_twice(client, alice):
    client.force_login(alice)
    _turn_on(client)
    client.logout()
    device = TOTPDevice.objects.get(user=alice)
    code = code_for(device)
    _password(client)
    assert client.post(reverse("login_code"), {"code": code}).status_code == 302
    client.logout()
    _password(client)
    response = client.post(reverse("login_code"), {"code": code})
    assert "That code is not right" in response.content.decode()


def test_the_pause_stops_a_right_code_too(client, alice):
    """Past the limit of wrong codes, the right one must not tell a guesser it was right."""
    client.force_login(alice)
    _turn_on(client)
    client.logout()
    _password(client)
    device = TOTPDevice.objects.get(user=alice)
    for _ in range(5):
        client.post(reverse("login_code"), {"code": "123456"})
        device.throttle_reset()
    response = client.post(reverse("login_code"), {"code": code_for(device)})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_admins_own_log_in_cannot_skip_the_code(client, alice):
    alice.is_staff = alice.is_superuser = True
    alice.save()
    client.force_login(alice)
    _turn_on(client)
    client.logout()
    response = client.post(reverse("admin:login"), {"username": "alice", "password": PASSWORD})
    assert response.url.startswith(reverse("login"))
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("admin:index")).status_code == 302


def test_codes_and_passwords_are_never_stored_with_a_failure(client, alice):
    from axes.models import AccessAttempt

    client.force_login(alice)
    _turn_on(client)
    client.post(
        reverse("password_change"),
        {
            "old_password": "correct horse batterY",
            "new_password1": "My-New-Secret-99",
            "new_password2": "My-New-Secret-99",
        },
    )
    client.logout()
    _password(client)
    client.post(reverse("login_code"), {"code": "654321"})
    stored = " ".join(AccessAttempt.objects.values_list("post_data", flat=True))
    assert stored
    for secret in ("correct horse batterY", "My-New-Secret-99", "654321"):
        assert secret not in stored
