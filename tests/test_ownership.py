"""The URL matrix: every URL of the project, enumerated from the resolver, is classified here.

Private URLs: anonymous visitors go to log in; another user never sees or changes data. Public
URLs never show a user's data. The admin is for staff only. Every state-changing URL refuses a
post without a CSRF token. A new URL without an entry in this matrix fails the first test.
"""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from logbook.models import FlarePlan, Lesson, Plan, Routine, RoutineItem, Session, ShareLink
from logbook.reminders import reminder_token
from logbook.services import calendar_key, calendar_link_new, share_link_create
from tests.factories import ExerciseEntryFactory, ExerciseFactory

pytestmark = pytest.mark.django_db

PRIVATE_NAMESPACES = ("logbook", "accounts")
# URL name -> the HTTP methods to try, for URLs that name one of alice's objects.
SESSION_URLS = {
    "logbook:session_detail": ["get"],
    "logbook:session_update": ["get", "post"],
    "logbook:session_delete": ["get", "post"],
    "logbook:session_repeat": ["get"],
    "logbook:session_next_morning": ["post"],
}
ROUTINE_URLS = {
    "logbook:routine_detail": ["get"],
    "logbook:routine_update": ["get", "post"],
    "logbook:routine_delete": ["get", "post"],
    "logbook:routine_copy": ["post"],
    "logbook:routine_play": ["get"],
}
# Alice's weekly plan, found by the signed-in user (bob has none: 404).
PLAN_URLS = {"logbook:plan_step": ["post"], "logbook:plan_calendar_link": ["post"]}
# One of alice's share links to her report.
SHARE_LINK_URLS = {"logbook:share_revoke": ["post"]}
ROUTINE_ITEM_URLS = {"logbook:routine_suggestion_accept": ["post"]}
# URLs about the signed-in user's own data, with no object in the address.
OWN_DATA_URLS = {
    "logbook:session_list": ["get"],
    "logbook:session_create": ["get", "post"],
    "logbook:progress": ["get"],
    "logbook:report": ["get"],
    "logbook:report_pdf": ["get"],
    "logbook:share_create": ["post"],
    "logbook:flare": ["get", "post"],
    "logbook:routine_list": ["get"],
    "logbook:routine_create": ["get", "post"],
    "logbook:plan": ["get", "post"],
    "logbook:plan_create": ["get", "post"],
    "logbook:function_check": ["get", "post"],
    "logbook:function_skip": ["post"],
    "logbook:lesson_list": ["get"],
    "accounts:account": ["get", "post"],
    "accounts:precautions": ["get", "post"],
    "accounts:two_step": ["get", "post"],
    "accounts:export_csv": ["get"],
    "accounts:export_json": ["get"],
    "accounts:import": ["get", "post"],
    "accounts:delete": ["get", "post"],
}
# Open to everyone: URL name -> the methods a visitor may use (kwargs filled in by _public_url).
PUBLIC_URLS = {
    "home": ["get"],
    "red_flags": ["get"],
    "pain_guide": ["get"],
    "healthz": ["get"],
    "favicon": ["get"],
    "manifest": ["get"],
    "service_worker": ["get"],
    "offline": ["get"],
    "offline_state": ["get"],
    "exercises:list": ["get"],
    "exercises:detail": ["get"],
    "accounts:signup": ["get", "post"],
    "login": ["get", "post"],
    "login_code": ["get", "post"],
    "logout": ["post"],
    "password_reset": ["get", "post"],
    "password_reset_done": ["get"],
    "password_reset_confirm": ["get", "post"],
    "password_reset_complete": ["get"],
    "set_language": ["post"],
    "javascript-catalog": ["get"],
}
# Django's own views for a signed-in user's password.
ACCOUNT_AUTH_URLS = {"password_change": ["get", "post"], "password_change_done": ["get"]}
# Shared with every signed-in person, not with visitors: the lessons.
SHARED_URLS = {"logbook:lesson_detail": ["get"]}
# Open to whoever holds the secret in the address (a calendar feed, a "stop reminders" link).
TOKEN_URLS = {
    "logbook:calendar_feed": ["get"],
    "logbook:reminders_stop": ["get", "post"],
    "logbook:shared_report": ["get"],
}
OBJECT_URLS = {
    **SESSION_URLS,
    **ROUTINE_URLS,
    **ROUTINE_ITEM_URLS,
    **PLAN_URLS,
    **SHARE_LINK_URLS,
}
LOGIN_REQUIRED_URLS = {**OBJECT_URLS, **OWN_DATA_URLS, **SHARED_URLS, **ACCOUNT_AUTH_URLS}


def _url_names(resolver=None, namespace=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _url_names(pattern, inner)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name or pattern.pattern}"


def test_every_url_of_the_project_is_in_the_matrix():
    names = {name for name in _url_names() if not name.startswith("admin:")}
    assert names == set(PUBLIC_URLS) | set(LOGIN_REQUIRED_URLS) | set(TOKEN_URLS)
    private = {name for name in names if name.split(":")[0] in PRIVATE_NAMESPACES}
    assert private == (
        set(OBJECT_URLS)
        | set(OWN_DATA_URLS)
        | set(SHARED_URLS)
        | set(TOKEN_URLS)
        | {"accounts:signup"}
    )


@pytest.fixture
def alices_data(alice):
    session = ExerciseEntryFactory(session__user=alice, session__notes="alice-private-note").session
    routine = Routine.objects.create(owner=alice, name="alice-private-routine")
    item = RoutineItem.objects.create(
        routine=routine, exercise=ExerciseFactory(), position=1, repetitions=5
    )
    plan = FlarePlan.objects.create(user=alice, what_helps="alice-private-plan")
    weekly = Plan.objects.create(
        user=alice, routine=routine, days=[0, 2, 4], started_on=alice.today(), last_step_week=0
    )
    token = calendar_link_new(plan=weekly)
    share_token = share_link_create(user=alice, weeks=12, days=30, note_sessions=[session.pk])
    lesson = Lesson.objects.create(
        slug="hurt", topic="hurt", title="Hurt", minutes=2, summary="s", position=1
    )
    return {
        "session": session,
        "routine": routine,
        "item": item,
        "plan": plan,
        "weekly": weekly,
        "token": token,
        "lesson": lesson,
        "share_token": share_token,
        "share_link": ShareLink.objects.get(user=alice),
    }


def _url(name, data):
    if name == "exercises:detail":
        return reverse(name, kwargs={"slug": data["session"].entries.first().exercise.slug})
    if name == "password_reset_confirm":
        return reverse(name, kwargs={"uidb64": "MQ", "token": "set-password"})
    if name in SESSION_URLS:
        return reverse(name, kwargs={"pk": data["session"].pk})
    if name in ROUTINE_URLS:
        return reverse(name, kwargs={"pk": data["routine"].pk})
    if name == "logbook:lesson_detail":
        return reverse(name, kwargs={"slug": data["lesson"].slug})
    if name == "logbook:calendar_feed":
        return reverse(name, kwargs={"token": data["token"]})
    if name == "logbook:shared_report":
        return reverse(name, kwargs={"token": data["share_token"]})
    if name in SHARE_LINK_URLS:
        return reverse(name, kwargs={"pk": data["share_link"].pk})
    if name == "logbook:reminders_stop":
        return reverse(name, kwargs={"token": reminder_token(data["weekly"])})
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
    data["plan"].refresh_from_db()
    assert data["plan"].what_helps == "alice-private-plan"
    weekly = Plan.objects.get(pk=data["weekly"].pk)
    assert (weekly.days, weekly.last_step_week) == ([0, 2, 4], 0)
    assert weekly.calendar_key == calendar_key(data["token"])
    assert ShareLink.objects.get(pk=data["share_link"].pk).is_live


HOSTILE_POST = {
    "days": ["6"],
    "next_morning": "worse",
    "what_helps": "taken over",
    "pain_after": "9",
    "name": "taken over",
    "items": ["1"],
    "item-1-repetitions": "50",
    "move_down": "1",
    "remove": "1",
}


@pytest.mark.parametrize(("name", "method"), _cases(LOGIN_REQUIRED_URLS))
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
    # An import posted without a file is a bad request (400); other forms show themselves again.
    assert response.status_code in ({200, 302, 400} if name == "accounts:import" else {200, 302})
    assert b"alice" not in response.content.lower()
    # Pages of figures show no name: bob, who logged nothing, must see nothing logged.
    if response.context and "progress" in response.context:
        assert not response.context["progress"].has_data
    if name == "accounts:export_json":
        assert response.json()["sessions"] == []
    if name == "accounts:export_csv":
        assert len(response.content.decode().strip().splitlines()) == 1  # the header only
    assert Session.objects.filter(pk=alices_data["session"].pk).exists()
    _unchanged(alices_data)


@pytest.mark.parametrize(("name", "method"), _cases(LOGIN_REQUIRED_URLS))
def test_nothing_private_is_kept_in_a_cache(alice_client, alices_data, name, method):
    """Finding 4: every response to a signed-in person says no-store, downloads included."""
    response = getattr(alice_client, method)(_url(name, alices_data))
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize(("name", "method"), _cases(PUBLIC_URLS))
@pytest.mark.parametrize("visitor", ["anonymous", "bob"])
def test_public_urls_never_show_a_users_data(client, bob, alices_data, name, method, visitor):
    if visitor == "bob":
        client.force_login(bob)
    response = getattr(client, method)(_url(name, alices_data))
    assert response.status_code < 500
    assert b"alice" not in response.content.lower()
    _unchanged(alices_data)


def test_the_admin_is_for_staff_only(client, alice):
    index = reverse("admin:index")
    assert client.get(index).url.startswith(reverse("admin:login"))
    client.force_login(alice)
    assert client.get(index).url.startswith(reverse("admin:login"))
    assert client.get(reverse("admin:exercises_exercise_changelist")).status_code == 302


POST_URLS = [
    name for name, methods in {**LOGIN_REQUIRED_URLS, **PUBLIC_URLS}.items() if "post" in methods
]


@pytest.mark.parametrize("name", POST_URLS)
def test_every_state_changing_url_needs_a_csrf_token(alice, alices_data, name):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = client.post(_url(name, alices_data), HOSTILE_POST)
    assert response.status_code == 403
    _unchanged(alices_data)
    assert Session.objects.filter(user=alice).count() == 1


CURATED_WRITE_URLS = {
    name: methods
    for name, methods in {**ROUTINE_URLS, **ROUTINE_ITEM_URLS}.items()
    if name not in {"logbook:routine_detail", "logbook:routine_play", "logbook:routine_copy"}
}


@pytest.mark.parametrize(("name", "method"), _cases(CURATED_WRITE_URLS))
def test_nobody_can_change_a_curated_routine(bob_client, name, method):
    curated = Routine.objects.create(name="Shared", key="shared")
    item = RoutineItem.objects.create(
        routine=curated, exercise=ExerciseFactory(), position=1, repetitions=5
    )
    kwargs = {"pk": curated.pk} | ({"item_pk": item.pk} if name in ROUTINE_ITEM_URLS else {})
    response = getattr(bob_client, method)(reverse(name, kwargs=kwargs), HOSTILE_POST)
    assert response.status_code == 404
    curated.refresh_from_db()
    item.refresh_from_db()
    assert (curated.name, item.repetitions, item.position) == ("Shared", 5, 1)


def test_the_calendar_feed_answers_only_to_its_current_secret(client, alices_data):
    alice_feed = reverse("logbook:calendar_feed", kwargs={"token": alices_data["token"]})
    response = client.get(alice_feed)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "no-store" in response["Cache-Control"]
    assert b"SUMMARY:Backcare: alice-private-routine" in response.content  # her own plan
    assert b"alice@example.org" not in response.content
    made_up = reverse("logbook:calendar_feed", kwargs={"token": "not-" + alices_data["token"]})
    assert client.get(made_up).status_code == 404
    calendar_link_new(plan=alices_data["weekly"])  # a new link: the old one stops working
    assert client.get(alice_feed).status_code == 404


def test_a_stop_reminders_link_needs_its_signature(client, alices_data):
    weekly = alices_data["weekly"]
    weekly.email_reminders = True
    weekly.save()
    forged = reverse("logbook:reminders_stop", kwargs={"token": f"{weekly.pk}:forged"})
    assert client.post(forged).status_code == 404
    real = reverse("logbook:reminders_stop", kwargs={"token": reminder_token(weekly)})
    assert b"alice" not in client.get(real).content.lower()
    weekly.refresh_from_db()
    assert weekly.email_reminders  # opening the link changes nothing: mail programs open links
    client.post(real)
    weekly.refresh_from_db()
    assert not weekly.email_reminders


def test_a_share_link_shows_alices_report_to_whoever_holds_it_and_nothing_to_others(
    client, bob_client, alices_data
):
    shared = reverse("logbook:shared_report", kwargs={"token": alices_data["share_token"]})
    content = client.get(shared).content.decode()
    assert "Exercise report: alice" in content
    assert "alice-private-note" in content
    guessed = reverse("logbook:shared_report", kwargs={"token": alices_data["share_token"][:-1]})
    assert client.get(guessed).status_code == 404
    # Bob's own report never carries alice's note, even when he names her session.
    note = {"note": [alices_data["session"].pk]}
    assert b"alice" not in bob_client.get(reverse("logbook:report"), note).content.lower()
