"""Fixtures for the logbook's tests: a fixed "now" and two small library exercises."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import ExerciseFactory

CREATE_URL = reverse("logbook:session_create")
LIST_URL = reverse("logbook:session_list")
NOON_UTC = datetime.datetime(2026, 11, 23, 12, 0, tzinfo=datetime.UTC)
TODAY = datetime.date(2026, 11, 23)


@pytest.fixture
def noon(frozen_now):
    """Noon UTC on 23 November 2026: alice's (Europe/London) today is TODAY."""
    frozen_now(NOON_UTC)


@pytest.fixture
def knee_hug(db):
    return ExerciseFactory(name="Knee hug", hold_seconds_min=20, repetitions_min=3, per_side=True)


@pytest.fixture
def bridge(db, knee_hug):
    return ExerciseFactory(
        name="Bridge",
        category="strengthen",
        hold_seconds_min=None,
        hold_seconds_max=None,
        repetitions_min=5,
        repetitions_max=8,
        per_side=False,
        easier_variation=knee_hug,
    )
