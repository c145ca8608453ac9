"""The session form in a phone's and a desktop's width: picking an exercise by typing."""

import pytest
from playwright.sync_api import Page, expect

from exercises.models import Exercise
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
