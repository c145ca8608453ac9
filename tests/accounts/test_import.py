"""Importing a JSON export: older versions, the round trip, idempotency, and what is refused."""

import copy
import datetime
import json

import pytest

from accounts.export import export_json
from accounts.importer import import_document
from exercises.models import Exercise
from logbook.models import FlarePlan, Lesson, LessonRead, Plan, Routine, Session
from logbook.services import function_check_save
from tests.accounts.importing import (
    problems_of,
    row_counts,
    run_import,
    version_1,
    without_account,
)
from tests.factories import (
    ExerciseEntryFactory,
    PlanFactory,
    RoutineFactory,
    RoutineItemFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


def test_a_version_1_export_imports_with_everything_in_it(content, alice):
    result = run_import(alice, version_1())
    assert (result.sessions_added, result.routines_added, result.checks_added) == (4, 2, 2)
    alice.refresh_from_db()
    assert (alice.username, alice.email) == ("alice", "alice@example.org")  # not the file's
    assert (alice.time_zone, alice.weekly_goal, alice.precautions) == (
        "Europe/Berlin",
        3,
        ["osteoporosis"],
    )
    plan = Plan.objects.get(user=alice)
    assert (plan.routine.name, plan.routine.owner, plan.days) == (
        "My plan: Gentle relief",
        alice,
        [0, 2, 4],
    )
    assert plan.last_step_week == 0  # version 1 did not say
    bad_day = Session.objects.get(user=alice, started_at=datetime.time(18, 5))
    assert bad_day.routine.key == "gentle-relief"  # named only by name in version 1: curated
    assert bad_day.entries.get().exercise.slug == "knee-to-chest"
    assert Session.objects.get(user=alice, notes="Stiff in the morning.").routine.owner == alice
    assert FlarePlan.objects.get(user=alice).who_to_call == "Dr Weber 030 1234"
    assert export_json(alice)["lessons_read"] == ["hurt-is-not-harm", "flare-ups"]
    exported = export_json(alice)
    assert [s["next_morning"] for s in exported["sessions"]] == ["better", "same", None, "worse"]
    assert exported["activities"] == version_1()["activities"]


def test_a_version_1_export_imported_twice_adds_nothing_the_second_time(content, alice):
    run_import(alice, version_1())
    before, exported = row_counts(), export_json(alice)
    again = run_import(alice, version_1())
    assert (again.sessions_added, again.routines_added, again.checks_added) == (0, 0, 0)
    assert (again.sessions_present, again.routines_present, again.checks_present) == (4, 2, 2)
    assert row_counts() == before
    assert export_json(alice) == exported


def _full_logbook(user):
    """An account with a bit of everything, curated and own routines of the same name too."""
    curated = Routine.objects.get(key="gentle-relief")
    own = RoutineFactory(owner=user, name=curated.name, description="My copy.")
    RoutineItemFactory(routine=own, exercise=curated.items.first().exercise, per_side=True)
    PlanFactory(user=user, routine=own, last_step_week=2, email_reminders=True)
    FlarePlan.objects.create(user=user, what_helps="Heat.", who_to_call="Sam")
    for routine, notes in [(own, "mine"), (curated, "curated"), (None, "none")]:
        session = SessionFactory(user=user, routine=routine, notes=notes, next_morning="worse")
        ExerciseEntryFactory(session=session, exercise=curated.items.first().exercise, position=1)
        ExerciseEntryFactory(session=session, exercise=curated.items.last().exercise, position=2)
    ExerciseEntryFactory(
        session=session,
        exercise=curated.items.first().exercise,
        position=3,
        status="skipped",
        pain_during=None,
    )
    check = function_check_save(
        user=user,
        date=datetime.date(2026, 11, 2),
        scores={},
        new_activities=[("Socks", 3), ("Film", 5), ("Stairs", 2)],
    )
    function_check_save(
        user=user,
        date=datetime.date(2026, 11, 16),
        scores={score.activity_id: 6 for score in check.scores.all()},
        new_activities=[],
    )


def test_the_export_imported_into_a_new_account_exports_the_same(content, alice, bob):
    _full_logbook(alice)
    LessonRead.objects.create(user=alice, lesson=Lesson.objects.first())
    document = export_json(alice)
    result = run_import(bob, document)
    assert (result.sessions_added, result.routines_added, result.checks_added) == (3, 1, 2)
    assert without_account(export_json(bob)) == without_account(document)
    own, curated = (
        Session.objects.get(user=bob, notes="mine"),
        Session.objects.get(user=bob, notes="curated"),
    )
    assert own.routine.owner == bob
    assert curated.routine.key == "gentle-relief"  # the same name, told apart by its key
    skipped = Session.objects.get(user=bob, notes="none").entries.get(position=3)
    assert (skipped.status, skipped.pain_during) == ("skipped", None)


def test_importing_the_same_file_twice_adds_nothing(content, alice, bob):
    _full_logbook(alice)
    document = export_json(alice)
    run_import(bob, document)
    before, exported = row_counts(), export_json(bob)
    again = run_import(bob, document)
    assert again.sessions_added == again.routines_added == again.checks_added == 0
    assert row_counts() == before
    assert export_json(bob) == exported
    # Into the account it came from, too: everything is already there.
    run_import(alice, document)
    assert row_counts() == before


def test_two_identical_sessions_in_a_file_both_import_once(content, alice, bob):
    bridge = Exercise.objects.get(slug="bridge")
    for _ in range(2):
        ExerciseEntryFactory(session__user=alice, exercise=bridge, position=1)
    document = export_json(alice)
    assert document["sessions"][0] == document["sessions"][1]
    assert run_import(bob, document).sessions_added == 2
    assert run_import(bob, document).sessions_present == 2
    assert Session.objects.filter(user=bob).count() == 2


def test_routines_of_the_same_name_are_numbered_and_come_back_once(content, alice, bob):
    bridge = Routine.objects.get(key="strength-and-stability").items.first().exercise
    for repetitions in (5, 8):
        routine = RoutineFactory(owner=alice, name="Mornings")
        RoutineItemFactory(routine=routine, exercise=bridge, repetitions=repetitions)
        SessionFactory(user=alice, routine=routine, pain_before=repetitions)
    document = export_json(alice)
    assert [r["name"] for r in document["routines"]] == ["Mornings", "Mornings (2)"]
    assert [s["routine"] for s in document["sessions"]] == ["Mornings", "Mornings (2)"]
    before = row_counts()
    assert run_import(alice, document).sessions_present == 2  # its own file: all there
    assert row_counts() == before
    run_import(bob, document)
    assert sorted(Routine.objects.filter(owner=bob).values_list("name", flat=True)) == [
        "Mornings",
        "Mornings (2)",
    ]


def test_a_routine_of_the_same_name_with_other_exercises_is_named_not_merged(content, alice, bob):
    _full_logbook(alice)
    document = export_json(alice)
    mine = RoutineFactory(owner=bob, name="Gentle relief")
    RoutineItemFactory(
        routine=mine, exercise=Routine.objects.get(key="flare-day").items.first().exercise
    )
    problems = problems_of(bob, json.dumps(document).encode())
    assert problems == [
        "routines[0]: you already have a routine named “Gentle relief” with other exercises or "
        "doses. Rename one of them, then import again."
    ]


def test_a_routine_of_the_same_name_and_items_is_reused(content, alice, bob):
    _full_logbook(alice)
    document = export_json(alice)
    routine = RoutineFactory(owner=bob, name="Gentle relief")
    source = Routine.objects.get(owner=alice).items.get()
    RoutineItemFactory(
        routine=routine, exercise=source.exercise, per_side=True, repetitions=source.repetitions
    )
    result = run_import(bob, document)
    assert (result.routines_added, result.routines_present) == (0, 1)
    assert Session.objects.get(user=bob, notes="mine").routine == routine


def test_settings_and_plans_are_replaced_and_kept_when_the_file_has_none(content, alice, bob):
    PlanFactory(user=bob, days=[6])
    FlarePlan.objects.create(user=bob, what_helps="Bob's own words.")
    _full_logbook(alice)
    document = export_json(alice)
    run_import(bob, document)
    assert Plan.objects.get(user=bob).days == [0, 2, 4]
    assert FlarePlan.objects.get(user=bob).what_helps == "Heat."
    run_import(bob, {**document, "weekly_plan": None, "flare_plan": None, "precautions": None})
    assert Plan.objects.get(user=bob).days == [0, 2, 4]  # the file has none: bob's stays
    assert FlarePlan.objects.get(user=bob).what_helps == "Heat."


def test_another_users_ids_in_a_file_are_ignored(content, alice, bob):
    bobs = SessionFactory(user=bob, notes="bob's own", pain_before=1)
    document = version_1()
    for session in document["sessions"]:
        session["session_id"] = bobs.pk
    bob_before = export_json(bob)
    run_import(alice, document)
    assert export_json(bob) == bob_before
    bobs.refresh_from_db()
    assert (bobs.user, bobs.notes, bobs.pain_before) == (bob, "bob's own", 1)
    assert Session.objects.filter(user=alice).count() == 4


def test_an_unknown_lesson_is_skipped_and_counted(content, alice):
    document = version_1()
    document["lessons_read"].append("a-lesson-from-the-future")
    result = run_import(alice, document)
    assert (result.lessons_added, result.lessons_unknown) == (2, 1)
    assert "1 lesson this server does not have was skipped." in result.summary


def test_the_summary_counts_what_was_added_and_what_was_there(content, alice):
    assert run_import(alice, version_1()).summary.startswith(
        "Imported: 4 sessions, 2 routines, 2 function checks, 2 lessons read."
    )
    assert run_import(alice, version_1()).summary.startswith(
        "Nothing new. Already here: 4 sessions, 2 routines, 2 function checks, 2 lessons read."
    )


def test_a_version_1_file_with_two_routines_of_one_name_drops_only_the_unclear_links(
    content, alice
):
    document = version_1()
    twin = copy.deepcopy(document["routines"][0])
    twin["items"].pop()
    document["routines"].insert(1, twin)
    result = run_import(alice, document)
    assert result.routine_links_dropped == 1
    assert sorted(Routine.objects.filter(owner=alice).values_list("name", flat=True)) == [
        "Morning stretches",
        "Morning stretches (2)",
        "My plan: Gentle relief",
    ]
    assert Session.objects.get(user=alice, notes="Stiff in the morning.").routine is None


@pytest.mark.parametrize("sessions", [1, 20])
def test_an_import_takes_the_same_queries_however_many_sessions(
    content, alice, django_assert_num_queries, sessions
):
    document = version_1()
    document["sessions"] = [
        {**session, "notes": f"{number}"}
        for number in range(sessions)
        for session in document["sessions"][:1]
    ]
    data = json.dumps(document).encode()
    # 3 the library (exercises, curated routines, lessons); the savepoint and its release (2);
    # 1 lock on the user; 1 own routines (none: no items to prefetch); 1 flare plan; 1 weekly
    # plan; 1 sessions already there (none: no entries); 1 activities; 1 function checks (none:
    # no scores); 1 lessons read; then the writes: 1 user; 1 insert each of routines, routine
    # items, sessions, entries, activities, checks, scores, lessons read (8); 1 flare plan;
    # 1 weekly plan. (SQLite inserts at most 999 values a query: thousands of rows take a few
    # inserts more, one per batch of about 80 sessions or 90 entries.)
    with django_assert_num_queries(24):
        import_document(user=alice, data=data)
    assert Session.objects.filter(user=alice).count() == sessions


def test_nothing_of_another_user_is_read_or_changed(content, alice, bob):
    _full_logbook(bob)
    bob_before = export_json(bob)
    document = export_json(bob)
    run_import(alice, document)
    run_import(alice, document)
    assert export_json(bob) == bob_before
    bob.refresh_from_db()
    assert (bob.username, bob.email) == ("bob", "bob@example.org")


def test_a_file_imported_again_after_the_account_moved_on_adds_nothing(content, alice, bob):
    _full_logbook(alice)
    document = export_json(alice)
    run_import(bob, document)
    # Bob answers a next morning, edits a note and renames a routine; then imports again.
    session = Session.objects.filter(user=bob).first()
    session.next_morning, session.notes = "better", "edited on this server"
    session.save()
    before = row_counts()
    result = run_import(bob, document)
    assert (result.sessions_added, result.sessions_present) == (0, 3)
    assert row_counts() == before
    session.refresh_from_db()
    assert (session.next_morning, session.notes) == ("better", "edited on this server")


def test_numbered_names_stay_within_the_routine_name_limit(content, alice, bob):
    bridge = Exercise.objects.get(slug="bridge")
    long_name = "M" * 100
    for repetitions in (5, 8):
        RoutineItemFactory(
            routine=RoutineFactory(owner=alice, name=long_name),
            exercise=bridge,
            repetitions=repetitions,
        )
    document = export_json(alice)
    assert [len(routine["name"]) for routine in document["routines"]] == [100, 100]
    assert document["routines"][1]["name"].endswith(" (2)")
    assert run_import(bob, document).routines_added == 2
    assert run_import(alice, document).routines_added == 0


def test_before_you_start_answers_are_added_never_taken_away(content, alice, bob):
    bob.precautions = ["pregnancy"]
    bob.save()
    run_import(bob, {**export_json(alice), "precautions": ["osteoporosis"]})
    bob.refresh_from_db()
    assert bob.precautions == ["pregnancy", "osteoporosis"]
    run_import(bob, {**export_json(alice), "precautions": []})
    bob.refresh_from_db()
    assert bob.precautions == ["pregnancy", "osteoporosis"]


def test_a_plan_kept_keeps_its_weekly_goal(content, alice, bob):
    PlanFactory(user=bob, days=[0, 2, 4])
    bob.weekly_goal = 3
    bob.save()
    run_import(bob, {**export_json(alice), "weekly_plan": None, "weekly_goal": 6})
    bob.refresh_from_db()
    assert bob.weekly_goal == 3  # the number of days of the plan bob kept
    Plan.objects.filter(user=bob).delete()
    run_import(bob, {**export_json(alice), "weekly_plan": None, "weekly_goal": 6})
    bob.refresh_from_db()
    assert bob.weekly_goal == 6  # no plan: the file's goal
