"""The progress and routine pages at phone and desktop width: the newest rows in view first,
nothing clipped, chart dates written as the tables write them."""

import datetime
import itertools

import pytest
from playwright.sync_api import Page, expect

from logbook.models import ExerciseEntry, Routine, Session
from logbook.services import curated_routines_load
from tests.e2e.conftest import sign_in

SIZES = [(390, 844), (1280, 800)]
NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"


def _history(user, weeks: int) -> Routine:
    """A session a week for `weeks` weeks, on a curated routine, the last one today (a hold of
    30 s three times: 1.5 minutes)."""
    curated_routines_load()
    routine = Routine.objects.get(key="gentle-relief")
    item = routine.items.first()
    today = user.today()
    sessions = Session.objects.bulk_create(
        Session(
            user=user,
            routine=routine,
            date=today - datetime.timedelta(weeks=n),
            pain_before=6,
            pain_after=4 if n else 2,
            effort="right",
        )
        for n in range(weeks)
    )
    ExerciseEntry.objects.bulk_create(
        ExerciseEntry(
            session=session,
            exercise_id=item.exercise_id,
            position=1,
            sets=1,
            repetitions=3,
            hold_seconds=30,
            side="na",
            pain_during=2,
        )
        for session in sessions
    )
    return routine


def _row_texts(page: Page, region_name: str) -> list[str]:
    rows = page.get_by_role("region", name=region_name).locator("tbody tr").all_inner_texts()
    return [row.replace("\xa0", " ") for row in rows]


def _fully_inside(page: Page, inner, outer) -> bool:
    box, frame = inner.bounding_box(), outer.bounding_box()
    return (
        box["x"] >= frame["x"] - 0.5
        and box["x"] + box["width"] <= frame["x"] + frame["width"] + 0.5
    )


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_progress_shows_this_week_first_and_nothing_clipped(
    live_library, page: Page, width, height
):
    page.set_viewport_size({"width": width, "height": height})
    user = sign_in(page, live_library.url)
    _history(user, weeks=20)
    today = user.today()
    monday = today - datetime.timedelta(days=today.weekday())
    this_week = f"{monday.day} {monday:%b %Y}"

    page.goto(f"{live_library.url}/logbook/progress/")
    rows = _row_texts(page, "Week by week")
    assert rows[0].startswith(this_week)
    assert len(rows) == 12
    first_row = page.get_by_role("region", name="Week by week").locator("tbody tr").first
    first_row.scroll_into_view_if_needed()
    expect(first_row).to_be_in_viewport()
    region = page.get_by_role("region", name="Week by week")
    for header in ("Repetitions", "Hold time (min)"):
        assert _fully_inside(page, region.get_by_role("columnheader", name=header), region)
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    # The chart's dates are the table's: "17 Nov 2026", not "2026-11-17"; the newest is labelled.
    page.wait_for_function("() => window.Chart && Chart.getChart('pain-chart')")
    labels = page.evaluate("Chart.getChart('pain-chart').scales.x.ticks.map(t => t.label)")
    assert labels[-1] == this_week
    assert all("-" not in label for label in labels)
    # The hold time reads as in the chart: 1.5 minutes, not rounded to 2.
    assert "1.5" in rows[0].split()[-1]
    # Points at 0 and 10 are drawn whole; the tallest bar stops below the top of its chart.
    assert page.evaluate("Chart.getChart('pain-chart').data.datasets.every(d => d.clip === false)")
    page.wait_for_function("() => Chart.getChart('sessions-chart')")
    assert page.evaluate(
        "(() => { const c = Chart.getChart('sessions-chart');"
        " return c.scales.y.max > Math.max(...c.data.datasets[0].data.map(p => p.y)); })()"
    )
    # The by-exercise table's last column is inside its box, not cut off at the right.
    exercises = page.get_by_role("table").filter(has_text="Average pain during")
    box = exercises.locator("xpath=..")  # its scrolling wrapper, as wide as the page allows
    assert _fully_inside(page, exercises.get_by_role("columnheader", name="Flagged"), box)


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_routine_page_lists_the_latest_session_first_and_every_week(
    live_library, page: Page, width, height
):
    page.set_viewport_size({"width": width, "height": height})
    user = sign_in(page, live_library.url)
    routine = _history(user, weeks=30)
    today = user.today()

    page.goto(f"{live_library.url}{routine.get_absolute_url()}")
    rows = _row_texts(page, "Session by session")
    assert rows[0].startswith(f"{today.day} {today:%b %Y}")
    assert len(rows) == 30
    weeks = page.get_by_role("list", name="Sessions per week (last 12 weeks, newest first)")
    counts = weeks.get_by_role("listitem").all_inner_texts()
    assert len(counts) == 12  # empty weeks too: none skipped
    # Readable: the week's count is at least 14 px, like body text on a phone.
    size = weeks.locator(".week-counts-number").first.evaluate(
        "node => parseFloat(getComputedStyle(node).fontSize)"
    )
    assert size >= 14
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    # The chart spaces sessions by date: a week apart, the same distance each time.
    page.wait_for_function("() => window.Chart && Chart.getChart('routine-chart')")
    xs = page.evaluate("Chart.getChart('routine-chart').data.datasets[0].data.map(p => p.x)")
    assert {b - a for a, b in itertools.pairwise(xs)} == {7}
    copy = page.get_by_role("button", name="Copy to adjust it")
    assert "btn-outline-primary" in copy.get_attribute("class")
