import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from logbook.models import ExerciseEntry
from tests.factories import ExerciseEntryFactory, ExerciseFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("field", ["pain_before", "pain_after"])
@pytest.mark.parametrize("value", [-1, 11, 100])
def test_database_keeps_session_pain_within_0_to_10(field, value):
    with pytest.raises(IntegrityError), transaction.atomic():
        SessionFactory(**{field: value})


@pytest.mark.parametrize(
    "fields",
    [
        {"pain_during": 11},
        {"pain_during": -1},
        {"sets": 0},
        {"sets": 11},
        {"repetitions": 101},
        {"hold_seconds": 0},
        {"hold_seconds": 601},
    ],
    ids=str,
)
def test_database_refuses_impossible_entries(fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        ExerciseEntryFactory(**fields)


def test_two_entries_cannot_share_a_position_in_a_session():
    entry = ExerciseEntryFactory(position=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        ExerciseEntryFactory(session=entry.session, position=1)


def test_the_same_submission_token_cannot_save_two_sessions_for_a_user():
    session = SessionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        SessionFactory(user=session.user, submission_token=session.submission_token)


@pytest.mark.parametrize(
    ("pain_during", "sharp_pain", "expected"),
    [
        (5, False, []),
        (6, False, ["pain_during"]),
        (0, True, ["sharp_pain"]),
        (9, True, ["sharp_pain"]),
    ],
)
def test_entry_flags_follow_the_pain_monitoring_model(pain_during, sharp_pain, expected):
    entry = ExerciseEntryFactory(pain_during=pain_during, sharp_pain=sharp_pain)
    assert [flag.kind for flag in entry.session.flags] == expected
    assert entry.is_flagged is bool(expected)


@pytest.mark.parametrize(
    ("before", "after", "flagged"), [(3, 4, False), (3, 5, True), (0, 10, True), (6, 2, False)]
)
def test_a_rise_of_two_points_after_the_session_flags_it(before, after, flagged):
    session = SessionFactory(pain_before=before, pain_after=after)
    assert session.is_flagged is flagged


SKIPPED = {"status": "skipped", "pain_during": None}


@pytest.mark.parametrize(
    "fields",
    [{**SKIPPED, "pain_during": 3}, {**SKIPPED, "sharp_pain": True}, {"pain_during": None}],
    ids=["skipped-rated", "skipped-sharp", "done-unrated"],
)
def test_only_a_skipped_entry_goes_without_a_pain_rating(fields):
    entry = ExerciseEntryFactory.build(
        session=SessionFactory(), exercise=ExerciseFactory(), **fields
    )
    with pytest.raises(ValidationError):
        entry.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        entry.save()


def test_a_skipped_entry_is_neither_flagged_nor_done():
    entry = ExerciseEntryFactory(**SKIPPED)
    entry.full_clean()
    assert entry.is_skipped
    assert not entry.is_flagged
    assert list(ExerciseEntry.objects.done()) == []
