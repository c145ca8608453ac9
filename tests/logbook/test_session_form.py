"""The session form: exercises skipped, pain during rated with buttons, and its cost."""

import pytest
from django.utils.html import escape

from logbook.models import Session
from tests.factories import (
    ExerciseEntryFactory,
    RoutineFactory,
    entry_form_data,
    session_form_data,
)
from tests.logbook.conftest import CREATE_URL, LIST_URL

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("noon")]


def test_a_skipped_exercise_is_saved_without_a_pain_rating(alice_client, knee_hug, bridge):
    data = session_form_data(
        entry_form_data(knee_hug, pain_during="2"),
        entry_form_data(bridge, pain_during="", status="skipped"),
    )
    response = alice_client.post(CREATE_URL, data)
    session = Session.objects.get()
    assert response.url == session.get_absolute_url()
    entries = list(session.entries.values_list("exercise__name", "status", "pain_during"))
    assert entries == [("Knee hug", "completed", 2), ("Bridge", "skipped", None)]
    page = alice_client.get(session.get_absolute_url()).content.decode()
    assert "Skipped: not done in this session." in page


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            {"pain_during": "", "status": "completed"},
            "Rate the pain during it from 0 (no pain) to 10 (worst imaginable); only a skipped "
            "exercise is not rated.",
        ),
        (
            {"pain_during": "", "status": "stopped"},
            "only a skipped exercise is not rated.",
        ),
        (
            {"pain_during": "4", "status": "skipped"},
            "A skipped exercise has no pain during: not rated.",
        ),
        (
            {"pain_during": "", "status": "skipped", "sharp_pain": "on"},
            "A skipped exercise had no sharp pain.",
        ),
    ],
    ids=["completed-unrated", "stopped-unrated", "skipped-rated", "skipped-sharp"],
)
def test_pain_during_is_rated_for_an_exercise_done_and_only_then(
    alice_client, knee_hug, bridge, entry, message
):
    data = session_form_data(entry_form_data(knee_hug), entry_form_data(bridge, **entry))
    content = alice_client.post(CREATE_URL, data).content.decode()
    assert message in content
    assert not Session.objects.exists()


def test_a_session_of_skipped_exercises_only_is_not_saved(alice_client, knee_hug):
    data = session_form_data(entry_form_data(knee_hug, pain_during="", status="skipped"))
    content = alice_client.post(CREATE_URL, data).content.decode()
    assert "Every exercise is marked skipped: a session needs at least one you did." in content
    assert not Session.objects.exists()


def test_the_session_page_names_its_routine_and_history_marks_a_skipped_exercise(
    alice_client, alice, knee_hug, bridge
):
    routine = RoutineFactory(owner=alice, name="Alice's mornings")
    done = ExerciseEntryFactory(session__user=alice, session__routine=routine, exercise=knee_hug)
    ExerciseEntryFactory(session=done.session, exercise=bridge, status="skipped", pain_during=None)
    page = alice_client.get(done.session.get_absolute_url()).content.decode()
    assert f'<a href="{routine.get_absolute_url()}">{escape(routine.name)}</a>' in page
    history = alice_client.get(LIST_URL).content.decode()
    assert "Knee hug, Bridge (skipped)" in history
