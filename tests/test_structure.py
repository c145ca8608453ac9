"""The code's shape: apps form a one-way stack, and no file grows past what a person can read."""

import subprocess
import sys
from pathlib import Path

from django.conf import settings

MAX_LINES = 400
SOURCE_DIRS = ["backcare", "accounts", "exercises", "logbook", "bench", "scripts", "tests"]


def _source_files():
    base = Path(settings.BASE_DIR)
    for folder in SOURCE_DIRS:
        for path in (base / folder).rglob("*.py"):
            if "migrations" not in path.parts:  # written by makemigrations
                yield path
    yield from (base / "static" / "js").glob("*.js")


def test_import_contracts_hold():
    """pyproject.toml's [tool.importlinter]: backcare > accounts > logbook > exercises, and
    production code never imports the tests."""
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [lint_imports, "--no-cache"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_no_source_file_is_too_long_to_read():
    lengths = {path: len(path.read_text(encoding="utf-8").splitlines()) for path in _source_files()}
    assert len(lengths) > 50  # the walk found the project
    too_long = {str(path): lines for path, lines in lengths.items() if lines > MAX_LINES}
    assert too_long == {}, "split these by what each part is about"
