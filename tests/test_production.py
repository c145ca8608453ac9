"""Production settings, security headers, the health check and the database-down page."""

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import DataError, IntegrityError, OperationalError
from django.urls import reverse

pytestmark = pytest.mark.django_db

PRODUCTION_ENV = {
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "backcare.example.org",
    "DATABASE_URL": "postgres://backcare@127.0.0.1:5432/backcare",
    "CSRF_TRUSTED_ORIGINS": "https://backcare.example.org",
}


def _manage(*args, **env):
    # The test run's own development variables stay out of the production environment.
    dev_only = {"DEBUG", "SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in dev_only}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_complains_when_debug_is_on():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", DEBUG="true", **PRODUCTION_ENV)
    assert result.returncode != 0
    assert "security.W018" in result.stdout + result.stderr


def test_redis_is_the_cache_when_redis_url_is_set(redis_server):
    script = (
        "import django; django.setup();"
        "from django.core.cache import caches;"
        "cache = caches['default'];"
        "cache.set('backcare-check', 41 + 1, 10);"
        "print(type(cache).__name__, cache.get('backcare-check'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "backcare.settings",
            "REDIS_URL": f"{redis_server}/15",
        },
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.stdout.split() == ["RedisCache", "42"], result.stderr


def test_pages_carry_a_strict_content_security_policy(client):
    policy = client.get(reverse("home"))["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy


def test_health_check_reports_the_database(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_health_check_is_503_when_the_database_is_unreachable(client, monkeypatch):
    from backcare import views

    class DownConnection:
        def cursor(self):
            raise OperationalError("connection refused")

    monkeypatch.setattr(views, "connection", DownConnection())
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_a_database_outage_shows_a_friendly_503_page(alice_client, monkeypatch):
    from logbook.views import progress as views

    def unreachable(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(views, "user_figures", unreachable)
    alice_client.raise_request_exception = False
    response = alice_client.get(reverse("logbook:progress"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    content = response.content.decode()
    assert "Backcare is back in a moment" in content
    assert "Traceback" not in content
    assert "OperationalError" not in content


@pytest.mark.parametrize(
    "error", [ZeroDivisionError("bug"), DataError("bad value"), IntegrityError("duplicate")]
)
def test_other_errors_are_a_plain_500_page(alice_client, monkeypatch, error):
    """Only a lost connection is an outage: a bad value or a broken constraint is a bug."""
    from logbook.views import progress as views

    def fail(*args, **kwargs):
        raise error

    monkeypatch.setattr(views, "user_figures", fail)
    alice_client.raise_request_exception = False
    response = alice_client.get(reverse("logbook:progress"))
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


def test_a_deadlock_or_timeout_is_not_called_an_outage(alice_client, monkeypatch):
    import psycopg

    from logbook.views import progress as views

    def deadlock(*args, **kwargs):
        error = OperationalError("deadlock detected")
        error.__cause__ = psycopg.errors.DeadlockDetected("deadlock detected")
        raise error

    monkeypatch.setattr(views, "user_figures", deadlock)
    alice_client.raise_request_exception = False
    assert alice_client.get(reverse("logbook:progress")).status_code == 500


def test_progress_still_shows_when_the_cache_is_down(alice_client, settings):
    # Nothing listens on port 9 of this machine: every cache call fails to connect.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
        }
    }
    response = alice_client.get(reverse("logbook:progress"))
    assert response.status_code == 200
    assert "Nothing to chart yet" in response.content.decode()


def test_a_failed_csrf_check_explains_itself_in_backcares_own_page(alice):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post(reverse("logbook:session_create"), {"save": "1"})
    assert response.status_code == 403
    content = response.content.decode()
    assert "Please send that again" in content
    assert "<style" not in content


def test_pages_are_compressed_for_browsers_that_accept_it(client):
    import gzip

    plain = client.get(reverse("exercises:list"))
    compressed = client.get(reverse("exercises:list"), HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert "Content-Encoding" not in plain
    assert compressed["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.content) == plain.content
    assert len(compressed.content) < len(plain.content) / 2


def test_static_files_are_written_with_brotli_copies_too():
    from whitenoise.compress import Compressor

    compressor = Compressor(quiet=True)
    assert compressor.use_brotli
    assert compressor.use_gzip


def test_a_worker_starts_without_the_pdf_and_import_libraries():
    """reportlab and jsonschema are loaded by the first PDF or import, not by every worker."""
    code = (
        "import sys, django; django.setup(); import backcare.wsgi; "
        "from django.urls import get_resolver; get_resolver().url_patterns; "
        "print(sorted({'reportlab', 'jsonschema'} & set(sys.modules)))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "backcare.settings", **PRODUCTION_ENV}
    env.pop("DEBUG", None)
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
