"""Regression tests for the smaller findings of the attack run (issue #11: findings 5, 6 and 8).
Each failed on the code before the fix."""

import datetime
import uuid

import pytest
from django.urls import reverse

from logbook.models import Routine, RoutineItem, Session
from logbook.services import routines as services
from tests.factories import (
    ExerciseEntryFactory,
    RoutineFactory,
    RoutineItemFactory,
    UserFactory,
    entry_form_data,
    session_form_data,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("what", ["create", "copy"])
def test_two_posts_of_one_form_at_once_make_one_routine_and_no_error_page(
    alice_client, alice, monkeypatch, what
):
    """Finding 5: the second post checked for the token before the first had committed."""
    source = RoutineItemFactory(routine__owner=alice).routine
    token = str(uuid.uuid4())
    url, data = {
        "create": (reverse("logbook:routine_create"), {"name": "Evenings", "description": ""}),
        "copy": (reverse("logbook:routine_copy", args=[source.pk]), {}),
    }[what]
    first = alice_client.post(url, {**data, "submission_token": token})
    real, calls = services._existing, []

    def too_early(user, token):
        calls.append(token)
        return None if len(calls) == 1 else real(user, token)

    monkeypatch.setattr(services, "_existing", too_early)
    second = alice_client.post(url, {**data, "submission_token": token})
    assert second.status_code == first.status_code == 302
    assert second.url == first.url
    assert Routine.objects.filter(owner=alice, submission_token=token).count() == 1


@pytest.mark.parametrize("name", ["export_csv", "export_json"])
def test_a_username_outside_latin1_still_names_the_download(client, name):
    """Finding 6: a Chinese or Arabic username broke the Content-Disposition header."""
    client.force_login(UserFactory(username="张伟"))
    response = client.get(reverse(f"accounts:{name}"))
    disposition = response["Content-Disposition"]
    disposition.encode("latin-1")  # what an HTTP header must be
    extension = name.removeprefix("export_")
    assert disposition.startswith("attachment; filename*=utf-8''backcare-%E5%BC%A0%E4%BC%9F-")
    assert disposition.endswith(f".{extension}")


def test_dose_inputs_tell_the_browser_the_limits_the_server_keeps(alice_client, alice):
    """Finding 8: the routine's dose inputs said min="0" while the server wants 1 or more."""
    item = RoutineItemFactory(routine__owner=alice)
    content = alice_client.get(reverse("logbook:routine_update", args=[item.routine.pk]))
    html = content.content.decode()
    for name, low, high in [("sets", 1, 10), ("repetitions", 1, 100), ("hold_seconds", 1, 600)]:
        assert f'name="item-{item.pk}-{name}"' in html
        field = html.split(f'name="item-{item.pk}-{name}"')[1].split(">")[0]
        assert f'min="{low}"' in field, name
        assert f'max="{high}"' in field, name


def test_a_logged_entry_may_record_no_repetitions(alice_client):
    """An exercise stopped in its first repetition records none: its input allows 0."""
    slug = RoutineItemFactory().exercise.slug
    form = alice_client.get(reverse("logbook:session_create"), {"exercise": slug})
    repetitions = form.content.decode().split('name="entries-0-repetitions"')[1].split(">")[0]
    assert 'min="0"' in repetitions


@pytest.mark.parametrize(
    ("button", "moved"), [("move_down", True), ("move_sideways", False), ("direction", False)]
)
def test_only_up_or_down_moves_an_exercise(alice_client, alice, button, moved):
    """Finding 8: any direction other than "up" moved the item down."""
    routine = RoutineFactory(owner=alice)
    first = RoutineItemFactory(routine=routine, position=1)
    RoutineItemFactory(routine=routine, position=2)
    alice_client.post(
        reverse("logbook:routine_update", args=[routine.pk]),
        {"name": routine.name, button: first.pk},
    )
    first.refresh_from_db()
    assert first.position == (2 if moved else 1)


def test_a_session_stays_editable_after_a_change_of_time_zone(client, frozen_now):
    """Finding 8: a session dated today in Tokyo could not be edited once the person moved to
    New York, where that date is still tomorrow."""
    frozen_now(datetime.datetime(2026, 11, 23, 20, 0, tzinfo=datetime.UTC))  # 24 Nov in Tokyo
    user = UserFactory(time_zone="Asia/Tokyo")
    entry = ExerciseEntryFactory(session__user=user, session__date=datetime.date(2026, 11, 24))
    user.time_zone = "America/New_York"  # 23 Nov there
    user.save()
    client.force_login(user)
    data = session_form_data(entry_form_data(entry.exercise), date="2026-11-24", notes="Edited")
    response = client.post(reverse("logbook:session_update", args=[entry.session.pk]), data)
    assert response.status_code == 302
    session = Session.objects.get(pk=entry.session.pk)
    assert (session.date, session.notes) == (datetime.date(2026, 11, 24), "Edited")
    # A new session still cannot be dated tomorrow.
    response = client.post(reverse("logbook:session_create"), data)
    assert "The date can&#x27;t be in the future" in response.content.decode()
    assert RoutineItem.objects.count() == 0
