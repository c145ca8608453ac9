"""Random and hostile input posted to the plan's forms and the function check (PSFS): never a
server error, never a plan or a check from an invalid post, never a stored script rendered
unescaped. Marked "fuzz", like tests/test_fuzz.py."""

import pytest
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from logbook.models import FunctionActivity, FunctionCheck, FunctionScore, Plan
from logbook.planning import STARTERS
from tests.factories import PlanFactory, RoutineFactory, RoutineItemFactory
from tests.fuzzing import HOSTILE, SCRIPT, FuzzCase, maybe

pytestmark = pytest.mark.fuzz

DAY = st.integers(0, 6).map(str)
SCORE = st.integers(0, 10).map(str)
INDEXES = {"0", "1", "2", "3", "4"}
STARTER = next(iter(STARTERS))


class PlanFormFuzz(FuzzCase):
    def setUp(self):
        super().setUp()
        self.starter = RoutineFactory(owner=None, key=STARTER, name="Gentle relief")
        self.items = [RoutineItemFactory(routine=self.starter, position=n) for n in range(1, 6)]

    @given(
        exercises=st.lists(maybe(st.sampled_from(sorted(INDEXES))), max_size=6),
        days=st.lists(maybe(DAY), max_size=8),
        step_every=maybe(st.sampled_from(["1", "2"])),
    )
    @example(exercises=["0", "1"], days=["0", "2"], step_every="2")
    def test_making_a_plan(self, exercises, days, step_every):
        # "0" to "4" name the starter's items; anything else is posted as it is.
        ids = [
            str(self.items[int(value)].exercise_id) if value in INDEXES else value
            for value in exercises
        ]
        before = Plan.objects.filter(user=self.user).first()
        response = self.client.post(
            reverse("logbook:plan_create") + f"?start={STARTER}",
            {"exercises": ids, "days": days, "step_every": step_every},
        )
        assert response.status_code in {200, 302}
        plan = Plan.objects.filter(user=self.user).first()
        if response.status_code == 200:
            assert plan == before
            assert SCRIPT not in response.content.decode()
        else:
            assert 2 <= plan.routine.items.count() <= 4
            assert plan.days
            assert set(plan.days) <= set(range(7))


class PlanSettingsFuzz(FuzzCase):
    def setUp(self):
        super().setUp()
        self.plan = PlanFactory(user=self.user)
        self.user.weekly_goal = 6  # not the plan's: a saved plan must set it
        self.user.save(update_fields=["weekly_goal"])

    @given(
        days=st.lists(maybe(DAY), max_size=8),
        step_every=maybe(st.sampled_from(["1", "2"])),
        reminder_time=maybe(st.times().map(lambda t: t.strftime("%H:%M"))),
        email_reminders=maybe(st.just("on")),
    )
    def test_changing_days_and_reminders(self, days, step_every, reminder_time, email_reminders):
        response = self.client.post(
            reverse("logbook:plan"),
            {
                "days": days,
                "step_every": step_every,
                "reminder_time": reminder_time,
                "email_reminders": email_reminders,
            },
        )
        assert response.status_code in {200, 302}
        plan = Plan.objects.get(user=self.user)
        assert plan.days
        assert set(plan.days) <= set(range(7))
        assert plan.step_every in (1, 2)
        if response.status_code == 302:
            self.user.refresh_from_db()
            assert self.user.weekly_goal == len(plan.days)


class FunctionCheckFuzz(FuzzCase):
    @given(
        names=st.lists(maybe(st.text(max_size=120)), min_size=5, max_size=5),
        scores=st.lists(maybe(SCORE), min_size=5, max_size=5),
    )
    @example(names=[SCRIPT, "Sitting", "Walking", "", ""], scores=["3", "4", "5", "", ""])
    def test_naming_and_rating_activities(self, names, scores):
        data = {}
        for row, (name, score) in enumerate(zip(names, scores, strict=True)):
            data[f"name_{row}"], data[f"new_score_{row}"] = name, score
        before = FunctionCheck.objects.filter(user=self.user).count()
        response = self.client.post(reverse("logbook:function_check"), data)
        assert response.status_code in {200, 302}
        if response.status_code == 200:
            assert FunctionCheck.objects.filter(user=self.user).count() == before
            assert SCRIPT not in response.content.decode()
        else:
            check = FunctionCheck.objects.filter(user=self.user).latest("created_at")
            scored = FunctionScore.objects.filter(function_check=check)
            assert 3 <= scored.count() <= 5
            assert all(0 <= score.score <= 10 for score in scored)
            assert FunctionActivity.objects.filter(user=self.user).count() <= 5
            self.assert_no_script_on(reverse("logbook:progress"))
            self.assert_no_script_on(reverse("home"))

    @given(score=HOSTILE)
    def test_a_later_check_with_a_hostile_score(self, score):
        activities = [
            FunctionActivity.objects.get_or_create(user=self.user, name=name, position=n)[0]
            for n, name in enumerate(["Socks", "Film", "Stairs"], start=1)
        ]
        data = {f"score_{a.pk}": "5" for a in activities} | {f"score_{activities[0].pk}": score}
        before = FunctionScore.objects.count()
        response = self.client.post(reverse("logbook:function_check"), data)
        assert response.status_code in {200, 302}
        if response.status_code == 200:
            assert FunctionScore.objects.count() == before
