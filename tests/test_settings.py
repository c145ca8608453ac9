import os
import subprocess
import sys

from django.conf import settings


def _run(*command, **env):
    clean = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "SECRET_KEY"}}
    return subprocess.run(
        [sys.executable, *command],
        cwd=settings.BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_web_server_refuses_to_start_without_a_secret_key_when_debug_is_off():
    for module in ("backcare.wsgi", "backcare.asgi"):
        result = _run("-c", f"import {module}")
        assert result.returncode != 0, module
        assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_the_web_server_starts_with_a_secret_key_and_debug_off():
    result = _run("-c", "import backcare.wsgi", SECRET_KEY="a-real-secret-from-the-environment")
    assert result.returncode == 0, result.stderr


def test_offline_commands_run_without_a_secret_key():
    result = _run("manage.py", "makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout


def test_every_request_runs_in_a_transaction():
    assert settings.DATABASES["default"]["ATOMIC_REQUESTS"] is True
