"""Every private URL: anonymous visitors go to log in; another user never sees or changes data.

The URL names are enumerated from the resolver, so a new private URL without an entry here fails.
"""

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from logbook.models import Session
from routines.models import Routine, RoutineItem
from tests.factories import ExerciseEntryFactory, ExerciseFactory

pytestmark = pytest.mark.django_db

PRIVATE_NAMESPACES = ("logbook", "accounts", "routines")
# URL name -> the HTTP methods to try, for URLs that name one of alice's objects.
SESSION_URLS = {
    "logbook:session_detail": ["get"],
    "logbook:session_update": ["get", "post"],
    "logbook:session_delete": ["get", "post"],
    "logbook:session_repeat": ["get"],
    "logbook:session_next_morning": ["post"],
}
ROUTINE_URLS = {
    "routines:detail": ["get"],
    "routines:update": ["get", "post"],
    "routines:delete": ["get", "post"],
    "routines:copy": ["post"],
    "routines:play": ["get"],
    "routines:item_add": ["post"],
}
ROUTINE_ITEM_URLS = {
    "routines:item_update": ["post"],
    "routines:item_move": ["post"],
    "routines:item_remove": ["post"],
    "routines:suggestion_accept": ["post"],
}
# URLs about the signed-in user's own data, with no object in the address.
OWN_DATA_URLS = {
    "logbook:session_list": ["get"],
    "logbook:session_create": ["get", "post"],
    "logbook:progress": ["get"],
    "routines:list": ["get"],
    "routines:create": ["get", "post"],
    "accounts:account": ["get", "post"],
    "accounts:export_csv": ["get"],
    "accounts:export_json": ["get"],
    "accounts:delete": ["get", "post"],
}
PUBLIC_URLS = {"accounts:signup"}
OBJECT_URLS = {**SESSION_URLS, **ROUTINE_URLS, **ROUTINE_ITEM_URLS}


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
def alices_data(alice):
    session = ExerciseEntryFactory(session__user=alice, session__notes="alice-private-note").session
    routine = Routine.objects.create(owner=alice, name="alice-private-routine")
    item = RoutineItem.objects.create(
        routine=routine, exercise=ExerciseFactory(), position=1, repetitions=5
    )
    return {"session": session, "routine": routine, "item": item}


def _url(name, data):
    if name in SESSION_URLS:
        return reverse(name, kwargs={"pk": data["session"].pk})
    if name in ROUTINE_URLS:
        return reverse(name, kwargs={"pk": data["routine"].pk})
    if name in ROUTINE_ITEM_URLS:
        return reverse(name, kwargs={"pk": data["routine"].pk, "item_pk": data["item"].pk})
    return reverse(name)


def _cases(urls):
    return [(name, method) for name, methods in urls.items() for method in methods]


def _unchanged(data):
    session, routine, item = data["session"], data["routine"], data["item"]
    session.refresh_from_db()
    routine.refresh_from_db()
    item.refresh_from_db()
    assert (session.next_morning, session.pain_after) == ("", 3)
    assert routine.name == "alice-private-routine"
    assert (item.position, item.repetitions) == (1, 5)
    assert Routine.objects.filter(name="alice-private-routine").count() == 1


HOSTILE_POST = {
    "next_morning": "worse",
    "pain_after": "9",
    "name": "taken over",
    "direction": "down",
    "item-1-repetitions": "50",
}


@pytest.mark.parametrize(("name", "method"), _cases(OBJECT_URLS) + _cases(OWN_DATA_URLS))
def test_anonymous_visitor_is_sent_to_log_in(client, alices_data, name, method):
    url = _url(name, alices_data)
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response.url == f"{reverse(settings.LOGIN_URL)}?next={url}"
    _unchanged(alices_data)


@pytest.mark.parametrize(("name", "method"), _cases(OBJECT_URLS))
def test_another_user_gets_404_for_alices_objects(bob_client, alices_data, name, method):
    response = getattr(bob_client, method)(
        _url(name, alices_data), HOSTILE_POST if method == "post" else None
    )
    assert response.status_code == 404
    _unchanged(alices_data)


@pytest.mark.parametrize(("name", "method"), _cases(OWN_DATA_URLS))
def test_another_user_never_sees_alices_data(bob_client, alices_data, name, method):
    response = getattr(bob_client, method)(reverse(name))
    assert response.status_code in {200, 302}
    assert b"alice" not in response.content.lower()
    assert Session.objects.filter(pk=alices_data["session"].pk).exists()
    _unchanged(alices_data)
