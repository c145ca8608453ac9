"""Lessons, curated routines and the logbook's pages in German: built-in text in the language of
the request, a person's own text as typed, cached parts never in the language of an earlier
visit, exports and imports by slug and key."""

import datetime
import re
import shutil
from collections import Counter

import pytest
import yaml
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from accounts.export import export_json
from exercises.contentfile import ContentError, translation_path
from exercises.models import Exercise
from logbook.models import Lesson, Routine, Session
from logbook.services.content import (
    CONTENT_PATH,
    LESSONS_PATH,
    curated_routines_load,
    lessons_load,
)
from tests.accounts.importing import run_import, without_account
from tests.factories import ExerciseEntryFactory, RoutineFactory, SessionFactory

pytestmark = pytest.mark.django_db

GERMAN = {"accept-language": "de"}


@pytest.fixture
def gentle(content):
    return Routine.objects.get(key="gentle-relief")


@pytest.fixture
def logged(alice, gentle):
    """Two sessions of the gentle routine, each with the knee-to-chest stretch."""
    knee = Exercise.objects.get(slug="knee-to-chest")
    for days in (1, 2):
        session = SessionFactory(
            user=alice, routine=gentle, date=alice.today() - datetime.timedelta(days=days)
        )
        ExerciseEntryFactory(session=session, exercise=knee, position=1, pain_during=2)


def test_lessons_and_routines_load_twice_with_their_german_text_unchanged(content):
    assert lessons_load().unchanged == [lesson.slug for lesson in Lesson.objects.all()]
    assert len(curated_routines_load().unchanged) == 4
    for lesson in Lesson.objects.all():
        assert lesson.title_de, lesson.slug
        assert len(lesson.body_de) == len(lesson.body), lesson.slug
        assert len(lesson.takeaways_de) == len(lesson.takeaways), lesson.slug
        assert len(lesson.sources_de) == len(lesson.sources), lesson.slug
    for routine in Routine.objects.filter(owner=None):
        assert routine.name_de, routine.key
        assert routine.description_de, routine.key
        assert len(routine.sources_de.splitlines()) == len(routine.sources.splitlines())


def test_every_number_in_an_english_lesson_paragraph_is_in_its_german_one(content):
    # The German may add numbers (112, 116 117 beside 999 and NHS 111), never drop one.
    for lesson in Lesson.objects.all():
        pairs = [
            (lesson.summary, lesson.summary_de),
            *zip(lesson.body, lesson.body_de, strict=True),
            *zip(lesson.takeaways, lesson.takeaways_de, strict=True),
        ]
        for english, german in pairs:
            missing = Counter(re.findall(r"[0-9]+", english)) - Counter(
                re.findall(r"[0-9]+", german)
            )
            assert not missing, (lesson.slug, english)


@pytest.mark.parametrize(
    ("path", "key", "change", "error"),
    [
        (LESSONS_PATH, "lessons", lambda e: e.pop(), "no German entry for keeping-it-going"),
        (
            LESSONS_PATH,
            "lessons",
            lambda e: e[0]["body"].pop(),
            "hurt-is-not-harm: body has 5 item(s), the English has 6",
        ),
        (CONTENT_PATH, "routines", lambda e: e[0].pop("description"), "missing keys"),
        (
            CONTENT_PATH,
            "routines",
            lambda e: e.append({"key": "mine", "name": "x", "description": "y"}),
            "mine: there is no such key",
        ),
    ],
)
def test_an_incomplete_german_lessons_or_routines_file_is_refused(
    library, tmp_path, path, key, change, error
):
    copy = tmp_path / path.name
    shutil.copy(path, copy)
    entries = yaml.safe_load(translation_path(path).read_text(encoding="utf-8"))[key]
    change(entries)
    translation_path(copy).write_text(yaml.safe_dump({key: entries}, allow_unicode=True))
    load = lessons_load if key == "lessons" else curated_routines_load
    with pytest.raises(ContentError, match=re.escape(error)):
        load(path=copy)
    assert not Lesson.objects.exists()
    assert not Routine.objects.exists()


def test_a_lesson_reads_in_german_and_in_english(alice_client, content):
    url = reverse("logbook:lesson_detail", args=["flare-ups"])
    german = alice_client.get(url, headers=GERMAN).content.decode()
    assert "Schmerzschübe" in german
    assert "Schreib deinen Plan für Schübe an einem guten Tag auf." in german  # a takeaway
    assert "Write your flare-up plan on a good day." not in german
    assert "(www.guysandstthomas.nhs.uk, undated): Schmerz ist nicht gleich Schaden" in german
    english = alice_client.get(url).content.decode()
    assert "Write your flare-up plan on a good day." in english
    assert "Schmerzschübe" not in english
    listing = alice_client.get(reverse("logbook:lesson_list"), headers=GERMAN).content.decode()
    assert "Schmerz ist nicht gleich Schaden" in listing


def test_a_curated_routine_reads_in_german_with_its_exercises(alice_client, gentle):
    page = alice_client.get(gentle.get_absolute_url(), headers=GERMAN).content.decode()
    assert "Sanfte Linderung" in page
    assert "Langsame Dehnungen und leichte Bewegungen" in page
    assert "Fass ein Knie mit beiden Händen" in page  # a step of the knee-to-chest stretch
    assert "Gentle relief" not in page
    assert "Lie on your back" not in page


def test_my_own_routine_reads_as_i_typed_it_in_german(alice_client, alice, content):
    mine = RoutineFactory(owner=alice, name="Morning stretches", description="Before work.")
    page = alice_client.get(mine.get_absolute_url(), headers=GERMAN).content.decode()
    assert "Morning stretches" in page
    assert "Before work." in page


def test_a_copy_made_in_german_keeps_the_german_text_in_every_language(alice_client, alice, gentle):
    token = alice_client.get(gentle.get_absolute_url()).context["copy_token"]
    alice_client.post(
        reverse("logbook:routine_copy", args=[gentle.pk]),
        {"submission_token": str(token)},
        headers=GERMAN,
    )
    copy = Routine.objects.get(owner=alice)
    assert (copy.name, copy.name_de) == ("Sanfte Linderung", "")
    assert copy.description.startswith("Langsame Dehnungen")
    page = alice_client.get(copy.get_absolute_url()).content.decode()  # in English
    assert "Sanfte Linderung" in page


def test_the_routine_list_orders_curated_routines_by_their_german_names(alice_client, content):
    response = alice_client.get(reverse("logbook:routine_list"), headers=GERMAN)
    names = [routine.name for routine in response.context["curated"]]
    assert names == sorted(names)
    assert names[0] == "Dehnen und Kräftigen"


def test_the_routine_editors_picker_is_in_german_order(alice_client, alice, content):
    mine = RoutineFactory(owner=alice)
    url = reverse("logbook:routine_update", args=[mine.pk])
    form = alice_client.get(url, headers=GERMAN).context["add_form"]
    names = [label for value, label in form.fields["exercise"].choices if value]
    with translation.override("de"):
        assert names == [exercise.name for exercise in Exercise.objects.in_display_order()]
    assert names[0] == "Beide Knie zur Brust"


def test_the_session_form_and_the_player_name_the_exercises_in_german(alice_client, gentle):
    form = alice_client.get(
        reverse("logbook:session_create"), {"routine": gentle.pk}, headers=GERMAN
    ).content.decode()
    assert "Knie-zur-Brust-Dehnung" in form
    assert "Knee-to-chest stretch" not in form
    player = alice_client.get(
        reverse("logbook:routine_play", args=[gentle.pk]), headers=GERMAN
    ).context["player"]
    first = player["items"][0]
    assert first["name"] == "Knie-zur-Brust-Dehnung"
    assert first["steps"][1] == "Fass ein Knie mit beiden Händen und zieh es langsam zur Brust."
    assert first["safety"][2].startswith("Wenn dein Knie schmerzt")


@pytest.mark.parametrize(
    "url",
    [
        reverse("logbook:session_list"),
        reverse("logbook:progress"),
    ],
)
def test_a_page_cached_by_an_english_visit_shows_german_names_to_a_german_visit(
    alice_client, logged, url
):
    english = alice_client.get(url).content.decode()
    assert "Knee-to-chest stretch" in english
    german = alice_client.get(url, headers=GERMAN).content.decode()
    assert "Knie-zur-Brust-Dehnung" in german
    assert "Knee-to-chest stretch" not in german
    # And back: the German visit did not replace what English readers see.
    assert "Knee-to-chest stretch" in alice_client.get(url).content.decode()


def test_the_routine_page_after_an_english_visit_reads_in_german(alice_client, logged, gentle):
    alice_client.get(gentle.get_absolute_url())
    german = alice_client.get(gentle.get_absolute_url(), headers=GERMAN).content.decode()
    assert "Knie-zur-Brust-Dehnung" in german
    assert "Knee-to-chest stretch" not in german


@pytest.mark.parametrize(
    "url",
    [
        reverse("logbook:session_list"),
        reverse("logbook:progress"),
        reverse("logbook:routine_list"),
        reverse("exercises:list"),
        reverse("exercises:list") + "?q=Br",
    ],
)
def test_german_pages_cost_the_same_queries_as_english_ones(
    alice_client, logged, django_assert_num_queries, url
):
    # Both first visits, with nothing in the cache.
    with CaptureQueriesContext(connection) as english:
        alice_client.get(url)
    cache.clear()
    with django_assert_num_queries(len(english)):
        alice_client.get(url, headers=GERMAN)


def test_the_routine_page_costs_the_same_queries_in_german(
    alice_client, logged, gentle, django_assert_num_queries
):
    with CaptureQueriesContext(connection) as english:
        alice_client.get(gentle.get_absolute_url())
    cache.clear()
    with django_assert_num_queries(len(english)):
        alice_client.get(gentle.get_absolute_url(), headers=GERMAN)


def test_an_export_made_in_german_names_exercises_and_routines_by_slug_and_key(
    alice, bob, logged, gentle
):
    with translation.override("de"):
        document = export_json(alice)
        entry = document["sessions"][0]["entries"][0]
        assert (entry["exercise"], entry["exercise_name"]) == (
            "knee-to-chest",
            "Knie-zur-Brust-Dehnung",
        )
        assert document["sessions"][0]["routine_key"] == "gentle-relief"
        result = run_import(bob, document)
        assert result.sessions_added == 2
        assert without_account(export_json(bob)) == without_account(document)
    assert {session.routine for session in Session.objects.filter(user=bob)} == {gentle}
