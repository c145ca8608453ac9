"""Browser tests drive Debian's Chromium through Playwright against Django's live server."""

import os
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.models import User
from exercises.services import exercise_library_load

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE = Path(settings.BASE_DIR, "node_modules", "axe-core", "axe.min.js")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class OneRequestAtATime(ThreadedWSGIServer):
    """The live server, answering one request at a time (each is still read on its own thread,
    so a browser's idle preconnection holds nothing up).

    On SQLite the tests' database lives in memory, and every request thread of the live server
    shares the test's one connection to it: two requests at once (a page and its service
    worker's Background Sync sending the same session) collide there with "database table is
    locked", which a real server, with a connection per thread, never sees. PostgreSQL keeps
    Django's threaded server."""

    lock = threading.Lock()

    def set_app(self, application):
        def one_at_a_time(environ, start_response):
            with self.lock:
                return application(environ, start_response)

        super().set_app(one_at_a_time)


if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    LiveServerThread.server_class = OneRequestAtATime


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in item.nodeid:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM_PATH).exists():
        message = (
            f"Chromium not found at {CHROMIUM_PATH}: install Debian's chromium "
            "(apt-get install chromium) or set CHROMIUM_PATH to run the browser tests."
        )
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM_PATH,
        "headless": True,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """Service workers only where a test asks for them (tests/e2e/test_offline.py): installing
    one fetches the whole library from the live server in the background, which races a test's
    own writes to the SQLite test database ("database table is locked")."""
    return {**browser_context_args, "service_workers": "block"}


@pytest.fixture
def live_library(live_server):
    """The live server with the real exercise library loaded."""
    exercise_library_load()
    return live_server


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
        expected = "404" if path == "/no-such-page/" else None
        problems = [error for error in console_errors if not (expected and expected in error)]
        return result + [f"console: {error}" for error in problems]

    return audit


def axe_violations(page: Page, base_url: str) -> list[str]:
    """Serious or critical problems axe-core finds on the page as it is now."""
    # Served from the page's own origin: the Content-Security-Policy allows no inline script.
    page.route(
        "**/__axe__.js", lambda route: route.fulfill(path=AXE, content_type="text/javascript")
    )
    page.add_script_tag(url=f"{base_url}/__axe__.js")
    return page.evaluate(
        "async () => (await axe.run(document)).violations"
        ".filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => v.id)"
    )


PASSWORD = "correct horse battery"


def sign_in(page: Page, base_url: str, username: str = "erin") -> User:
    """A new user who has answered the before-you-start question, signed in through the form."""
    user = User.objects.create_user(
        username,
        f"{username}@example.org",
        PASSWORD,
        time_zone="Europe/Dublin",
        precautions_answered_at=timezone.now(),
    )
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base_url}/logbook/")
    return user


def sign_up(page: Page, base_url: str, username: str, time_zone: str) -> User:
    """Sign up through the form, answer "none of these" to Before you start, land on Today."""
    page.goto(base_url)
    page.get_by_role("link", name="Sign up").click()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Email address").fill(f"{username}@example.org")
    page.get_by_label("Time zone").select_option(time_zone)
    page.get_by_label("Password", exact=False).first.fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", name="Before you start")).to_be_visible()
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("heading", name="Today")).to_be_visible()
    return User.objects.get(username=username)


def main_menu_link(page: Page, name: str):
    """A link of the main menu, opening the phone's compact menu first when it is closed."""
    menu = page.get_by_role("navigation", name="Main")
    button = menu.get_by_role("button", name="Menu")
    if button.is_visible() and button.get_attribute("aria-expanded") != "true":
        button.click()
    return menu.get_by_role("link", name=name)
