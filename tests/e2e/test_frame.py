"""The page's frame on a phone (390x844) and a desktop (1280x800): a compact header with a menu
button on a phone, an exercise's safety notes before its steps, nothing wider than the screen;
and the time-zone list that narrows as you type."""

import pytest
from playwright.sync_api import Browser, Page, expect

from accounts.models import User
from tests.e2e.conftest import PASSWORD, axe_violations, sign_in

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
# The exercise's name must show within this many pixels of the top of a phone's screen.
TITLE_WITHIN = 180


def _overflow(page: Page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def _box(page: Page, selector: str) -> dict:
    return page.locator(selector).first.bounding_box()


@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "signed-in"])
def test_on_a_phone_the_exercise_title_shows_at_once_and_the_menu_opens(
    live_library, page: Page, signed_in
):
    page.set_viewport_size(PHONE)
    if signed_in:
        sign_in(page, live_library.url)
    page.goto(f"{live_library.url}/exercises/childs-pose/")
    assert _box(page, "h1")["y"] <= TITLE_WITHIN
    assert _overflow(page) <= 0
    menu = page.get_by_role("navigation", name="Main")
    button = menu.get_by_role("button", name="Menu")
    safety_line = page.get_by_role("complementary", name="Safety")
    expect(safety_line).to_contain_text("Stop on a sharp pain, or pain past 5/10.")
    expect(safety_line.get_by_role("link", name="Warning signs")).to_be_visible()
    expect(menu.get_by_role("link", name="Exercises")).to_be_hidden()

    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    link = menu.get_by_role("link", name="Logbook" if signed_in else "Log in")
    expect(link).to_be_visible()
    assert link.bounding_box()["height"] >= 44
    assert axe_violations(page, live_library.url) == []
    page.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_be_focused()
    expect(link).to_be_hidden()

    button.click()
    link.click()
    expect(page).to_have_url(f"{live_library.url}/{'logbook' if signed_in else 'accounts/login'}/")


def test_on_a_desktop_the_whole_menu_shows_without_a_button(live_library, page: Page):
    page.set_viewport_size(DESKTOP)
    sign_in(page, live_library.url)
    page.goto(f"{live_library.url}/exercises/childs-pose/")
    menu = page.get_by_role("navigation", name="Main")
    expect(menu.get_by_role("button", name="Menu")).to_be_hidden()
    for name in ["Exercises", "Plan", "Routines", "Logbook", "Progress", "Learn", "Account"]:
        expect(menu.get_by_role("link", name=name)).to_be_visible()
    safety_line = page.get_by_role("complementary", name="Safety")
    expect(safety_line.get_by_role("link", name="Warning signs that need a doctor")).to_be_visible()
    assert _box(page, "h1")["y"] <= TITLE_WITHIN
    assert _overflow(page) <= 0


def test_without_scripts_a_phone_shows_the_whole_menu(live_library, browser: Browser):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_library.url}/exercises/childs-pose/")
    menu = page.get_by_role("navigation", name="Main")
    expect(menu.get_by_role("button", name="Menu")).to_be_hidden()
    expect(menu.get_by_role("link", name="Log in")).to_be_visible()
    assert _overflow(page) <= 0
    context.close()


def test_on_a_phone_safety_notes_come_before_the_steps(live_library, page: Page):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_library.url}/exercises/childs-pose/")
    safety = _box(page, "section:has(#safety-heading)")
    steps = _box(page, "section:has(#steps-heading)")
    figure = _box(page, ".exercise-figure")
    assert figure["y"] < safety["y"] < steps["y"]
    assert safety["x"] == pytest.approx(steps["x"])  # one column
    assert _overflow(page) <= 0


def test_on_a_desktop_safety_notes_stand_beside_the_picture(live_library, page: Page):
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_library.url}/exercises/childs-pose/")
    safety = _box(page, "section:has(#safety-heading)")
    figure = _box(page, ".exercise-figure")
    assert safety["x"] > figure["x"] + figure["width"]
    assert safety["y"] < figure["y"] + figure["height"]
    assert _overflow(page) <= 0


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_sign_up_finds_a_time_zone_by_typing_a_city(live_library, page: Page, viewport):
    page.set_viewport_size(viewport)
    page.goto(f"{live_library.url}/accounts/signup/")
    page.get_by_label("Username").fill("tomoko")
    page.get_by_label("Email address").fill("tomoko@example.org")
    page.get_by_label("Type a city or region").fill("tokyo")
    expect(page.get_by_label("Time zone")).to_have_value("Asia/Tokyo")
    expect(page.get_by_role("status").filter(has_text="Time zones that match")).to_have_text(
        "Time zones that match: 1"
    )
    # Enter in the box goes to the list instead of sending the form.
    page.keyboard.press("Enter")
    expect(page.get_by_label("Time zone")).to_be_focused()
    assert _overflow(page) <= 0
    page.get_by_label("Password", exact=False).first.fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", name="Before you start")).to_be_visible()
    assert User.objects.get(username="tomoko").time_zone == "Asia/Tokyo"


def test_sign_up_starts_from_the_browsers_zone_even_under_an_old_name(
    live_library, browser: Browser
):
    # Chrome reports India's zone by its old name, Asia/Calcutta.
    context = browser.new_context(viewport=PHONE, timezone_id="Asia/Calcutta")
    page = context.new_page()
    page.goto(f"{live_library.url}/accounts/signup/")
    expect(page.get_by_label("Time zone")).to_have_value("Asia/Kolkata")
    context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_account_page_changes_the_zone_found_by_typing(live_library, page: Page, viewport):
    page.set_viewport_size(viewport)
    user = sign_in(page, live_library.url)
    page.goto(f"{live_library.url}/accounts/")
    expect(page.get_by_label("Time zone")).to_have_value("Europe/Dublin")
    finder = page.get_by_label("Type a city or region")
    finder.fill("zzz")
    expect(page.get_by_text("No time zone matches that.")).to_be_visible()
    expect(page.get_by_label("Time zone")).to_have_value("Europe/Dublin")
    finder.fill("buenos")
    expect(page.get_by_label("Time zone")).to_have_value("America/Argentina/Buenos_Aires")
    assert _overflow(page) <= 0
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your account is updated.")).to_be_visible()
    user.refresh_from_db()
    assert user.time_zone == "America/Argentina/Buenos_Aires"
