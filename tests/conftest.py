import datetime
import os
import socket

import pytest
from django.core.cache import cache
from django.utils import timezone, translation

from exercises.services import exercise_library_load
from logbook.services import curated_routines_load
from logbook.services.content import lessons_load
from tests.factories import UserFactory


@pytest.fixture
def library(db):
    """The real exercise library, loaded from the versioned content file."""
    exercise_library_load()


@pytest.fixture
def content(library):
    """The exercise library, the curated routines and the lessons, from their content files."""
    curated_routines_load()
    lessons_load()


def pytest_report_header(config):
    from django.db import connection

    return f"database: {connection.vendor}"


@pytest.fixture
def alice(db):
    return UserFactory(username="alice", time_zone="Europe/London")


@pytest.fixture
def bob(db):
    return UserFactory(username="bob", time_zone="America/New_York")


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture
def bob_client(client, bob):
    client.force_login(bob)
    return client


@pytest.fixture
def frozen_now(monkeypatch):
    """Fix "now" for the user's "today": call it with an aware datetime."""

    def freeze(moment: datetime.datetime) -> None:
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return freeze


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Tests make many users; the production hasher is slow on purpose.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    # Cached figures are keyed by user id, and ids repeat from one test's database to the next.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language_after_each_test():
    # LocaleMiddleware leaves the last request's language active in this thread: a test that
    # asks for a page in German would otherwise leave the next test reading German.
    yield
    translation.deactivate()


REDIS_ADDRESS = ("127.0.0.1", 6379)


@pytest.fixture(scope="session")
def redis_server():
    """The local Redis that the cache tests use; a clear message when it is not running."""
    try:
        socket.create_connection(REDIS_ADDRESS, timeout=2).close()
    except OSError:
        message = (
            "Redis is not running on 127.0.0.1:6379, which the cache tests need. Start it with "
            "`redis-server --daemonize yes --save '' --appendonly no` (see the README)."
        )
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return "redis://{}:{}".format(*REDIS_ADDRESS)
