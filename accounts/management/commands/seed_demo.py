"""A demo user with twelve weeks of realistic logs, so a newcomer sees the charts at once."""

import datetime
import random

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.models import User
from logbook.models import ExerciseEntry, Routine, Session

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "demo-backcare"
WEEKS = 12


class Command(BaseCommand):
    help = (
        f"Create (or re-create) the user '{DEMO_USERNAME}' with {WEEKS} weeks of sessions that "
        "follow the curated routines, pain easing over time."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=7, help="Random seed, for repeatable data.")
        parser.add_argument(
            "--force",
            action="store_true",
            help=f"Replace an existing '{DEMO_USERNAME}' user even with DEBUG off.",
        )

    @transaction.atomic
    def handle(self, *args, seed, force, **options):
        if User.objects.filter(username=DEMO_USERNAME).exists() and not (settings.DEBUG or force):
            raise CommandError(
                f"A user '{DEMO_USERNAME}' exists and DEBUG is off: seed_demo would delete them "
                "and everything they logged. Pass --force if that is what you want."
            )
        routines = list(
            Routine.objects.filter(owner__isnull=True).prefetch_related("items__exercise")
        )
        if not routines:
            raise CommandError("No curated routines: run load_exercises and load_routines first.")

        User.objects.filter(username=DEMO_USERNAME).delete()
        user = User.objects.create_user(
            DEMO_USERNAME, "demo@example.org", DEMO_PASSWORD, time_zone="Europe/London"
        )
        rng = random.Random(seed)
        today = user.today()
        start = today - datetime.timedelta(weeks=WEEKS)
        sessions = 0
        for offset in range((today - start).days):
            day = start + datetime.timedelta(days=offset)
            progress = offset / (today - start).days  # 0 at the start, 1 now
            if rng.random() > 0.35 + 0.3 * progress:  # more regular as the weeks go by
                continue
            routine = rng.choice(routines)
            before = max(0, min(10, round(6.5 - 3 * progress + rng.gauss(0, 1))))
            after = max(
                0, min(10, before - rng.choice([0, 1, 1, 2]) + (1 if rng.random() < 0.08 else 0))
            )
            session = Session.objects.create(
                user=user,
                date=day,
                routine=routine,
                pain_before=before,
                pain_after=after,
                effort=rng.choice(["easy", "right", "right", "right", "too_hard"]),
                next_morning=rng.choice(["better", "better", "same", "same", "worse"])
                if rng.random() < 0.6
                else "",
                notes="",
            )
            for position, item in enumerate(routine.items.all(), start=1):
                pain_during = max(0, min(10, round(before - 2 + rng.gauss(0, 1.2))))
                ExerciseEntry.objects.create(
                    session=session,
                    exercise=item.exercise,
                    position=position,
                    sets=item.sets,
                    repetitions=item.repetitions + (1 if progress > 0.6 else 0),
                    hold_seconds=item.hold_seconds,
                    side=item.dose.side,
                    pain_during=pain_during,
                    sharp_pain=pain_during >= 7 and rng.random() < 0.5,
                )
            sessions += 1
        self.stdout.write(
            f"Demo user '{DEMO_USERNAME}' (password '{DEMO_PASSWORD}') has {sessions} sessions "
            f"over {WEEKS} weeks."
        )
