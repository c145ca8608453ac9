"""Databases made before routines joined the logbook (issue #9) migrate forward, nothing lost.

Such a database has the routine tables under the routines app's names and records that app's two
migrations; logbook's 0001_routines_squashed stands in for them, and 0003 renames the tables.
"""

import datetime

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader

OLD_STATE = [
    ("accounts", "0001_initial"),
    ("exercises", "0002_exercise_poses"),
    ("logbook", "0002_initial"),
]


def _latest(app_label: str) -> tuple[str, str]:
    (leaf,) = MigrationLoader(connection).graph.leaf_nodes(app_label)
    return leaf


def _as_an_old_installation_recorded_it():
    """The rows an installation of the routines app wrote: its own, not the squashed one."""
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM django_migrations WHERE app = 'logbook' AND name = %s",
            ["0001_routines_squashed"],
        )
        cursor.execute("SELECT name FROM django_migrations WHERE app = 'routines' ORDER BY name")
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.django_db(transaction=True)
def test_routines_and_sessions_written_before_the_move_are_all_there_after(migrator):
    old = migrator.apply_initial_migration(OLD_STATE)
    assert "routines_routine" in connection.introspection.table_names()
    user = old.apps.get_model("accounts", "User").objects.create(
        username="alice", email="alice@example.org", time_zone="Europe/London"
    )
    exercise = old.apps.get_model("exercises", "Exercise").objects.create(
        name="Bridge",
        slug="bridge",
        category="strengthen",
        summary="Lift the hips.",
        position="lying_on_back",
        difficulty="moderate",
        target_areas="glutes",
        repetitions_min=5,
        repetitions_max=10,
        benefits="Stronger glutes.",
        safety_notes="Stop on sharp pain.",
        sources="NHS inform",
    )
    routine_model = old.apps.get_model("logbook", "Routine")
    curated = routine_model.objects.create(name="Strength", key="strength")
    own = routine_model.objects.create(name="Mine", owner=user, copied_from=curated)
    old.apps.get_model("logbook", "RoutineItem").objects.create(
        routine=own, exercise=exercise, position=1, sets=2, repetitions=8, hold_seconds=5
    )
    session = old.apps.get_model("logbook", "Session").objects.create(
        user=user,
        date=datetime.date(2026, 11, 20),
        routine=own,
        pain_before=4,
        pain_after=3,
        effort="right",
        next_morning="better",
    )
    old.apps.get_model("logbook", "ExerciseEntry").objects.create(
        session=session, exercise=exercise, position=1, repetitions=8, hold_seconds=5, pain_during=2
    )
    assert _as_an_old_installation_recorded_it() == [
        "0001_initial",
        "0002_routine_submission_token",
    ]

    new = migrator.apply_tested_migration([_latest("logbook"), _latest("accounts")])

    tables = connection.introspection.table_names()
    assert {"logbook_routine", "logbook_routineitem"} <= set(tables)
    assert not {"routines_routine", "routines_routineitem"} & set(tables)
    routine_model = new.apps.get_model("logbook", "Routine")
    mine = routine_model.objects.get(name="Mine")
    assert (mine.owner.username, mine.copied_from.key) == ("alice", "strength")
    item = mine.items.get()
    assert (item.exercise.slug, item.sets, item.repetitions, item.hold_seconds) == (
        "bridge",
        2,
        8,
        5,
    )
    moved = new.apps.get_model("logbook", "Session").objects.get()
    assert (moved.routine_id, moved.pain_before, moved.next_morning) == (mine.pk, 4, "better")
    assert moved.entries.get().pain_during == 2
    # The foreign keys follow the renamed table: a session still cannot name a missing routine.
    assert routine_model.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_the_routine_content_types_move_with_the_models(migrator):
    old = migrator.apply_initial_migration(
        [*OLD_STATE, ("contenttypes", "0002_remove_content_type_name")]
    )
    content_type = old.apps.get_model("contenttypes", "ContentType")
    content_type.objects.filter(app_label="logbook", model__in=["routine", "routineitem"]).delete()
    moved = content_type.objects.create(app_label="routines", model="routine").pk

    new = migrator.apply_tested_migration([_latest("logbook")])

    content_type = new.apps.get_model("contenttypes", "ContentType")
    assert content_type.objects.get(pk=moved).app_label == "logbook"
    assert not content_type.objects.filter(app_label="routines").exists()
