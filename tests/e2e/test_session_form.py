"""The session form in a phone's and a desktop's width: picking an exercise by typing."""

import pytest
from playwright.sync_api import Page, expect

from exercises.models import Exercise
from logbook.models import Session
from tests.e2e.conftest import sign_in
from tests.factories import ExerciseFactory

VIEWPORTS = [pytest.param((390, 844), id="phone"), pytest.param((1280, 800), id="desktop")]


def _open_form(page: Page, base_url: str, viewport, path: str = "/logbook/sessions/new/"):
    width, height = viewport
    page.set_viewport_size({"width": width, "height": height})
    user = sign_in(page, base_url)
    page.goto(f"{base_url}{path}")
    return user


def _no_sideways_scroll(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_narrowing_picks_the_name_that_starts_with_the_text(live_library, page: Page, viewport):
    _open_form(page, live_library.url, viewport)
    page.get_by_label("Narrow the exercise list").fill("knee-to-chest")
    picked = page.get_by_label("Add an exercise").evaluate("s => s.selectedOptions[0].text")
    assert picked == "Knee-to-chest stretch"
    # The other match stays in the list, to choose by hand.
    expect(page.locator("#add-exercise option", has_text="Double knee-to-chest")).to_be_enabled()
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_role("heading", name="1. Knee-to-chest stretch")).to_be_visible()
    assert _no_sideways_scroll(page)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_narrowing_picks_an_exact_name_over_one_listed_before_it(
    live_library, page: Page, viewport
):
    # A stretch is listed before the strengthening exercises, so it comes before "Bridge".
    ExerciseFactory(name="Bridge pose stretch", category=Exercise.Category.STRETCH)
    _open_form(page, live_library.url, viewport)
    page.get_by_label("Narrow the exercise list").fill("Bridge")
    picked = page.get_by_label("Add an exercise").evaluate("s => s.selectedOptions[0].text")
    assert picked == "Bridge"


def _boxes(locator) -> list[dict]:
    """Each element's size, and whether its content fits inside it (nothing clipped)."""
    return locator.evaluate_all(
        """els => els.map(el => {
            const box = el.getBoundingClientRect();
            return {width: box.width, height: box.height,
                    fits: el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight};
        })"""
    )


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_pain_during_is_a_scale_of_buttons_big_enough_to_touch(live_library, page: Page, viewport):
    _open_form(page, live_library.url, viewport, "/logbook/sessions/new/?exercise=bridge")
    card = page.locator(".entry-card")
    scale = card.get_by_role("group", name="Pain during")
    buttons = scale.locator("label.pain-scale-option")
    expect(buttons).to_have_count(12)  # 0 to 10, and "Not rated"
    boxes = _boxes(buttons)
    assert [box for box in boxes if box["width"] < 44 or box["height"] < 44] == []
    assert [box for box in boxes if not box["fits"]] == []
    for target in (card.get_by_role("button", name="Remove"), card.locator(".form-check")):
        assert [box for box in _boxes(target) if box["height"] < 44] == []
    assert _no_sideways_scroll(page)
    expect(scale.get_by_role("radio", name="Not rated")).to_be_checked()
    scale.get_by_text("4", exact=True).click()
    expect(scale.get_by_role("radio", name="4", exact=True)).to_be_checked()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_an_exercise_marked_skipped_shows_as_skipped_on_the_session(
    live_library, page: Page, viewport
):
    user = _open_form(page, live_library.url, viewport, "/logbook/sessions/new/?exercise=bridge")
    page.get_by_label("Add an exercise").select_option(label="Cat-cow")
    page.get_by_role("button", name="Add", exact=True).click()
    page.get_by_role("group", name="Your back pain before you started").get_by_text(
        "3", exact=True
    ).click()
    cards = page.locator(".entry-card")
    cards.nth(0).get_by_role("group", name="Pain during").get_by_text("2", exact=True).click()
    cards.nth(1).get_by_label("Did you finish it?").select_option(label="Skipped")
    page.get_by_role("group", name="Your back pain now, after the session").get_by_text(
        "2", exact=True
    ).click()
    page.get_by_label("About right").check()
    page.get_by_role("button", name="Save session", exact=True).last.click()

    expect(page.get_by_text("Session saved.")).to_be_visible()
    skipped = page.locator(".entry-list li").nth(1)
    expect(skipped).to_contain_text("Cat-cow")
    expect(skipped).to_contain_text("skipped")
    expect(skipped).to_contain_text("Skipped: not done in this session.")
    assert _no_sideways_scroll(page)
    entries = Session.objects.get(user=user).entries.values_list("status", "pain_during")
    assert list(entries) == [("completed", 2), ("skipped", None)]
