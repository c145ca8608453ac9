"""What the fuzz tests share: hypothesis profiles, hostile strings, and a signed-in test case.

Each form gets 100 examples (HYPOTHESIS_PROFILE=thorough for many more).
"""

import os

from django.test import Client
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from tests.factories import ExerciseFactory, UserFactory

settings.register_profile(
    "default", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "thorough", max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

SCRIPT = "<script>alert(1)</script>"
HOSTILE = st.one_of(
    st.text(max_size=60),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(
        [
            "",
            " ",
            SCRIPT,
            '"><img src=x onerror=alert(1)>',
            "'; DROP TABLE logbook_session; --",
            "1 OR 1=1",
            "\x00",
            "٣",
            "１０",
            "1e309",
            "-0",
            "🙂" * 40,
            "a" * 3000,
            "../../etc/passwd",
            "{{ 7*7 }}",
        ]
    ),
)


def maybe(valid):
    """Mostly hostile values, sometimes a valid one, so both the error and the save paths run."""
    return st.one_of(valid, HOSTILE)


def pain_rating():
    return st.integers(min_value=0, max_value=10).map(str)


class FuzzCase(TestCase):
    def setUp(self):
        self.user = UserFactory(time_zone="Europe/Paris")
        self.client = Client()
        self.client.force_login(self.user)
        self.exercise = ExerciseFactory()

    def assert_no_script_on(self, url):
        content = self.client.get(url).content.decode()
        assert SCRIPT not in content
        assert "<img src=x" not in content
