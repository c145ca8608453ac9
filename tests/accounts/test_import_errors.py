"""A bad file gets every problem named with its place, and nothing is written."""

import datetime
import json

import pytest

from accounts.importer.problems import MAX_PROBLEMS
from logbook.models import FunctionCheck
from logbook.services import function_check_save
from tests.accounts.importing import problems_of, row_counts, run_import, version_2

pytestmark = pytest.mark.django_db


def test_the_version_2_file_imports(content, alice):
    assert run_import(alice, version_2()).sessions_added == 4


def changed(change) -> bytes:
    document = version_2()
    change(document)
    return json.dumps(document).encode()


def _set(path: str, value):
    """A change to the version 2 file: the value at a dotted path (numbers index lists)."""

    def change(document):
        *parents, last = [int(part) if part.isdigit() else part for part in path.split(".")]
        for part in parents:
            document = document[part]
        document[last] = value

    return change


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"\xff\xfe{}", "The file is not UTF-8 text (byte 1 cannot be read)."),
        (
            b'{"format": "backcare-export",\n "version": 2,,}',
            "The file is not valid JSON: line 2, column 15 (Expecting property name enclosed in "
            "double quotes).",
        ),
        (b"[1, 2]", "The file holds one JSON value, not an export (an export is a JSON object)."),
        (b'{"what": "a shopping list"}', "This is not a Backcare export."),
        (b'{"format": "something-else", "version": 2}', "This is not a Backcare export."),
        (
            b'{"format": "backcare-export", "version": 4}',
            "This export was made by a newer Backcare (its format is version 4; this server "
            "reads up to version 3). Update this server, then import the file again.",
        ),
        (
            b'{"format": "backcare-export", "version": "2"}',
            "version: “2” is not a version of the Backcare export.",
        ),
        (b"1" * 5000, "The file holds a number too long to read."),
        (
            b'{"format": "backcare-export", "version": ' + b"9" * 4000 + b"}",
            "This export was made by a newer Backcare (its format is version " + "9" * 40 + ";",
        ),
        (b"[" * 100_000 + b"]" * 100_000, "The file nests lists or objects far deeper"),
        (
            json.dumps({"sessions": [[[[[[[[[[[[[]]]]]]]]]]]]]}).encode(),
            "The file nests lists or objects far deeper than an export does.",
        ),
        (
            changed(_set("sessions.2.entries", [])),
            None,  # a valid change, for contrast
        ),
        (
            changed(_set("sessions.3.entries.0.pain_during", 11)),
            "sessions[3].entries[0].pain_during: 11 is greater than the maximum of 10.",
        ),
        (
            changed(_set("sessions.0.entries.0.status", "skipped")),
            "sessions[0].entries[0].pain_during: A skipped exercise has no pain during: not rated.",
        ),
        (
            changed(_set("sessions.0.entries.0.pain_during", None)),
            "sessions[0].entries[0].pain_during: Rate the pain during it from 0 (no pain) to 10 "
            "(worst imaginable); only a skipped exercise is not rated.",
        ),
        (
            changed(_set("sessions.0.entries.0.status", "skipping")),
            "sessions[0].entries[0].status: “skipping” is not one of: “completed”, “stopped”, "
            "“skipped”.",
        ),
        (
            changed(_set("sessions.0.pain_before", "5")),
            "sessions[0].pain_before: “5” is not a whole number.",
        ),
        (
            changed(_set("sessions.0.pain_before", 4.5)),
            "sessions[0].pain_before: 4.5 is not a whole number.",
        ),
        (
            changed(_set("sessions.0.entries", {"0": {}})),
            "sessions[0].entries: a group of named values is not a list.",
        ),
        (
            changed(_set("sessions.0.how_it_felt", "meh")),
            "sessions[0].how_it_felt: “meh” is not one of: “easy”, “right”, “too_hard”.",
        ),
        (
            changed(_set("sessions.0.entries.0.side", "up")),
            "sessions[0].entries[0].side: “up” is not one of: “both”, “left”, “right”, “na”.",
        ),
        (
            changed(_set("sessions.0.date", "2026-02-30")),
            "sessions[0].date: “2026-02-30” is not a date written as YYYY-MM-DD, a day that "
            "exists from 2000-01-01 to today.",
        ),
        # A date the forms refuse would break pages later (the plan's next step, the calendar).
        (
            changed(_set("weekly_plan.started_on", "9999-12-31")),
            "weekly_plan.started_on: “9999-12-31” is not a date written as YYYY-MM-DD, a day "
            "that exists from 2000-01-01 to today.",
        ),
        (
            changed(_set("sessions.0.date", "1999-12-31")),
            "sessions[0].date: “1999-12-31” is not a date written as YYYY-MM-DD, a day that "
            "exists from 2000-01-01 to today.",
        ),
        (
            changed(_set("sessions.0.start_time", "7:40")),
            "sessions[0].start_time: “7:40” is not a time written as HH:MM (24 hours).",
        ),
        (
            changed(_set("sessions.0.start_time", "07:30\n")),
            "sessions[0].start_time: “07:30\n” is not a time written as HH:MM (24 hours).",
        ),
        (
            changed(_set("weekly_plan.days", [0.0, 2, 4])),
            "weekly_plan.days[0]: 0.0 is not a whole number.",
        ),
        (
            changed(_set("sessions.0.entries.1.repetitions", 101)),
            "sessions[0].entries[1].repetitions: 101 is greater than the maximum of 100.",
        ),
        (
            changed(_set("routines.0.items.0.hold_seconds", 0)),
            "routines[0].items[0].hold_seconds: 0 is less than the minimum of 1.",
        ),
        (
            changed(_set("sessions.0.notes", "x" * 2001)),
            "sessions[0].notes: the text is 2001 characters long; at most 2000 fit here.",
        ),
        (
            changed(_set("sessions.0.notes", "a\x00b")),
            "sessions[0].notes: the text holds a character that cannot be stored.",
        ),
        (
            changed(_set("sessions.0.hacked", True)),
            "sessions[0]: “hacked” is not part of an export here.",
        ),
        (
            changed(lambda document: document["sessions"][0].pop("pain_after")),
            "sessions[0]: “pain_after” is missing.",
        ),
        (
            changed(
                lambda document: document["sessions"][0]["entries"].extend(
                    document["sessions"][0]["entries"][:1] * 29
                )
            ),
            "sessions[0].entries: there are 31; at most 30 fit here.",
        ),
        (
            changed(_set("weekly_plan.days", [0, 7])),
            "weekly_plan.days[1]: 7 is greater than the maximum of 6.",
        ),
        (
            changed(_set("activities.checks.0.scores.Climbing stairs", -1)),
            "activities.checks[0].scores.Climbing stairs: -1 is less than the minimum of 0.",
        ),
        (
            changed(_set("sessions.1.entries.0.exercise", "no-such-stretch")),
            "sessions[1].entries[0].exercise: there is no exercise “no-such-stretch” in this "
            "server's library.",
        ),
        (
            changed(_set("routines.0.items.1.exercise", "cat-cow-2")),
            "routines[0].items[1].exercise: there is no exercise “cat-cow-2” in this server's "
            "library.",
        ),
        (
            changed(_set("sessions.3.routine_key", "no-such-routine")),
            "sessions[3].routine_key: there is no shared routine with the key “no-such-routine” "
            "on this server.",
        ),
        (
            changed(_set("sessions.1.routine", "Evening stretches")),
            "sessions[1].routine: the file has no routine of your own named “Evening stretches”.",
        ),
        (
            changed(_set("weekly_plan.routine", "Gentle relief")),
            "weekly_plan.routine: the file has no routine of your own named “Gentle relief”.",
        ),
        (
            changed(_set("routines.1.name", "Morning stretches")),
            "routines[1].name: the file has another routine named “Morning stretches”.",
        ),
        (
            changed(_set("sessions.0.entries.1.entry_position", 1)),
            "sessions[0].entries[1].entry_position: position 1 is used twice in this session.",
        ),
        (
            changed(_set("activities.checks.1.scores.Gardening", 5)),
            "activities.checks[1].scores.Gardening: “Gardening” is not one of the activities "
            "in activities.names.",
        ),
        (
            changed(_set("activities.checks.1.date", "2026-10-05")),
            "activities.checks[1].date: the file has two function checks on 2026-10-05.",
        ),
        (
            changed(_set("activities.names", ["Socks", "socks"])),
            "activities.names[1]: “socks” is listed twice.",
        ),
        (
            changed(_set("time_zone", "Mars/Olympus")),
            "time_zone: “Mars/Olympus” is not a time zone",
        ),
    ],
)
def test_each_problem_is_named_with_its_place_and_nothing_is_written(content, alice, data, problem):
    if problem is None:
        assert run_import(alice, json.loads(data)).sessions_added == 4
        return
    problems = problems_of(alice, data)
    assert [found for found in problems if found.startswith(problem)], problems


def test_every_problem_is_listed_up_to_a_limit(content, alice):
    def many(document):
        for session in document["sessions"]:
            session["pain_before"] = 12
            session["how_it_felt"] = "meh"
        document["routines"][0]["items"][0]["sets"] = 0

    problems = problems_of(alice, changed(many))
    assert problems == [
        "routines[0].items[0].sets: 0 is less than the minimum of 1.",
        *[
            message
            for index in range(4)
            for message in (
                f"sessions[{index}].pain_before: 12 is greater than the maximum of 10.",
                f"sessions[{index}].how_it_felt: “meh” is not one of: “easy”, “right”, “too_hard”.",
            )
        ],
    ]
    everywhere = changed(lambda document: document["sessions"].extend([{}] * 50))
    problems = problems_of(alice, everywhere)
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[-1] == "There are more problems: only the first 20 are listed."


def test_an_unknown_exercise_is_named_once_with_how_often(content, alice):
    def rename(document):
        for session in document["sessions"]:
            for entry in session["entries"]:
                entry["exercise"] = "mystery"

    assert problems_of(alice, changed(rename)) == [
        "sessions[0].entries[0].exercise: there is no exercise “mystery” in this server's "
        "library (the file names it 5 times)."
    ]


def test_a_file_over_the_size_limit_is_refused(content, alice, settings):
    settings.IMPORT_MAX_BYTES = 1000
    assert problems_of(alice, b" " * 1001) == [
        "The file is 1001\xa0bytes; an export can be at most 1000\xa0bytes."
    ]


def test_other_scores_on_a_date_already_recorded_are_a_clash(content, alice):
    function_check_save(
        user=alice,
        date=datetime.date(2026, 10, 19),
        scores={},
        new_activities=[("Putting on socks", 1)],
    )
    assert problems_of(alice, json.dumps(version_2()).encode()) == [
        "activities.checks[1]: on 2026-10-19 you have already recorded other scores. Change "
        "them in Backcare or in the file, then import again."
    ]
    assert FunctionCheck.objects.filter(user=alice).count() == 1


def test_more_activities_than_can_be_followed_are_refused(content, alice):
    function_check_save(
        user=alice,
        date=datetime.date(2026, 1, 5),
        scores={},
        new_activities=[("Gardening", 4), ("Driving", 5), ("Walking the dog", 6)],
    )
    assert problems_of(alice, json.dumps(version_2()).encode()) == [
        "activities.names: your account follows 3 activities and the file adds 3 more; at most "
        "5 can be followed."
    ]


def test_the_same_scores_on_a_recorded_date_are_already_there(content, alice):
    run_import(alice, version_2())
    before = row_counts()
    result = run_import(alice, version_2())
    assert (result.checks_added, result.checks_present) == (0, 2)
    assert row_counts() == before
