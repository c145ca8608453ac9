"""A phone whose browser asks for German reads the exercise library in German: the cards, a
search by a German word, and an exercise's steps, safety notes and picture description."""

from playwright.sync_api import expect

PHONE = {"width": 390, "height": 844}


def test_a_german_phone_searches_and_reads_the_library_in_german(live_library, browser):
    context = browser.new_context(viewport=PHONE, locale="de-DE")
    page = context.new_page()
    page.goto(f"{live_library.url}/exercises/")
    expect(page.get_by_role("heading", name="Knie-zur-Brust-Dehnung", exact=True)).to_be_visible()

    search = page.locator("input[name=q]")
    search.fill("Brücke")
    search.press("Enter")
    page.wait_for_url("**q=Br*")
    cards = page.locator(".exercise-card h3")
    expect(cards).to_have_text(["Brücke", "Einbeinige Brücke"])

    cards.first.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Brücke")
    expect(page.get_by_text("Drück dich über die Fersen hoch", exact=False)).to_be_visible()
    expect(page.get_by_text("Heb nur so weit, bis Schultern", exact=False)).to_be_visible()
    picture = page.locator(".exercise-figure--large").get_by_role("img")
    # What a screen reader says of the picture: its positions, in German.
    assert "1. Rückenlage, Knie gebeugt, Füße flach, Arme neben dem Körper." in (
        picture.get_attribute("aria-label")
    )
    # Nothing wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    context.close()
