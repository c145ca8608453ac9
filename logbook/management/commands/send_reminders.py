"""E-mail reminders for planned days. Run it every hour (cron or a systemd timer, see the
README): each person with reminders on gets at most one a day, on a plan day, in the hour of
their reminder time (or from 8:00) where they are, unless they have logged a session today."""

import logging
import smtplib

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from logbook.planning import estimated_minutes
from logbook.reminders import reminder_claim, reminder_release, reminder_token, reminders_due

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Send today's e-mail reminders to people with a plan who asked for them."

    def add_arguments(self, parser):
        parser.add_argument(
            "--site", default=settings.SITE_URL, help="The address people open, for the links."
        )

    def handle(self, *args, site, **options):
        sent = failed = 0
        for plan, today in reminders_due(timezone.now()):
            # Claimed before sending: an overlapping run finds it taken and sends nothing.
            if not reminder_claim(plan, today):
                continue
            with translation.override(plan.user.language_or_default):
                context = {
                    "routine_name": plan.routine.name,
                    "minutes": estimated_minutes(list(plan.routine.items.all())),
                    "play_url": site + reverse("logbook:routine_play", args=[plan.routine.pk]),
                    "flare_url": site + reverse("logbook:flare"),
                    "stop_url": site
                    + reverse("logbook:reminders_stop", args=[reminder_token(plan)]),
                }
                subject = render_to_string("logbook/email/reminder_subject.txt", context).strip()
                body = render_to_string("logbook/email/reminder.txt", context)
            try:
                send_mail(subject, body, None, [plan.user.email])
            except (OSError, smtplib.SMTPException):
                # One bad address or a mail server hiccup: the others still get theirs, and this
                # one is tried again at the next run.
                logger.exception("Reminder to plan %s not sent", plan.pk)
                reminder_release(plan, today)
                failed += 1
                continue
            sent += 1
        self.stdout.write(f"Reminders sent: {sent}. Not sent: {failed}.")
