import datetime

import pytest
from django.urls import reverse
from django.utils.html import escape

from exercises.models import Exercise
from logbook.models import ExerciseEntry, Session
from tests.factories import (
    ExerciseEntryFactory,
    ExerciseFactory,
    RoutineFactory,
    SessionFactory,
    entry_form_data,
    session_form_data,
)
from tests.logbook.conftest import CREATE_URL, LIST_URL, NOON_UTC, TODAY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("noon")]


# Creating a session


def test_new_session_form_starts_on_the_users_today(alice_client):
    response = alice_client.get(CREATE_URL)
    content = response.content.decode()
    assert response.status_code == 200
    assert 'value="2026-11-23"' in content
    assert 'max="2026-11-23"' in content
    assert 'name="submission_token"' in content


def test_starting_from_an_exercise_page_prefills_its_gentle_dose(alice_client, knee_hug):
    response = alice_client.get(CREATE_URL, {"exercise": knee_hug.slug})
    formset = response.context["formset"]
    assert [form.initial for form in formset] == [
        {
            "exercise": knee_hug.pk,
            "sets": 1,
            "repetitions": 3,
            "hold_seconds": 20,
            "side": "both",
            "status": "completed",
        }
    ]


def test_add_keeps_everything_typed_and_saves_nothing(alice_client, knee_hug, bridge):
    data = session_form_data(
        entry_form_data(knee_hug, repetitions="4", pain_during="3", sharp_pain="on"),
        pain_before="6",
        notes="Stiff this morning",
        add_exercise=str(bridge.pk),
        add="1",
    )
    response = alice_client.post(CREATE_URL, data)
    content = response.content.decode()
    assert response.status_code == 200
    assert not Session.objects.exists()
    forms = response.context["formset"].forms
    assert [form["exercise"].value() for form in forms] == [str(knee_hug.pk), bridge.pk]
    assert forms[0]["repetitions"].value() == "4"
    assert forms[0]["sharp_pain"].value() is True
    assert forms[1]["repetitions"].value() == 5
    assert response.context["form"]["pain_before"].value() == "6"
    assert "Stiff this morning" in content
    assert "Added Bridge." in content
    assert data["submission_token"] in content


def test_remove_drops_only_that_entry(alice_client, knee_hug, bridge):
    data = session_form_data(
        entry_form_data(knee_hug, repetitions="4"),
        entry_form_data(bridge, repetitions="7"),
        remove="0",
    )
    response = alice_client.post(CREATE_URL, data)
    forms = response.context["formset"].forms
    assert [(form["exercise"].value(), form["repetitions"].value()) for form in forms] == [
        (str(bridge.pk), "7")
    ]
    assert not Session.objects.exists()


def test_saving_stores_the_session_and_its_entries_together(alice_client, alice, knee_hug, bridge):
    data = session_form_data(
        entry_form_data(knee_hug, hold_seconds="25", side="both", pain_during="1"),
        entry_form_data(bridge, repetitions="8", pain_during="3"),
        started_at="07:30",
        notes="Good",
    )
    response = alice_client.post(CREATE_URL, data, follow=True)
    session = Session.objects.get()
    assert response.redirect_chain == [(session.get_absolute_url(), 302)]
    assert (session.user, session.date, session.started_at) == (alice, TODAY, datetime.time(7, 30))
    entries = session.entries.values_list(
        "position", "exercise__name", "repetitions", "hold_seconds"
    )
    assert list(entries) == [(1, "Knee hug", 5, 25), (2, "Bridge", 8, None)]
    assert "Session saved." in response.content.decode()


def test_posting_the_same_form_twice_saves_one_session(alice_client, knee_hug):
    data = session_form_data(entry_form_data(knee_hug))
    first = alice_client.post(CREATE_URL, data)
    second = alice_client.post(CREATE_URL, data, follow=True)
    session = Session.objects.get()
    assert first.url == session.get_absolute_url()
    assert second.redirect_chain == [(session.get_absolute_url(), 302)]
    assert "already saved" in second.content.decode()
    assert ExerciseEntry.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "entry_changes", "message"),
    [
        ({"pain_before": "11"}, {}, "Pain is rated from 0 (no pain) to 10"),
        ({"pain_after": "abc"}, {}, "Pain is rated from 0 (no pain) to 10"),
        ({"date": "2026-11-24"}, {}, "The date can&#x27;t be in the future"),
        ({}, {"repetitions": "-5"}, "greater than or equal to 0"),
        ({}, {"sets": "1000000000000"}, "less than or equal to 10"),
        ({}, {"hold_seconds": "twenty"}, "Enter a whole number."),
        ({}, {"exercise": ""}, "Pick an exercise."),
        ({}, {"pain_during": "<script>alert(1)</script>"}, "Pain is rated from 0"),
    ],
)
def test_invalid_input_is_shown_again_with_a_message_and_nothing_saved(
    alice_client, knee_hug, changes, entry_changes, message
):
    data = session_form_data(entry_form_data(knee_hug, **entry_changes), notes="Keep me", **changes)
    response = alice_client.post(CREATE_URL, data)
    content = response.content.decode()
    assert response.status_code == 200
    assert message in content
    assert "Keep me" in content
    assert "nothing has been saved yet" in content
    assert "<script>alert(1)</script>" not in content
    assert not Session.objects.exists()


def test_a_session_needs_at_least_one_exercise(alice_client):
    response = alice_client.post(CREATE_URL, session_form_data())
    assert "Add at least one exercise to the session." in response.content.decode()
    assert not Session.objects.exists()


@pytest.mark.parametrize("total", ["abc", "-1", "100000", ""])
def test_a_tampered_entry_count_is_an_error_message_not_a_crash(alice_client, knee_hug, total):
    data = {**session_form_data(entry_form_data(knee_hug)), "entries-TOTAL_FORMS": total}
    for action in ({}, {"add": "1", "add_exercise": str(knee_hug.pk)}, {"remove": "0"}):
        response = alice_client.post(CREATE_URL, {**data, **action})
        assert response.status_code == 200
    assert not Session.objects.exists()


def test_add_without_choosing_an_exercise_says_so(alice_client):
    response = alice_client.post(CREATE_URL, session_form_data(add="1", add_exercise=""))
    assert "Choose an exercise from the list, then press Add." in response.content.decode()


# History, detail, edit, delete, log again


def test_history_lists_my_sessions_newest_first_with_flags(alice_client, alice, bob):
    old = ExerciseEntryFactory(
        session__user=alice, session__date=datetime.date(2026, 11, 1)
    ).session
    new = ExerciseEntryFactory(
        session__user=alice, session__date=datetime.date(2026, 11, 20), pain_during=8
    ).session
    ExerciseEntryFactory(session__user=bob)
    response = alice_client.get(LIST_URL)
    assert list(response.context["page"]) == [new, old]
    assert response.content.decode().count("flagged</span>") == 1


def test_history_is_paginated(alice_client, alice):
    SessionFactory.create_batch(25, user=alice)

    def shown(page) -> int:
        return alice_client.get(LIST_URL, {"page": page}).content.decode().count("pain-change")

    assert (shown(1), shown(2), shown("x"), shown("²"), shown(99)) == (20, 5, 20, 20, 5)


@pytest.mark.parametrize("count", [1, 200])
def test_history_query_count_does_not_grow_with_history(
    alice_client, alice, django_assert_num_queries, count
):
    exercise = ExerciseFactory()
    sessions = SessionFactory.create_batch(count, user=alice)
    ExerciseEntry.objects.bulk_create(
        ExerciseEntry(session=s, exercise=exercise, position=1, repetitions=5, pain_during=2)
        for s in sessions
    )
    # 6 queries: the login session, the user,
    # the logbook's change stamp, the page count, the page of sessions, their entries with the
    # exercises' names.
    with django_assert_num_queries(6):
        response = alice_client.get(LIST_URL)
    assert len(response.context["page"]) == min(count, 20)
    # Unchanged logbook: the page comes from the cache after the change stamp.
    with django_assert_num_queries(3):
        cached = alice_client.get(LIST_URL).content.decode()
    assert cached.count('class="pain-change"') == min(count, 20)


@pytest.mark.parametrize(("entry_count", "from_routine"), [(1, False), (20, False), (20, True)])
def test_session_detail_query_count_is_fixed(
    alice_client, alice, django_assert_num_queries, entry_count, from_routine
):
    routine = RoutineFactory(owner=alice) if from_routine else None
    session = SessionFactory(user=alice, pain_after=9, routine=routine)
    for position in range(1, entry_count + 1):
        ExerciseEntryFactory(
            session=session,
            position=position,
            pain_during=7,
            exercise__easier_variation=ExerciseFactory(),
        )
    # 5 queries: the login session, the user, the session with its routine, its entries with
    # exercises and their easier variations, and the unread lessons (one to offer); one more
    # for the routine's doses when there is one.
    with django_assert_num_queries(5 + from_routine):
        response = alice_client.get(session.get_absolute_url())
    assert response.status_code == 200


def test_editing_a_session_replaces_its_entries(alice_client, alice, knee_hug, bridge):
    session = ExerciseEntryFactory(
        session__user=alice, session__date=TODAY, exercise=knee_hug
    ).session
    form = alice_client.get(reverse("logbook:session_update", args=[session.pk])).context["formset"]
    assert [f.initial["exercise"] for f in form] == [knee_hug.pk]
    data = session_form_data(
        entry_form_data(bridge, repetitions="6"), pain_after="1", notes="Edited"
    )
    response = alice_client.post(reverse("logbook:session_update", args=[session.pk]), data)
    session.refresh_from_db()
    assert response.url == session.get_absolute_url()
    assert (session.pain_after, session.notes) == (1, "Edited")
    assert list(session.entries.values_list("exercise__name", "repetitions")) == [("Bridge", 6)]
    assert Session.objects.count() == 1


def test_deleting_asks_first_then_removes_the_session_and_entries(alice_client, alice):
    session = ExerciseEntryFactory(
        session__user=alice, session__date=datetime.date(2026, 9, 7)
    ).session
    url = reverse("logbook:session_delete", args=[session.pk])
    assert "cannot be undone" in alice_client.get(url).content.decode()
    assert Session.objects.exists()
    response = alice_client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == LIST_URL
    assert "The session of 7 Sep 2026 was deleted." in response.content.decode()
    assert not Session.objects.exists()
    assert not ExerciseEntry.objects.exists()


def test_log_again_copies_the_exercises_for_today(alice_client, alice, knee_hug, bridge):
    session = SessionFactory(user=alice, date=datetime.date(2026, 11, 1))
    ExerciseEntryFactory(session=session, exercise=bridge, position=1, repetitions=7, pain_during=4)
    ExerciseEntryFactory(session=session, exercise=knee_hug, position=2, hold_seconds=30)
    response = alice_client.get(reverse("logbook:session_repeat", args=[session.pk]))
    forms = response.context["formset"].forms
    assert [(f.initial["exercise"], f.initial.get("repetitions")) for f in forms] == [
        (bridge.pk, 7),
        (knee_hug.pk, 5),
    ]
    assert "pain_during" not in forms[0].initial
    assert response.context["form"].initial["date"] == TODAY
    assert response.context["session"] is None


def test_every_logbook_page_links_to_the_warning_signs(alice_client, alice):
    session = ExerciseEntryFactory(session__user=alice).session
    for url in [
        LIST_URL,
        CREATE_URL,
        session.get_absolute_url(),
        reverse("logbook:session_update", args=[session.pk]),
        reverse("logbook:session_delete", args=[session.pk]),
        reverse("logbook:session_repeat", args=[session.pk]),
    ]:
        assert reverse("red_flags") in alice_client.get(url).content.decode(), url


def test_exercise_page_offers_to_log_it(alice_client, knee_hug):
    content = alice_client.get(knee_hug.get_absolute_url()).content.decode()
    assert f"{CREATE_URL}?exercise={knee_hug.slug}" in content


def test_library_exercises_appear_in_the_picker(alice_client, library):
    content = alice_client.get(CREATE_URL).content.decode()
    for exercise in Exercise.objects.all():
        assert f'<option value="{exercise.pk}">{escape(exercise.name)}</option>' in content


def test_a_session_cannot_claim_someone_elses_routine(alice_client, bob, knee_hug):
    routine = RoutineFactory(owner=bob)
    response = alice_client.post(
        CREATE_URL, session_form_data(entry_form_data(knee_hug), routine=str(routine.pk))
    )
    assert "That routine is not available to you" in response.content.decode()
    assert not Session.objects.exists()


def test_history_asks_about_yesterdays_morning_until_it_is_answered(
    alice_client, alice, frozen_now
):
    day = alice.today() - datetime.timedelta(days=1)
    yesterday = SessionFactory(user=alice, date=day, next_morning="")
    question = f"The morning after {day.day} {day:%b %Y}"
    assert question in alice_client.get(LIST_URL).content.decode()
    assert question in alice_client.get(LIST_URL).content.decode()  # from the cache
    frozen_now(NOON_UTC + datetime.timedelta(minutes=5))  # the answer comes a little later
    alice_client.post(
        reverse("logbook:session_next_morning", args=[yesterday.pk]), {"next_morning": "same"}
    )
    assert question not in alice_client.get(LIST_URL).content.decode()
