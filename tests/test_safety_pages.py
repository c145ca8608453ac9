"""The warning-signs page and the guide to how Backcare reads pain."""

import re

import pytest
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper
from django.urls import reverse

pytestmark = pytest.mark.django_db

# Every sign, by the section it belongs in (NICE NG59 and NG65; NHS back pain and cauda equina
# guidance; DOMAIN.md) and a phrase that says it.
SIGNS = {
    "emergency": {
        "saddle": "saddle area",
        "bladder-bowel": "leaking urine or faeces",
        "sexual": "sexual function",
        "both-legs": "in both legs at once",
        "weakness": "Weakness in one or both legs that is getting worse",
        "chest": "Chest pain",
        "trauma": "after a serious fall, a car accident",
    },
    "urgent": {
        "cancer": "you have had cancer",
        "weight-loss": "losing weight without trying",
        "fever": "high temperature",
        "immune": "steroids long term",
        "night-pain": "worse at night",
        "lump": "a lump, or a change in the shape of your back",
        "shoulder-blades": "between your shoulder blades",
        "age": "under 20 or over 50",
    },
    "gp": {
        "inflammatory-stiffness": "stiff in the morning and loosens up as you move",
        "inflammatory-waking": "second half of the night",
    },
}


def _sections(content: str) -> dict[str, str]:
    parts = re.split(r'<section[^>]* id="(\w+)"', content)
    return {parts[i]: parts[i + 1].split("</section>")[0] for i in range(1, len(parts), 2)}


def _red_flags(client):
    response = client.get(reverse("red_flags"))
    assert response.status_code == 200
    return _sections(response.content.decode())


@pytest.mark.parametrize(
    ("section", "sign", "phrase"),
    [(section, sign, phrase) for section, signs in SIGNS.items() for sign, phrase in signs.items()],
)
def test_each_warning_sign_is_in_the_right_section(client, section, sign, phrase):
    sections = _red_flags(client)
    assert f'data-sign="{sign}"' in sections[section]
    assert phrase in sections[section]
    others = [text for name, text in sections.items() if name != section]
    assert not any(f'data-sign="{sign}"' in text for text in others)


def test_the_sections_say_how_soon_in_order_of_urgency(client):
    sections = _red_flags(client)
    assert list(sections) == ["emergency", "urgent", "gp", "otherwise"]
    assert "Call 999 or go to A&E now" in sections["emergency"]
    assert "urgent appointment today or tomorrow" in sections["urgent"]
    assert "NHS 111" in sections["urgent"]
    assert "before you were 45" in sections["gp"]
    assert "more than 3 months" in sections["gp"]
    assert "(not urgent)" in sections["gp"]
    assert sum(text.count("data-sign=") for text in sections.values()) == sum(
        len(signs) for signs in SIGNS.values()
    )


def test_the_warning_signs_make_no_query(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        client.get(reverse("red_flags"))


@pytest.fixture
def database_down(monkeypatch):
    def unreachable(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(CursorWrapper, "execute", unreachable)


def test_the_warning_signs_show_while_the_database_is_down(alice_client, database_down):
    response = alice_client.get(reverse("red_flags"))
    assert response.status_code == 200
    assert "Call 999 or go to A&E now" in response.content.decode()


def test_other_pages_still_answer_the_friendly_503_while_it_is_down(alice_client, database_down):
    alice_client.raise_request_exception = False
    response = alice_client.get(reverse("logbook:session_list"))
    assert response.status_code == 503


def test_the_pain_guide_states_the_numbers_the_rules_use(client):
    content = client.get(reverse("pain_guide")).content.decode()
    assert '<th scope="row">0 to 2</th>' in content
    assert '<th scope="row">3 to 5</th>' in content
    assert '<th scope="row">Above 5</th>' in content
    assert "Pain of 7 or more before you start is a bad day" in content
    assert "Only after 3 comfortable sessions" in content
    assert "pain during 3 or less" in content
    assert "a missing answer never counts as a good one" in content
    assert "not been tested for back pain" in content


@pytest.mark.parametrize("name", ["logbook:session_create", "logbook:routine_list"])
def test_the_pain_guide_is_a_link_away_from_scales_and_the_safety_line(alice_client, name):
    content = alice_client.get(reverse(name)).content.decode()
    assert reverse("pain_guide") in content
    assert "Stop on a sharp pain, or pain that keeps climbing past 5 out of 10." in content
