"""Before you start: the conditions that call for a professional first, asked once after sign-up
and shown on the exercise pages they concern."""

import pytest
from django.urls import reverse

from exercises.precautions import Precaution
from tests.factories import ExerciseFactory

pytestmark = pytest.mark.django_db

URL = reverse("accounts:precautions")


def test_sign_up_leads_to_the_question_then_to_the_logbook(client):
    response = client.post(
        reverse("accounts:signup"),
        {
            "username": "dana",
            "email": "dana@example.org",
            "time_zone": "Europe/Paris",
            "password1": "correct horse battery",
            "password2": "correct horse battery",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == URL
    assert "Do any of these apply to you?" in response.content.decode()
    response = client.post(URL, {})
    assert response.url == reverse("home")
    user = response.wsgi_request.user
    user.refresh_from_db()
    assert (user.precautions, user.precautions_answered_at is not None) == ([], True)


@pytest.mark.parametrize("page", ["logbook:session_list", "home"])
def test_the_logbook_and_home_ask_until_the_question_is_answered(alice_client, alice, page):
    assert URL in alice_client.get(reverse(page)).content.decode()
    alice_client.post(URL, {"precautions": [Precaution.OSTEOPOROSIS]})
    assert URL not in alice_client.get(reverse(page)).content.decode()


def test_answers_are_stored_and_can_be_changed_from_the_account_page(alice_client, alice):
    alice_client.post(URL, {"precautions": [Precaution.PREGNANCY, Precaution.RECENT_SURGERY]})
    alice.refresh_from_db()
    assert alice.precautions == ["pregnancy", "recent_surgery"]
    content = alice_client.get(reverse("accounts:account")).content.decode()
    assert "I am pregnant" in content
    assert URL in content
    response = alice_client.post(URL, {"precautions": []})
    assert response.url == reverse("accounts:account")
    alice.refresh_from_db()
    assert alice.precautions == []


def test_an_unknown_answer_is_refused_and_nothing_saved(alice_client, alice):
    response = alice_client.post(URL, {"precautions": ["knees"]})
    assert response.status_code == 200
    assert "Choose from the list." in response.content.decode()
    alice.refresh_from_db()
    assert (alice.precautions, alice.precautions_answered_at) == ([], None)


@pytest.mark.parametrize(
    ("answers", "tags", "shown"),
    [
        (["pregnancy"], ["pregnancy"], ["You told Backcare you are pregnant."]),
        (["pregnancy"], ["osteoporosis"], []),
        (["osteoporosis"], ["osteoporosis"], ["You told Backcare you have osteoporosis."]),
        (["recent_surgery"], [], ["surgery or a fracture recently"]),
        (["diagnosed_condition"], [], ["a doctor has diagnosed a condition of your spine"]),
        ([], ["pregnancy", "osteoporosis"], []),
    ],
)
def test_an_exercise_page_shows_the_precautions_that_concern_it(
    alice_client, alice, answers, tags, shown
):
    alice.precautions = answers
    alice.save()
    exercise = ExerciseFactory(precautions=tags)
    content = alice_client.get(exercise.get_absolute_url()).content.decode()
    for phrase in shown:
        assert phrase in content
    assert content.count("You told Backcare") == len(shown)


def test_a_visitor_sees_no_precaution(client):
    exercise = ExerciseFactory(precautions=["pregnancy"])
    assert "You told Backcare" not in client.get(exercise.get_absolute_url()).content.decode()


def test_an_exercise_shows_its_caution_above_the_steps(client):
    exercise = ExerciseFactory(caution="Not during a flare-up.")
    content = client.get(exercise.get_absolute_url()).content.decode()
    assert content.index("Not during a flare-up.") < content.index('id="steps-heading"')
