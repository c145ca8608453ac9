"""A person's weekly plan: their days, a short routine of their own, and its planned steps."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from logbook.models.routines import Routine


def week_start(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


class Plan(models.Model):
    class StepEvery(models.IntegerChoices):
        WEEK = 1, _("every week")
        TWO_WEEKS = 2, _("every two weeks")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plan"
    )
    # The person's own copy: planned steps change its doses, never a curated routine's.
    routine = models.ForeignKey(
        Routine, on_delete=models.SET_NULL, null=True, blank=True, related_name="plans"
    )
    days = models.JSONField(_("days"), default=list, help_text=_("Monday is 0, Sunday 6."))
    started_on = models.DateField(_("started on"))
    step_every = models.PositiveSmallIntegerField(
        _("a small step up"), choices=StepEvery.choices, default=StepEvery.TWO_WEEKS
    )
    # The plan week (0 is the first) of the last planned step taken; 0 until the first.
    last_step_week = models.PositiveSmallIntegerField(default=0)
    reminder_time = models.TimeField(_("reminder time"), null=True, blank=True)
    email_reminders = models.BooleanField(_("e-mail me on my days"), default=False)
    last_reminded_on = models.DateField(null=True, blank=True, editable=False)
    # A keyed hash of the calendar feed's secret; empty while there is no feed.
    calendar_key = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["user_id"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        constraints = [
            models.CheckConstraint(
                name="plan_step_every_1_or_2", condition=Q(step_every__in=[1, 2])
            )
        ]

    def __str__(self) -> str:
        return f"{self.user}'s plan"

    def get_absolute_url(self) -> str:
        return reverse("logbook:plan")

    @property
    def sessions_per_week(self) -> int:
        return len(self.days)

    def is_plan_day(self, day: datetime.date) -> bool:
        return day.weekday() in self.days

    def week_index(self, today: datetime.date) -> int:
        """Which week of the plan today falls in, counted in whole weeks from the day it
        started (0 is the first seven days), so a step never comes early."""
        return max(0, (today - self.started_on).days // 7)

    def next_step_week(self) -> int:
        return self.last_step_week + self.step_every

    def step_due(self, today: datetime.date) -> bool:
        return self.week_index(today) >= self.next_step_week()

    def next_step_on(self) -> datetime.date:
        """The day the next planned step falls due."""
        return self.started_on + datetime.timedelta(weeks=self.next_step_week())
