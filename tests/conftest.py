import pytest

from exercises.services import exercise_library_load


@pytest.fixture
def library(db):
    """The real exercise library, loaded from the versioned content file."""
    exercise_library_load()


def pytest_report_header(config):
    from django.db import connection

    return f"database: {connection.vendor} ({connection.settings_dict['NAME']})"
