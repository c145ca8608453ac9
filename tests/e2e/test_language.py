"""Switching to German on a phone (390x844): from the header, beside the compact menu, by
keyboard; the page comes back in German, and the choice holds on the next page and after
logging in."""

from playwright.sync_api import Page, expect

from accounts.models import User
from tests.e2e.conftest import PASSWORD, axe_violations

PHONE = {"width": 390, "height": 844}


def _open_menu(page: Page, name: str):
    menu = page.get_by_role("navigation", name=name)
    button = menu.get_by_role("button", name={"Main": "Menu", "Hauptmenü": "Menü"}[name])
    if button.get_attribute("aria-expanded") != "true":
        button.click()
    return menu


def test_switching_to_german_on_a_phone_holds_across_pages_and_logging_in(live_library, page: Page):
    user = User.objects.create_user("greta", "greta@example.org", PASSWORD)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_library.url}/exercises/")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    header = page.get_by_role("navigation", name="Main")
    # In view at once, without opening the menu.
    deutsch = header.get_by_role("button", name="Deutsch")
    expect(deutsch).to_be_visible()
    expect(deutsch).to_have_attribute("lang", "de")
    assert deutsch.bounding_box()["height"] >= 44  # a thumb's target
    deutsch.focus()
    page.keyboard.press("Enter")

    # The same page again, in German.
    page.wait_for_url(f"{live_library.url}/exercises/")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.get_by_role("button", name="Menü")).to_be_visible()
    expect(page.get_by_role("complementary", name="Sicherheit")).to_contain_text(
        "Hör auf bei stechendem Schmerz"
    )
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert axe_violations(page, live_library.url) == []

    # The next page, and the log-in, stay German.
    _open_menu(page, "Hauptmenü").get_by_role("link", name="Anmelden").click()
    expect(page.locator("html")).to_have_attribute("lang", "de")
    page.get_by_label("Benutzername").fill("greta")
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(f"{live_library.url}/logbook/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dein Tagebuch")

    # Back to English from the same place; a signed-in choice is saved on the account.
    english = page.get_by_role("navigation", name="Hauptmenü").get_by_role("button", name="English")
    expect(english).to_have_attribute("lang", "en")
    english.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your logbook")
    user.refresh_from_db()
    assert user.language == "en"
