"""Figures and pages derived from one person's logbook, cached until the logbook changes.

A person's cache entries hold every part asked for (the progress of a range, of a routine,
the rendered tables of the progress page in a language, the function checks' report, the
lesson to offer...) under a version: the day, the weekly goal, the number of sessions and the
latest change to any of them, the newest function score and the newest lesson read, read in one
indexed query. Saving, editing, deleting a session, recording its next morning, rating function
or reading a lesson changes the version, so a stale figure is never shown, and the entries are
replaced as a whole; they are kept ten minutes at most. They hold weekly pain averages: deleting
an account deletes them (forget_cached_figures).
"""

import datetime
import hashlib
import logging
import time
from collections.abc import Callable, Hashable
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.utils.translation import get_language

from logbook.attempts import Attempt, recent_attempts
from logbook.care import Prompt, care_prompts, care_trend, next_lesson
from logbook.models import FunctionCheck, FunctionScore, Lesson, LessonRead, Session
from logbook.outcomes import FunctionReport, function_report
from logbook.progress import Progress, progress

logger = logging.getLogger(__name__)
# An entry is kept at most this long from when it was first written, whatever is added to it
# since: it holds rendered HTML (with the static files' hashed names), so a new release of the
# templates shows within minutes, as the library page's cache (exercises/library.py).
CACHE_SECONDS = 10 * 60
# Part of the version: a release that changes what the entry holds changes this.
ENTRY_FORMAT = 5


def _version_sql() -> str:
    quote = connection.ops.quote_name
    session, read = quote(Session._meta.db_table), quote(LessonRead._meta.db_table)
    score, check = quote(FunctionScore._meta.db_table), quote(FunctionCheck._meta.db_table)
    return (
        f"SELECT COUNT(*), MAX(s.updated_at), MIN(s.date), "
        f"(SELECT MAX(fs.id) FROM {score} fs JOIN {check} fc ON fs.function_check_id = fc.id "
        f"WHERE fc.user_id = %s), "
        f"(SELECT MAX(r.id) FROM {read} r WHERE r.user_id = %s) "
        f"FROM {session} s WHERE s.user_id = %s"
    )


def _version_stamp(user) -> tuple[str, datetime.date | None]:
    """What the cached figures depend on, in one indexed query, and the first session's day.

    The sessions: their number, latest change and first day; the function checks: rating a
    day again replaces its scores, so the newest score's id moves; the lessons read, which are
    only ever added. Written in SQL: one scan of the person's sessions, and an aggregate over
    none still gives a row, with the checks' and lessons' figures. (The same through the ORM,
    as subqueries, scanned the sessions three times and took 7 ms instead of 2 with ten years.)
    """
    with connection.cursor() as cursor:
        cursor.execute(_version_sql(), [user.pk, user.pk, user.pk])
        count, changed, first, scored, read = cursor.fetchone()
    if isinstance(first, str):  # SQLite returns dates as text
        first = datetime.date.fromisoformat(first)
    return f"{count}:{changed}:{scored}:{read}", first


def _cache_key(user_id: int) -> str:
    """The person's index: the version, when it was first written, and its parts' keys."""
    return f"progress:{user_id}"


def _part_key(user_id: int, version: str, part: Hashable) -> str:
    digest = hashlib.sha256(repr((version, part)).encode()).hexdigest()[:24]
    return f"{_cache_key(user_id)}:{digest}"


class UserFigures:
    """A person's cached figures. Each part is its own cache entry, read only by the pages that
    show it (a page's request unpickles what it needs, not every range's rendered tables), and
    a small index entry names them, so that a new version and account deletion remove them all.
    """

    def __init__(self, user, today: datetime.date):
        self.user, self.today = user, today
        self.sessions = Session.objects.filter(user=user)
        stamp, self.first_day = _version_stamp(user)
        self.version = f"{ENTRY_FORMAT}:{today}:{user.weekly_goal}:{stamp}"
        self._index: dict | None = None
        self._values: dict = {}
        self._stale: list[str] = []  # parts of an older version, removed at the next write

    def get(self, part: Hashable, compute: Callable[[], Any]) -> Any:
        """The cached value of `part`, computed (and kept) when the logbook changed since.

        Only the cache's own failures (Redis down) are caught: the figures then show without
        it. An error in the computation is the computation's, and is raised as it is."""
        if part in self._values:
            return self._values[part]
        if self._index is None:  # read once a request, whatever the number of parts
            self._index = self._read_index()
        key = _part_key(self.user.pk, self.version, part)
        value = self._read(key) if key in self._index["parts"] else None
        if value is None:
            value = (compute(),)
            self._write(key, value)
        self._values[part] = value[0]
        return value[0]

    def _read_index(self) -> dict:
        fresh = {"version": self.version, "born": time.time(), "parts": []}
        try:
            index = cache.get(_cache_key(self.user.pk))
        except Exception:
            logger.warning("Cache unavailable; figures computed without it", exc_info=True)
            return fresh
        if not isinstance(index, dict):
            return fresh
        if index.get("version") != self.version:
            self._stale = list(index.get("parts", []))
            return fresh
        return index

    def _read(self, key: str) -> tuple | None:
        try:
            value = cache.get(key)
        except Exception:
            logger.warning("Cache unavailable; figures computed without it", exc_info=True)
            return None
        return value if isinstance(value, tuple) and len(value) == 1 else None

    def _write(self, key: str, value: tuple) -> None:
        left = CACHE_SECONDS - (time.time() - self._index["born"])
        if left <= 0:
            return
        self._index["parts"] = [*self._index["parts"], key]
        try:
            if self._stale:
                cache.delete_many(self._stale)
                self._stale = []
            cache.set(key, value, int(left) + 1)
            cache.set(_cache_key(self.user.pk), self._index, int(left) + 1)
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

    def function_report(self) -> FunctionReport:
        """logbook.outcomes.function_report, in the page's language (its labels are words)."""
        return self.get(("function", get_language()), lambda: function_report(self.user))

    def next_lesson(self, session: Session | None) -> Lesson | None:
        """logbook.care.next_lesson after this session (the latest, on the home page)."""
        return self.get(
            ("lesson", session.pk if session else None, get_language()),
            lambda: next_lesson(self.user, session),
        )

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
    try:
        index = cache.get(_cache_key(user_id))
        parts = index.get("parts", []) if isinstance(index, dict) else []
        cache.delete_many([*parts, _cache_key(user_id)])
    except Exception:
        # The account goes whatever the cache's state: what it held expires within
        # CACHE_SECONDS, and nobody else can read it (ids are not reused).
        logger.warning("Cache unavailable; cached figures left to expire", exc_info=True)
