"""Weekly figures checked against values worked out by hand."""

import datetime
import json

import pytest
from django.urls import reverse

from logbook.cached import user_figures
from logbook.models import ExerciseEntry, Session
from logbook.progress import progress, range_start
from tests.factories import ExerciseEntryFactory, ExerciseFactory, SessionFactory

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2026, 11, 23)
NOON_UTC = datetime.datetime(2026, 11, 23, 12, 0, tzinfo=datetime.UTC)


def _session(user, day, before, after, **fields):
    return SessionFactory(
        user=user, date=datetime.date(2026, *day), pain_before=before, pain_after=after, **fields
    )


@pytest.fixture
def history(alice, bob):
    stretch, bridge = ExerciseFactory(name="Stretch"), ExerciseFactory(name="Bridge")
    first = _session(alice, (11, 3), 6, 5)
    ExerciseEntryFactory(
        session=first, exercise=stretch, sets=1, repetitions=5, hold_seconds=20, side="both"
    )
    second = _session(alice, (11, 5), 7, 6)
    ExerciseEntryFactory(
        session=second,
        exercise=bridge,
        sets=2,
        repetitions=3,
        hold_seconds=None,
        side="na",
        pain_during=7,
    )
    _session(alice, (11, 10), 5, 4)
    third = _session(alice, (11, 17), 4, 2)
    ExerciseEntryFactory(
        session=third,
        exercise=bridge,
        sets=1,
        repetitions=5,
        hold_seconds=None,
        side="na",
        pain_during=2,
    )
    _session(alice, (11, 19), 4, 3)
    _session(alice, (11, 23), 3, 1)
    _session(alice, (10, 20), 9, 9)  # before the 4-week range
    _session(bob, (11, 17), 10, 10)  # someone else's
    return {"stretch": stretch, "bridge": bridge}


def _chart_data(content: str) -> dict:
    start = content.index('<script id="progress-data" type="application/json">')
    return json.loads(content[content.index(">", start) + 1 : content.index("</script>", start)])


def test_range_start_is_a_monday_so_many_weeks_back():
    assert range_start(MONDAY, "4") == datetime.date(2026, 11, 2)
    assert range_start(datetime.date(2026, 11, 29), "4") == datetime.date(2026, 11, 2)
    assert range_start(MONDAY, "all") is None


def test_weekly_averages_match_hand_computed_values(alice, history):
    report = progress(
        Session.objects.filter(user=alice), today=MONDAY, range_key="4", weekly_goal=2
    )
    rows = [(w.start.day, w.sessions, w.pain_before, w.pain_after) for w in report.periods]
    assert rows == [(2, 2, 6.5, 5.5), (9, 1, 5.0, 4.0), (16, 2, 4.0, 2.5), (23, 1, 3.0, 1.0)]
    # Both sides of 5 repetitions held 20 s, plus 2 sets of 3 repetitions without a hold.
    assert (report.periods[0].repetitions, report.periods[0].hold_seconds) == (16, 200)
    assert report.weeks_meeting_goal == 2


def test_baseline_and_meaningful_change(alice, history):
    report = progress(
        Session.objects.filter(user=alice), today=MONDAY, range_key="4", weekly_goal=3
    )
    # First two weeks: (5.5 x 2 + 4 x 1) / 3 = 5.0; last two: (2.5 x 2 + 1 x 1) / 3 = 2.0.
    assert (report.baseline_after, report.latest_after) == (5.0, 2.0)
    assert report.change_is_meaningful
    assert [w.meaningful for w in report.periods] == [False, False, True, True]


def test_per_exercise_change_and_flags(alice, history):
    report = progress(
        Session.objects.filter(user=alice), today=MONDAY, range_key="4", weekly_goal=3
    )
    rows = {row["exercise__name"]: row for row in report.exercises}
    assert rows["Bridge"]["times"] == 2
    assert rows["Bridge"]["avg_pain_change"] == pytest.approx(-1.5)  # (6-7 + 2-4) / 2
    assert rows["Bridge"]["flagged"] == 1
    assert (rows["Stretch"]["times"], rows["Stretch"]["flagged"]) == (1, 0)


def test_a_skipped_exercise_adds_no_volume_and_no_time_done(alice, history):
    skipped = _session(alice, (11, 20), 4, 3)
    ExerciseEntryFactory(
        session=skipped,
        exercise=history["bridge"],
        sets=3,
        repetitions=10,
        hold_seconds=None,
        status="skipped",
        pain_during=None,
    )
    report = progress(
        Session.objects.filter(user=alice), today=MONDAY, range_key="4", weekly_goal=3
    )
    rows = {row["exercise__name"]: row for row in report.exercises}
    assert rows["Bridge"]["times"] == 2
    week = next(week for week in report.periods if week.start == datetime.date(2026, 11, 16))
    assert week.repetitions == 5  # the third session's 1 x 5; none of the skipped 3 x 10


def test_a_small_change_is_not_meaningful(alice):
    for day, after in [(2, 4), (9, 4), (16, 3), (23, 4)]:
        _session(alice, (11, day), 5, after)
    report = progress(
        Session.objects.filter(user=alice), today=MONDAY, range_key="4", weekly_goal=3
    )
    assert (report.baseline_after, report.latest_after) == (4.0, 3.5)
    assert not report.change_is_meaningful


def test_progress_page_shows_the_summary_and_tables(alice_client, alice, history, frozen_now):
    frozen_now(NOON_UTC)
    response = alice_client.get(reverse("logbook:progress"), {"weeks": "4"})
    content = response.content.decode()
    assert "Average pain after sessions fell from 5.0 to 2.0 over 4 weeks." in content
    assert "That is a meaningful change" in content
    assert '<canvas id="pain-chart"' in content
    assert 'id="progress-data"' in content
    assert '<th scope="row">16\u00a0Nov 2026</th>' in content


def test_progress_page_with_no_data_shows_an_empty_state(alice_client):
    response = alice_client.get(reverse("logbook:progress"))
    content = response.content.decode()
    assert "Nothing to chart yet" in content
    assert "<canvas" not in content


def test_unknown_range_falls_back_to_twelve_weeks(alice_client):
    assert (
        alice_client.get(reverse("logbook:progress"), {"weeks": "9999"}).context["range_key"]
        == "12"
    )


@pytest.mark.parametrize("days", [7, 3 * 365])
def test_progress_query_count_does_not_grow_with_history(
    alice_client, alice, frozen_now, django_assert_num_queries, days
):
    frozen_now(NOON_UTC)
    exercise = ExerciseFactory()
    sessions = Session.objects.bulk_create(
        Session(
            user=alice,
            date=MONDAY - datetime.timedelta(days=n),
            pain_before=5,
            pain_after=3,
            effort="right",
        )
        for n in range(days)
    )
    ExerciseEntry.objects.bulk_create(
        ExerciseEntry(session=s, exercise=exercise, position=1, repetitions=5, pain_during=2)
        for s in sessions
    )
    # 10 queries: the login session, the user,
    # the logbook's change stamp (with the first session's date), then sessions per day (per
    # month beyond a year), volume per period and per-exercise figures, the two weeks' trend
    # behind the care prompts, the PSFS activities and checks (their scores only once there is
    # a check), and whether there is a plan.
    with django_assert_num_queries(10):
        response = alice_client.get(reverse("logbook:progress"), {"weeks": "all"})
    report = response.context["progress"]
    assert sum(period.sessions for period in report.periods) == days
    assert report.by_month == (days > 366)
    # Unchanged logbook: the figures, the care prompts' trend and the PSFS report come from the
    # cache, after the change stamp; only the plan is read afresh.
    with django_assert_num_queries(4):
        alice_client.get(reverse("logbook:progress"), {"weeks": "all"})


@pytest.mark.parametrize("change", ["add", "edit", "delete"])
def test_cached_figures_follow_every_change_to_the_logbook(alice, change):
    first = _session(alice, (11, 16), 6, 5)
    second = _session(alice, (11, 17), 6, 5)

    def after_pain():
        return user_figures(alice, today=MONDAY).progress("4").periods[-2].pain_after

    assert after_pain() == 5.0
    if change == "add":
        _session(alice, (11, 18), 6, 2)
        expected = 4.0
    elif change == "edit":
        second.pain_after = 1
        second.save()
        expected = 3.0
    else:
        first.delete()
        expected = 5.0
    report = user_figures(alice, today=MONDAY).progress("4")
    assert report.periods[-2].pain_after == expected
    assert report.periods[-2].sessions == {"add": 3, "edit": 2, "delete": 1}[change]


def test_cached_function_report_follows_a_day_rated_again(alice):
    """Rating a day again replaces its scores (same check, same day): the cached report must
    show the new scores at once."""
    from logbook.services import function_check_save

    function_check_save(user=alice, date=MONDAY, scores={}, new_activities=[("Bending", 3)])
    first = user_figures(alice, today=MONDAY).function_report()
    activity = first.activities[0]
    assert first.checks[0].score_of == {activity.pk: 3}
    function_check_save(user=alice, date=MONDAY, scores={activity.pk: 7}, new_activities=[])
    again = user_figures(alice, today=MONDAY).function_report()
    assert again.checks[0].score_of == {activity.pk: 7}


def test_cached_lesson_offer_moves_on_once_a_lesson_is_read(alice):
    from logbook.models import Lesson, LessonRead
    from logbook.services.content import lessons_load

    lessons_load()
    offered = user_figures(alice, today=MONDAY).next_lesson(None)
    assert offered is not None
    assert user_figures(alice, today=MONDAY).next_lesson(None) == offered  # from the cache
    LessonRead.objects.create(user=alice, lesson=offered)
    after = user_figures(alice, today=MONDAY).next_lesson(None)
    assert after != offered
    assert after in Lesson.objects.exclude(pk=offered.pk)


def test_a_history_longer_than_a_year_is_summarised_by_month(alice):
    for day in (datetime.date(2024, 1, 10), datetime.date(2024, 1, 20), MONDAY):
        SessionFactory(user=alice, date=day, pain_before=6, pain_after=4)
    report = progress(
        Session.objects.filter(user=alice), today=MONDAY, range_key="all", weekly_goal=3
    )
    assert report.by_month
    assert report.periods[0].start == datetime.date(2024, 1, 1)
    assert report.periods[-1].start == datetime.date(2026, 11, 1)
    assert len(report.periods) == 35  # January 2024 to November 2026
    # Two sessions from 10 January, the first, to the 31st: 22 days, 0.6 a week (not 0.5 over
    # the whole month); November so far is 23 days.
    assert (report.periods[0].sessions, report.periods[0].days) == (2, 22)
    assert report.periods[0].sessions_per_week == 0.6
    assert report.periods[-1].days == 23
    assert report.days == []  # no daily points beyond a year: the months carry it
    assert report.span == "35 months"


def test_a_year_or_less_stays_week_by_week_with_daily_points(alice, history):
    report = progress(
        Session.objects.filter(user=alice), today=MONDAY, range_key="all", weekly_goal=3
    )
    assert not report.by_month
    assert [day["date"].day for day in report.days] == [20, 3, 5, 10, 17, 19, 23]
    assert report.span == "6 weeks"


def test_progress_table_lists_the_newest_week_first_in_the_charts_units(
    alice_client, alice, frozen_now
):
    frozen_now(NOON_UTC)
    exercise = ExerciseFactory()
    for day, hold in ((datetime.date(2026, 11, 2), 10), (MONDAY, 30)):
        session = SessionFactory(user=alice, date=day)
        # 3 repetitions of 30 s: 90 s, which is 1.5 minutes in the table as in the chart.
        ExerciseEntryFactory(
            session=session,
            exercise=exercise,
            sets=1,
            repetitions=3,
            hold_seconds=hold,
            side="na",
        )
    response = alice_client.get(reverse("logbook:progress"), {"weeks": "4"})
    content = response.content.decode()
    rows = [content.index(f'<th scope="row">{day}\u00a0Nov 2026</th>') for day in (23, 16, 9, 2)]
    assert rows == sorted(rows)
    data = _chart_data(content)
    assert data["periods"] == ["2 Nov 2026", "9 Nov 2026", "16 Nov 2026", "23 Nov 2026"]
    assert data["holdMinutes"][-1] == 1.5
    assert "<td>1.5</td>" in content


def test_the_cached_progress_page_shows_a_session_logged_since(alice_client, alice, frozen_now):
    frozen_now(NOON_UTC)
    _session(alice, (11, 16), 6, 5)
    url = reverse("logbook:progress")
    assert (
        '<th scope="row">23\u00a0Nov 2026</th>\n      <td>0</td>'
        in alice_client.get(url).content.decode()
    )
    _session(alice, (11, 23), 4, 2)
    content = alice_client.get(url).content.decode()
    assert '<th scope="row">23\u00a0Nov 2026</th>\n      <td>1</td>' in content


def test_an_error_in_the_figures_is_raised_as_it_is_not_retried(alice):
    from logbook.cached import UserFigures

    calls = []

    def broken():
        calls.append(1)
        raise ZeroDivisionError("a bug in the figures")

    with pytest.raises(ZeroDivisionError):
        UserFigures(alice, MONDAY).get(("broken",), broken)
    assert calls == [1]


def test_an_entry_in_an_older_format_is_replaced_not_read(alice):
    from django.core.cache import cache

    from logbook.cached import UserFigures, _cache_key, _part_key

    figures = UserFigures(alice, MONDAY)
    old_version = figures.version.split(":", 1)[1]  # the same logbook, without the format
    old_part = _part_key(alice.pk, old_version, ("answer",))
    cache.set(old_part, (41,))
    cache.set(_cache_key(alice.pk), {"version": old_version, "born": 1.0, "parts": [old_part]})
    assert UserFigures(alice, MONDAY).get(("answer",), lambda: 42) == 42
    index = cache.get(_cache_key(alice.pk))
    assert index["version"] == figures.version
    assert index["born"] > 1.0
    assert cache.get(index["parts"][0]) == (42,)
    assert cache.get(old_part) is None  # the older version's parts are removed, not left


def test_a_page_reads_only_the_parts_it_shows(alice):
    """Parts are separate entries: reading one does not unpickle the others."""
    from unittest import mock

    from django.core.cache import cache

    from logbook.cached import UserFigures

    first = UserFigures(alice, MONDAY)
    first.get(("big",), lambda: "x" * 100_000)
    first.get(("small",), lambda: 1)
    with mock.patch.object(cache, "get", wraps=cache.get) as reads:
        assert UserFigures(alice, MONDAY).get(("small",), lambda: 2) == 1
    values = [cache.get(call.args[0]) for call in reads.call_args_list]
    assert all(len(repr(value)) < 1_000 for value in values)  # the index and the small part
    assert len(reads.call_args_list) == 2


def test_an_entry_is_kept_for_minutes_from_when_it_was_first_written(alice, monkeypatch):
    """It holds rendered HTML: a new release shows within CACHE_SECONDS, however often the
    entry is added to."""
    import time

    from logbook.cached import CACHE_SECONDS, UserFigures

    start = time.time()
    computed = []

    def figure():
        computed.append(1)
        return len(computed)

    assert UserFigures(alice, MONDAY).get(("a",), figure) == 1
    monkeypatch.setattr(time, "time", lambda: start + CACHE_SECONDS - 5)
    assert UserFigures(alice, MONDAY).get(("a",), figure) == 1  # still kept
    UserFigures(alice, MONDAY).get(("b",), lambda: 0)  # adding a part does not renew it
    monkeypatch.setattr(time, "time", lambda: start + CACHE_SECONDS + 5)
    assert UserFigures(alice, MONDAY).get(("a",), figure) == 2
