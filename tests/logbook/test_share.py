"""Share links: a read-only report for someone without an account, until it expires or is
revoked; unknown, expired and revoked links all answer the same 404."""

import datetime

import pytest
from django.urls import reverse

from logbook.models import ShareLink
from logbook.services import share_key, share_link_create
from logbook.views.report import NEW_SHARE_LINK
from tests.factories import SessionFactory
from tests.logbook.conftest import NOON_UTC, TODAY

pytestmark = pytest.mark.django_db

CREATE_URL = reverse("logbook:share_create")


def _token(client) -> str:
    link = client.session[NEW_SHARE_LINK]
    return link.rstrip("/").rsplit("/", 1)[-1]


def _shared(token: str) -> str:
    return reverse("logbook:shared_report", kwargs={"token": token})


def test_a_link_is_shown_once_and_stored_only_as_a_keyed_hash(alice_client, alice, noon):
    response = alice_client.post(CREATE_URL, {"weeks": "4", "days": "7"})
    assert response.status_code == 302
    assert response.url == reverse("logbook:report") + "?weeks=4#share"
    token = _token(alice_client)
    assert len(token) >= 43  # 32 random bytes
    link = ShareLink.objects.get(user=alice)
    assert link.key == share_key(token)
    assert token not in link.key
    assert (link.weeks, link.expires_at) == (4, NOON_UTC + datetime.timedelta(days=7))
    page = alice_client.get(response.url)
    assert token in page.content.decode()
    again = alice_client.get(response.url)
    assert token not in again.content.decode()  # shown once


def test_someone_without_an_account_sees_the_report_and_nothing_else(
    client, alice, noon, django_assert_num_queries
):
    SessionFactory(user=alice, date=TODAY, pain_before=5, pain_after=3, notes="Shared note")
    hidden = SessionFactory(user=alice, date=TODAY, notes="Not for the physio")
    chosen = alice.sessions.get(notes="Shared note")
    token = share_link_create(user=alice, weeks=12, days=30, note_sessions=[chosen.pk])
    # The request's savepoint and its release, the link and its "opened" stamp, the owner's
    # logbook version, three progress figures, plan, flagged entries, worse mornings, notes and
    # two for the function checks.
    with django_assert_num_queries(14):
        response = client.get(_shared(token))
    # Opened again, the logbook unchanged: progress, flagged entries, worse mornings and the
    # function checks come from the owner's cached figures.
    with django_assert_num_queries(7):
        client.get(_shared(token))
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"
    content = response.content.decode()
    assert '<meta name="robots" content="noindex, nofollow">' in content
    assert "A read-only copy of alice" in content
    assert "This link works until 23 December 2026, 12:00 GMT" in content
    assert "Shared note" in content
    assert hidden.notes not in content
    # No way into the app: no links at all, no forms, no navigation.
    assert "<a " not in content
    assert "<form" not in content
    assert "<nav" not in content
    link = ShareLink.objects.get(user=alice)
    assert (link.last_opened_at, link.times_opened) == (NOON_UTC, 2)


def test_a_signed_in_visitor_sees_the_owners_report_not_their_own(bob_client, alice, noon):
    SessionFactory(user=alice, date=TODAY)
    token = share_link_create(user=alice, weeks=4, days=7, note_sessions=[])
    content = bob_client.get(_shared(token)).content.decode()
    assert "Exercise report: alice" in content
    assert "bob" not in content


def test_unknown_expired_and_revoked_links_are_the_same_404(
    client, alice, alice_client, frozen_now
):
    frozen_now(NOON_UTC)
    expired = share_link_create(user=alice, weeks=4, days=7, note_sessions=[])
    revoked = share_link_create(user=alice, weeks=4, days=30, note_sessions=[])
    link = ShareLink.objects.get(key=share_key(revoked))
    assert alice_client.post(reverse("logbook:share_revoke", args=[link.pk])).status_code == 302
    client.logout()
    frozen_now(NOON_UTC + datetime.timedelta(days=7, seconds=1))
    answers = [client.get(_shared(token)) for token in (expired, revoked, "not-a-token" * 4)]
    assert {response.status_code for response in answers} == {404}
    assert len({response.content for response in answers}) == 1
    assert ShareLink.objects.filter(times_opened__gt=0).count() == 0


def test_at_most_three_live_links(alice_client, alice, noon):
    for _ in range(3):
        alice_client.post(CREATE_URL, {"weeks": "12", "days": "30"})
    response = alice_client.post(CREATE_URL, {"weeks": "12", "days": "30"}, follow=True)
    assert "You have 3 live links, the most at once." in response.content.decode()
    assert ShareLink.objects.filter(user=alice).count() == 3
    # Revoking one makes room again.
    first = ShareLink.objects.filter(user=alice).first()
    alice_client.post(reverse("logbook:share_revoke", args=[first.pk]))
    alice_client.post(CREATE_URL, {"weeks": "12", "days": "30"})
    assert ShareLink.objects.live().filter(user=alice).count() == 3


@pytest.mark.parametrize("days", ["", "1", "365", "x"])
def test_a_link_lasts_seven_or_thirty_days_only(alice_client, alice, noon, days):
    response = alice_client.post(CREATE_URL, {"weeks": "4", "days": days}, follow=True)
    assert "Choose a period of 4, 12 or 26 weeks and 7 or 30 days." in response.content.decode()
    assert not ShareLink.objects.exists()


def test_a_link_keeps_only_the_owners_notes(alice_client, alice, bob, noon):
    mine = SessionFactory(user=alice, date=TODAY, notes="mine")
    theirs = SessionFactory(user=bob, date=TODAY, notes="theirs")
    alice_client.post(CREATE_URL, {"weeks": "4", "days": "7", "note": [mine.pk, theirs.pk]})
    assert ShareLink.objects.get(user=alice).note_sessions == [mine.pk]


def test_another_user_cannot_revoke_a_link(bob_client, alice, noon):
    share_link_create(user=alice, weeks=4, days=7, note_sessions=[])
    link = ShareLink.objects.get(user=alice)
    response = bob_client.post(reverse("logbook:share_revoke", args=[link.pk]))
    assert response.status_code == 404
    link.refresh_from_db()
    assert link.revoked_at is None


def test_the_report_page_lists_live_links_with_when_they_were_last_opened(
    alice_client, client, alice, frozen_now
):
    frozen_now(NOON_UTC)
    token = share_link_create(user=alice, weeks=4, days=7, note_sessions=[])
    content = alice_client.get(reverse("logbook:report")).content.decode()
    assert "Not opened yet." in content
    frozen_now(NOON_UTC + datetime.timedelta(hours=3))
    client.get(_shared(token))
    content = alice_client.get(reverse("logbook:report")).content.decode()
    assert "Opened 1 time, last on 23 Nov 2026, 15:00." in content
