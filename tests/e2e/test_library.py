from playwright.sync_api import Page, expect


def test_find_and_read_the_knee_to_chest_stretch(live_library, page: Page):
    page.goto(live_library.url)
    safety_line = page.get_by_role("complementary", name="Safety")
    expect(safety_line).to_contain_text("pain that keeps climbing past 5 out of 10")

    page.get_by_role("link", name="Browse the exercises").click()
    page.get_by_label("Category").select_option("stretch")
    page.get_by_role("button", name="Show").click()

    expect(page).to_have_url(
        f"{live_library.url}/exercises/?q=&category=stretch&difficulty=&position="
    )
    expect(page.get_by_role("heading", level=2)).to_have_text(["Stretching"])
    expect(page.get_by_label("Category")).to_have_value("stretch")

    page.get_by_role("link", name="Knee-to-chest stretch", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Knee-to-chest stretch")
    steps_section = page.locator("section", has=page.get_by_role("heading", name="Steps"))
    steps = steps_section.get_by_role("listitem")
    expect(steps).to_have_count(5)
    expect(steps.first).to_contain_text("Lie on your back")
    safety = page.locator("section", has=page.get_by_role("heading", name="Safety", exact=True))
    expect(safety).to_contain_text("no need to bounce")
    expect(page.get_by_text("Hold 20–30 seconds, 3–5 times each side")).to_be_visible()


def test_library_fits_a_phone_screen_and_works_by_keyboard(live_library, page: Page):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(f"{live_library.url}/exercises/")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0

    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.get_by_role("searchbox", name="Search", exact=True)).to_be_focused()
    page.keyboard.type("bridge")
    page.keyboard.press("Enter")
    expect(page).to_have_url(
        f"{live_library.url}/exercises/?q=bridge&category=&difficulty=&position="
    )
    expect(page.get_by_role("link", name="Bridge", exact=True)).to_be_visible()
