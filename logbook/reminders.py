"""E-mail reminders on planned days: who is due one now, and the signed link that stops them."""

import datetime

from django.core import signing

from logbook.models import Plan, Session

DEFAULT_TIME = datetime.time(8, 0)
SALT = "backcare.reminders"


def reminder_token(plan: Plan) -> str:
    """The secret part of a plan's "stop the reminders" link (signed, so it cannot be guessed)."""
    return signing.Signer(salt=SALT).sign(str(plan.pk))


def plan_pk_from_token(token: str) -> int | None:
    try:
        return int(signing.Signer(salt=SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        return None


def reminders_due(now: datetime.datetime):
    """Each plan whose person should get a reminder now, with their today: reminders on, a plan
    day where they are, the hour of their reminder time (or 8:00) begun, none sent today, and
    no session logged today; a plan whose routine was emptied or deleted gets none."""
    plans = (
        Plan.objects.filter(email_reminders=True, routine__items__isnull=False)
        .exclude(user__email="")
        .select_related("user", "routine")
        .distinct()
    )
    for plan in plans:
        local = now.astimezone(plan.user.zone)
        today = local.date()
        if (
            plan.is_plan_day(today)
            # From the start of the reminder's hour: the hourly run never misses a late one.
            and local.time() >= (plan.reminder_time or DEFAULT_TIME).replace(minute=0)
            and plan.last_reminded_on != today
            and not Session.objects.filter(user=plan.user, date=today).exists()
        ):
            yield plan, today


def reminder_claim(plan: Plan, today: datetime.date) -> bool:
    """Mark today's reminder as sent, unless another run got there first."""
    claimed = (
        Plan.objects.filter(pk=plan.pk)
        .exclude(last_reminded_on=today)
        .update(last_reminded_on=today)
    )
    return claimed == 1


def reminder_release(plan: Plan, today: datetime.date) -> None:
    """A reminder that could not be sent: the next run tries again."""
    Plan.objects.filter(pk=plan.pk, last_reminded_on=today).update(
        last_reminded_on=plan.last_reminded_on
    )
