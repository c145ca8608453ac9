"""axe-core over every page, signed out and signed in: no serious or critical violations, and
no Content-Security-Policy violation in the browser console.

axe is served to the page from node_modules through a Playwright route on the site's own
origin, so it runs under the real policy (no CSP bypass).
"""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Page

from accounts.models import User
from logbook.models import Session
from routines.models import Routine
from routines.services import curated_routines_load, routine_copy
from tests.factories import ExerciseEntryFactory, SessionFactory

AXE = Path(settings.BASE_DIR, "node_modules", "axe-core", "axe.min.js")
PASSWORD = "correct horse battery"
PUBLIC_PAGES = [
    "/",
    "/safety/red-flags/",
    "/exercises/",
    "/exercises/?q=nothing-matches-this",
    "/exercises/bird-dog/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password_reset/",
    "/no-such-page/",
]
NOT_FOUND = PUBLIC_PAGES[-1]


@pytest.fixture
def audited_page(live_library, page: Page):
    if not AXE.exists():
        pytest.fail(f"axe-core is missing at {AXE}: run npm ci")
    page.route(
        "**/__axe__.js", lambda route: route.fulfill(path=AXE, content_type="text/javascript")
    )
    console_errors = []
    page.on(
        "console",
        lambda message: console_errors.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: console_errors.append(str(error)))

    def audit(path: str) -> list[str]:
        console_errors.clear()
        page.goto(f"{live_library.url}{path}")
        page.add_script_tag(url=f"{live_library.url}/__axe__.js")
        result = page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']}))"
            ".violations"
            ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
            ".map(v => v.id + ': ' + v.help + ' -> '"
            " + v.nodes.map(n => n.target.join(' ')).join(', '))"
        )
        # The browser logs the 404 page's own status; any other console error is a finding.
        expected = "404" if path == NOT_FOUND else None
        problems = [error for error in console_errors if not (expected and expected in error)]
        return result + [f"console: {error}" for error in problems]

    return audit


def _sign_in(page: Page, base_url: str) -> User:
    user = User.objects.create_user("gail", "gail@example.org", PASSWORD, time_zone="Europe/Oslo")
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Username").fill("gail")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    return user


def test_public_pages_have_no_serious_accessibility_problems(audited_page):
    findings = {path: audited_page(path) for path in PUBLIC_PAGES}
    assert {path: found for path, found in findings.items() if found} == {}


def test_signed_in_pages_have_no_serious_accessibility_problems(
    live_library, page: Page, audited_page
):
    curated_routines_load()
    user = _sign_in(page, live_library.url)
    routine = routine_copy(user=user, source=Routine.objects.get(key="gentle-relief"))
    for days in range(1, 15, 2):
        ExerciseEntryFactory(
            session__user=user,
            session__routine=routine,
            session__date=user.today() - datetime.timedelta(days=days),
            exercise=routine.items.first().exercise,
            pain_during=7 if days == 1 else 2,
        )
    session = Session.objects.filter(user=user).latest("date")
    SessionFactory(user=user, date=user.today())
    pages = [
        "/logbook/",
        "/logbook/sessions/new/",
        f"/logbook/sessions/new/?routine={routine.pk}",
        f"/logbook/sessions/{session.pk}/",
        f"/logbook/sessions/{session.pk}/edit/",
        f"/logbook/sessions/{session.pk}/delete/",
        "/logbook/progress/",
        "/logbook/progress/?weeks=all",
        "/routines/",
        f"/routines/{routine.pk}/",
        f"/routines/{routine.pk}/edit/",
        f"/routines/{routine.pk}/delete/",
        f"/routines/{routine.pk}/play/",
        "/routines/new/",
        "/accounts/",
        "/accounts/delete/",
        "/accounts/password_change/",
    ]
    findings = {path: audited_page(path) for path in pages}
    assert {path: found for path, found in findings.items() if found} == {}


def test_a_form_with_errors_has_no_serious_accessibility_problems(
    live_library, page: Page, audited_page
):
    _sign_in(page, live_library.url)
    page.goto(f"{live_library.url}/logbook/sessions/new/?exercise=bridge")
    page.get_by_role("button", name="Save session", exact=True).last.click()
    page.wait_for_selector("#form-errors")
    page.add_script_tag(url=f"{live_library.url}/__axe__.js")
    violations = page.evaluate(
        "async () => (await axe.run(document)).violations"
        ".filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => v.id)"
    )
    assert violations == []


def test_the_audit_does_find_problems(live_library, page: Page, audited_page):
    """The audit itself is checked: a planted image without alt text must be reported."""
    page.route(
        f"{live_library.url}/planted/",
        lambda route: route.fulfill(
            body='<!doctype html><html lang="en"><title>t</title><img src="/x"></html>',
            content_type="text/html",
        ),
    )
    findings = audited_page("/planted/")
    assert any(finding.startswith("image-alt") for finding in findings)
