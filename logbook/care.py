"""What Backcare says about a person's pattern rather than one exercise: the trends over weeks
that call for a physiotherapist's or GP's view.

NHS inform asks people to seek help when back exercises bring no improvement within two weeks
(DOMAIN.md); Backcare reads that from the person's own log, on pain before sessions ("your back
pain right now", the closest thing to their everyday level), a week two weeks ago against the
last seven days:
- pain 2 points or more higher than two weeks before (a rise from low levels by 30% alone is
  everyday ups and downs);
- no meaningful improvement (logbook.pain.is_meaningful: 2 points or 30% lower), when there was
  something to improve (3 or more two weeks ago);
- two or more worse mornings after sessions in the last week.
Each prompt says what it saw, in numbers, and what to do. None is an emergency: the warning
signs page says what would be.
"""

import datetime
from dataclasses import dataclass

from django.db import models
from django.db.models import Avg, Count, Q
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from logbook.models import Lesson, LessonRead, Session
from logbook.pain import MEANINGFUL_CHANGE, is_meaningful

WEEK = 7
TWO_WEEKS = 14
SOMETHING_TO_IMPROVE = 3  # pain before sessions two weeks ago, for "no improvement" to matter
WORSE_MORNINGS = 2  # in the last week


@dataclass(frozen=True)
class Prompt:
    class Kind(models.TextChoices):
        RISING = "rising", gettext_lazy("Your pain has been rising")
        NOT_IMPROVING = "not_improving", gettext_lazy("No real change in two weeks")
        WORSE_MORNINGS = "worse_mornings", gettext_lazy("Worse mornings this week")

    kind: Kind
    why: str

    @property
    def title(self) -> str:
        return Prompt.Kind(self.kind).label

    @property
    def what(self) -> str:
        return _(
            "It is worth talking this over with a physiotherapist or your GP: they can look at "
            "what is going on and adjust your exercises. It is not an emergency."
        )


def care_trend(user, today: datetime.date) -> dict:
    """Pain before sessions a week two weeks ago and in the last seven days, and the worse
    mornings of the last week, in one query."""
    then_starts = today - datetime.timedelta(days=TWO_WEEKS + WEEK - 1)
    then_ends = today - datetime.timedelta(days=TWO_WEEKS)
    now_starts = today - datetime.timedelta(days=WEEK - 1)
    week_ago = today - datetime.timedelta(days=WEEK)
    return Session.objects.filter(user=user, date__gte=then_starts, date__lte=today).aggregate(
        then=Avg("pain_before", filter=Q(date__lte=then_ends)),
        now=Avg("pain_before", filter=Q(date__gte=now_starts)),
        worse_mornings=Count(
            "pk",
            filter=Q(date__gte=week_ago, date__lt=today, next_morning=Session.NextMorning.WORSE),
        ),
    )


def care_prompts(user, today: datetime.date, *, trend: dict | None = None) -> list[Prompt]:
    """The prompts a person's recent log calls for, most pressing first (from care_trend, which
    the caller may give)."""
    trend = care_trend(user, today) if trend is None else trend
    # Compared as shown, to a tenth of a point.
    then, now = (None if v is None else round(v, 1) for v in (trend["then"], trend["now"]))
    prompts = []
    numbers = {"then": _number(then), "now": _number(now)}
    if then is not None and now is not None:
        if round(now - then, 1) >= MEANINGFUL_CHANGE:
            prompts.append(
                Prompt(
                    Prompt.Kind.RISING,
                    _(
                        "Your pain before sessions averaged %(now)s out of 10 this week, up "
                        "from %(then)s two weeks ago."
                    )
                    % numbers,
                )
            )
        elif then >= SOMETHING_TO_IMPROVE and not (now < then and is_meaningful(then, now)):
            prompts.append(
                Prompt(
                    Prompt.Kind.NOT_IMPROVING,
                    _(
                        "Your pain before sessions averaged %(now)s out of 10 this week and "
                        "%(then)s two weeks ago: no clear improvement yet."
                    )
                    % numbers,
                )
            )
    if trend["worse_mornings"] >= WORSE_MORNINGS:
        prompts.append(
            Prompt(
                Prompt.Kind.WORSE_MORNINGS,
                _("Your back felt worse the morning after %(count)s sessions in the last week.")
                % {"count": trend["worse_mornings"]},
            )
        )
    return prompts


def _number(value: float | None) -> str:
    return "" if value is None else number_format(round(value, 1), decimal_pos=1)


def _topic_for(session) -> str | None:
    """The lesson a session calls for: a bad day, pain in it, or a worse morning after it."""
    if session is None:
        return None
    if session.was_a_bad_day:
        return Lesson.Topic.FLARE
    if session.is_flagged:
        return Lesson.Topic.HURT
    if session.worse_next_morning:
        return Lesson.Topic.PACING
    return None


def next_lesson(user, session=None) -> Lesson | None:
    """One lesson to offer, never all at once: the unread one that fits the latest session,
    else the first unread in order (one query)."""
    unread = list(
        Lesson.objects.exclude(pk__in=LessonRead.objects.filter(user=user).values("lesson_id"))
    )
    topic = _topic_for(session)
    return next((lesson for lesson in unread if lesson.topic == topic), None) or next(
        iter(unread), None
    )
