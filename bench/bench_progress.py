"""Progress and routine pages for a user with ten years of daily sessions, against a bare view.

Run: .venv/bin/python -m bench.bench_progress [--years 10] [--runs 30]
(with DATABASE_URL set, it runs on PostgreSQL). Target: progress page median <= 3x the bare view.
"""

import argparse
import datetime
import random

from django.test import Client, override_settings

from bench import common


def seed(years: int):
    from accounts.models import User
    from exercises.services import exercise_library_load
    from logbook.models import ExerciseEntry, Routine, Session
    from logbook.services import curated_routines_load

    exercise_library_load()
    curated_routines_load()
    user = User.objects.create_user("bench", "bench@example.org", "bench-password", time_zone="UTC")
    routine = Routine.objects.get(key="stretch-and-strengthen")
    items = list(routine.items.all())
    rng = random.Random(1)
    today = user.today()
    sessions = Session.objects.bulk_create(
        Session(
            user=user,
            date=today - datetime.timedelta(days=n),
            routine=routine,
            pain_before=rng.randint(2, 7),
            pain_after=rng.randint(1, 6),
            effort="right",
            next_morning=rng.choice(["", "better", "same", "worse"]),
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
    return user, routine, len(sessions)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    name = common.create_database()
    try:
        with override_settings(
            ROOT_URLCONF="bench.urls", DEBUG=False, ALLOWED_HOSTS=["testserver"]
        ):
            user, routine, count = seed(args.years)
            client = Client()
            client.force_login(user)
            print(f"{count} sessions over {args.years} years, {args.runs} runs a page, on {name}")
            pages = [
                ("bare view (base.html)", "/bench/bare/"),
                ("progress, 12 weeks (default)", "/logbook/progress/"),
                ("progress, 52 weeks", "/logbook/progress/?weeks=52"),
                ("progress, all years", "/logbook/progress/?weeks=all"),
                ("routine page", routine.get_absolute_url()),
                ("logbook history", "/logbook/"),
            ]
            rows = [(label, *common.measure(client, url, runs=args.runs)) for label, url in pages]
            common.report(rows, baseline=rows[0][1])
    finally:
        common.destroy_database(name)


if __name__ == "__main__":
    main()
