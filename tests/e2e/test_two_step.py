"""Two-step log-in in a browser: set it up from the account page, then sign in with a code."""

from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from tests.accounts.test_two_step import code_for
from tests.e2e.conftest import PASSWORD, axe_violations, sign_in


def test_set_up_two_step_log_in_then_sign_in_with_a_code(live_library, page: Page):
    user = sign_in(page, live_library.url)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Account").click()
    page.get_by_role("link", name="Two-step log-in").click()
    page.get_by_role("button", name="Set up two-step log-in").click()
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    assert axe_violations(page, live_library.url) == []
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    page.get_by_label("Code").fill(code_for(device))
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Turn on two-step log-in").click()
    expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    page.get_by_role("link", name="I have saved them").click()
    TOTPDevice.objects.filter(user=user).update(last_t=-1)  # the app's next code

    page.get_by_role("button", name="Log out").click()
    # The log-out first clears what this browser kept (static/js/logout.js): wait for it.
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    page.goto(f"{live_library.url}/accounts/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="One more step")).to_be_visible()
    assert axe_violations(page, live_library.url) == []
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("That code is not right")).to_be_visible()
    device = TOTPDevice.objects.get(user=user)
    device.throttle_reset()  # django-otp waits a second after a wrong code
    page.get_by_label("Code").fill(code_for(device))
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Your logbook")).to_be_visible()
