import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from logbook.models import MAX_ITEMS, Routine, RoutineItem, Session
from logbook.services import curated_routines_load, routine_add_exercise
from tests.factories import (
    ExerciseEntryFactory,
    ExerciseFactory,
    RoutineFactory,
    RoutineItemFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def curated(library):
    curated_routines_load()
    return Routine.objects.get(key="gentle-relief")


def _positions(routine):
    return list(routine.items.order_by("position").values_list("exercise__name", "position"))


def test_curated_routines_load_idempotently_from_their_content_file(library):
    first = curated_routines_load()
    second = curated_routines_load()
    assert sorted(first.created) == [
        "flare-day",
        "gentle-relief",
        "strength-and-stability",
        "stretch-and-strengthen",
    ]
    assert second.created == second.updated == []
    gentle = Routine.objects.get(key="gentle-relief")
    assert gentle.owner is None
    assert [i.exercise.slug for i in gentle.items.all()][:3] == [
        "knee-to-chest",
        "pelvic-tilt",
        "cat-cow",
    ]
    strength = {
        i.exercise.slug for i in Routine.objects.get(key="strength-and-stability").items.all()
    }
    assert strength == {"bird-dog", "dead-bug", "bridge", "pelvic-tilt"}
    assert RoutineItem.objects.count() == 18


def test_no_curated_routine_starts_anyone_on_an_exercise_with_a_caution(library):
    curated_routines_load()
    cautioned = RoutineItem.objects.filter(routine__owner=None).exclude(exercise__caution="")
    assert list(cautioned.values_list("routine__key", "exercise__slug")) == []


def test_the_flare_up_routine_is_short_and_at_the_gentle_end_of_every_dose(library):
    curated_routines_load()
    items = Routine.objects.get(key="flare-day").items.select_related("exercise")
    assert 2 <= len(items) <= 4
    for item in items:
        assert item.dose.fields == item.exercise.starting_dose.fields, item.exercise.slug


def test_load_routines_command_runs_after_the_library(library, capsys):
    call_command("load_routines")
    assert capsys.readouterr().out.strip() == "Routines: 4 created, 0 updated, 0 unchanged."


def test_routine_list_shows_curated_and_only_my_routines(alice_client, alice, bob, curated):
    RoutineFactory(owner=alice, name="Mine")
    RoutineFactory(owner=bob, name="Bob's")
    response = alice_client.get(reverse("logbook:routine_list"))
    assert [r.name for r in response.context["own"]] == ["Mine"]
    assert len(response.context["curated"]) == 4


def test_creating_a_routine_then_adding_exercises(alice_client, alice):
    exercise = ExerciseFactory(
        name="Knee hug", repetitions_min=3, hold_seconds_min=20, per_side=True
    )
    response = alice_client.post(
        reverse("logbook:routine_create"), {"name": "Morning", "description": ""}
    )
    routine = Routine.objects.get(owner=alice)
    assert response.url == reverse("logbook:routine_update", args=[routine.pk])
    response = alice_client.post(
        response.url, {"name": "Morning", "add-exercise": exercise.pk, "add": "1"}
    )
    item = routine.items.get()
    assert (item.position, item.repetitions, item.hold_seconds, item.per_side) == (1, 3, 20, True)
    assert response.url.endswith(f"/edit/#item-{item.pk}")  # back to the exercise just added


def test_a_curated_routine_cannot_be_edited_but_can_be_copied(alice_client, alice, curated):
    assert alice_client.get(reverse("logbook:routine_update", args=[curated.pk])).status_code == 404
    token = alice_client.get(curated.get_absolute_url()).context["copy_token"]
    response = alice_client.post(
        reverse("logbook:routine_copy", args=[curated.pk]), {"submission_token": str(token)}
    )
    alice_client.post(
        reverse("logbook:routine_copy", args=[curated.pk]), {"submission_token": str(token)}
    )
    copy = Routine.objects.get(owner=alice)  # one copy for a double click
    assert response.url == reverse("logbook:routine_update", args=[copy.pk])
    assert (copy.name, copy.copied_from) == ("Gentle relief", curated)
    assert _positions(copy) == _positions(curated)


def test_deleting_a_routine_keeps_its_sessions(alice_client, alice):
    routine = RoutineFactory(owner=alice)
    session = SessionFactory(user=alice, routine=routine)
    assert (
        "stay in your logbook"
        in alice_client.get(reverse("logbook:routine_delete", args=[routine.pk])).content.decode()
    )
    alice_client.post(reverse("logbook:routine_delete", args=[routine.pk]))
    session.refresh_from_db()
    assert not Routine.objects.filter(pk=routine.pk).exists()
    assert session.routine is None


def test_routine_page_shows_steps_beside_my_history_with_it(alice_client, alice, bob, curated):
    SessionFactory(
        user=alice, routine=curated, date=datetime.date(2026, 11, 20), pain_before=6, pain_after=3
    )
    SessionFactory(user=bob, routine=curated, pain_before=9, pain_after=9)
    response = alice_client.get(curated.get_absolute_url())
    content = response.content.decode()
    assert "Lie on your back" in content  # the knee-to-chest steps
    assert list(response.context["recent_sessions"]) == list(Session.objects.filter(user=alice))
    assert "<td>6</td><td>3</td>" in content
    assert 'id="routine-chart"' in content
    assert "Copy to adjust it" in content


def test_routine_page_without_history_explains_what_will_appear(alice_client, curated):
    content = alice_client.get(curated.get_absolute_url()).content.decode()
    assert "You have not followed this routine yet." in content
    assert "<canvas" not in content


@pytest.mark.parametrize("sessions", [1, 60])
def test_routine_page_query_count_is_fixed(
    alice_client, alice, django_assert_num_queries, sessions
):
    routine = RoutineFactory(owner=alice)
    items = [RoutineItemFactory(routine=routine, position=position) for position in range(1, 4)]
    for n in range(sessions):
        session = SessionFactory(
            user=alice, routine=routine, date=alice.today() - datetime.timedelta(days=n)
        )
        for item in items:
            ExerciseEntryFactory(
                session=session, exercise=item.exercise, position=item.position, pain_during=n % 8
            )
    # 16 queries: login session, user, the routine, its items with their
    # exercises, the exercises' steps and harder variations, recent attempts (one window query,
    # and which exercises hurt in those sessions), the plan, the care prompts' trend, the
    # logbook's change stamp, the routine's progress figures (3), the latest sessions and what
    # their flags need from their entries.
    with django_assert_num_queries(16):
        response = alice_client.get(routine.get_absolute_url())
    assert response.status_code == 200
    # Unchanged logbook: the figures, the history column, the recent attempts and the care
    # prompts' trend come from the cache (eight fewer).
    with django_assert_num_queries(8):
        alice_client.get(routine.get_absolute_url())


def test_accepting_a_suggestion_updates_my_routine_once(alice_client, alice):
    item = RoutineItemFactory(
        routine__owner=alice,
        hold_seconds=20,
        repetitions=3,
        exercise=ExerciseFactory(hold_seconds_min=20, hold_seconds_max=30, repetitions_max=5),
    )
    for days in range(3):
        ExerciseEntryFactory(
            session__user=alice,
            session__date=alice.today() - datetime.timedelta(days=days + 1),
            session__next_morning="better",
            exercise=item.exercise,
            pain_during=1,
            hold_seconds=20,
            repetitions=3,
        )
    response = alice_client.get(item.routine.get_absolute_url())
    assert "Hold for 25 seconds." in response.content.decode()
    signature = response.context["items"][0].suggestion.signature
    url = reverse("logbook:routine_suggestion_accept", args=[item.routine.pk, item.pk])
    alice_client.post(url, {"suggestion": signature})
    item.refresh_from_db()
    assert item.hold_seconds == 25
    # A double click, or the same old page posted again, changes nothing more.
    response = alice_client.post(url, {"suggestion": signature}, follow=True)
    item.refresh_from_db()
    assert item.hold_seconds == 25
    assert "has changed; here is the current one" in response.content.decode()
    assert "Try this dose for 3 sessions before adding more." in response.content.decode()


def test_swapping_to_the_easier_variation_takes_its_dose_each_side(alice_client, alice):
    bird_dog = ExerciseFactory(
        name="Bird-dog", per_side=True, repetitions_min=5, hold_seconds_min=5, hold_seconds_max=10
    )
    superman = ExerciseFactory(name="Superman", per_side=False, easier_variation=bird_dog)
    item = RoutineItemFactory(routine__owner=alice, exercise=superman, per_side=False)
    ExerciseEntryFactory(
        session__user=alice,
        session__date=alice.today() - datetime.timedelta(days=1),
        exercise=superman,
        pain_during=7,
        repetitions=item.repetitions,
        hold_seconds=item.hold_seconds,
    )
    response = alice_client.get(item.routine.get_absolute_url())
    signature = response.context["items"][0].suggestion.signature
    alice_client.post(
        reverse("logbook:routine_suggestion_accept", args=[item.routine.pk, item.pk]),
        {"suggestion": signature},
    )
    item.refresh_from_db()
    assert (item.exercise, item.repetitions, item.hold_seconds, item.per_side) == (
        bird_dog,
        5,
        5,
        True,
    )
    assert item.dosage_text == "Hold 5 seconds, 5 times each side"


def test_logging_a_routine_prefills_its_exercises_and_records_it(alice_client, alice, curated):
    response = alice_client.get(reverse("logbook:session_create"), {"routine": curated.pk})
    forms = response.context["formset"].forms
    assert [f.initial["exercise"] for f in forms] == [i.exercise_id for i in curated.items.all()]
    assert forms[0].initial["hold_seconds"] == 20
    assert response.context["form"]["routine"].value() == curated.pk


def test_logging_someone_elses_routine_is_ignored(alice_client, bob):
    routine = RoutineFactory(owner=bob)
    RoutineItemFactory(routine=routine)
    response = alice_client.get(reverse("logbook:session_create"), {"routine": routine.pk})
    assert response.context["formset"].forms == []
    assert response.context["form"]["routine"].value() is None


def test_the_routine_page_shows_my_precautions_for_each_exercise(alice_client, alice, curated):
    alice.precautions = ["pregnancy"]
    alice.save(update_fields=["precautions"])
    tagged = sum("pregnancy" in item.exercise.precautions for item in curated.items.all())
    content = alice_client.get(curated.get_absolute_url()).content.decode()
    assert tagged > 0
    assert content.count("You told Backcare you are pregnant.") == tagged


def test_adding_counts_the_items_afresh_not_from_a_stale_prefetch(alice):
    routine = RoutineFactory(owner=alice)
    for position in range(1, MAX_ITEMS):
        RoutineItemFactory(routine=routine, position=position)
    stale = Routine.objects.prefetch_related("items").get(pk=routine.pk)
    RoutineItemFactory(routine=routine, position=MAX_ITEMS)  # another tab added the last one
    with pytest.raises(ValidationError, match="at most 20 exercises"):
        routine_add_exercise(routine=stale, exercise=ExerciseFactory())
    assert routine.items.count() == MAX_ITEMS


def test_the_routine_page_lists_sessions_newest_first_and_follows_new_ones(
    alice_client, alice, curated
):
    for day, after in ((18, 5), (20, 3)):
        SessionFactory(
            user=alice,
            routine=curated,
            date=datetime.date(2026, 11, day),
            pain_before=6,
            pain_after=after,
        )
    content = alice_client.get(curated.get_absolute_url()).content.decode()
    assert content.index("20 Nov 2026") < content.index("18 Nov 2026")
    SessionFactory(
        user=alice, routine=curated, date=datetime.date(2026, 11, 21), pain_before=4, pain_after=1
    )
    content = alice_client.get(curated.get_absolute_url()).content.decode()
    assert content.index("21 Nov 2026") < content.index("20 Nov 2026")
    assert "<td>4</td><td>1</td>" in content
