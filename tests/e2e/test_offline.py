"""Offline on a phone: the service worker keeps the player and the session form, a session
logged with no connection waits on the device and reaches the logbook once when it returns;
one the logbook refuses is kept with its reasons; logging out leaves nothing private behind."""

import datetime
import re

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from logbook.models import Routine, Session
from logbook.services import curated_routines_load
from tests.e2e.conftest import AXE, main_menu_link, sign_in

PHONE = {"width": 390, "height": 844}
KEPT = "Saved on this device, not yet in your logbook."
WAITING = "Waiting to send: it goes to your logbook when the connection returns."
SENT = "1 session kept on this device is now in your logbook."


@pytest.fixture
def browser_context_args(browser_context_args):
    # The e2e conftest blocks service workers elsewhere; these tests are about one.
    return {**browser_context_args, "service_workers": "allow"}


@pytest.fixture
def phone(page: Page) -> Page:
    page.set_viewport_size(PHONE)
    return page


def _rate(page: Page, group: str, value: str) -> None:
    page.get_by_role("group", name=group).get_by_text(value, exact=True).click()


def _kept_offline(page: Page, url: str, user_id: int) -> None:
    """Open the page once the service worker runs, so that it keeps it (network first)."""
    page.goto(url)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    page.reload()
    page.wait_for_function(
        """async ([name, path]) => {
            const cache = await caches.open(name);
            return Boolean(await cache.match(path));
        }""",
        arg=[f"backcare-private-{user_id}", url.split("://", 1)[1].split("/", 1)[1]],
    )


def _serious_accessibility_problems(page: Page) -> list[str]:
    page.route(
        "**/__axe__.js", lambda route: route.fulfill(path=AXE, content_type="text/javascript")
    )
    page.add_script_tag(url="/__axe__.js")
    return page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => v.id)"
    )


def _session_form_offline(page: Page, context: BrowserContext, base_url: str, user) -> None:
    _kept_offline(page, f"{base_url}/logbook/sessions/new/", user.pk)
    context.set_offline(True)
    page.reload()  # from the service worker's cache now
    page.get_by_label("Add an exercise").select_option(label="Knee-to-chest stretch")
    _rate(page, "Your back pain before you started", "5")


def _save_form(page: Page) -> None:
    page.locator(".entry-card").get_by_role("group", name="Pain during").get_by_text(
        "2", exact=True
    ).click()
    _rate(page, "Your back pain now, after the session", "3")
    page.get_by_label("About right").check()
    page.get_by_role("button", name="Save session", exact=True).last.click()


def test_a_guided_session_done_offline_reaches_the_history_once(
    live_library, phone: Page, context: BrowserContext
):
    page = phone
    curated_routines_load()
    routine = Routine.objects.get(key="gentle-relief")
    user = sign_in(page, live_library.url)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.clock.install()
    play_url = f"{live_library.url}/routines/{routine.pk}/play/"
    _kept_offline(page, play_url, user.pk)

    context.set_offline(True)
    page.reload()  # the player now comes from the service worker's cache
    _rate(page, "Your back pain right now", "5")
    page.get_by_role("button", name="Start the routine").click()
    page.get_by_role("button", name="Start the hold").click()
    page.clock.run_for("02:30")  # six holds of 20 seconds, with 3 seconds to release between
    expect(page.get_by_role("heading", name="How was that?")).to_be_visible()
    _rate(page, "Pain during this exercise", "2")
    page.get_by_role("button", name="End the session here").click()
    _rate(page, "Your back pain now, after the session", "3")
    page.get_by_label("About right").check()
    page.get_by_role("button", name="Save to my logbook").click()

    outbox = page.get_by_role("region", name="Kept on this device")
    expect(outbox).to_contain_text(KEPT)
    expect(outbox).to_contain_text(WAITING)
    expect(outbox.get_by_role("heading")).to_be_focused()
    assert not Session.objects.exists()
    # Still offline, the page opened again still shows what waits.
    page.reload()
    expect(outbox).to_contain_text("1 session is waiting to send.")
    # The offline emulation reaches the service worker's own fetches: a page that was not kept
    # answers with the offline page, and the safety pages were kept for everyone.
    page.goto(f"{live_library.url}/logbook/progress/")
    expect(page.get_by_role("heading", name="You are offline")).to_be_visible()
    page.goto(f"{live_library.url}/safety/red-flags/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Warning signs")
    page.goto(play_url)

    page.clock.resume()  # real time again: the outbox may wait a moment and try again
    context.set_offline(False)
    expect(outbox).to_contain_text(SENT)
    session = Session.objects.get(user=user)
    assert (session.routine, session.pain_before, session.pain_after) == (routine, 5, 3)
    assert list(session.entries.values_list("exercise__slug", "pain_during")) == [
        ("knee-to-chest", 2)
    ]
    main_menu_link(page, "Logbook").click()
    expect(page.locator(".session-list li")).to_have_count(1)
    expect(outbox).to_be_hidden()
    assert Session.objects.count() == 1
    assert errors == []


def test_a_session_form_saved_offline_is_sent_once_when_the_connection_returns(
    live_library, phone: Page, context: BrowserContext
):
    page = phone
    user = sign_in(page, live_library.url)
    _session_form_offline(page, context, live_library.url, user)
    # Adding an exercise needs the server: offline it says so, and keeps what was typed.
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_text("adding or removing an exercise needs the connection")).to_be_visible()
    context.set_offline(False)
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_role("heading", name="1. Knee-to-chest stretch")).to_be_visible()
    context.set_offline(True)
    _save_form(page)
    expect(page.get_by_role("region", name="Kept on this device")).to_contain_text(WAITING)
    expect(page.locator("form[data-outbox]")).to_be_hidden()

    context.set_offline(False)
    expect(page.get_by_text(SENT)).to_be_visible()
    page.goto(f"{live_library.url}/logbook/")
    expect(page.locator(".session-list li")).to_have_count(1)
    session = Session.objects.get(user=user)
    assert (session.pain_before, session.pain_after) == (5, 3)


def test_a_refused_session_is_kept_with_its_reason_until_it_is_fixed(
    live_library, phone: Page, context: BrowserContext
):
    page = phone
    user = sign_in(page, live_library.url)
    _session_form_offline(page, context, live_library.url, user)
    context.set_offline(False)
    page.get_by_role("button", name="Add", exact=True).click()
    context.set_offline(True)
    # A date the logbook cannot accept (tomorrow where the person is) goes unchecked offline.
    tomorrow = user.today() + datetime.timedelta(days=1)
    page.get_by_label("Date").fill(tomorrow.isoformat())
    _save_form(page)
    outbox = page.get_by_role("region", name="Kept on this device")
    expect(outbox).to_contain_text(WAITING)

    context.set_offline(False)
    expect(outbox).to_contain_text("Not saved: the logbook could not accept it as it is.")
    expect(outbox.get_by_role("listitem").filter(has_text=re.compile("^Date: "))).to_have_count(1)
    assert not Session.objects.exists()
    page.goto(f"{live_library.url}/logbook/")
    expect(outbox).to_contain_text("1 session was not saved: see why below.")
    assert _serious_accessibility_problems(page) == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    outbox.get_by_role("button", name="Open it to fix it").click()
    expect(page.get_by_text("Some answers need another look")).to_be_visible()
    page.get_by_label("Date").fill(user.today().isoformat())
    page.get_by_role("button", name="Save session", exact=True).last.click()
    expect(page.get_by_text("Session saved.")).to_be_visible()
    # The outbox sees its token saved and lets the session go.
    page.goto(f"{live_library.url}/logbook/")
    expect(page.locator(".session-list li")).to_have_count(1)
    expect(outbox).to_be_hidden()
    assert Session.objects.count() == 1


def _without_clear_site_data(route) -> None:
    response = route.fetch(max_redirects=0)
    headers = {k: v for k, v in response.headers.items() if k.lower() != "clear-site-data"}
    route.fulfill(response=response, headers=headers)


@pytest.mark.parametrize("clear_site_data", [True, False], ids=["header", "proxy-drops-header"])
def test_logging_out_clears_the_kept_pages_and_the_outbox(
    live_library, phone: Page, context: BrowserContext, clear_site_data
):
    """Logging out clears them itself (static/js/logout.js), and the server's Clear-Site-Data
    does too: each alone is enough."""
    page = phone
    if not clear_site_data:
        context.route("**/accounts/logout/", _without_clear_site_data)
    curated_routines_load()
    routine = Routine.objects.get(key="gentle-relief")
    user = sign_in(page, live_library.url)
    _kept_offline(page, f"{live_library.url}/routines/{routine.pk}/play/", user.pk)
    # A session still waiting: one whose address answers nothing useful stays in the outbox.
    page.evaluate(
        """user => BackcareOutbox.keep({token: "4b1c", user: user, action: "/no-such-page/",
            fields: [], title: "Gentle", savedAt: new Date().toISOString(), state: "waiting"})""",
        user.pk,
    )
    dialogs = []
    page.once("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.accept()))
    menu = page.get_by_role("navigation", name="Main")
    if menu.get_by_role("button", name="Menu").is_visible():
        menu.get_by_role("button", name="Menu").click()
    menu.get_by_role("button", name="Log out").click()
    page.wait_for_url(f"{live_library.url}/")
    page.wait_for_load_state()
    expect(main_menu_link(page, "Log in")).to_be_visible()
    assert dialogs == [
        "Some sessions on this device are not in your logbook yet. "
        "Logging out now deletes them. Log out anyway?"
    ]
    names = page.evaluate("caches.keys()")
    assert [name for name in names if name.startswith("backcare-private-")] == []
    databases = page.evaluate("indexedDB.databases().then(list => list.map(db => db.name))")
    assert "backcare-outbox" not in databases


def test_a_session_posted_on_a_connection_that_fails_is_kept_and_sent_later(
    live_library, phone: Page, context: BrowserContext
):
    """The browser believes it is online, but the post never reaches the server: the service
    worker keeps the session in the outbox instead of showing the browser's error page."""
    page = phone
    user = sign_in(page, live_library.url)
    _kept_offline(page, f"{live_library.url}/logbook/sessions/new/", user.pk)
    page.get_by_label("Add an exercise").select_option(label="Knee-to-chest stretch")
    page.get_by_role("button", name="Add", exact=True).click()
    _rate(page, "Your back pain before you started", "5")

    def fail_posts(route):
        if route.request.method == "POST":
            route.abort("connectionreset")
        else:
            route.continue_()

    context.route("**/logbook/sessions/new/", fail_posts)
    _save_form(page)
    outbox = page.get_by_role("region", name="Kept on this device")
    expect(outbox).to_contain_text(WAITING)
    assert not Session.objects.exists()

    context.unroute("**/logbook/sessions/new/")
    page.reload()
    expect(outbox).to_contain_text(SENT)
    session = Session.objects.get(user=user)
    assert (session.pain_before, session.pain_after) == (5, 3)


def test_a_refused_session_can_be_discarded_and_another_persons_is_never_shown_or_sent(
    live_library, phone: Page
):
    page = phone
    user = sign_in(page, live_library.url)
    refused = {"token": "a1", "user": user.pk, "state": "rejected", "title": "Gentle relief"}
    # Left on this browser by someone else who signed in here before.
    theirs = {"token": "b2", "user": user.pk + 1, "state": "waiting", "title": "Theirs"}
    page.evaluate(
        """entries => Promise.all(entries.map(entry => BackcareOutbox.keep(Object.assign({
            action: "/logbook/sessions/new/", fields: [["pain_before", "11"]],
            savedAt: new Date().toISOString(), reasons: []}, entry))))""",
        [refused, theirs],
    )
    page.reload()
    outbox = page.get_by_role("region", name="Kept on this device")
    # Sent again on opening the page, and refused again, with the logbook's own reasons.
    expect(outbox).to_contain_text("Your back pain before you started: Pain is rated from 0")
    expect(outbox).not_to_contain_text("Theirs")
    page.once("dialog", lambda dialog: dialog.accept())
    outbox.get_by_role("button", name="Discard it").click()
    expect(outbox).to_contain_text("The session was discarded.")
    expect(outbox.get_by_role("listitem")).to_have_count(0)
    page.reload()
    expect(outbox).to_be_hidden()
    left = page.evaluate(
        """() => new Promise(resolve => {
            const open = indexedDB.open("backcare-outbox");
            open.onsuccess = () => {
                const all = open.result.transaction("sessions").objectStore("sessions").getAll();
                all.onsuccess = () => resolve(all.result.map(entry => entry.token));
            };
        })"""
    )
    assert left == ["b2"]  # kept for its own person, never sent as this one
    assert not Session.objects.exists()


def test_offline_the_outbox_speaks_the_persons_language(
    live_library, phone: Page, context: BrowserContext
):
    """The words of static/js come from the JavaScript catalog: offline it comes from the
    browser's HTTP cache (it is public, kept a day) or from the service worker's copy."""
    page = phone
    user = sign_in(page, live_library.url)
    user.language = "de"
    user.save(update_fields=["language"])
    _kept_offline(page, f"{live_library.url}/routines/", user.pk)
    context.set_offline(True)
    page.reload()
    page.evaluate(
        """user => BackcareOutbox.keep({token: "c3", user: user, action: "/logbook/sessions/new/",
            fields: [], title: "", savedAt: new Date().toISOString(), state: "waiting"})""",
        user.pk,
    )
    page.reload()
    outbox = page.get_by_role("region", name="Auf diesem Gerät aufbewahrt")
    expect(outbox).to_contain_text("1 Einheit wartet auf das Senden.")
    expect(outbox).to_contain_text("Wartet auf das Senden: Sie kommt in dein Tagebuch")


def _private_caches(page: Page) -> list[str]:
    return [name for name in page.evaluate("caches.keys()") if name.startswith("backcare-private-")]


def test_a_persons_kept_pages_go_once_someone_else_signs_in_on_the_device(
    live_library, phone: Page, context: BrowserContext
):
    """Someone who leaves without logging out (or whose log-in expires): the next person to
    sign in never finds their pages, online or off."""
    page = phone
    curated_routines_load()
    routine = Routine.objects.get(key="gentle-relief")
    first = sign_in(page, live_library.url)
    play_url = f"{live_library.url}/routines/{routine.pk}/play/"
    _kept_offline(page, play_url, first.pk)
    assert _private_caches(page) == [f"backcare-private-{first.pk}"]

    context.clear_cookies()  # the first person's log-in is gone; their kept pages are not
    second = sign_in(page, live_library.url, username="finn")
    page.wait_for_function(
        "async () => !(await caches.keys()).some(name => name.startsWith('backcare-private-'))"
    )
    context.set_offline(True)
    page.goto(play_url)
    expect(page.get_by_role("heading", name="You are offline")).to_be_visible()
    page.goto(f"{live_library.url}/routines/")
    expect(page.get_by_role("heading", name="You are offline")).to_be_visible()
    assert _private_caches(page) == []
    assert second.pk != first.pk


def test_a_form_kept_for_days_offers_todays_date(
    live_library, phone: Page, context: BrowserContext
):
    page = phone
    user = sign_in(page, live_library.url)
    _kept_offline(page, f"{live_library.url}/logbook/sessions/new/", user.pk)
    kept_day = page.get_by_label("Date").input_value()
    assert kept_day == user.today().isoformat()
    # Three days later, still offline: the copy the service worker kept was written that day.
    later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=3)
    page.clock.set_fixed_time(later)
    context.set_offline(True)
    page.reload()
    expected = later.astimezone(user.zone).date().isoformat()
    expect(page.get_by_label("Date")).to_have_value(expected)
    assert page.get_by_label("Date").get_attribute("max") == expected


def test_a_send_refused_without_reasons_is_shown_not_tried_for_ever(live_library, phone: Page):
    page = phone
    user = sign_in(page, live_library.url)
    page.evaluate(
        """user => BackcareOutbox.keep({token: "d4", user: user, action: "/no-such-page/",
            fields: [], title: "Gentle", savedAt: new Date().toISOString(), state: "waiting",
            reasons: []})""",
        user.pk,
    )
    page.reload()
    outbox = page.get_by_role("region", name="Kept on this device")
    expect(outbox).to_contain_text("The server gave no reason (error 404).")
    expect(outbox).to_contain_text("1 session was not saved: see why below.")
    expect(outbox.get_by_role("button", name="Discard it")).to_be_visible()
