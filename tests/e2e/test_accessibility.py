"""axe-core over every page, signed out and signed in: no serious or critical violations, and
no Content-Security-Policy violation in the browser console.

axe is served to the page from node_modules through a Playwright route on the site's own
origin, so it runs under the real policy (no CSP bypass).
"""

import contextlib
import datetime

import pytest
from django.template.loader import render_to_string
from django.urls import Resolver404, resolve
from playwright.sync_api import Page

from accounts.models import User
from exercises.models import Exercise
from logbook.models import Routine, Session
from logbook.reminders import reminder_token
from logbook.services import curated_routines_load, function_check_save, plan_create, routine_copy
from logbook.services.content import lessons_load
from tests.e2e.conftest import AXE, sign_in
from tests.factories import ExerciseEntryFactory, SessionFactory

PASSWORD = "correct horse battery"
PUBLIC_PAGES = [
    "/",
    "/safety/red-flags/",
    "/safety/how-backcare-reads-your-pain/",
    "/exercises/",
    "/exercises/?q=nothing-matches-this",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password_reset/",
    "/accounts/password_reset/done/",
    "/accounts/reset/MQ/not-a-valid-token/",
    "/accounts/reset/done/",
    "/accounts/login/code/",
    "/offline/",
    "/no-such-page/",
]
# Pages of a signed-in user with a logbook, a routine of their own and a curated one.
SIGNED_IN_PAGES = [
    "/logbook/",
    "/logbook/sessions/new/",
    "/logbook/sessions/new/?routine={routine}",
    "/logbook/sessions/{session}/",
    "/logbook/sessions/{session}/edit/",
    "/logbook/sessions/{session}/delete/",
    "/logbook/progress/",
    "/logbook/progress/?weeks=all",
    "/routines/",
    "/routines/{routine}/",
    "/routines/{routine}/edit/",
    "/routines/{routine}/delete/",
    "/routines/new/",
    "/accounts/",
    "/accounts/delete/",
    "/accounts/password_change/",
    "/routines/{routine}/play/",
    "/logbook/sessions/{session}/again/",
    "/routines/{curated}/",
    "/accounts/password_change/done/",
    "/logbook/flare-up/",
    "/accounts/before-you-start/",
    "/accounts/two-step/",
    "/accounts/import/",
    "/",
    "/logbook/plan/new/",
    "/logbook/plan/new/?start=gentle-relief",
    "/logbook/plan/",
    "/logbook/report/?weeks=4",
    "/logbook/activities/",
    "/learn/",
    "/learn/hurt-is-not-harm/",
    "/reminders/stop/{stop}/",
]


def curated_items_of(key: str):
    return Routine.objects.get(key=key).items.values_list("exercise_id", flat=True)


def _audit_all(audit, paths):
    findings = {path: audit(path) for path in paths}
    return {path: found for path, found in findings.items() if found}


def test_public_pages_have_no_serious_accessibility_problems(audited_page):
    exercise_pages = [exercise.get_absolute_url() for exercise in Exercise.objects.all()]
    assert len(exercise_pages) >= 16
    assert _audit_all(audited_page, PUBLIC_PAGES + exercise_pages) == {}


def test_the_lockout_page_has_no_serious_accessibility_problems(
    live_library, page: Page, audited_page
):
    User.objects.create_user("ivy", "ivy@example.org", PASSWORD)
    page.goto(f"{live_library.url}/accounts/login/")
    for _ in range(5):
        page.get_by_label("Username").fill("ivy")
        page.get_by_label("Password").fill("wrong")
        page.get_by_role("button", name="Log in").click()
    page.add_script_tag(url=f"{live_library.url}/__axe__.js")
    assert page.get_by_role("heading", name="Signing in is paused for a while").is_visible()
    violations = page.evaluate(
        "async () => (await axe.run(document)).violations"
        ".filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => v.id)"
    )
    assert violations == []


@pytest.mark.parametrize("template", ["500.html", "503.html", "403_csrf.html"])
def test_error_pages_have_no_serious_accessibility_problems(page: Page, template):
    page.set_content(render_to_string(template, {}))
    page.add_script_tag(path=AXE)
    violations = page.evaluate(
        "async () => (await axe.run(document)).violations"
        ".filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => v.id)"
    )
    assert violations == []


def test_signed_in_pages_have_no_serious_accessibility_problems(
    live_library, page: Page, audited_page
):
    curated_routines_load()
    user = sign_in(page, live_library.url)
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
    curated = Routine.objects.get(key="strength-and-stability")
    # A plan, two function checks and the lessons: the home, plan and progress pages in full.
    lessons_load()
    plan = plan_create(
        user=user,
        starter=Routine.objects.get(key="gentle-relief"),
        exercise_ids=list(curated_items_of("gentle-relief")[:3]),
        days=[0, 2, 4],
        step_every=2,
        today=user.today(),
    )
    for weeks_ago, score in ((2, 3), (0, 6)):
        function_check_save(
            user=user,
            date=user.today() - datetime.timedelta(weeks=weeks_ago),
            scores={a.pk: score for a in user.function_activities.all()},
            new_activities=[] if weeks_ago == 0 else [("Socks", 3), ("Film", 4), ("Stairs", 2)],
        )
    pages = [
        path.format(
            session=session.pk,
            routine=routine.pk,
            curated=curated.pk,
            stop=reminder_token(plan),
        )
        for path in SIGNED_IN_PAGES
    ]
    assert _audit_all(audited_page, pages) == {}
    # The player's exercise phase (its figure, counter and buttons) starts hidden: audit it too.
    page.goto(f"{live_library.url}/routines/{routine.pk}/play/")
    page.get_by_role("group", name="Your back pain right now").get_by_text("2", exact=True).click()
    page.get_by_role("button", name="Start the routine").click()
    page.add_script_tag(url=f"{live_library.url}/__axe__.js")
    violations = page.evaluate(
        "async () => (await axe.run(document)).violations"
        ".filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => v.id)"
    )
    assert violations == []


def test_a_form_with_errors_has_no_serious_accessibility_problems(
    live_library, page: Page, audited_page
):
    sign_in(page, live_library.url)
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


def test_every_page_of_the_url_matrix_is_audited():
    """A new page in the URL matrix must be added to the audits above."""
    from tests.test_ownership import LOGIN_REQUIRED_URLS, PUBLIC_URLS

    matrix = {
        name for name, methods in {**PUBLIC_URLS, **LOGIN_REQUIRED_URLS}.items() if "get" in methods
    }
    audited = {"exercises:detail"}  # every exercise page, from the database
    for path in PUBLIC_PAGES + SIGNED_IN_PAGES:
        with contextlib.suppress(Resolver404):
            filled = path.format(session=1, routine=1, curated=2, stop="1:x").split("?")[0]
            audited.add(resolve(filled).view_name)
    not_html = {"healthz", "favicon", "accounts:export_csv", "accounts:export_json"}
    not_html |= {"javascript-catalog"}
    not_html |= {"manifest", "service_worker", "offline_state"}
    not_html |= {"logbook:report_pdf"}
    assert matrix - not_html - audited == set()
