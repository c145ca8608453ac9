"""The round trip, proven on random accounts: export, import into a new account, export again,
and the same document comes out; importing it once more changes nothing. Marked "fuzz" like the
other hypothesis tests (make test-fast leaves it out)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from accounts.export import export_json
from exercises.models import Exercise
from exercises.services import exercise_library_load
from logbook.models import Lesson, Routine
from logbook.services import curated_routines_load
from logbook.services.content import lessons_load
from tests.accounts.export_documents import export_documents
from tests.accounts.importing import run_import, without_account
from tests.factories import UserFactory

pytestmark = pytest.mark.fuzz


class RoundTrip(TestCase):
    @classmethod
    def setUpTestData(cls):
        exercise_library_load()
        curated_routines_load()
        lessons_load()
        cls.documents = export_documents(
            slugs=list(Exercise.objects.values_list("slug", flat=True)),
            curated=dict(Routine.objects.filter(owner=None).values_list("key", "name")),
            lessons=list(Lesson.objects.values_list("slug", flat=True)),
        )

    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(data=st.data())
    def test_export_import_export_gives_the_same_document(self, data):
        document = data.draw(self.documents)
        first, second = UserFactory(), UserFactory()
        run_import(first, document)
        exported = export_json(first)
        run_import(second, exported)
        again = export_json(second)
        assert without_account(again) == without_account(exported)
        assert again["account"]["username"] == second.username  # an import keeps who you are
        run_import(second, exported)
        assert export_json(second) == again
