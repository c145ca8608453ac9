"""Figures and pages derived from one person's logbook, cached until the logbook changes.

One cache entry per person holds every part asked for (the progress of a range, of a routine,
the rendered tables of the progress page in a language...) under a version: the day, the weekly
goal, the number of sessions and the latest change to any of them, read in one indexed query.
Saving, editing, deleting a session or recording its next morning changes the version, so a
stale figure is never shown, and the entry is replaced as a whole. The entry holds weekly pain
averages: deleting an account deletes it (forget_cached_figures).
"""

import datetime
import logging
from collections.abc import Callable, Hashable
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Max, Min

from logbook.attempts import Attempt, recent_attempts
from logbook.care import Prompt, care_prompts, care_trend
from logbook.models import Session
from logbook.progress import Progress, progress

logger = logging.getLogger(__name__)
CACHE_SECONDS = 60 * 60


def _cache_key(user_id: int) -> str:
    return f"progress:{user_id}"


class UserFigures:
    def __init__(self, user, today: datetime.date):
        self.user, self.today = user, today
        self.sessions = Session.objects.filter(user=user)
        stamp = self.sessions.aggregate(
            count=Count("pk"), changed=Max("updated_at"), first=Min("date")
        )
        changed = stamp["changed"].timestamp() if stamp["changed"] else 0
        self.version = f"{today}:{user.weekly_goal}:{stamp['count']}:{changed}"
        self.first_day = stamp["first"]
        self._parts: dict | None = None

    def get(self, part: Hashable, compute: Callable[[], Any]) -> Any:
        """The cached value of `part`, computed (and kept) when the logbook changed since."""
        key = _cache_key(self.user.pk)
        try:
            if self._parts is None:  # read once a request, whatever the number of parts
                entry = cache.get(key)
                self._parts = (
                    dict(entry["parts"]) if entry and entry["version"] == self.version else {}
                )
            if part not in self._parts:
                self._parts[part] = compute()
                cache.set(key, {"version": self.version, "parts": self._parts}, CACHE_SECONDS)
            return self._parts[part]
        except Exception:  # any cache failure (Redis down): the figures still show
            logger.warning("Cache unavailable; figures computed without it", exc_info=True)
            return compute()

    def progress(self, range_key: str, routine=None) -> Progress:
        """progress() of all the person's sessions, or of one routine's."""
        if routine is not None:
            sessions, first_day = self.sessions.filter(routine=routine), None
        else:
            sessions, first_day = self.sessions, self.first_day

        def compute() -> Progress:
            return progress(
                sessions,
                today=self.today,
                range_key=range_key,
                weekly_goal=self.user.weekly_goal,
                first_day=first_day,
            )

        return self.get(("progress", routine.pk if routine else None, range_key), compute)

    def recent_attempts(self, exercise_ids) -> dict[int, list[Attempt]]:
        """logbook.attempts.recent_attempts: what the advice is worked out from, which depends
        on the logbook alone (the advice itself is worked out afresh, with today's doses)."""
        ids = tuple(sorted(set(exercise_ids)))
        return self.get(("attempts", ids), lambda: recent_attempts(self.user, ids))

    def care_prompts(self) -> list[Prompt]:
        trend = self.get(("care-trend",), lambda: care_trend(self.user, self.today))
        return care_prompts(self.user, self.today, trend=trend)


def user_figures(user, *, today: datetime.date) -> UserFigures:
    return UserFigures(user, today)


def user_progress(user, *, today: datetime.date, range_key: str, routine=None) -> Progress:
    return UserFigures(user, today).progress(range_key, routine)


def forget_cached_figures(user_id: int) -> None:
    """Remove a person's cached figures (account deletion): they hold weekly pain averages."""
    cache.delete(_cache_key(user_id))
