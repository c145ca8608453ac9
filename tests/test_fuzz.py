"""Random and hostile input posted to every form: never a server error, never a row from an
invalid post, never a stored script rendered unescaped.

Each form gets 100 examples (HYPOTHESIS_PROFILE=thorough for many more). Marked "fuzz": `make test`
and CI always run it; `make test-fast` leaves it out.
"""

import datetime
import os
import uuid

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from accounts.models import User
from logbook.models import ExerciseEntry, Routine, RoutineItem, Session
from tests.factories import ExerciseEntryFactory, ExerciseFactory, RoutineItemFactory, UserFactory

pytestmark = pytest.mark.fuzz

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


def _pain():
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


VALID_SESSION_POST = {
    "date": "2026-01-15",
    "started_at": "07:30",
    "pain_before": "5",
    "pain_after": "3",
    "effort": "right",
    "notes": "Felt fine",
    "routine": "",
    "entries-TOTAL_FORMS": "1",
    "entries-INITIAL_FORMS": "0",
    "entries-0-exercise": "EXERCISE",
    "entries-0-sets": "1",
    "entries-0-repetitions": "5",
    "entries-0-hold_seconds": "20",
    "entries-0-side": "both",
    "entries-0-pain_during": "2",
    "entries-0-status": "completed",
    "entries-0-sharp_pain": "on",
}


class SessionFormFuzz(FuzzCase):
    def post_session(self, data, action):
        data = {k: (str(self.exercise.pk) if v == "EXERCISE" else v) for k, v in data.items()}
        data[action] = "1" if action != "remove" else "0"
        if action == "add":
            data["add_exercise"] = str(self.exercise.pk)
        before = (Session.objects.count(), ExerciseEntry.objects.count())
        response = self.client.post(reverse("logbook:session_create"), data)
        assert response.status_code in {200, 302}
        if response.status_code == 200:
            assert (Session.objects.count(), ExerciseEntry.objects.count()) == before
            assert SCRIPT not in response.content.decode()
        else:
            session = Session.objects.get(user=self.user)
            assert 0 <= session.pain_before <= 10
            assert session.entries.count() >= 1
            self.assert_no_script_on(session.get_absolute_url())
            self.assert_no_script_on(reverse("logbook:session_list"))
        return response

    @given(
        field=st.none() | st.sampled_from(sorted(VALID_SESSION_POST)),
        value=HOSTILE,
        token=st.uuids(),
    )
    @example(field=None, value="", token=uuid.UUID(int=1))
    @example(field="notes", value=SCRIPT, token=uuid.UUID(int=2))
    def test_one_hostile_field_in_a_valid_session(self, field, value, token):
        """A valid post saves; the same post with one hostile value saves or is refused cleanly."""
        data = {**VALID_SESSION_POST, "submission_token": str(token)}
        if field is not None:
            data[field] = value
        response = self.post_session(data, "save")
        if field is None:
            assert response.status_code == 302

    @given(
        data=st.fixed_dictionaries(
            {
                "date": maybe(
                    st.dates(datetime.date(2000, 1, 1), datetime.date(2026, 11, 1)).map(str)
                ),
                "started_at": maybe(st.times().map(lambda t: t.strftime("%H:%M"))),
                "pain_before": maybe(_pain()),
                "pain_after": maybe(_pain()),
                "effort": maybe(st.sampled_from(["easy", "right", "too_hard"])),
                "notes": maybe(st.text(max_size=200)),
                "submission_token": maybe(st.uuids().map(str)),
                "routine": maybe(st.just("")),
                "entries-TOTAL_FORMS": maybe(st.sampled_from(["0", "1", "2"])),
                "entries-INITIAL_FORMS": maybe(st.just("0")),
                "entries-0-exercise": maybe(st.just("EXERCISE")),
                "entries-0-sets": maybe(st.integers(1, 10).map(str)),
                "entries-0-repetitions": maybe(st.integers(0, 100).map(str)),
                "entries-0-hold_seconds": maybe(st.integers(1, 600).map(str)),
                "entries-0-side": maybe(st.sampled_from(["both", "left", "right", "na"])),
                "entries-0-pain_during": maybe(_pain()),
                "entries-0-status": maybe(st.sampled_from(["completed", "stopped"])),
                "entries-0-sharp_pain": maybe(st.just("on")),
            }
        ),
        action=st.sampled_from(["save", "add", "remove"]),
    )
    def test_everything_hostile_with_every_button(self, data, action):
        self.post_session(data, action)


class SessionEditFuzz(FuzzCase):
    @given(
        notes=maybe(st.text(max_size=100)),
        pain_after=maybe(_pain()),
        repetitions=maybe(st.integers(0, 100).map(str)),
        next_morning=maybe(st.sampled_from(["better", "same", "worse"])),
    )
    def test_edit_and_next_morning(self, notes, pain_after, repetitions, next_morning):
        entry = ExerciseEntryFactory(
            session__user=self.user, session__date=datetime.date(2026, 1, 5)
        )
        session = entry.session
        data = {
            "date": "2026-01-05",
            "pain_before": "4",
            "pain_after": pain_after,
            "effort": "right",
            "notes": notes,
            "entries-TOTAL_FORMS": "1",
            "entries-INITIAL_FORMS": "0",
            "entries-0-exercise": str(entry.exercise_id),
            "entries-0-sets": "1",
            "entries-0-repetitions": repetitions,
            "entries-0-side": "na",
            "entries-0-pain_during": "2",
            "entries-0-status": "completed",
            "save": "1",
        }
        response = self.client.post(reverse("logbook:session_update", args=[session.pk]), data)
        assert response.status_code in {200, 302}
        session.refresh_from_db()
        if response.status_code == 200:
            assert (session.pain_after, session.notes) == (3, "")
        response = self.client.post(
            reverse("logbook:session_next_morning", args=[session.pk]),
            {"next_morning": next_morning},
        )
        assert response.status_code == 302
        session.refresh_from_db()
        assert session.next_morning in {"", "better", "same", "worse"}
        self.assert_no_script_on(session.get_absolute_url())


class RoutineFuzz(FuzzCase):
    @given(
        name=maybe(st.text(min_size=1, max_size=100)),
        description=maybe(st.text(max_size=200)),
        sets=maybe(st.integers(1, 10).map(str)),
        repetitions=maybe(st.integers(1, 100).map(str)),
        hold=maybe(st.integers(1, 600).map(str)),
        exercise=maybe(st.just("EXERCISE")),
        direction=maybe(st.sampled_from(["up", "down"])),
    )
    def test_routine_forms(self, name, description, sets, repetitions, hold, exercise, direction):
        count = Routine.objects.count()
        response = self.client.post(
            reverse("logbook:routine_create"), {"name": name, "description": description}
        )
        assert response.status_code in {200, 302}
        if response.status_code == 200:
            assert Routine.objects.count() == count
            return
        routine = Routine.objects.get(owner=self.user)
        self.assert_no_script_on(routine.get_absolute_url())
        self.assert_no_script_on(reverse("logbook:routine_list"))
        exercise_id = str(self.exercise.pk) if exercise == "EXERCISE" else exercise
        response = self.client.post(
            reverse("logbook:routine_item_add", args=[routine.pk]), {"exercise": exercise_id}
        )
        assert response.status_code == 302
        item = RoutineItemFactory(routine=routine, position=50)
        prefix = f"item-{item.pk}-"
        response = self.client.post(
            reverse("logbook:routine_item_update", args=[routine.pk, item.pk]),
            {
                prefix + "sets": sets,
                prefix + "repetitions": repetitions,
                prefix + "hold_seconds": hold,
            },
        )
        assert response.status_code == 302
        item.refresh_from_db()
        assert 1 <= item.sets <= 10
        assert 1 <= item.repetitions <= 100
        response = self.client.post(
            reverse("logbook:routine_item_move", args=[routine.pk, item.pk]),
            {"direction": direction},
        )
        assert response.status_code == 302
        positions = list(
            RoutineItem.objects.filter(routine=routine).values_list("position", flat=True)
        )
        assert len(positions) == len(set(positions))


class RoutineRenameFuzz(FuzzCase):
    @given(name=HOSTILE, description=HOSTILE)
    def test_rename(self, name, description):
        routine = Routine.objects.create(owner=self.user, name="Mornings")
        response = self.client.post(
            reverse("logbook:routine_update", args=[routine.pk]),
            {"name": name, "description": description},
        )
        assert response.status_code in {200, 302}
        routine.refresh_from_db()
        if response.status_code == 200:
            assert routine.name == "Mornings"
        self.assert_no_script_on(routine.get_absolute_url())


class PasswordResetConfirmFuzz(FuzzCase):
    @given(
        first=maybe(st.just("a new long passphrase")),
        second=maybe(st.just("a new long passphrase")),
    )
    def test_set_a_new_password(self, first, second):
        from django.contrib.auth.tokens import default_token_generator
        from django.utils.encoding import force_bytes
        from django.utils.http import urlsafe_base64_encode

        user = User.objects.get(pk=self.user.pk)  # as stored now, each example rolled back
        anonymous = Client()
        link = reverse(
            "password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
        form_url = anonymous.get(link).url
        response = anonymous.post(form_url, {"new_password1": first, "new_password2": second})
        assert response.status_code in {200, 302}
        user.refresh_from_db()
        changed = user.check_password(first)
        assert changed == (response.status_code == 302)


class AccountFuzz(FuzzCase):
    @given(
        username=maybe(st.from_regex(r"[a-z]{3,12}", fullmatch=True)),
        email=maybe(st.emails()),
        time_zone=maybe(st.sampled_from(["Europe/Paris", "Asia/Tokyo", "UTC"])),
        password=maybe(st.just("a long enough passphrase")),
        weekly_goal=maybe(st.integers(1, 14).map(str)),
    )
    def test_account_forms(self, username, email, time_zone, password, weekly_goal):
        anonymous = Client()
        users = User.objects.count()
        response = anonymous.post(
            reverse("accounts:signup"),
            {
                "username": username,
                "email": email,
                "time_zone": time_zone,
                "password1": password,
                "password2": password,
            },
        )
        assert response.status_code in {200, 302}
        if response.status_code == 200:
            assert User.objects.count() == users
            assert SCRIPT not in response.content.decode()
        response = self.client.post(
            reverse("accounts:account"),
            {"email": email, "time_zone": time_zone, "weekly_goal": weekly_goal},
        )
        assert response.status_code in {200, 302}
        self.user.refresh_from_db()
        assert 1 <= self.user.weekly_goal <= 14
        response = self.client.post(reverse("accounts:delete"), {"password": password})
        assert response.status_code == 200
        assert User.objects.filter(pk=self.user.pk).exists()
        response = anonymous.post(reverse("login"), {"username": username, "password": password})
        assert response.status_code in {200, 302, 429}
        response = anonymous.post(reverse("password_reset"), {"email": email})
        assert response.status_code in {200, 302}
        response = self.client.post(
            reverse("password_change"),
            {"old_password": password, "new_password1": password, "new_password2": username},
        )
        assert response.status_code in {200, 302}
        assert self.user.check_password("correct horse battery")

    @given(unknown=HOSTILE)
    def test_unknown_query_values_on_pages(self, unknown):
        for url, params in [
            (reverse("exercises:list"), {"q": unknown, "category": unknown, "difficulty": unknown}),
            (reverse("logbook:session_list"), {"page": unknown}),
            (reverse("logbook:progress"), {"weeks": unknown}),
            (reverse("logbook:session_create"), {"exercise": unknown, "routine": unknown}),
        ]:
            response = self.client.get(url, params)
            assert response.status_code == 200, url
            assert SCRIPT not in response.content.decode()


def test_fuzzing_covers_every_form_view():
    """A reminder with teeth: a new POST view must be added to the fuzzing above."""
    from tests.test_ownership import LOGIN_REQUIRED_URLS, PUBLIC_URLS

    fuzzed = {
        "logbook:session_create", "logbook:session_update", "logbook:session_next_morning",
        "logbook:routine_create", "logbook:routine_item_add", "logbook:routine_item_update",
        "logbook:routine_item_move", "logbook:routine_update",
        "accounts:signup", "accounts:account", "accounts:delete", "login", "password_reset",
        "password_change", "password_reset_confirm",
    }  # fmt: skip
    # Posts without input fields worth fuzzing: confirmations and buttons.
    buttons = {
        "logbook:session_delete", "logbook:routine_delete", "logbook:routine_copy",
        "logbook:routine_item_remove", "logbook:routine_suggestion_accept", "logout",
    }  # fmt: skip
    posts = {
        name
        for name, methods in {**LOGIN_REQUIRED_URLS, **PUBLIC_URLS}.items()
        if "post" in methods
    }
    assert posts == fuzzed | buttons
