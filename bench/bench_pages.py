"""Every signed-in page, for a person with ten years of daily sessions, against a bare view.

Run: .venv/bin/python -m bench.bench_pages [--years 10] [--rounds 20]
(with DATABASE_URL set, it runs on PostgreSQL). The pages are requested in turn, round after
round, so a busy moment of the machine falls on all of them alike. Printed for each page: the
median wall time and CPU time of this process (Python and, on SQLite, the database) as a ratio to
the bare view's, the query count and the size of the HTML before compression. The goal of
issue 14: signed-in pages <= 3x, the exercise list <= 2x, 8 queries or fewer, HTML under 60 KB.
"""

import argparse
import cProfile
import datetime
import os
import pstats
import random
import statistics
import time

from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from bench import common


def seed(years: int):
    """A user who has followed their plan every day for `years` years, with the next mornings."""
    from accounts.models import User
    from exercises.services import exercise_library_load
    from logbook.models import ExerciseEntry, Routine, Session
    from logbook.services import curated_routines_load
    from logbook.services.content import lessons_load
    from logbook.services.plans import plan_create

    exercise_library_load()
    curated_routines_load()
    lessons_load()
    user = User.objects.create_user("bench", "bench@example.org", "bench-password", time_zone="UTC")
    user.precautions_answered_at = datetime.datetime.now(datetime.UTC)
    user.save()
    today = user.today()
    starter = Routine.objects.get(key="gentle-relief")
    chosen = [item.exercise_id for item in starter.items.all()][:3]
    plan = plan_create(
        user=user,
        starter=starter,
        exercise_ids=chosen,
        days=list(range(7)),
        step_every=2,
        today=today - datetime.timedelta(days=years * 365),
    )
    routine = plan.routine
    items = list(routine.items.all())
    rng = random.Random(1)
    sessions = Session.objects.bulk_create(
        Session(
            user=user,
            date=today - datetime.timedelta(days=n),
            routine=routine,
            pain_before=rng.randint(2, 7),
            pain_after=rng.randint(1, 6),
            effort="right",
            next_morning=rng.choice(["better", "same", "worse"]) if n else "",
        )
        for n in range(years * 365)
    )
    ExerciseEntry.objects.bulk_create(
        ExerciseEntry(
            session=session,
            exercise_id=item.exercise_id,
            position=position,
            sets=item.sets,
            repetitions=item.repetitions,
            hold_seconds=item.hold_seconds,
            side=item.dose.side,
            pain_during=rng.randint(0, 6),
        )
        for session in sessions
        for position, item in enumerate(items, start=1)
    )
    if connection.vendor in ("postgresql", "sqlite"):
        # As a real database would have: planner statistics gathered after the bulk load.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return user, routine, sessions[0], len(sessions)


def pages(routine, latest) -> list[tuple[str, str, bool]]:
    """(label, url, signed in)"""
    return [
        ("bare view (base.html)", "/bench/bare/", True),
        ("home", "/", True),
        ("logbook history", "/logbook/", True),
        ("session page", f"/logbook/sessions/{latest.pk}/", True),
        ("session form from a routine", f"/logbook/sessions/new/?routine={routine.pk}", True),
        ("session form, edit", f"/logbook/sessions/{latest.pk}/edit/", True),
        ("session form, log again", f"/logbook/sessions/{latest.pk}/again/", True),
        ("progress, 12 weeks (default)", "/logbook/progress/", True),
        ("progress, 52 weeks", "/logbook/progress/?weeks=52", True),
        ("progress, all years", "/logbook/progress/?weeks=all", True),
        ("routine page", f"/routines/{routine.pk}/", True),
        ("routine editor", f"/routines/{routine.pk}/edit/", True),
        ("routine list", "/routines/", True),
        ("player", f"/routines/{routine.pk}/play/", True),
        ("plan", "/logbook/plan/", True),
        ("report", "/logbook/report/", True),
        ("account", "/accounts/", True),
        ("bare view, anonymous", "/bench/bare/", False),
        ("exercise list, anonymous", "/exercises/", False),
    ]


def profile(client: Client, url: str, rounds: int) -> None:
    """Where one page's time goes, by cumulative time, over `rounds` warm requests."""
    profiler = cProfile.Profile()
    profiler.enable()
    for _round in range(rounds):
        client.get(url)
    profiler.disable()
    pstats.Stats(profiler).sort_stats(os.environ.get("BENCH_SORT", "cumulative")).print_stats(45)


def run(rounds: int, years: int, profiled: str | None = None) -> None:
    user, routine, latest, count = seed(years)
    signed_in, anonymous = Client(), Client()
    signed_in.force_login(user)
    table = pages(routine, latest)
    queries, sizes, wall, cpu = {}, {}, {}, {}
    for label, url, private in table:
        client = signed_in if private else anonymous
        client.get(url)  # warm caches and templates
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}: nothing to measure")
        queries[label], sizes[label] = len(captured), len(response.content)
        wall[label], cpu[label] = [], []
    if profiled:
        label, url, private = next(page for page in table if page[0].startswith(profiled))
        client = signed_in if private else anonymous
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        print(f"{label}: {len(captured)} queries")
        for query in captured.captured_queries:
            print("  ", query["sql"][:160])
        profile(client, url, rounds)
        return
    for _round in range(rounds):
        for label, url, private in table:
            client = signed_in if private else anonymous
            start_wall, start_cpu = time.perf_counter(), time.process_time()
            client.get(url)
            cpu[label].append((time.process_time() - start_cpu) * 1000)
            wall[label].append((time.perf_counter() - start_wall) * 1000)

    print(f"{count} daily sessions over {years} years, {rounds} rounds, on {connection.vendor}")
    columns = ("wall ms", "x bare", "cpu ms", "x bare", "queries", "KB")
    print(f"{'page':32} " + " ".join(f"{column:>8}" for column in columns))
    bare = {True: "bare view (base.html)", False: "bare view, anonymous"}
    for label, _url, private in table:
        base_wall = statistics.median(wall[bare[private]])
        base_cpu = statistics.median(cpu[bare[private]])
        w, c = statistics.median(wall[label]), statistics.median(cpu[label])
        print(
            f"{label:32} {w:8.2f} {w / base_wall:8.2f} {c:8.2f} {c / base_cpu:8.2f} "
            f"{queries[label]:8d} {sizes[label] / 1024:8.1f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument(
        "--profile", metavar="PAGE", help="profile the page whose label starts with PAGE instead"
    )
    args = parser.parse_args()
    name = common.create_database()
    try:
        with override_settings(
            ROOT_URLCONF="bench.urls", DEBUG=False, ALLOWED_HOSTS=["testserver"]
        ):
            run(args.rounds, args.years, args.profile)
    finally:
        common.destroy_database(name)


if __name__ == "__main__":
    main()
