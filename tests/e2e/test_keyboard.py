"""Keyboard only: logging a session and following the guided player, with Tab, arrows, Space
and Enter. Every control used must be reachable with Tab from where the focus is."""

from playwright.sync_api import Locator, Page, expect

from accounts.models import User
from logbook.models import Routine, Session
from logbook.services import curated_routines_load

PASSWORD = "correct horse battery"


def tab_to(page: Page, target: Locator, *, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"{target} cannot be reached with Tab")


def choose_on_scale(page: Page, group: str, value: int) -> None:
    """Tab into a 0-10 pain scale, select 0 with Space, then step up with the arrow key."""
    tab_to(page, page.get_by_role("group", name=group).get_by_role("radio").first)
    page.keyboard.press("Space")
    for _ in range(value):
        page.keyboard.press("ArrowRight")
    expect(
        page.get_by_role("group", name=group)
        .get_by_role("radio", name=str(value), exact=False)
        .first
    ).to_be_checked()


def sign_in(page: Page, base_url: str) -> User:
    user = User.objects.create_user("hana", "hana@example.org", PASSWORD, time_zone="Asia/Tokyo")
    page.goto(f"{base_url}/accounts/login/")
    tab_to(page, page.get_by_label("Username"))
    page.keyboard.type("hana")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Your logbook")).to_be_visible()
    return user


def test_log_a_session_by_keyboard(live_library, page: Page):
    user = sign_in(page, live_library.url)
    tab_to(page, page.get_by_role("link", name="Log a session"))
    page.keyboard.press("Enter")

    choose_on_scale(page, "Your back pain before you started", 4)
    tab_to(page, page.get_by_label("Add an exercise"))
    page.keyboard.type("Bridge")
    tab_to(page, page.get_by_role("button", name="Add", exact=True))
    page.keyboard.press("Enter")
    # The new exercise takes the focus, so the next Tab stops are its fields.
    expect(page.locator(".entry-card")).to_be_focused()
    # Pain during starts "Not rated", the last button: the arrow key wraps round to 0.
    pain_during = page.locator(".entry-card").get_by_role("group", name="Pain during")
    tab_to(page, pain_during.get_by_role("radio", name="Not rated"))
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    expect(pain_during.get_by_role("radio", name="2", exact=True)).to_be_checked()
    choose_on_scale(page, "Your back pain now, after the session", 3)
    tab_to(page, page.get_by_label("Easy"))
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    expect(page.get_by_label("About right")).to_be_checked()
    tab_to(page, page.get_by_role("button", name="Save session", exact=True).last)
    page.keyboard.press("Enter")

    expect(page.get_by_text("Session saved.")).to_be_visible()
    session = Session.objects.get(user=user)
    assert (session.pain_before, session.pain_after, session.effort) == (4, 3, "right")
    assert list(session.entries.values_list("exercise__slug", "pain_during")) == [("bridge", 2)]


def test_follow_the_guided_player_by_keyboard(live_library, page: Page):
    curated_routines_load()
    routine = Routine.objects.get(key="strength-and-stability")
    user = sign_in(page, live_library.url)
    page.clock.install()
    page.goto(f"{live_library.url}/routines/{routine.pk}/play/")

    choose_on_scale(page, "Your back pain right now", 2)
    tab_to(page, page.get_by_role("button", name="Start the routine"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Pelvic tilt")).to_be_focused()
    tab_to(page, page.get_by_role("button", name="Start the hold"))
    page.keyboard.press("Enter")
    page.clock.run_for("01:00")  # five holds of 3 seconds, with releases between
    expect(page.get_by_role("heading", name="How was that?")).to_be_focused()
    choose_on_scale(page, "Pain during this exercise", 1)
    tab_to(page, page.get_by_role("button", name="Next"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Rest")).to_be_focused()
    tab_to(page, page.get_by_role("button", name="Skip the rest"))
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", name="Bridge")).to_be_focused()
    tab_to(page, page.get_by_role("button", name="Stop: this hurts"))
    page.keyboard.press("Enter")
    expect(page.get_by_text("You stopped because it hurt.")).to_be_visible()
    choose_on_scale(page, "Pain during this exercise", 6)
    tab_to(page, page.get_by_role("button", name="End the session here"))
    page.keyboard.press("Enter")

    choose_on_scale(page, "Your back pain now, after the session", 3)
    tab_to(page, page.get_by_label("Easy"))
    page.keyboard.press("Space")
    tab_to(page, page.get_by_role("button", name="Save to my logbook"))
    page.keyboard.press("Enter")

    expect(page.get_by_text("Session saved.")).to_be_visible()
    session = Session.objects.get(user=user)
    assert (session.routine, session.pain_before, session.pain_after) == (routine, 2, 3)
    assert list(session.entries.values_list("exercise__slug", "status", "pain_during")) == [
        ("pelvic-tilt", "completed", 1),
        ("bridge", "stopped", 6),
    ]
