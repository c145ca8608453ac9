"""Writes for a person's programme: their weekly plan, its planned steps, its calendar feed, and
their function checks (PSFS)."""

import datetime
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from logbook.models import (
    FunctionActivity,
    FunctionCheck,
    FunctionScore,
    Plan,
    Routine,
    RoutineItem,
)
from logbook.outcomes import MAX_ACTIVITIES
from logbook.planning import PLAN_EXERCISES
from logbook.services.routines import routine_item_apply


@transaction.atomic
def plan_create(
    *, user, starter: Routine, exercise_ids: list[int], days: list[int], step_every: int, today
) -> Plan:
    """A weekly plan from a starter routine: the chosen 2 to 4 exercises, copied into a routine
    of the person's own at the starter's doses (the gentle end of each range), on their days.
    A person with a plan already gets this one instead; their old routine stays theirs."""
    chosen = [item for item in starter.items.all() if item.exercise_id in set(exercise_ids)]
    low, high = PLAN_EXERCISES
    if not low <= len(chosen) <= high or not days:
        raise ValidationError(_("A plan needs 2 to 4 exercises and at least one day."))
    routine = Routine.objects.create(
        owner=user,
        name=_("My plan: %(name)s") % {"name": starter.name},
        description=starter.description,
        sources=starter.sources,
        copied_from=starter,
    )
    RoutineItem.objects.bulk_create(
        RoutineItem(
            routine=routine, exercise_id=item.exercise_id, position=position, **item.dose.fields
        )
        for position, item in enumerate(chosen, start=1)
    )
    plan_goal_sync(user=user, days=days)
    plan, _created = Plan.objects.update_or_create(
        user=user,
        defaults={
            "routine": routine,
            "days": sorted(set(days)),
            "step_every": step_every,
            "started_on": today,
            "last_step_week": 0,
        },
    )
    return plan


def plan_goal_sync(*, user, days) -> None:
    """The plan's days are the person's weekly goal (the progress page counts weeks kept)."""
    user.weekly_goal = max(1, len(set(days)))
    user.save(update_fields=["weekly_goal"])


@transaction.atomic
def plan_step_take(*, plan: Plan, steps, today: datetime.date) -> int:
    """Take this week's planned step: every planned increase of the plan's routine at once.

    ``steps`` pairs each routine item with its suggestion (logbook.progression.suggestion_for),
    computed afresh for this request; only planned increases are taken here (easing off is
    accepted item by item, at any time). Returns how many exercises changed; a second click in
    the same week changes nothing, since the step is no longer due.
    """
    Plan.objects.select_for_update().filter(pk=plan.pk).first()
    plan.refresh_from_db(fields=["last_step_week"])
    if not plan.step_due(today):
        return 0
    planned = [(item, suggestion) for item, suggestion in steps if suggestion.planned]
    for item, suggestion in planned:
        routine_item_apply(item=item, suggestion=suggestion)
    if planned:
        plan.last_step_week = plan.week_index(today)
        plan.save(update_fields=["last_step_week", "updated_at"])
    return len(planned)


def calendar_key(token: str) -> str:
    return salted_hmac("backcare.calendar", token).hexdigest()


def calendar_link_new(*, plan: Plan) -> str:
    """A new secret for the plan's calendar feed (any old one stops working); the token itself
    is shown once and only its keyed hash is stored."""
    token = secrets.token_urlsafe(24)
    plan.calendar_key = calendar_key(token)
    plan.save(update_fields=["calendar_key", "updated_at"])
    return token


@transaction.atomic
def function_check_save(
    *, user, date: datetime.date, scores: dict[int, int], new_activities: list[tuple[str, int]]
) -> FunctionCheck:
    """A PSFS check: today's score for each activity, with any newly named ones."""
    activities = {a.pk: a for a in FunctionActivity.objects.select_for_update().filter(user=user)}
    if set(scores) - set(activities) or len(activities) + len(new_activities) > MAX_ACTIVITIES:
        raise ValidationError(_("Those activities are not yours to rate."))
    position = max((a.position for a in activities.values()), default=0)
    for name, score in new_activities:
        position += 1
        activity = FunctionActivity.objects.create(user=user, name=name, position=position)
        activities[activity.pk] = activity
        scores = {**scores, activity.pk: score}
    check = FunctionCheck.objects.create(user=user, date=date)
    scored = []
    for activity_id, score in scores.items():
        entry = FunctionScore(function_check=check, activity=activities[activity_id], score=score)
        entry.full_clean(exclude=["function_check"])
        scored.append(entry)
    FunctionScore.objects.bulk_create(scored)
    return check
