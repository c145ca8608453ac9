"""Every page in German, with no English left: each page is rendered in English and in German,
and no sentence of three or more words reads the same in both.

Visible text only (no script or style), with the words a screen reader or a tooltip gives
(title, aria-label, placeholder, alt). A short allow-list covers what stays in its own language:
the person's own words, the brand, source titles, time-zone names.
"""

import datetime
import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.utils import timezone

from exercises.models import Exercise
from logbook.models import Routine, Session
from logbook.reminders import reminder_token
from logbook.services import function_check_save, plan_create, routine_copy
from tests.e2e.test_accessibility import PUBLIC_PAGES, SIGNED_IN_PAGES
from tests.factories import ExerciseEntryFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db

NOTE = "Stiff after the long drive home."
ATTRIBUTES = {"title", "aria-label", "placeholder", "alt"}
WORD = re.compile(r"[^\W\d_]+")
INITIAL = re.compile(r"\b[^\W\d_]\.")  # "Ostelo R.W." is a name, not a three-word sentence
# Source titles keep their own language (NHS inform, NICE, journal articles).
SOURCE = re.compile(
    r"\b(NHS|NICE|et al|Journal|Guidelines|Physiotherapy Canada|Physical Therapy|Spine)\b"
)
ALLOWED = [NOTE]  # the person's own words, wherever they are quoted


class VisibleText(HTMLParser):
    """The text a person sees or hears: text outside script and style, and the attributes a
    screen reader or a tooltip reads. Time-zone names (IANA's, the same in every language) and
    what the person typed into a form are left out."""

    SKIPPED = {"script", "style", "textarea"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.SKIPPED or (tag == "select" and "data-time-zone" in attrs):
            self._skipping.append(tag)
        self.parts += [value for name, value in attrs.items() if name in ATTRIBUTES and value]
        if tag == "meta" and attrs.get("name") == "description":
            self.parts.append(attrs.get("content") or "")

    def handle_endtag(self, tag):
        if self._skipping and self._skipping[-1] == tag:
            self._skipping.pop()

    def handle_data(self, data):
        if not self._skipping:
            self.parts.append(data)


def sentences(html: str) -> set[str]:
    parser = VisibleText()
    parser.feed(html)
    found = set()
    for part in parser.parts:
        text = " ".join(part.split())
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            if len(WORD.findall(INITIAL.sub("", sentence))) >= 3:
                found.add(sentence)
    return found


def _own(sentence: str, own_words: list[str]) -> bool:
    return any(own in sentence or sentence.rstrip(".…") in own for own in own_words)


def untranslated(english: str, german: str, own_words: list[str] = ALLOWED) -> list[str]:
    """The sentences that read the same in both, other than the person's own words (their
    notes, their routines as they named and described them) and source titles."""
    same = sentences(english) & sentences(german)
    return sorted(s for s in same if not _own(s, own_words) and not SOURCE.search(s))


def test_the_walk_finds_an_untranslated_sentence():
    """The check itself: an English sentence left in the German page is found; the allowed
    ones and script text are not."""
    english = (
        "<title>Your plan</title><p>Log a session today.</p><script>var a = 'one two three';"
        f"</script><p>{NOTE}</p><p>NHS inform, Exercises for back pain</p>"
        '<button aria-label="Count a repetition">+</button><p>Smith B.E.</p>'
        "<h1>My morning back routine</h1>"
    )
    german = english.replace("Your plan", "Dein Plan").replace(
        "Log a session today.", "Trag heute eine Einheit ein."
    )
    assert untranslated(english, german, [*ALLOWED, "My morning back routine"]) == [
        "Count a repetition"
    ]
    assert "My morning back routine" in untranslated(english, german)


@pytest.fixture
def erin(content):
    """A person with a logbook, a routine of their own, a plan and two function checks."""
    user = UserFactory(
        username="erin", time_zone="Europe/Berlin", precautions_answered_at=timezone.now()
    )
    routine = routine_copy(user=user, source=Routine.objects.get(key="gentle-relief"))
    for days in range(1, 15, 2):
        ExerciseEntryFactory(
            session__user=user,
            session__routine=routine,
            session__date=user.today() - datetime.timedelta(days=days),
            session__notes=NOTE,
            exercise=routine.items.first().exercise,
            pain_during=7 if days == 1 else 2,
        )
    SessionFactory(user=user, date=user.today())
    starter = Routine.objects.get(key="gentle-relief")
    plan = plan_create(
        user=user,
        starter=starter,
        exercise_ids=list(starter.items.values_list("exercise_id", flat=True)[:3]),
        days=[0, 2, 4],
        step_every=2,
        today=user.today(),
    )
    for weeks_ago, score in ((2, 3), (0, 6)):
        function_check_save(
            user=user,
            date=user.today() - datetime.timedelta(weeks=weeks_ago),
            scores={a.pk: score for a in user.function_activities.all()},
            new_activities=[] if weeks_ago == 0 else [("Socks", 3), ("Film", 4), ("Stairs", 2)],
        )
    paths = {
        "session": Session.objects.filter(user=user, notes=NOTE).latest("date").pk,
        "routine": routine.pk,
        "curated": Routine.objects.get(key="strength-and-stability").pk,
        "stop": reminder_token(plan),
    }
    return user, [path.format(**paths) for path in SIGNED_IN_PAGES]


def _render(client: Client, path: str, language: str) -> str:
    response = client.get(path, HTTP_ACCEPT_LANGUAGE=language, follow=True)
    assert response.status_code in {200, 404}, path
    return response.content.decode()


def _report(found: dict[str, list[str]]) -> str:
    return "English left in German pages:\n" + "\n".join(
        f"{path}: {sentence}" for path, left in found.items() for sentence in left
    )


def _walk(client: Client, paths: list[str], own_words=ALLOWED) -> dict[str, list[str]]:
    found = {}
    for path in paths:
        german = _render(client, path, "de")
        assert '<html lang="de">' in german, path
        left = untranslated(_render(client, path, "en"), german, own_words)
        if left:
            found[path] = left
    return found


def test_every_public_page_reads_in_german(content):
    exercise_pages = [exercise.get_absolute_url() for exercise in Exercise.objects.all()]
    found = _walk(Client(), PUBLIC_PAGES + exercise_pages)
    assert found == {}, _report(found)


def test_every_signed_in_page_reads_in_german(erin):
    user, paths = erin
    client = Client()
    client.force_login(user)
    # Their own routines (one copied, one made by the plan while the app was in English) read
    # as they were written: people's own text is never translated.
    routines = Routine.objects.filter(owner=user)
    own_words = [
        *ALLOWED,
        *(r.name for r in routines),
        *(r.description for r in routines if r.description),
    ]
    found = _walk(client, paths, own_words)
    assert found == {}, _report(found)
