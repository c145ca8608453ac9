"""The session form: exercises skipped, pain during rated with buttons, and its cost."""

import datetime

import pytest
from django.urls import reverse
from django.utils.html import escape

from logbook.models import ExerciseEntry, Session
from tests.factories import (
    ExerciseEntryFactory,
    RoutineFactory,
    RoutineItemFactory,
    SessionFactory,
    entry_form_data,
    session_form_data,
)
from tests.logbook.conftest import CREATE_URL, LIST_URL, TODAY

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


# The form's HTML: written in Python (logbook/widgets.py), with what crispy used to give


def test_an_entry_rates_pain_during_with_buttons_and_starts_not_rated(alice_client, knee_hug):
    content = alice_client.get(CREATE_URL, {"exercise": knee_hug.slug}).content.decode()
    for value in range(11):
        assert f'name="entries-0-pain_during" id="id_entries-0-pain_during_{value}"' in content
    assert (
        'type="radio" name="entries-0-pain_during" id="id_entries-0-pain_during_none" '
        'value="" checked>'
    ) in content
    assert '<select name="entries-0-pain_during"' not in content


def test_an_error_marks_its_input_invalid_and_describes_it_with_the_message(alice_client, knee_hug):
    data = session_form_data(entry_form_data(knee_hug, sets="0"), pain_before="")
    content = alice_client.post(CREATE_URL, data).content.decode()
    assert (
        '<input type="number" name="entries-0-sets" value="0" min="1" inputmode="numeric" '
        'max="10" aria-invalid="true" aria-describedby="id_entries-0-sets_error" '
        'id="id_entries-0-sets" class="form-control is-invalid">'
    ) in content
    assert '<div class="invalid-feedback d-block" id="id_entries-0-sets_error">' in content
    # A group of radio buttons: the fieldset is marked and described instead.
    assert (
        '<fieldset class="pain-scale mb-3 is-invalid" aria-describedby="id_pain_before_error">'
    ) in content


def test_labels_help_text_and_required_inputs_are_kept(alice_client, knee_hug):
    content = alice_client.get(CREATE_URL, {"exercise": knee_hug.slug}).content.decode()
    assert (
        '<label class="form-label" for="id_entries-0-sets">Sets'
        '<span class="asteriskField" aria-hidden="true">*</span></label>'
    ) in content
    assert 'aria-describedby="id_started_at_helptext"' in content
    assert '<div class="form-text" id="id_started_at_helptext">Optional.</div>' in content
    # Required inputs say so; an optional one (a hold, for an exercise without) does not.
    assert (
        '<input type="number" name="entries-0-repetitions" value="3" min="0" inputmode="numeric" '
        'max="100" required id="id_entries-0-repetitions" class="form-control">'
    ) in content
    assert (
        '<input type="number" name="entries-0-hold_seconds" value="20" min="1" '
        'inputmode="numeric" max="600" id="id_entries-0-hold_seconds" class="form-control">'
    ) in content


@pytest.fixture
def routine_and_history(alice, knee_hug, bridge, request):
    """Alice's routine of six exercises, and a history of the given number of its sessions."""
    routine = RoutineFactory(owner=alice)
    for position, exercise in enumerate([knee_hug, bridge] * 3, start=1):
        RoutineItemFactory(routine=routine, exercise=exercise, position=position)
    sessions = SessionFactory.create_batch(
        request.param, user=alice, routine=routine, date=TODAY - datetime.timedelta(days=1)
    )
    ExerciseEntry.objects.bulk_create(
        ExerciseEntry(session=s, exercise=knee_hug, position=p, repetitions=3, pain_during=2)
        for s in sessions
        for p in range(1, 7)
    )
    return routine, sessions[0]


@pytest.mark.parametrize("routine_and_history", [1, 200], indirect=True)
def test_the_form_pages_query_the_same_whatever_the_history(
    alice_client, routine_and_history, django_assert_num_queries
):
    routine, session = routine_and_history
    # 5 queries each: the login session, the
    # user, the library; and the routine and its items, or the session and its entries.
    pages = [
        (CREATE_URL, {"routine": routine.pk}),
        (reverse("logbook:session_update", args=[session.pk]), {}),
        (reverse("logbook:session_repeat", args=[session.pk]), {}),
    ]
    for url, query in pages:
        with django_assert_num_queries(5):
            response = alice_client.get(url, query)
        assert len(response.context["cards"]) == 6
        # A phone on a slow line loads it at once: six exercises, under 60 KB.
        assert len(response.content) < 60_000


def test_editing_shows_a_skipped_exercise_as_skipped_and_not_rated(alice_client, alice, bridge):
    entry = ExerciseEntryFactory(
        session__user=alice, exercise=bridge, status="skipped", pain_during=None
    )
    url = reverse("logbook:session_update", args=[entry.session.pk])
    content = alice_client.get(url).content.decode()
    assert '<option value="skipped" selected>Skipped</option>' in content
    assert 'id="id_entries-0-pain_during_none" value="" checked>' in content


def test_every_id_on_the_session_form_is_unique(alice_client, knee_hug, bridge):
    """A label, an error and aria-describedby point at one element each."""
    import collections
    import re

    content = alice_client.get(CREATE_URL, {"exercise": knee_hug.pk}).content.decode()
    ids = collections.Counter(re.findall(r'\sid="([^"]+)"', content))
    assert [name for name, count in ids.items() if count > 1] == []
    assert 'id="id_effort_0"' in content
