import datetime

import pytest

from logbook.forms import EntryForm, SessionForm
from tests.factories import ExerciseFactory, UserFactory

pytestmark = pytest.mark.django_db

# 23:30 in London on 23 November is already 24 November in Auckland.
LATE_EVENING_UTC = datetime.datetime(2026, 11, 23, 23, 30, tzinfo=datetime.UTC)


def _session_data(**changes):
    data = {
        "date": "2026-11-23",
        "started_at": "07:15",
        "pain_before": "4",
        "pain_after": "3",
        "effort": "right",
        "notes": "Felt loose.",
    }
    return {**data, **changes}


def test_valid_session_form(frozen_now):
    frozen_now(LATE_EVENING_UTC)
    form = SessionForm(_session_data(), user=UserFactory(time_zone="Europe/London"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["pain_before"] == 4


def test_today_is_the_users_own_today(frozen_now):
    frozen_now(LATE_EVENING_UTC)
    data = _session_data(date="2026-11-24")
    assert SessionForm(data, user=UserFactory(time_zone="Pacific/Auckland")).is_valid()
    london = SessionForm(data, user=UserFactory(time_zone="Europe/London"))
    assert not london.is_valid()
    assert london.errors["date"] == [
        "The date can't be in the future: today is 2026-11-23 where you are."
    ]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"pain_before": "11"}, "pain_before", "Pain is rated from 0 (no pain) to 10"),
        ({"pain_before": "-1"}, "pain_before", "Pain is rated from 0 (no pain) to 10"),
        ({"pain_after": "three"}, "pain_after", "Pain is rated from 0 (no pain) to 10"),
        ({"pain_after": ""}, "pain_after", "Choose a number from 0 (no pain) to 10"),
        ({"date": "1999-12-31"}, "date", "Check the year"),
        ({"date": "yesterday"}, "date", "Enter a valid date."),
        ({"started_at": "25:00"}, "started_at", "Enter a valid time."),
        ({"effort": "heroic"}, "effort", "Select a valid choice."),
        ({"effort": ""}, "effort", "Choose how the session felt"),
        ({"notes": "x" * 2001}, "notes", "at most 2000 characters"),
    ],
)
def test_invalid_session_input_gets_a_message_beside_the_field(frozen_now, changes, field, message):
    frozen_now(LATE_EVENING_UTC)
    form = SessionForm(_session_data(**changes), user=UserFactory())
    assert not form.is_valid()
    assert message in " ".join(form.errors[field])


def _entry_data(library_exercise, **changes):
    data = {
        "exercise": str(library_exercise.pk),
        "sets": "1",
        "repetitions": "5",
        "hold_seconds": "20",
        "side": "both",
        "pain_during": "2",
        "status": "completed",
    }
    return {**data, **changes}


def test_valid_entry_form():
    form = EntryForm(_entry_data(ExerciseFactory()))
    assert form.is_valid(), form.errors


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"sets": "0"}, "sets", "greater than or equal to 1"),
        ({"sets": "-3"}, "sets", "greater than or equal to"),
        ({"repetitions": "100000"}, "repetitions", "less than or equal to 100"),
        ({"hold_seconds": "9999"}, "hold_seconds", "less than or equal to 600"),
        ({"hold_seconds": "ten"}, "hold_seconds", "Enter a whole number."),
        ({"pain_during": "12"}, "pain_during", "Pain is rated from 0"),
        ({"pain_during": ""}, "pain_during", "Rate the pain during it from 0"),
        ({"side": "middle"}, "side", "Select a valid choice."),
        ({"exercise": ""}, "exercise", "Pick an exercise."),
        ({"exercise": "999999"}, "exercise", "That exercise is not in the library."),
        ({"exercise": "<script>"}, "exercise", "That exercise is not in the library."),
    ],
)
def test_invalid_entry_input_gets_a_message_beside_the_field(changes, field, message):
    form = EntryForm(_entry_data(ExerciseFactory(), **changes))
    assert not form.is_valid()
    assert message in " ".join(form.errors[field])
