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
from logbook.services.locking import lock_person
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
    lock_person(user)
    existing = Plan.objects.select_related("routine").filter(user=user).first()
    if existing is not None and _same_plan(existing, starter, chosen, days, step_every, today):
        return existing  # the same form posted twice: one plan, one routine
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


def _same_plan(plan: Plan, starter, chosen, days, step_every, today) -> bool:
    if plan.routine is None or plan.routine.copied_from_id != starter.pk:
        return False
    return (
        plan.started_on == today
        and plan.days == sorted(set(days))
        and plan.step_every == step_every
        and sorted(plan.routine.items.values_list("exercise_id", flat=True))
        == sorted(item.exercise_id for item in chosen)
    )


def plan_goal_sync(*, user, days) -> None:
    """The plan's days are the person's weekly goal (the progress page counts weeks kept)."""
    user.weekly_goal = max(1, len(set(days)))
    user.save(update_fields=["weekly_goal"])


@transaction.atomic
def plan_step_take(*, plan: Plan, steps_for, today: datetime.date) -> int:
    """Take this week's planned step: every planned increase of the plan's routine at once.

    ``steps_for(plan)`` pairs each routine item with its suggestion
    (logbook.progression.suggestion_for); it is called under the lock on the plan and its
    routine, so the doses it reads are the ones changed. Only planned increases are taken here
    (easing off is accepted item by item, at any time). Returns how many exercises changed; a
    second click changes nothing, since the step is no longer due.
    """
    Plan.objects.select_for_update().filter(pk=plan.pk).first()
    Routine.objects.select_for_update().filter(pk=plan.routine_id).first()
    plan.refresh_from_db(fields=["last_step_week", "routine"])
    if not plan.step_due(today):
        return 0
    planned = [(item, suggestion) for item, suggestion in steps_for(plan) if suggestion.planned]
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
    """A PSFS check: the day's score for each activity, with any newly named ones. One check a
    day: rating again the same day replaces that day's scores, so a double submit cannot count
    twice. The person's row is locked, so two at once take turns; a "new" activity that is
    already there by name (the same form posted twice) is rated, not added again."""
    lock_person(user)
    activities = {a.pk: a for a in FunctionActivity.objects.filter(user=user)}
    by_name = {a.name.casefold(): a for a in activities.values()}
    fresh = [(name, score) for name, score in new_activities if name.casefold() not in by_name]
    if set(scores) - set(activities) or len(activities) + len(fresh) > MAX_ACTIVITIES:
        raise ValidationError(_("Those activities are not yours to rate."))
    scores = {
        **scores,
        **{by_name[n.casefold()].pk: s for n, s in new_activities if n.casefold() in by_name},
    }
    position = max((a.position for a in activities.values()), default=0)
    for name, score in fresh:
        position += 1
        activity = FunctionActivity.objects.create(user=user, name=name, position=position)
        activities[activity.pk] = activity
        scores = {**scores, activity.pk: score}
    check, _created = FunctionCheck.objects.get_or_create(user=user, date=date)
    check.scores.all().delete()
    scored = []
    for activity_id, score in scores.items():
        entry = FunctionScore(function_check=check, activity=activities[activity_id], score=score)
        entry.full_clean(exclude=["function_check"])
        scored.append(entry)
    FunctionScore.objects.bulk_create(scored)
    return check
