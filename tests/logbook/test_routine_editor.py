"""The routine editor: one form for the name, the description and every exercise's dose, saved
together by any of its buttons; nothing typed is lost, and an invalid value saves nothing."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from logbook.models import MAX_ITEMS, Routine, RoutineItem
from logbook.services import curated_routines_load, routine_update
from tests.factories import ExerciseFactory, RoutineFactory, RoutineItemFactory

pytestmark = pytest.mark.django_db


def _edit_url(routine) -> str:
    return reverse("logbook:routine_update", args=[routine.pk])


def _routine(owner, names=("A", "B", "C")) -> Routine:
    routine = RoutineFactory(owner=owner, name="Mornings", description="Before work")
    for position, name in enumerate(names, start=1):
        RoutineItemFactory(
            routine=routine,
            exercise__name=name,
            position=position,
            sets=1,
            repetitions=5,
            hold_seconds=10,
            per_side=False,
        )
    return routine


def _form_data(routine, **changes) -> dict:
    """The editor's form as the page shows it, with the given changes ("A__sets": "3" changes
    the sets of exercise A; None leaves a field out, as an unticked box is)."""
    data = {"name": routine.name, "description": routine.description, "items": []}
    for item in routine.items.select_related("exercise"):
        data["items"].append(str(item.pk))
        for name in ["sets", "repetitions", "hold_seconds"]:
            data[f"item-{item.pk}-{name}"] = str(getattr(item, name) or "")
        if item.per_side:
            data[f"item-{item.pk}-per_side"] = "on"
    by_name = {item.exercise.name: item.pk for item in routine.items.select_related("exercise")}
    for key, value in changes.items():
        exercise, _sep, field = key.partition("__")
        name = f"item-{by_name[exercise]}-{field}" if field else key
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def _doses(routine) -> list[tuple]:
    return list(
        routine.items.order_by("position").values_list(
            "exercise__name", "sets", "repetitions", "hold_seconds", "per_side"
        )
    )


def _order(routine) -> list[tuple[str, int]]:
    return list(routine.items.order_by("position").values_list("exercise__name", "position"))


def _item(routine, name):
    return routine.items.get(exercise__name=name)


def test_two_doses_changed_in_one_save_are_both_saved(alice_client, alice):
    """Issue 14: change two exercises, save the second, and the first was silently dropped."""
    routine = _routine(alice)
    data = _form_data(
        routine, name="Evenings", A__sets="3", C__repetitions="12", C__per_side="on", save="1"
    )
    response = alice_client.post(_edit_url(routine), data, follow=True)
    routine.refresh_from_db()
    assert routine.name == "Evenings"
    assert _doses(routine) == [
        ("A", 3, 5, 10, False),
        ("B", 1, 5, 10, False),
        ("C", 1, 12, 10, True),
    ]
    assert "Routine saved." in response.content.decode()


def test_enter_in_a_field_saves_like_the_save_button(alice_client, alice):
    routine = _routine(alice)
    response = alice_client.post(_edit_url(routine), _form_data(routine, B__hold_seconds=""))
    assert response.status_code == 302
    assert _item(routine, "B").hold_seconds is None


def test_an_invalid_dose_saves_nothing_and_shows_every_typed_value(alice_client, alice):
    routine = _routine(alice)
    data = _form_data(
        routine, name="Evenings", A__sets="4", B__repetitions="500", C__hold_seconds="x", save="1"
    )
    response = alice_client.post(_edit_url(routine), data)
    assert response.status_code == 200
    routine.refresh_from_db()
    assert routine.name == "Mornings"
    assert _doses(routine) == [(name, 1, 5, 10, False) for name in "ABC"]
    html = response.content.decode()
    assert "nothing has been saved yet" in html
    summary = html.split('id="form-errors"')[1].split("</div>")[0]
    b, c = _item(routine, "B").pk, _item(routine, "C").pk
    assert f'href="#id_item-{b}-repetitions"' in summary
    assert "B, repetitions: Ensure this value is less than or equal to 100." in summary
    assert f'href="#id_item-{c}-hold_seconds"' in summary
    # Every typed value is shown again, the wrong ones too, each error beside its field.
    assert 'value="Evenings"' in html
    assert f'name="item-{_item(routine, "A").pk}-sets" value="4"' in html
    assert f'name="item-{b}-repetitions" value="500"' in html
    assert f'name="item-{c}-hold_seconds" value="x"' in html
    # The error sits under its field and the field is described by it.
    assert f'id="id_item-{b}-repetitions_error"' in html
    assert f'aria-describedby="id_item-{b}-repetitions_error"' in html
    # The heading keeps the saved name while the typed one waits to be saved.
    assert "<h1>Edit Mornings</h1>" in html


def test_an_empty_name_is_refused_and_nothing_is_saved(alice_client, alice):
    routine = _routine(alice)
    data = _form_data(routine, name="", A__sets="2")
    response = alice_client.post(_edit_url(routine), data)
    assert response.status_code == 200
    assert 'href="#id_name"' in response.content.decode()
    assert _item(routine, "A").sets == 1


def test_moving_an_exercise_keeps_and_saves_the_doses_typed(alice_client, alice):
    routine = _routine(alice)
    c = _item(routine, "C")
    data = _form_data(routine, A__sets="2", C__repetitions="9", move_up=str(c.pk))
    response = alice_client.post(_edit_url(routine), data)
    assert _order(routine) == [("A", 1), ("C", 2), ("B", 3)]
    assert _doses(routine)[0][1] == 2
    assert _doses(routine)[1][2] == 9
    # Back to the moved exercise, its Move up button named in the address for the focus.
    assert response.url == _edit_url(routine) + f"#item-{c.pk}-move_up"
    page = alice_client.get(response.url).content.decode()
    assert "Routine saved; C moved to number 2." in page
    assert f'id="item-{c.pk}-move_up"' in page


def test_moving_to_an_end_returns_to_the_button_still_enabled(alice_client, alice):
    routine = _routine(alice)
    a, b = _item(routine, "A"), _item(routine, "B")
    response = alice_client.post(_edit_url(routine), _form_data(routine, move_up=str(b.pk)))
    assert _order(routine) == [("B", 1), ("A", 2), ("C", 3)]
    assert response.url.endswith(f"#item-{b.pk}-move_down")
    response = alice_client.post(_edit_url(routine), _form_data(routine, move_down=str(a.pk)))
    assert _order(routine) == [("B", 1), ("C", 2), ("A", 3)]
    assert response.url.endswith(f"#item-{a.pk}-move_up")
    # Already last: nothing moves.
    alice_client.post(_edit_url(routine), _form_data(routine, move_down=str(a.pk)))
    assert _order(routine) == [("B", 1), ("C", 2), ("A", 3)]


def test_a_move_with_an_invalid_dose_moves_and_saves_nothing(alice_client, alice):
    routine = _routine(alice)
    c = _item(routine, "C")
    data = _form_data(routine, A__sets="2", B__sets="0", move_up=str(c.pk))
    response = alice_client.post(_edit_url(routine), data)
    assert response.status_code == 200
    assert _order(routine) == [("A", 1), ("B", 2), ("C", 3)]
    assert _item(routine, "A").sets == 1
    assert f'name="item-{_item(routine, "A").pk}-sets" value="2"' in response.content.decode()


def test_removing_an_exercise_saves_the_others_and_closes_the_gap(alice_client, alice):
    routine = _routine(alice)
    a = _item(routine, "A")
    # A wrong value in the exercise being removed does not stop its removal.
    data = _form_data(routine, A__sets="99", C__sets="3", remove=str(a.pk))
    response = alice_client.post(_edit_url(routine), data, follow=True)
    assert _order(routine) == [("B", 1), ("C", 2)]
    assert _doses(routine)[1][1] == 3
    assert "Routine saved; A removed." in response.content.decode()


def test_adding_an_exercise_saves_the_doses_typed(alice_client, alice):
    routine = _routine(alice)
    knee_hug = ExerciseFactory(name="Knee hug", repetitions_min=3, hold_seconds_min=20)
    data = _form_data(routine, B__sets="2", **{"add-exercise": str(knee_hug.pk), "add": "1"})
    response = alice_client.post(_edit_url(routine), data)
    added = _item(routine, "Knee hug")
    assert (added.position, added.repetitions, added.hold_seconds) == (4, 3, 20)
    assert _item(routine, "B").sets == 2
    assert response.url.endswith(f"#item-{added.pk}")


def test_an_exercise_chosen_but_not_added_is_added_by_save(alice_client, alice):
    routine = _routine(alice)
    exercise = ExerciseFactory(name="Bridge")
    data = _form_data(routine, **{"add-exercise": str(exercise.pk), "save": "1"})
    response = alice_client.post(_edit_url(routine), data, follow=True)
    assert _order(routine)[-1] == ("Bridge", 4)
    assert "Routine saved. Bridge added at the end." in response.content.decode()


def test_add_with_no_exercise_chosen_says_so_and_saves_nothing(alice_client, alice):
    routine = _routine(alice)
    data = _form_data(routine, A__sets="2", **{"add-exercise": "", "add": "1"})
    response = alice_client.post(_edit_url(routine), data)
    assert response.status_code == 200
    assert "Add an exercise: Choose an exercise to add." in response.content.decode()
    assert _item(routine, "A").sets == 1
    assert routine.items.count() == 3


def test_a_full_routine_takes_no_more_exercises_and_saves_nothing(alice_client, alice):
    routine = _routine(alice, names=[f"E{n}" for n in range(MAX_ITEMS)])
    data = _form_data(
        routine, E0__sets="2", **{"add-exercise": str(ExerciseFactory().pk), "add": "1"}
    )
    response = alice_client.post(_edit_url(routine), data)
    assert response.status_code == 200
    assert "A routine can hold at most 20 exercises." in response.content.decode()
    assert routine.items.count() == MAX_ITEMS
    assert _item(routine, "E0").sets == 1


def test_an_exercise_added_in_another_tab_keeps_its_dose(alice_client, alice):
    routine = _routine(alice)
    data = _form_data(routine, A__sets="2")
    RoutineItemFactory(routine=routine, exercise__name="D", position=4, sets=3)
    alice_client.post(_edit_url(routine), data)
    assert [dose[:2] for dose in _doses(routine)] == [("A", 2), ("B", 1), ("C", 1), ("D", 3)]


def test_a_button_naming_an_exercise_of_another_routine_only_saves(alice_client, alice, bob):
    routine = _routine(alice)
    bobs = RoutineItemFactory(routine__owner=bob)
    response = alice_client.post(
        _edit_url(routine), _form_data(routine, A__sets="2", remove=str(bobs.pk))
    )
    assert response.status_code == 302
    assert _item(routine, "A").sets == 2
    assert routine.items.count() == 3
    assert RoutineItem.objects.filter(pk=bobs.pk).exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_visitor_is_sent_to_log_in(client, alice, method):
    routine = _routine(alice)
    response = getattr(client, method)(_edit_url(routine), _form_data(routine, A__sets="2"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert _item(routine, "A").sets == 1


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_user_gets_404_and_changes_nothing(bob_client, alice, method):
    routine = _routine(alice)
    a = _item(routine, "A")
    data = _form_data(routine, name="Bob's", A__sets="2", remove=str(a.pk))
    assert getattr(bob_client, method)(_edit_url(routine), data).status_code == 404
    routine.refresh_from_db()
    assert routine.name == "Mornings"
    assert _doses(routine)[0] == ("A", 1, 5, 10, False)
    assert routine.items.count() == 3


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_curated_routine_cannot_be_edited(alice_client, library, method):
    curated_routines_load()
    curated = Routine.objects.get(key="gentle-relief")
    before = _doses(curated)
    data = _form_data(curated, name="Mine")
    assert getattr(alice_client, method)(_edit_url(curated), data).status_code == 404
    assert _doses(curated) == before


@pytest.mark.parametrize("count", [1, 8])
def test_the_editor_query_count_is_fixed(alice_client, alice, django_assert_num_queries, count):
    routine = _routine(alice, names=[f"E{n}" for n in range(count)])
    # 5 queries: the login session, the user,
    # the routine, its items with their exercises, and the library for the exercise picker.
    with django_assert_num_queries(5):
        response = alice_client.get(_edit_url(routine))
    assert len(response.context["items"]) == count


@pytest.mark.parametrize("count", [1, 8])
def test_saving_the_editor_query_count_is_fixed(
    alice_client, alice, django_assert_num_queries, count
):
    routine = _routine(alice, names=[f"E{n}" for n in range(count)])
    data = _form_data(routine, name="Evenings", E0__sets="2", save="1")
    # 12 queries: the request transaction's savepoint and release, the login session, the user,
    # the routine, its items with their exercises; then the service's savepoint and release,
    # its lock on the routine, the routine's update, the items to change and one update for all
    # of them.
    with django_assert_num_queries(12):
        response = alice_client.post(_edit_url(routine), data)
    assert response.status_code == 302
    assert _item(routine, "E0").sets == 2


def test_the_service_saves_nothing_when_a_dose_is_out_of_bounds(alice):
    routine = _routine(alice)
    a, b = _item(routine, "A"), _item(routine, "B")
    good = {"sets": 2, "repetitions": 5, "hold_seconds": 10, "per_side": False}
    with pytest.raises(ValidationError):
        routine_update(
            routine=routine,
            name="Evenings",
            description="",
            doses={a.pk: good, b.pk: {**good, "hold_seconds": 601}},
        )
    routine.refresh_from_db()
    assert routine.name == "Mornings"
    assert _doses(routine)[0][1] == 1
