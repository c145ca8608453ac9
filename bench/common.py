"""Shared set-up for the in-process benchmarks: a throw-away test database and timing helpers.

Benchmarks print ratios against a bare view measured in the same run, never absolute targets:
these machines are shared and noisy.
"""

import os
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backcare.settings")
os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("SECRET_KEY", "benchmark-only")

import django

django.setup()

from django.core.signals import request_finished, request_started  # noqa: E402
from django.db import close_old_connections, connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def create_database() -> str:
    # As Django's test runner does: keep one connection for the whole run instead of closing it
    # at each request (the in-memory SQLite test database would vanish with it).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    return connection.creation.create_test_db(verbosity=0, autoclobber=True)


def destroy_database(name: str) -> None:
    connection.creation.destroy_test_db(name, verbosity=0)


def measure(client, url: str, *, runs: int) -> tuple[float, int, int]:
    """Median milliseconds, the query count and the status code of GET url."""
    client.get(url)  # warm caches and templates
    connection.queries_log.clear()  # a full log (seeding) would hide the new queries
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    query_count = len(queries)  # now: the log is reset by the requests that follow
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}: the benchmark measures nothing")
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings), query_count, response.status_code


def report(rows: list[tuple[str, float, int, int]], baseline: float) -> None:
    print(f"{'page':42} {'median ms':>10} {'x bare':>8} {'queries':>8} {'status':>7}")
    for name, median, queries, status in rows:
        print(f"{name:42} {median:10.2f} {median / baseline:8.2f} {queries:8d} {status:7d}")
