"""What the session pages say when a session hurt, and the next-morning check."""

import datetime

import pytest
from django.urls import reverse

from logbook.models import Session
from tests.factories import (
    ExerciseEntryFactory,
    SessionFactory,
    entry_form_data,
    session_form_data,
)
from tests.logbook.conftest import CREATE_URL, LIST_URL, NOON_UTC, TODAY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("noon")]


# Safety responses


def test_pain_above_five_during_an_exercise_points_to_the_easier_variation(
    alice_client, knee_hug, bridge
):
    alice_client.post(CREATE_URL, session_form_data(entry_form_data(bridge, pain_during="7")))
    response = alice_client.get(Session.objects.get().get_absolute_url())
    content = response.content.decode()
    assert "pain during was 7 out of 10" in content
    assert (
        f'<a href="{knee_hug.get_absolute_url()}">Try the easier variation, Knee hug, for now.</a>'
        in content
    )
    assert reverse("red_flags") in content


def test_sharp_pain_flags_the_session_even_at_low_pain(alice_client, knee_hug):
    alice_client.post(
        CREATE_URL, session_form_data(entry_form_data(knee_hug, pain_during="2", sharp_pain="on"))
    )
    content = alice_client.get(Session.objects.get().get_absolute_url()).content.decode()
    assert "you felt a sharp pain" in content
    # Knee hug has no easier variation: two repetitions fewer than the 5 done is the gentler step.
    assert "Do 3 repetitions instead." in content


def test_pain_rising_two_points_is_called_out(alice_client, knee_hug):
    alice_client.post(
        CREATE_URL, session_form_data(entry_form_data(knee_hug), pain_before="2", pain_after="4")
    )
    content = alice_client.get(Session.objects.get().get_absolute_url()).content.decode()
    assert "Your pain rose from 2 before the session to 4 after it." in content


def test_a_calm_session_shows_no_safety_panel(alice_client, knee_hug):
    alice_client.post(
        CREATE_URL, session_form_data(entry_form_data(knee_hug, pain_during="5"), pain_after="5")
    )
    content = alice_client.get(Session.objects.get().get_absolute_url()).content.decode()
    assert "Your back was telling you something" not in content


# Next-morning check


def test_next_morning_check_waits_for_the_next_day(alice_client, alice):
    session = ExerciseEntryFactory(session__user=alice, session__date=TODAY).session
    url = reverse("logbook:session_next_morning", args=[session.pk])
    response = alice_client.post(url, {"next_morning": "better"}, follow=True)
    session.refresh_from_db()
    assert session.next_morning == ""
    assert "from the day after the session" in response.content.decode()


def test_a_worse_next_morning_advises_reducing_the_load(alice_client, alice, frozen_now):
    session = ExerciseEntryFactory(
        session__user=alice, session__date=TODAY - datetime.timedelta(days=1)
    ).session
    assert "The morning after" in alice_client.get(LIST_URL).content.decode()
    # The answer comes a little later: its change stamp tells the cached history it is stale.
    frozen_now(NOON_UTC + datetime.timedelta(minutes=1))
    url = reverse("logbook:session_next_morning", args=[session.pk])
    response = alice_client.post(url, {"next_morning": "worse"}, follow=True)
    session.refresh_from_db()
    content = response.content.decode()
    assert session.next_morning == "worse"
    assert "Your back felt worse the next morning" in content
    assert "reduce it" in content
    assert "The morning after" not in alice_client.get(LIST_URL).content.decode()


def test_next_morning_rejects_an_unknown_answer(alice_client, alice):
    session = SessionFactory(user=alice, date=TODAY - datetime.timedelta(days=2))
    url = reverse("logbook:session_next_morning", args=[session.pk])
    alice_client.post(url, {"next_morning": "fantastic"})
    session.refresh_from_db()
    assert session.next_morning == ""
