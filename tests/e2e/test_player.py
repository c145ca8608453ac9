import datetime
import json

import pytest
from playwright.sync_api import Page, expect

from logbook.models import Routine, Session
from logbook.services import curated_routines_load
from tests.e2e.conftest import sign_in
from tests.factories import ExerciseEntryFactory


def _rate(page: Page, group: str, value: str) -> None:
    page.get_by_role("group", name=group).get_by_text(value, exact=True).click()


def test_guided_gentle_routine_is_saved_to_the_logbook(live_library, page: Page):
    curated_routines_load()
    routine = Routine.objects.get(key="gentle-relief")
    user = sign_in(page, live_library.url)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # The page's clock is Playwright's: the test moves time on instead of waiting for it.
    page.clock.install()

    page.goto(f"{live_library.url}{routine.get_absolute_url()}")
    page.get_by_role("link", name="Start").click()
    _rate(page, "Your back pain right now", "5")
    page.get_by_role("button", name="Start the routine").click()

    expect(page.get_by_role("heading", name="Knee-to-chest stretch")).to_be_focused()
    expect(page.get_by_text("Left, 1 of 3")).to_be_visible()
    page.get_by_role("button", name="Start the hold").click()
    page.clock.run_for("00:19")
    expect(page.get_by_text("Left, 1 of 3")).to_be_visible()
    page.clock.run_for("00:02")
    expect(page.get_by_text("Left, 2 of 3")).to_be_visible()
    # A reload mid-exercise keeps the place (paused) and the pain rating.
    page.reload()
    expect(page.get_by_role("heading", name="Knee-to-chest stretch")).to_be_visible()
    expect(page.get_by_text("Left, 2 of 3")).to_be_visible()
    page.get_by_role("button", name="Resume").click()
    # Five more holds of 20 seconds, with 3 seconds to release between them.
    page.clock.run_for("02:00")
    expect(page.get_by_role("heading", name="How was that?")).to_be_visible()
    _rate(page, "Pain during this exercise", "2")
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", name="Rest")).to_be_visible()
    page.clock.run_for("00:11")

    expect(page.get_by_role("heading", name="Pelvic tilt")).to_be_visible()
    page.get_by_role("button", name="Stop: this hurts").click()
    expect(page.get_by_text("You stopped because it hurt.")).to_be_visible()
    expect(page.get_by_role("link", name="Warning signs that need a doctor").last).to_be_visible()
    _rate(page, "Pain during this exercise", "7")
    page.get_by_label("I felt a sharp pain").check()
    page.get_by_role("button", name="End the session here").click()

    _rate(page, "Your back pain now, after the session", "4")
    page.get_by_label("About right").check()
    page.get_by_role("button", name="Save to my logbook").click()

    expect(page.get_by_text("Session saved.")).to_be_visible()
    session = Session.objects.get(user=user)
    assert (session.routine, session.pain_before, session.pain_after) == (routine, 5, 4)
    entries = list(
        session.entries.values_list("exercise__slug", "status", "sharp_pain", "pain_during")
    )
    assert entries == [
        ("knee-to-chest", "completed", False, 2),
        ("pelvic-tilt", "stopped", True, 7),
    ]
    expect(
        page.get_by_role("region", name="Your back was telling you something in this session")
    ).to_be_visible()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Logbook").click()
    expect(page.locator(".session-list li")).to_have_count(1)
    page.goto(f"{live_library.url}{routine.get_absolute_url()}")
    chart = json.loads(page.locator("#routine-data").text_content())
    assert [(s["before"], s["after"]) for s in chart["sessions"]] == [(5, 4)]
    expect(page.locator("#routine-chart")).to_be_visible()
    assert errors == []


def test_a_locked_phone_does_not_stretch_a_hold(live_library, page: Page):
    """Timers run to a deadline: time that passes with no tick (a locked screen) still counts."""
    curated_routines_load()
    routine = Routine.objects.get(key="gentle-relief")
    sign_in(page, live_library.url)
    page.clock.install()
    page.goto(f"{live_library.url}/routines/{routine.pk}/play/")
    _rate(page, "Your back pain right now", "3")
    page.get_by_role("button", name="Start the routine").click()
    page.get_by_role("button", name="Start the hold").click()
    # 25 seconds pass at once, as when a phone wakes: timers that were due fire only once. The
    # 20-second hold ended, so did the 3-second release, and the second hold is 2 seconds in.
    page.clock.fast_forward("00:25")
    expect(page.get_by_text("Left, 2 of 3")).to_be_visible()
    expect(page.locator('[data-field="clock"]')).to_have_text("18 s")


def test_progress_page_draws_its_charts_without_errors(live_library, page: Page):
    user = sign_in(page, live_library.url)
    for days in range(1, 20, 2):
        ExerciseEntryFactory(
            session__user=user, session__date=user.today() - datetime.timedelta(days=days)
        )
    messages = []
    page.on(
        "console", lambda message: messages.append(message) if message.type == "error" else None
    )
    page.on("pageerror", lambda error: messages.append(error))
    page.goto(f"{live_library.url}/logbook/progress/")
    for canvas in ("#pain-chart", "#sessions-chart", "#volume-chart"):
        expect(page.locator(canvas)).to_be_visible()
        assert page.locator(canvas).evaluate("c => c.width > 0 && !!Chart.getChart(c)")
    expect(page.get_by_role("region", name="Week by week")).to_be_visible()
    assert messages == []


def test_a_stale_saved_state_starts_afresh_instead_of_breaking(live_library, page: Page):
    curated_routines_load()
    routine = Routine.objects.get(key="gentle-relief")
    user = sign_in(page, live_library.url)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    url = f"{live_library.url}/routines/{routine.pk}/play/"
    page.goto(url)
    # What a browser could remember from before the routine changed: an exercise that is gone.
    page.evaluate(
        """key => localStorage.setItem(key, JSON.stringify(
            {phase: "exercise", index: 9, step: 0, remaining: null, entries: [], token: "x",
             signature: [[1, 1, 1, null]]}))""",
        f"backcare-player-{user.pk}-{routine.pk}",
    )
    page.goto(url)
    expect(page.get_by_role("heading", name="Before you start")).to_be_visible()
    _rate(page, "Your back pain right now", "3")
    page.get_by_role("button", name="Start the routine").click()
    expect(page.get_by_role("heading", name="Knee-to-chest stretch")).to_be_visible()
    assert errors == []


def test_logging_out_forgets_a_guided_session_in_progress(live_library, page: Page):
    curated_routines_load()
    routine = Routine.objects.get(key="gentle-relief")
    sign_in(page, live_library.url)
    page.goto(f"{live_library.url}/routines/{routine.pk}/play/")
    _rate(page, "Your back pain right now", "6")
    page.get_by_role("button", name="Start the routine").click()
    expect(page.get_by_role("heading", name="Knee-to-chest stretch")).to_be_visible()
    assert page.evaluate("Object.keys(localStorage).length") == 1
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    assert (
        page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('backcare-player-'))")
        == []
    )


@pytest.mark.parametrize(
    "viewport", [pytest.param((390, 844), id="phone"), pytest.param((1280, 800), id="desktop")]
)
def test_a_skipped_exercise_is_saved_as_skipped_with_the_routine_and_start_time(
    live_library, page: Page, viewport
):
    curated_routines_load()
    routine = Routine.objects.get(key="gentle-relief")
    width, height = viewport
    page.set_viewport_size({"width": width, "height": height})
    user = sign_in(page, live_library.url)
    start = datetime.datetime.combine(user.today(), datetime.time(7, 30), tzinfo=user.zone)
    page.clock.install(time=start)
    page.goto(f"{live_library.url}/routines/{routine.pk}/play/")

    # Nothing to start over before the start; the pain scale's buttons fit a finger.
    start_over = page.get_by_role("button", name="Start over (discard this session)")
    expect(start_over).to_be_hidden()
    buttons = page.get_by_role("group", name="Your back pain right now").locator("label")
    sizes = buttons.evaluate_all(
        "ls => ls.map(l => [l.getBoundingClientRect().width, l.getBoundingClientRect().height,"
        " l.scrollWidth <= l.clientWidth])"
    )
    assert len(sizes) == 11
    assert [size for size in sizes if size[0] < 44 or size[1] < 44 or not size[2]] == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    _rate(page, "Your back pain right now", "3")
    page.get_by_role("button", name="Start the routine").click()
    expect(page.get_by_role("heading", name="Knee-to-chest stretch")).to_be_visible()
    # Started: now there is something to discard, behind an outlined button, not a link.
    expect(start_over).to_be_visible()
    style = start_over.evaluate(
        "b => [getComputedStyle(b).borderTopStyle, b.getBoundingClientRect().height]"
    )
    assert style[0] == "solid"
    assert style[1] >= 44

    page.get_by_role("button", name="Skip this exercise").click()
    page.get_by_role("button", name="Skip the rest").click()
    expect(page.get_by_role("heading", name="Pelvic tilt")).to_be_visible()
    page.get_by_role("button", name="Stop: this hurts").click()
    _rate(page, "Pain during this exercise", "2")
    page.get_by_role("button", name="End the session here").click()
    _rate(page, "Your back pain now, after the session", "2")
    page.get_by_label("About right").check()
    page.get_by_role("button", name="Save to my logbook").click()

    expect(page.get_by_text("Session saved.")).to_be_visible()
    summary = page.locator(".session-summary")
    expect(summary).to_contain_text("Gentle relief")
    expect(summary).to_contain_text("07:30")
    skipped = page.locator(".entry-list li").first
    expect(skipped).to_contain_text("Knee-to-chest stretch")
    expect(skipped).to_contain_text("Skipped: not done in this session.")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    session = Session.objects.get(user=user)
    assert (session.routine, session.date, session.started_at) == (
        routine,
        user.today(),
        datetime.time(7, 30),
    )
    entries = session.entries.values_list("exercise__slug", "status", "pain_during")
    assert list(entries) == [("knee-to-chest", "skipped", None), ("pelvic-tilt", "stopped", 2)]
