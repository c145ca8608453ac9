"""The pain-monitoring model in one place: the Python rule and the database's agree."""

import itertools

import pytest

from logbook.models import ExerciseEntry
from logbook.pain import Flag, entry_is_flagged, is_meaningful, pain_rose
from tests.factories import ExerciseEntryFactory, SessionFactory

pytestmark = pytest.mark.django_db


def test_the_database_flags_exactly_the_entries_the_model_flags():
    session = SessionFactory()
    for position, (pain, sharp) in enumerate(itertools.product(range(11), [False, True]), start=1):
        ExerciseEntryFactory(session=session, position=position, pain_during=pain, sharp_pain=sharp)
    entries = ExerciseEntry.objects.all()
    in_python = {entry.pk for entry in entries if entry.is_flagged}
    in_database = set(ExerciseEntry.objects.flagged().values_list("pk", flat=True))
    assert in_python == in_database
    assert len(in_python) == 11 + 5  # every sharp pain, and 6-10 without one


@pytest.mark.parametrize(("pain", "flagged"), [(5, False), (6, True)])
def test_pain_during_above_five_is_too_much(pain, flagged):
    assert entry_is_flagged(pain_during=pain, sharp_pain=False) is flagged


@pytest.mark.parametrize(("after", "rose"), [(4, False), (5, True)])
def test_a_rise_of_two_points_is_meaningful(after, rose):
    assert pain_rose(before=3, after=after) is rose


def test_each_flag_says_what_happened_in_words():
    entry = ExerciseEntryFactory(pain_during=7, session__pain_before=2, session__pain_after=6)
    sharp = ExerciseEntryFactory(session=entry.session, sharp_pain=True, pain_during=1)
    flags = entry.session.flags
    assert [(flag.kind, flag.entry) for flag in flags] == [
        (Flag.Kind.PAIN_DURING, entry),
        (Flag.Kind.SHARP_PAIN, sharp),
        (Flag.Kind.PAIN_ROSE, None),
    ]
    assert [flag.message for flag in flags] == [
        "pain during was 7 out of 10. Above 5 is more than an exercise should cause.",
        "you felt a sharp pain.",
        "Your pain rose from 2 before the session to 6 after it.",
    ]


@pytest.mark.parametrize(
    ("baseline", "value", "meaningful"),
    [(8.2, 6.2, True), (8.2, 6.3, False), (10.0, 7.0, True), (5.0, 4.0, False), (3.0, 2.1, True)],
)
def test_a_change_is_meaningful_as_shown_to_a_tenth(baseline, value, meaningful):
    """8.2 - 6.2 is 1.9999999999999991 in floating point; on the page it is 2."""
    assert is_meaningful(baseline, value) is meaningful
