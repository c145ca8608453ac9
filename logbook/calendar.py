"""A plan as a calendar (iCalendar, RFC 5545, built with the icalendar library): each planned
session for the next weeks, and the next function check, for any calendar app to subscribe to."""

import datetime

from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from logbook.models import FunctionCheck
from logbook.outcomes import CHECK_EVERY
from logbook.planning import estimated_minutes

WEEKS_AHEAD = 8


def plan_calendar(plan, site_url: str) -> bytes:
    user = plan.user
    today = user.today()
    calendar = Calendar()
    calendar.add("prodid", "-//Backcare//Weekly plan//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Backcare"))
    calendar.add("x-wr-timezone", user.time_zone)
    items = list(plan.routine.items.select_related("exercise")) if plan.routine_id else []
    minutes = estimated_minutes(items) if items else 0
    name = plan.routine.name if plan.routine_id else ""
    # A plan whose routine was emptied or deleted has no sessions to put in a calendar.
    for offset in range(WEEKS_AHEAD * 7 if items else 0):
        day = today + datetime.timedelta(days=offset)
        if plan.is_plan_day(day):
            calendar.add_component(
                _event(
                    uid=f"plan-{plan.pk}-{day.isoformat()}@backcare",
                    summary=_("Backcare: %(name)s") % {"name": name},
                    description=_("About %(minutes)s minutes. Start it from %(url)s")
                    % {"minutes": minutes, "url": site_url},
                    day=day,
                    at=plan.reminder_time,
                    minutes=minutes,
                    zone=user.zone,
                )
            )
    latest = (
        FunctionCheck.objects.filter(user=user).order_by("-date").values_list("date", flat=True)
    ).first()
    check_on = max(today, latest + CHECK_EVERY) if latest else today
    calendar.add_component(
        _event(
            uid=f"function-{plan.pk}-{check_on.isoformat()}@backcare",
            summary=_("Backcare: how are your activities?"),
            description=_("Two minutes to rate the activities your back makes hard: %(url)s")
            % {"url": site_url},
            day=check_on,
            at=None,
            minutes=0,
            zone=user.zone,
        )
    )
    # RFC 5545: a time zone a timed event names is defined in the calendar itself.
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _event(*, uid, summary, description, day, at, minutes, zone) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", datetime.datetime.now(datetime.UTC))
    event.add("summary", summary)
    event.add("description", description)
    if at is None:
        event.add("dtstart", day)  # a date: an all-day event
        event.add("dtend", day + datetime.timedelta(days=1))
    else:
        start = datetime.datetime.combine(day, at, tzinfo=zone)
        event.add("dtstart", start)
        event.add("dtend", start + datetime.timedelta(minutes=minutes))
    return event
