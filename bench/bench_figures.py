"""How much the figures cost the exercise list: the page with every figure against the same page
without them, rendered in one run by Django's test client on a temporary database with the
library loaded. Not a test; run it by hand:

    .venv/bin/python bench/bench_figures.py [iterations]
"""

import os
import statistics
import sys
import time
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backcare.settings")
os.environ.setdefault("DEBUG", "true")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils.safestring import mark_safe  # noqa: E402

from exercises import figures  # noqa: E402
from exercises.figures import drawing  # noqa: E402
from exercises.services import exercise_library_load  # noqa: E402

TARGET_RATIO = 1.5


def _time_request(client: Client, url: str) -> float:
    start = time.perf_counter()
    response = client.get(url)
    elapsed = time.perf_counter() - start
    assert response.status_code == 200
    return elapsed


def main(iterations: int) -> None:
    setup_test_environment()
    # A throwaway test database (in memory for SQLite), so db.sqlite3 is never touched.
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        exercise_library_load()
        client, url = Client(), reverse("exercises:list")
        drawing._figure_html.cache_clear()
        start = time.perf_counter()
        content = client.get(url).content
        first = time.perf_counter() - start
        count = content.count(b"exercise-figure--small")

        no_figures = mock.patch.object(figures, "figure_html", return_value=mark_safe(""))
        with_times, without_times = [], []
        for _ in range(iterations):
            # Alternating the two keeps drift (CPU frequency, other load) out of the ratio.
            with_times.append(_time_request(client, url))
            with no_figures:
                without_times.append(_time_request(client, url))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)

    with_median = statistics.median(with_times) * 1000
    without_median = statistics.median(without_times) * 1000
    ratio = with_median / without_median
    print(f"database: {connection.vendor}; {count} figures on the list; {iterations} requests each")
    print(f"first request, figures drawn: {first * 1000:.2f} ms")
    print(f"median with figures:    {with_median:.2f} ms")
    print(f"median without figures: {without_median:.2f} ms")
    print(f"ratio: {ratio:.2f}x (target: within {TARGET_RATIO}x)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 300)
