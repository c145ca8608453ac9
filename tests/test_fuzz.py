"""Random and hostile input posted to every logbook form: never a server error, never a row from
an invalid post, never a stored script rendered unescaped. Marked "fuzz": `make test` and CI
always run it; `make test-fast` leaves it out.
"""

import datetime
import uuid

import pytest
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from logbook.models import ExerciseEntry, FlarePlan, Routine, Session
from tests.factories import ExerciseEntryFactory, RoutineItemFactory
from tests.fuzzing import HOSTILE, SCRIPT, FuzzCase, maybe, pain_rating

pytestmark = pytest.mark.fuzz


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
                "pain_before": maybe(pain_rating()),
                "pain_after": maybe(pain_rating()),
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
                "entries-0-pain_during": maybe(pain_rating()),
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
        pain_after=maybe(pain_rating()),
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
        exercise=maybe(st.just("EXERCISE")),
    )
    def test_routine_forms(self, name, description, exercise):
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
            reverse("logbook:routine_update", args=[routine.pk]),
            {"name": "Mornings", "add-exercise": exercise_id, "add": "1"},
        )
        assert response.status_code in {200, 302}
        assert routine.items.count() == (1 if response.status_code == 302 else 0)


class RoutineEditorFuzz(FuzzCase):
    """The editor's one form: doses, a button and the item it names, all at random."""

    @given(
        sets=maybe(st.integers(-2, 12).map(str)),
        repetitions=maybe(st.integers(-2, 102).map(str)),
        hold=maybe(st.integers(-2, 602).map(str)),
        button=st.sampled_from(["save", "add", "move_up", "move_down", "remove"]),
        target=maybe(st.sampled_from(["FIRST", "SECOND"])),
    )
    def test_editor(self, sets, repetitions, hold, button, target):
        routine = Routine.objects.create(owner=self.user, name="Mornings")
        first, second = (RoutineItemFactory(routine=routine, position=p) for p in (1, 2))
        before = list(routine.items.values_list("pk", "position", "sets", "repetitions"))
        prefix = f"item-{first.pk}-"
        named = {"FIRST": first.pk, "SECOND": second.pk}.get(target, target)
        data = {
            "name": "Evenings",
            "items": [str(first.pk), str(second.pk)],
            prefix + "sets": sets,
            prefix + "repetitions": repetitions,
            prefix + "hold_seconds": hold,
            **{f"item-{second.pk}-{name}": "2" for name in ["sets", "repetitions"]},
            "add-exercise": str(self.exercise.pk),
            button: named,
        }
        response = self.client.post(reverse("logbook:routine_update", args=[routine.pk]), data)
        assert response.status_code in {200, 302}
        routine.refresh_from_db()
        if response.status_code == 200:
            assert SCRIPT not in response.content.decode()
            assert routine.name == "Mornings"
            after = list(routine.items.values_list("pk", "position", "sets", "repetitions"))
            assert after == before
            return
        assert routine.name == "Evenings"
        positions = list(routine.items.values_list("position", flat=True))
        assert positions == list(range(1, len(positions) + 1))
        for item in routine.items.all():
            assert 1 <= item.sets <= 10
            assert 1 <= item.repetitions <= 100


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


class FlarePlanFuzz(FuzzCase):
    @given(what_helps=maybe(st.text(max_size=200)), who_to_call=HOSTILE)
    def test_flare_plan(self, what_helps, who_to_call):
        response = self.client.post(
            reverse("logbook:flare"), {"what_helps": what_helps, "who_to_call": who_to_call}
        )
        assert response.status_code in {200, 302}
        assert FlarePlan.objects.filter(user=self.user).count() == (
            1 if response.status_code == 302 else 0
        )
        self.assert_no_script_on(reverse("logbook:flare"))
