import csv
import io

import pytest
from playwright.sync_api import Page, expect

from logbook.models import Session
from tests.e2e.conftest import main_menu_link, sign_in, sign_up
from tests.factories import ExerciseEntryFactory, SessionFactory


def _sign_up(page: Page, base_url: str) -> None:
    sign_up(page, base_url, "dana", "Europe/Berlin")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Logbook").click()


def _add(page: Page, name: str) -> None:
    page.get_by_label("Add an exercise").select_option(label=name)
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_role("heading", name=name, exact=False).first).to_be_visible()


def test_sign_up_log_edit_and_export_a_session(live_library, page: Page):
    _sign_up(page, live_library.url)
    page.get_by_role("link", name="Log a session").click()

    before = page.get_by_role("group", name="Your back pain before you started")
    before.get_by_text("6", exact=True).click()
    _add(page, "Knee-to-chest stretch")
    page.get_by_label("Notes").fill("Stiff after the drive")
    _add(page, "Bridge")
    # Adding an exercise keeps what was typed and chosen before.
    expect(page.get_by_label("Notes")).to_have_value("Stiff after the drive")
    expect(before.get_by_role("radio", name="6")).to_be_checked()

    entries = page.locator(".entry-card")
    expect(entries).to_have_count(2)
    entries.nth(0).get_by_role("group", name="Pain during").get_by_text("2", exact=True).click()
    entries.nth(1).get_by_label("Repetitions").fill("8")
    entries.nth(1).get_by_role("group", name="Pain during").get_by_text("3", exact=True).click()
    page.get_by_role("group", name="Your back pain now, after the session").get_by_text(
        "4", exact=True
    ).click()
    page.get_by_label("About right").check()
    page.get_by_role("button", name="Save session", exact=True).last.click()

    expect(page.get_by_text("Session saved.")).to_be_visible()
    expect(page.get_by_text("6 → 4 out of 10")).to_be_visible()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Logbook").click()
    history = page.locator(".session-list li")
    expect(history).to_have_count(1)
    expect(history.first).to_contain_text("Knee-to-chest stretch, Bridge")
    expect(history.first).to_contain_text("Pain 6 → 4")

    history.first.get_by_role("link").click()
    page.get_by_role("link", name="Edit").click()
    page.get_by_role("group", name="Your back pain now, after the session").get_by_text(
        "2", exact=True
    ).click()
    page.get_by_role("button", name="Save session", exact=True).last.click()
    expect(page.get_by_text("6 → 2 out of 10")).to_be_visible()
    assert Session.objects.get().pain_after == 2

    main_menu_link(page, "Account").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download CSV (spreadsheet)").click()
    csv_text = download_info.value.path().read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(csv_text)))
    assert [(r["exercise"], r["repetitions"], r["pain_after"]) for r in rows] == [
        ("knee-to-chest", "3", "2"),
        ("bridge", "8", "2"),
    ]


def test_a_painful_session_shows_the_safety_advice(live_library, page: Page):
    _sign_up(page, live_library.url)
    page.goto(f"{live_library.url}/exercises/bridge/")
    page.get_by_role("link", name="Log this exercise").click()
    page.get_by_role("group", name="Your back pain before you started").get_by_text(
        "3", exact=True
    ).click()
    page.locator(".entry-card").get_by_role("group", name="Pain during").get_by_text(
        "7", exact=True
    ).click()
    page.locator(".entry-card").get_by_label("I felt a sharp pain").check()
    page.get_by_role("group", name="Your back pain now, after the session").get_by_text(
        "6", exact=True
    ).click()
    page.get_by_label("Too hard").check()
    page.get_by_role("button", name="Save session", exact=True).last.click()

    advice = page.get_by_role("region", name="Your back was telling you something in this session")
    expect(advice).to_contain_text("you felt a sharp pain")
    expect(advice).to_contain_text("Your pain rose from 3 before the session to 6 after it.")
    expect(
        advice.get_by_role("link", name="Try the easier variation, Pelvic tilt, for now.")
    ).to_be_visible()
    expect(advice.get_by_role("link", name="Warning signs that need a doctor")).to_be_visible()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Logbook").click()
    expect(page.locator(".session-list li").first).to_contain_text("flagged")


@pytest.mark.parametrize(
    "viewport", [pytest.param((390, 844), id="phone"), pytest.param((1280, 800), id="desktop")]
)
def test_the_csv_download_says_in_words_what_was_chosen(live_library, page: Page, viewport):
    page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    user = sign_in(page, live_library.url)
    session = SessionFactory(user=user, effort="too_hard", next_morning="worse")
    ExerciseEntryFactory(session=session, side="na", status="stopped", sharp_pain=True)
    main_menu_link(page, "Account").click()
    page.wait_for_url(f"{live_library.url}/accounts/")  # the click navigates: wait for the page
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download CSV (spreadsheet)").click()
    rows = list(csv.DictReader(io.StringIO(download_info.value.path().read_text("utf-8"))))
    columns = ["how_it_felt", "next_morning", "side", "sharp_pain", "status"]
    assert [[row[column] for column in columns] for row in rows] == [
        ["Too hard", "Worse", "Not one-sided", "yes", "Stopped early"]
    ]
