"""The clinician report: what it shows for a period, its PDF, and its charts."""

import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from logbook.models import FunctionActivity, FunctionCheck, FunctionScore, Session
from logbook.progress import Period, Progress
from logbook.report_charts import pain_chart, sessions_chart
from tests.factories import (
    ExerciseEntryFactory,
    PlanFactory,
    RoutineItemFactory,
    SessionFactory,
)
from tests.logbook.conftest import TODAY

pytestmark = pytest.mark.django_db

REPORT_URL = reverse("logbook:report")
PDF_URL = reverse("logbook:report_pdf")


@pytest.fixture
def history(alice, knee_hug, bridge, noon):
    """Four weeks of alice's log: pain after falls from 6 to 2, a sharp pain in the bridge on
    9 November, a worse next morning on 16 November, and two notes."""
    plan = PlanFactory(user=alice, started_on=datetime.date(2026, 11, 2))
    RoutineItemFactory(routine=plan.routine, exercise=bridge, hold_seconds=None, repetitions=8)
    sessions = []
    for monday, after in (
        (datetime.date(2026, 11, 2), 6),
        (datetime.date(2026, 11, 9), 6),
        (datetime.date(2026, 11, 16), 2),
        (datetime.date(2026, 11, 23), 2),
    ):
        for offset in (0, 2):
            sessions.append(
                SessionFactory(
                    user=alice,
                    date=monday + datetime.timedelta(days=offset),
                    pain_before=6,
                    pain_after=after,
                )
            )
    ExerciseEntryFactory(session=sessions[2], exercise=bridge, sharp_pain=True, pain_during=7)
    ExerciseEntryFactory(session=sessions[2], exercise=knee_hug, pain_during=2)
    sessions[4].next_morning = Session.NextMorning.WORSE
    sessions[4].notes = "Stiff after gardening all weekend."
    sessions[4].save()
    sessions[6].notes = "Private: argued with my boss."
    sessions[6].save()
    return sessions


def test_the_report_shows_routine_weeks_pain_and_flags(alice_client, history):
    response = alice_client.get(REPORT_URL, {"weeks": "4"})
    report = response.context["report"]
    assert (report.start, report.end, report.weeks) == (datetime.date(2026, 11, 2), TODAY, 4)
    assert [line.exercise for line in report.routine] == ["Bridge"]
    assert report.routine[0].dose == "8 repetitions"
    # The session planned for Wednesday 25 November is after today: not counted.
    assert [week.sessions for week in report.progress.periods] == [2, 2, 2, 1]
    assert report.planned_per_week == 3
    assert report.weeks_kept == 0
    # 6 in the first two weeks, 2 in the last two: a meaningful fall, and the weeks marked.
    assert "fell from 6.0 to 2.0 out of 10" in report.pain_summary
    assert [week.meaningful for week in report.progress.periods] == [False, False, True, True]
    assert [(group.exercise, [e.date for e in group.events]) for group in report.flagged] == [
        ("Bridge", [datetime.date(2026, 11, 9)])
    ]
    assert report.flagged[0].events[0].what == "sharp pain, 7/10 during"
    assert report.worse_mornings == [datetime.date(2026, 11, 16)]
    content = response.content.decode()
    assert "7 sessions. The plan asks for 3 a week; 0 of 4 weeks reached it." in content
    assert "9 Nov 2026</strong>" not in content  # grouped by exercise, not listed by date
    assert "Bridge</strong> (1 time): 9 Nov 2026, sharp pain, 7/10 during" in content


def test_notes_stay_out_unless_the_person_ticks_them(alice_client, history, bob):
    stiff, private = history[4], history[6]
    unticked = alice_client.get(REPORT_URL, {"weeks": "4"})
    assert unticked.context["report"].notes == []
    assert {s.pk for s in unticked.context["note_choices"]} == {stiff.pk, private.pk}
    bobs = SessionFactory(user=bob, date=TODAY, notes="Bob's note")
    ticked = alice_client.get(REPORT_URL, {"weeks": "4", "note": [stiff.pk, bobs.pk, "x"]})
    assert [event.what for event in ticked.context["report"].notes] == [stiff.notes]
    content = ticked.content.decode()
    assert "Bob&#x27;s note" not in content
    assert "argued with my boss" in content
    assert content.count("argued with my boss") == 1  # offered, not in the report


def test_an_unknown_period_is_the_default_twelve_weeks(alice_client, history):
    for value in ("5", "", "abc", "-4"):
        report = alice_client.get(REPORT_URL, {"weeks": value}).context["report"]
        assert report.weeks == 12
        assert report.start == datetime.date(2026, 9, 7)


def test_without_a_plan_the_weekly_goal_is_the_measure(alice_client, alice, noon):
    SessionFactory(user=alice, date=TODAY)
    report = alice_client.get(REPORT_URL).context["report"]
    assert (report.has_plan, report.routine, report.planned_per_week) == (
        False,
        [],
        alice.weekly_goal,
    )
    assert "No weekly plan." in alice_client.get(REPORT_URL).content.decode()


def test_function_checks_appear_when_recorded(alice_client, alice, noon):
    walking = FunctionActivity.objects.create(user=alice, name="Walking to work", position=1)
    for date, score in ((datetime.date(2026, 11, 2), 3), (datetime.date(2026, 11, 16), 7)):
        check = FunctionCheck.objects.create(user=alice, date=date)
        FunctionScore.objects.create(function_check=check, activity=walking, score=score)
    content = alice_client.get(REPORT_URL).content.decode()
    assert "Function (PSFS)" in content
    assert "Walking to work rose from 3 to 7: a meaningful change." in content


def test_the_pdf_carries_the_same_report(alice_client, history):
    stiff = history[4]
    response = alice_client.get(PDF_URL, {"weeks": "4", "note": [stiff.pk]})
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="backcare-report-2026-11-23.pdf"'
    )
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for expected in (
        "Exercise report: alice",
        "2 November 2026 to 23 November 2026 (4 weeks)",
        "Bridge",
        "8 repetitions",
        "fell from 6.0 to 2.0 out of 10",
        "7 sessions. The plan asks for 3 a week; 0 of 4 weeks reached it.",
        "9 Nov 2026, sharp pain, 7/10 during",
        "16 Nov 2026",
        "Stiff after gardening all weekend.",
    ):
        assert expected in text, expected
    assert "argued with my boss" not in text


def test_the_report_and_its_pdf_name_the_exercises_in_the_readers_language(
    alice_client, history, bridge
):
    bridge.name_de = "Brücke"
    bridge.save()
    german = {"accept-language": "de"}
    report = alice_client.get(REPORT_URL, {"weeks": "4"}, headers=german).context["report"]
    assert [line.exercise for line in report.routine] == ["Brücke"]
    assert [group.exercise for group in report.flagged] == ["Brücke"]
    response = alice_client.get(PDF_URL, {"weeks": "4"}, headers=german)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Brücke" in text
    assert "Bridge" not in text


def test_the_report_pages_cost_the_same_queries_for_a_short_and_a_long_history(
    alice_client, alice, knee_hug, noon, django_assert_num_queries
):
    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert alice_client.get(REPORT_URL, {"weeks": "26"}).status_code == 200
        return len(queries)

    SessionFactory(user=alice, date=TODAY)
    short = count()
    for day in range(150):
        session = SessionFactory(user=alice, date=TODAY - datetime.timedelta(days=day))
        ExerciseEntryFactory(session=session, exercise=knee_hug, pain_during=6)
    assert count() == short
    # The first visit after a change: session and user, the logbook's version, then the notes
    # to choose from, three progress figures, plan, flagged entries, worse mornings, two for
    # the function checks, the live links. (A plan adds one for its routine's items.)
    assert short == 13
    # Again, the logbook unchanged: the notes, progress, flagged entries, worse mornings and the
    # function checks come from the cached figures.
    with django_assert_num_queries(5):
        alice_client.get(REPORT_URL, {"weeks": "26"})


def _progress(sessions: list[int], after: list[float | None]) -> Progress:
    monday = datetime.date(2026, 11, 2)
    weeks = [
        Period(
            start=monday + datetime.timedelta(weeks=index),
            sessions=count,
            pain_after=value,
            pain_before=value,
            meaningful=index == len(sessions) - 1,
        )
        for index, (count, value) in enumerate(zip(sessions, after, strict=True))
    ]
    return Progress(weeks, [], [], None, None, 3)


def test_the_pain_chart_puts_0_at_the_bottom_and_10_at_the_top():
    chart = pain_chart(_progress([1, 0, 2], [10, None, 0]))
    top, bottom = chart["grid"][-1]["y"], chart["grid"][0]["y"]
    assert [point["y"] for point in chart["after"]] == [top, bottom]
    assert bottom == chart["baseline_y"]
    # The empty week leaves a gap in x, not a point.
    assert [point["x"] for point in chart["after"]] == [chart["left"], chart["right"]]
    assert chart["meaningful"] == [chart["after"][-1]]


def test_the_sessions_chart_marks_the_weeks_that_reached_the_plan():
    chart = sessions_chart(_progress([3, 1, 0, 4], [2, 2, None, 2]), 3)
    assert [(bar["count"], bar["kept"]) for bar in chart["bars"]] == [
        (3, True),
        (1, False),
        (0, False),
        (4, True),
    ]
    tallest = chart["bars"][-1]
    assert tallest["y"] + tallest["height"] == chart["baseline_y"]
    assert chart["bars"][2]["height"] == 0
    assert chart["planned_y"] > tallest["y"]  # 3 is below 4
