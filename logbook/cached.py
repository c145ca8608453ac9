"""Figures and pages derived from one person's logbook, cached until the logbook changes.

One cache entry per person holds every part asked for (the progress of a range, of a routine,
the rendered tables of the progress page in a language...) under a version: the day, the weekly
goal, the number of sessions and the latest change to any of them, read in one indexed query.
Saving, editing, deleting a session or recording its next morning changes the version, so a
stale figure is never shown, and the entry is replaced as a whole; it is kept ten minutes at
most. The entry holds weekly pain averages: deleting an account deletes it
(forget_cached_figures).
"""

import datetime
import logging
import time
from collections.abc import Callable, Hashable
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Max, Min
from django.utils.translation import get_language

from logbook.attempts import Attempt, recent_attempts
from logbook.care import Prompt, care_prompts, care_trend
from logbook.models import Session
from logbook.progress import Progress, progress

logger = logging.getLogger(__name__)
# An entry is kept at most this long from when it was first written, whatever is added to it
# since: it holds rendered HTML (with the static files' hashed names), so a new release of the
# templates shows within minutes, as the library page's cache (exercises/library.py).
CACHE_SECONDS = 10 * 60
# Part of the version: a release that changes what the entry holds changes this.
ENTRY_FORMAT = 3


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
        self.version = f"{ENTRY_FORMAT}:{today}:{user.weekly_goal}:{stamp['count']}:{changed}"
        self.first_day = stamp["first"]
        self._parts: dict | None = None
        self._born = 0.0

    def get(self, part: Hashable, compute: Callable[[], Any]) -> Any:
        """The cached value of `part`, computed (and kept) when the logbook changed since.

        Only the cache's own failures (Redis down) are caught: the figures then show without
        it. An error in the computation is the computation's, and is raised as it is."""
        if self._parts is None:  # read once a request, whatever the number of parts
            entry = self._read()
            self._parts = dict(entry["parts"]) if entry else {}
            self._born = entry["born"] if entry else time.time()
        if part not in self._parts:
            self._parts[part] = compute()
            self._write()
        return self._parts[part]

    def _read(self) -> dict | None:
        try:
            entry = cache.get(_cache_key(self.user.pk))
        except Exception:
            logger.warning("Cache unavailable; figures computed without it", exc_info=True)
            return None
        if not isinstance(entry, dict) or entry.get("version") != self.version:
            return None
        return entry

    def _write(self) -> None:
        left = CACHE_SECONDS - (time.time() - self._born)
        if left <= 0:
            return
        entry = {"version": self.version, "born": self._born, "parts": self._parts}
        try:
            cache.set(_cache_key(self.user.pk), entry, int(left) + 1)
        except Exception:
            logger.warning("Cache unavailable; figures not kept", exc_info=True)

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

        # Per language: its table of exercises holds their names.
        part = ("progress", routine.pk if routine else None, range_key, get_language())
        return self.get(part, compute)

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


def advice_inputs(
    user, today: datetime.date, exercise_ids, figures: UserFigures | None = None
) -> tuple[dict[int, list[Attempt]], list[Prompt]]:
    """What the advice (logbook/progression) is worked out from: the recent attempts at these
    exercises and the care prompts. From the cached figures when a page gives them; read
    afresh without them, as a change (taking a step, accepting a suggestion) must."""
    if figures is None:
        return recent_attempts(user, exercise_ids), care_prompts(user, today)
    return figures.recent_attempts(exercise_ids), figures.care_prompts()


def forget_cached_figures(user_id: int) -> None:
    """Remove a person's cached figures (account deletion): they hold weekly pain averages."""
    cache.delete(_cache_key(user_id))
