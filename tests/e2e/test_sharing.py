"""Taking the log to a physiotherapist in a browser: the report as a PDF, a read-only link
opened by someone without an account, revoked; and the whole account moved by export and
import into a new account."""

import datetime
import io

from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from logbook.models import Session
from tests.e2e.conftest import axe_violations, sign_in, sign_up
from tests.factories import ExerciseEntryFactory, SessionFactory


def _log(user, library_exercise) -> None:
    today = user.today()
    for days in range(1, 20, 3):
        SessionFactory(
            user=user,
            date=today - datetime.timedelta(days=days),
            pain_before=6,
            pain_after=4 if days > 10 else 2,
        )
    flagged = SessionFactory(
        user=user,
        date=today - datetime.timedelta(days=2),
        notes="Twinge after lifting the shopping.",
        next_morning=Session.NextMorning.WORSE,
    )
    ExerciseEntryFactory(session=flagged, exercise=library_exercise, sharp_pain=True)


def test_a_report_as_pdf_and_a_share_link_opened_then_revoked(
    live_library, page: Page, browser: Browser
):
    from exercises.models import Exercise

    user = sign_in(page, live_library.url)
    bridge = Exercise.objects.get(slug="bridge")
    _log(user, bridge)

    page.get_by_role("link", name="Progress").click()
    page.get_by_role("link", name="Make a report for your physiotherapist or GP").click()
    page.get_by_label("4 weeks").check()
    page.get_by_label("Twinge after lifting the shopping.", exact=False).check()
    page.get_by_role("button", name="Update the report").click()
    expect(page.get_by_role("heading", name="Exercise report: erin")).to_be_visible()
    expect(page.get_by_text("Bridge (1 time)", exact=False)).to_be_visible()

    with page.expect_download() as download:
        page.get_by_role("link", name="Download PDF").click()
    reader = PdfReader(io.BytesIO(download.value.path().read_bytes()))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "Exercise report: erin" in text
    assert "Twinge after lifting the shopping." in text
    assert "Bridge (1)" in text

    page.get_by_label("The link works for").select_option("30")
    page.get_by_role("button", name="Make a link to this report").click()
    link = page.get_by_label("Share link").input_value()
    assert link.startswith(f"{live_library.url}/shared/")

    # Someone without an account, in a browser of their own.
    physio = browser.new_context().new_page()
    response = physio.goto(link)
    assert response.status == 200
    expect(physio.get_by_text("A read-only copy of erin's exercise log")).to_be_visible()
    expect(physio.get_by_text("Twinge after lifting the shopping.", exact=False)).to_be_visible()
    assert physio.get_by_role("link").count() == 0
    assert axe_violations(physio, live_library.url) == []

    page.reload()
    expect(page.get_by_text("Opened 1 time", exact=False)).to_be_visible()
    page.get_by_role("button", name="Revoke").click()
    expect(page.get_by_text("The link is revoked")).to_be_visible()
    assert physio.goto(link).status == 404
    physio.context.close()


def _history_and_progress(page: Page, base_url: str) -> tuple[str, str]:
    page.goto(f"{base_url}/logbook/")
    history = page.get_by_role("main").inner_text()
    page.goto(f"{base_url}/logbook/progress/")
    weeks = page.get_by_role("region", name="Week by week").inner_text()
    return history, weeks


def test_an_account_moves_by_export_and_import(live_library, page: Page):
    from exercises.models import Exercise

    user = sign_in(page, live_library.url)
    _log(user, Exercise.objects.get(slug="bridge"))
    before = _history_and_progress(page, live_library.url)

    page.get_by_role("link", name="Account").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download JSON").click()
    export = download.value.path()
    page.get_by_role("button", name="Log out").click()
    # The log-out first clears what this browser kept (static/js/logout.js): wait for it.
    expect(page.get_by_role("link", name="Log in")).to_be_visible()

    sign_up(page, live_library.url, "erin-again", "Europe/Dublin")
    page.get_by_role("link", name="Account").click()
    page.get_by_role("link", name="Import a JSON export").click()
    page.get_by_label("Your export file (JSON)").set_input_files(export)
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_text("Imported: 8 sessions", exact=False)).to_be_visible()
    assert _history_and_progress(page, live_library.url) == before

    # The same file again adds nothing.
    page.goto(f"{live_library.url}/accounts/import/")
    page.get_by_label("Your export file (JSON)").set_input_files(export)
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_text("Nothing new. Already here: 8 sessions.", exact=False)).to_be_visible()
    assert _history_and_progress(page, live_library.url) == before
    assert Session.objects.filter(user__username="erin-again").count() == 8
