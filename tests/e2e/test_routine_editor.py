"""The routine editor in a real browser, on a phone and on a desktop: two doses saved by one
Save, a warning before leaving with unsaved changes, and the focus kept on a moved exercise."""

import pytest
from playwright.sync_api import Page, expect

from logbook.models import Routine
from logbook.services import curated_routines_load, routine_copy
from tests.e2e.conftest import axe_violations, sign_in

VIEWPORTS = [{"width": 390, "height": 844}, {"width": 1280, "height": 800}]


@pytest.fixture(params=VIEWPORTS, ids=["phone", "desktop"])
def editor(request, live_library, page: Page):
    """A signed-in person's copy of Gentle relief (five exercises), open in the editor."""
    page.set_viewport_size(request.param)
    curated_routines_load()
    user = sign_in(page, live_library.url)
    routine = routine_copy(user=user, source=Routine.objects.get(key="gentle-relief"))
    page.goto(f"{live_library.url}/routines/{routine.pk}/edit/")
    return routine


def _doses(routine: Routine) -> list[tuple]:
    return list(
        routine.items.order_by("position").values_list("exercise__slug", "sets", "repetitions")
    )


def _fits_the_screen(page: Page) -> None:
    """Nothing wider than the screen; every button, and the "each side" box with its label, at
    least 44 by 44 px."""
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    small = page.evaluate(
        "() => [...document.querySelectorAll("
        "'main button:not(.visually-hidden), main a.btn, main .form-check')]"
        ".map(e => [e.textContent.trim(), e.getBoundingClientRect()])"
        ".filter(([name, box]) => box.width < 44 || box.height < 44)"
        ".map(([name, box]) => `${name} ${Math.round(box.width)}x${Math.round(box.height)}`)"
    )
    assert small == []


def test_two_doses_changed_are_saved_by_one_save(editor: Routine, page: Page):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    _fits_the_screen(page)
    cards = page.locator(".routine-item-card")
    cards.nth(0).get_by_label("Sets").fill("2")
    cards.nth(2).get_by_label("Repetitions").fill("9")
    page.get_by_role("button", name="Save routine").click()

    expect(page.get_by_text("Routine saved.")).to_be_visible()
    expect(page.locator(".messages")).to_be_focused()
    doses = _doses(editor)
    assert doses[0][1] == 2
    assert doses[2][2] == 9
    assert dialogs == []  # saving is no leaving: no warning
    _fits_the_screen(page)


def test_an_invalid_dose_focuses_the_error_summary_and_keeps_what_was_typed(
    editor: Routine, page: Page
):
    before = _doses(editor)
    cards = page.locator(".routine-item-card")
    cards.nth(0).get_by_label("Sets").fill("2")
    cards.nth(1).get_by_label("Repetitions").fill("500")
    page.get_by_role("button", name="Save routine").click()

    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("nothing has been saved yet")
    expect(cards.nth(0).get_by_label("Sets")).to_have_value("2")
    expect(cards.nth(1).get_by_label("Repetitions")).to_have_value("500")
    assert _doses(editor) == before
    assert axe_violations(page, page.url.split("/routines/")[0]) == []
    summary.get_by_role("link").click()
    expect(cards.nth(1).get_by_label("Repetitions")).to_be_focused()
    _fits_the_screen(page)
    # What the page shows again is not saved yet: leaving asks first.
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.get_by_role("link", name="Back to the routine").click()
    assert dialogs == ["beforeunload"]


def test_leaving_with_unsaved_changes_asks_first(editor: Routine, page: Page):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    edit_url = page.url
    sets = page.locator(".routine-item-card").nth(1).get_by_label("Sets")
    sets.fill("3")
    page.get_by_role("link", name="Back to the routine").click()

    assert dialogs == ["beforeunload"]
    assert page.url == edit_url  # staying, the change still there
    expect(sets).to_have_value("3")

    # Changed back to what is saved: nothing to lose, no question.
    sets.fill("1")
    page.get_by_role("link", name="Back to the routine").click()
    page.wait_for_url(f"**{editor.get_absolute_url()}")
    assert dialogs == ["beforeunload"]


def test_moving_an_exercise_keeps_the_dose_typed_and_the_focus_on_it(editor: Routine, page: Page):
    cards = page.locator(".routine-item-card")
    moved = editor.items.order_by("position")[3]
    cards.nth(3).get_by_label("Sets").fill("2")
    cards.nth(3).get_by_role("button", name="Move up").click()

    page.wait_for_url(f"**/edit/#item-{moved.pk}-move_up")
    button = page.locator(f"#item-{moved.pk}-move_up")
    expect(button).to_be_focused()
    expect(button).to_be_in_viewport()
    expect(cards.nth(2)).to_contain_text(moved.exercise.name)
    expect(cards.nth(2).get_by_label("Sets")).to_have_value("2")
    assert _doses(editor)[2] == (moved.exercise.slug, 2, moved.repetitions)

    # Up again with the keyboard, to the top: there the focus is on its Move down, still enabled.
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(button).to_be_focused()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_url(f"**/edit/#item-{moved.pk}-move_down")
    expect(page.locator(f"#item-{moved.pk}-move_down")).to_be_focused()
    expect(cards.nth(0)).to_contain_text(moved.exercise.name)
    _fits_the_screen(page)


def test_without_javascript_every_button_still_saves(live_library, browser):
    curated_routines_load()
    context = browser.new_context(java_script_enabled=False, viewport=VIEWPORTS[0])
    page = context.new_page()
    user = sign_in(page, live_library.url)
    routine = routine_copy(user=user, source=Routine.objects.get(key="gentle-relief"))
    page.goto(f"{live_library.url}/routines/{routine.pk}/edit/")
    cards = page.locator(".routine-item-card")
    moved = routine.items.order_by("position")[1]
    cards.nth(0).get_by_label("Repetitions").fill("4")
    cards.nth(1).get_by_label("Sets").fill("3")
    cards.nth(1).get_by_role("button", name="Move up").click()

    page.wait_for_url(f"**/edit/#item-{moved.pk}-move_down")
    # The browser itself brings the moved exercise's button into view and focus.
    expect(page.locator(f"#item-{moved.pk}-move_down")).to_be_focused()
    doses = _doses(routine)
    assert doses[0] == (moved.exercise.slug, 3, moved.repetitions)
    assert doses[1][2] == 4
    context.close()
