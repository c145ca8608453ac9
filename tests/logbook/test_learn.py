"""Short lessons: loaded from their content file, read one at a time, and offered when a session
calls for one."""

import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils.html import escape

from exercises.contentfile import ContentError, translation_path
from logbook.care import next_lesson
from logbook.models import Lesson, LessonRead
from logbook.services.content import LESSONS_PATH, lessons_load, parse_lessons
from tests.factories import ExerciseEntryFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lessons(db):
    lessons_load()
    return list(Lesson.objects.all())


def test_lessons_load_idempotently_and_every_one_names_its_sources(lessons):
    again = lessons_load()
    assert again.created == again.updated == []
    assert [lesson.topic for lesson in lessons] == [
        "hurt",
        "movement",
        "pacing",
        "flare",
        "sleep_stress",
        "help",
        "habits",
    ]
    for lesson in lessons:
        assert lesson.sources
        assert lesson.body
        assert lesson.takeaways
        assert 1 <= lesson.minutes <= 5


def test_a_changed_lesson_is_updated_in_place(lessons, tmp_path: Path):
    text = LESSONS_PATH.read_text().replace("title: Flare-ups", "title: When a flare-up comes")
    changed = tmp_path / "lessons.yaml"
    changed.write_text(text)
    # The German file beside it, unchanged: only the edited lesson is reloaded.
    shutil.copy(translation_path(LESSONS_PATH), translation_path(changed))
    report = lessons_load(path=changed)
    assert (report.created, report.updated) == ([], ["flare-ups"])
    assert Lesson.objects.get(slug="flare-ups").title == "When a flare-up comes"


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("lessons:\n  - slug: x\n", "exactly the keys"),
        (
            LESSONS_PATH.read_text().replace("    sources:\n", "    sources: []\n    x:\n", 1),
            "exactly the keys",
        ),
    ],
)
def test_a_broken_content_file_is_refused_with_the_reason(text, error):
    with pytest.raises(ContentError, match=error):
        parse_lessons(text)


def test_the_command_says_what_it_loaded_and_refuses_a_broken_file(db, tmp_path, capsys):
    call_command("load_lessons")
    assert "Lessons: 7 created" in capsys.readouterr().out
    broken = tmp_path / "lessons.yaml"
    broken.write_text("lessons:\n  - slug: x\n")
    with pytest.raises(CommandError, match="Lessons not loaded"):
        call_command("load_lessons", "--path", str(broken))


def test_opening_a_lesson_marks_it_read_and_leads_to_the_next(alice_client, alice, lessons):
    first, second = lessons[0], lessons[1]
    response = alice_client.get(first.get_absolute_url())
    content = response.content.decode()
    assert first.title in content
    assert escape(first.sources[0]) in content
    assert response.context["next"] == second
    assert LessonRead.objects.filter(user=alice, lesson=first).count() == 1
    alice_client.get(first.get_absolute_url())  # reading again records nothing more
    assert LessonRead.objects.filter(user=alice).count() == 1
    listed = alice_client.get(reverse("logbook:lesson_list")).context["lessons"]
    assert listed[:2] == [(first, True), (second, False)]


def test_an_unknown_lesson_is_not_found(alice_client, lessons):
    assert alice_client.get("/learn/no-such-lesson/").status_code == 404


@pytest.mark.parametrize(
    ("session_fields", "entry_fields", "topic"),
    [
        ({"pain_before": 8}, {}, "flare"),
        ({}, {"pain_during": 7}, "hurt"),
        ({"next_morning": "worse"}, {}, "pacing"),
        ({}, {}, "movement"),  # nothing called for: the first unread
    ],
)
def test_the_lesson_offered_fits_the_latest_session(
    alice, lessons, session_fields, entry_fields, topic
):
    # "Hurt is not harm" last in order, so only a session that hurt offers it.
    Lesson.objects.filter(topic="hurt").update(position=99)
    session = SessionFactory(user=alice, **session_fields)
    ExerciseEntryFactory(session=session, **{"pain_during": 1, **entry_fields})
    assert next_lesson(alice, session).topic == topic


def test_lessons_read_are_not_offered_again_and_none_once_all_are_read(alice, lessons):
    LessonRead.objects.create(user=alice, lesson=lessons[0])
    assert next_lesson(alice).topic == "movement"
    LessonRead.objects.bulk_create(LessonRead(user=alice, lesson=lesson) for lesson in lessons[1:])
    assert next_lesson(alice) is None


def test_the_session_page_offers_one_lesson(alice_client, alice, lessons):
    session = SessionFactory(user=alice, pain_before=8)
    content = alice_client.get(session.get_absolute_url()).content.decode()
    assert "Flare-ups" in content
    assert reverse("logbook:lesson_detail", args=["flare-ups"]) in content
