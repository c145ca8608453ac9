"""Random and hostile input to the report, its PDF and the share links: never a server error,
never a link from an invalid post, never more than the live-link limit, never another person's
note. Marked "fuzz", like tests/test_fuzz.py."""

from urllib.parse import quote

import pytest
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from logbook.models import MAX_LIVE_LINKS, ShareLink
from tests.factories import SessionFactory, UserFactory
from tests.fuzzing import HOSTILE, FuzzCase, maybe

pytestmark = pytest.mark.fuzz

WEEKS = st.sampled_from(["4", "12", "26"])
NOTE_TOKENS = ("mine", "theirs")


class ReportFuzz(FuzzCase):
    def setUp(self):
        super().setUp()
        self.mine = SessionFactory(user=self.user, date=self.user.today(), notes="my note")
        other = UserFactory()
        self.theirs = SessionFactory(user=other, date=other.today(), notes="someone else's")

    def _notes(self, values):
        ids = {"mine": str(self.mine.pk), "theirs": str(self.theirs.pk)}
        return [ids.get(value, value) for value in values]

    @given(
        weeks=maybe(WEEKS),
        notes=st.lists(maybe(st.sampled_from(NOTE_TOKENS)), max_size=4),
        pdf=st.booleans(),
    )
    @example(weeks="4", notes=["²", "theirs", "mine"], pdf=False)
    def test_reading_the_report(self, weeks, notes, pdf):
        url = reverse("logbook:report_pdf" if pdf else "logbook:report")
        response = self.client.get(url, {"weeks": weeks, "note": self._notes(notes)})
        assert response.status_code == 200
        if not pdf:
            report = response.context["report"]
            assert report.weeks in {4, 12, 26}
            assert all(event.what == "my note" for event in report.notes)

    @given(
        weeks=maybe(WEEKS),
        days=maybe(st.sampled_from(["7", "30"])),
        notes=st.lists(maybe(st.sampled_from(NOTE_TOKENS)), max_size=4),
    )
    @example(weeks="4", days="３０", notes=["²"])
    @example(weeks="4", days="7", notes=["9223372036854775808"])
    def test_making_a_link(self, weeks, days, notes):
        before = ShareLink.objects.filter(user=self.user).count()
        response = self.client.post(
            reverse("logbook:share_create"),
            {"weeks": weeks, "days": days, "note": self._notes(notes)},
        )
        assert response.status_code == 302
        links = ShareLink.objects.filter(user=self.user)
        assert links.live().count() <= MAX_LIVE_LINKS
        if links.count() > before:
            link = links.first()
            assert link.weeks in {4, 12, 26}
            assert link.note_sessions in ([], [self.mine.pk])
        elif days not in {"7", "30"}:
            assert links.count() == before
        ShareLink.objects.filter(user=self.user).delete()  # room for the next example

    @given(token=HOSTILE)
    @example(token="a?b")
    @example(token="")
    def test_opening_a_made_up_link(self, token):
        response = self.client.get(f"/shared/{quote(token, safe='')}/")
        assert response.status_code == 404
