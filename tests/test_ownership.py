"""Every logbook and account URL: anonymous visitors go to log in; another user sees nothing."""

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from logbook.models import Session
from tests.factories import ExerciseEntryFactory

pytestmark = pytest.mark.django_db

PRIVATE_NAMESPACES = ("logbook", "accounts")
# URL name -> the HTTP methods to try. Every URL in the private namespaces must be listed here.
OBJECT_URLS = {
    "logbook:session_detail": ["get"],
    "logbook:session_update": ["get", "post"],
    "logbook:session_delete": ["get", "post"],
    "logbook:session_repeat": ["get"],
    "logbook:session_next_morning": ["post"],
}
OWN_DATA_URLS = {
    "logbook:session_list": ["get"],
    "logbook:session_create": ["get", "post"],
    "accounts:account": ["get", "post"],
    "accounts:export_csv": ["get"],
    "accounts:export_json": ["get"],
    "accounts:delete": ["get", "post"],
}
PUBLIC_URLS = {"accounts:signup"}


def _private_url_names(resolver=None, namespace=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _private_url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and namespace.rstrip(":") in PRIVATE_NAMESPACES:
            yield f"{namespace}{pattern.name}"


def test_every_private_url_has_an_ownership_check():
    names = set(_private_url_names())
    assert names == set(OBJECT_URLS) | set(OWN_DATA_URLS) | PUBLIC_URLS


@pytest.fixture
def alices_session(alice):
    return ExerciseEntryFactory(session__user=alice, session__notes="alice-private-note").session


def _cases(urls):
    return [(name, method) for name, methods in urls.items() for method in methods]


@pytest.mark.parametrize(("name", "method"), _cases(OBJECT_URLS) + _cases(OWN_DATA_URLS))
def test_anonymous_visitor_is_sent_to_log_in(client, alices_session, name, method):
    kwargs = {"pk": alices_session.pk} if name in OBJECT_URLS else {}
    url = reverse(name, kwargs=kwargs)
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response.url == f"{reverse(settings.LOGIN_URL)}?next={url}"


@pytest.mark.parametrize(("name", "method"), _cases(OBJECT_URLS))
def test_another_user_gets_404_for_alices_session(bob_client, alices_session, name, method):
    response = getattr(bob_client, method)(
        reverse(name, kwargs={"pk": alices_session.pk}),
        {"next_morning": "worse", "pain_after": "9"} if method == "post" else None,
    )
    assert response.status_code == 404
    alices_session.refresh_from_db()
    assert (alices_session.next_morning, alices_session.pain_after) == ("", 3)
    assert Session.objects.filter(pk=alices_session.pk).exists()


@pytest.mark.parametrize(("name", "method"), _cases(OWN_DATA_URLS))
def test_another_user_never_sees_alices_data(bob_client, alices_session, name, method):
    response = getattr(bob_client, method)(reverse(name))
    assert response.status_code in {200, 302}
    assert b"alice" not in response.content.lower()
    assert Session.objects.filter(pk=alices_session.pk).exists()
