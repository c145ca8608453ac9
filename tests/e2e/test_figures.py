"""The exercise pictures in a real browser: drawn, described, animated and pausable."""

from playwright.sync_api import Page, expect


def _figure(page: Page, base_url: str, slug: str):
    page.goto(f"{base_url}/exercises/{slug}/")
    return page.locator(".exercise-figure--large")


def test_knee_to_chest_picture_shows_and_describes_the_stretch(live_library, page, tmp_path):
    page.set_viewport_size({"width": 1280, "height": 900})
    # Reduced motion keeps the figure still on its key position, so the screenshot is stable.
    page.emulate_media(reduced_motion="reduce")
    figure = _figure(page, live_library.url, "knee-to-chest")
    picture = figure.get_by_role("img", name="Knee-to-chest stretch", exact=False)
    expect(picture).to_be_visible()
    expect(picture).to_have_attribute(
        "aria-label",
        "Knee-to-chest stretch, in 2 positions: "
        "1. Lying on your back, knees bent, feet flat on the mat. "
        "2. Lying on your back, one knee drawn in towards your chest "
        "with both hands.",
    )
    assert picture.bounding_box()["width"] > 300
    # Still, it shows the knee drawn in rather than the start.
    expect(figure.locator(".figure-pose--1")).to_have_css("opacity", "0")
    expect(figure.locator(".figure-pose--2")).to_have_css("opacity", "1")
    picture.screenshot(path=tmp_path / "figure-knee-to-chest.png")
    assert (tmp_path / "figure-knee-to-chest.png").stat().st_size > 2000


def test_bird_dog_picture_moves_and_can_be_paused_by_keyboard(live_library, page, tmp_path):
    page.set_viewport_size({"width": 1280, "height": 900})
    figure = _figure(page, live_library.url, "bird-dog")
    expect(figure.get_by_role("img")).to_have_attribute(
        "aria-label",
        "Bird-dog, in 3 positions: "
        "1. On hands and knees, hands under your shoulders, back flat like a tabletop. "
        "2. One leg slid back along the mat, the opposite arm starting to reach forward. "
        "3. One arm reaching forward and the opposite leg stretched back, both level with "
        "your back.",
    )
    poses = figure.locator(".figure-pose")
    expect(poses).to_have_count(3)
    assert poses.first.evaluate("p => getComputedStyle(p).animationPlayState") == "running"

    button = figure.get_by_role("button", name="Pause the animation")
    button.focus()
    page.keyboard.press("Enter")
    expect(figure.get_by_role("button", name="Play the animation")).to_be_focused()
    assert poses.first.evaluate("p => getComputedStyle(p).animationPlayState") == "paused"
    page.keyboard.press("Space")
    expect(figure.get_by_role("button", name="Pause the animation")).to_be_visible()
    assert poses.first.evaluate("p => getComputedStyle(p).animationPlayState") == "running"

    page.emulate_media(reduced_motion="reduce")
    page.reload()
    figure.get_by_role("img").screenshot(path=tmp_path / "figure-bird-dog.png")
    assert (tmp_path / "figure-bird-dog.png").stat().st_size > 2000
    # Asked for less motion: still, showing the reach, until the person presses Play.
    assert poses.first.evaluate("p => getComputedStyle(p).animationName") == "none"
    expect(poses.nth(2)).to_have_css("opacity", "1")
    figure.get_by_role("button", name="Play the animation").click()
    assert poses.first.evaluate("p => getComputedStyle(p).animationName") == "figure-fade-3"


def test_list_shows_a_still_picture_on_every_card(live_library, page: Page):
    page.goto(f"{live_library.url}/exercises/?category=stability")
    cards = page.locator(".exercise-card")
    expect(cards.first).to_be_visible()
    expect(cards.locator(".exercise-figure--small svg")).to_have_count(cards.count())
    expect(cards.get_by_role("img", name="Bird-dog", exact=False)).to_be_visible()


def test_without_javascript_the_picture_shows_and_the_button_stays_hidden(live_library, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    figure = _figure(page, live_library.url, "bridge")
    expect(figure.get_by_role("img", name="Bridge", exact=False)).to_be_visible()
    expect(figure.locator("button")).to_be_hidden()
    context.close()
