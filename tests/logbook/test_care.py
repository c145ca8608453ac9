"""The care loop around a person, not one exercise: trends that call for a professional, and the
flare-up plan for a bad day."""

import datetime

import pytest
from django.urls import reverse

from logbook.care import Prompt, care_prompts
from logbook.models import FlarePlan, Routine
from logbook.services import curated_routines_load
from tests.factories import SessionFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 23)


@pytest.fixture
def user():
    return UserFactory()


def _log(user, days_ago, pain_before, **fields):
    return SessionFactory(
        user=user, date=TODAY - datetime.timedelta(days=days_ago), pain_before=pain_before, **fields
    )


def _kinds(user):
    return [prompt.kind for prompt in care_prompts(user, TODAY)]


@pytest.mark.parametrize(("now", "prompted"), [(5.0, False), (6.0, True)])
def test_pain_rising_two_points_over_two_weeks_asks_for_a_professional(user, now, prompted):
    _log(user, 15, 4)
    _log(user, 2, now)
    assert (Prompt.Kind.RISING in _kinds(user)) is prompted


def test_the_rising_prompt_says_what_it_saw(user):
    _log(user, 20, 3)
    _log(user, 14, 3)
    _log(user, 3, 5)
    _log(user, 0, 6)
    (prompt,) = care_prompts(user, TODAY)
    assert prompt.title == "Your pain has been rising"
    assert prompt.why == (
        "Your pain before sessions averaged 5.5 out of 10 this week, up from 3.0 two weeks ago."
    )
    assert "physiotherapist or your GP" in prompt.what


def test_averages_are_compared_as_the_prompt_shows_them(user):
    """3.25 and 5.2 read 3.2 and 5.2: a rise of 2 as shown, so the prompt follows."""
    for days_ago, pain in zip((14, 15, 16, 17), (3, 3, 3, 4), strict=True):
        _log(user, days_ago, pain)
    for days_ago, pain in zip((0, 1, 2, 3, 4), (5, 5, 5, 5, 6), strict=True):
        _log(user, days_ago, pain)
    (prompt,) = care_prompts(user, TODAY)
    assert prompt.kind == Prompt.Kind.RISING
    assert "averaged 5.2 out of 10 this week, up from 3.2" in prompt.why


@pytest.mark.parametrize(
    ("then", "now", "prompted"),
    [
        (5, 5, True),  # no change
        (5, 4, True),  # 1 point, 20%: not meaningful
        (5, 3, False),  # 2 points: improving
        (3, 2, False),  # 1 point but 33%: improving
        (2, 2, False),  # nothing much to improve
    ],
)
def test_no_meaningful_improvement_after_two_weeks(user, then, now, prompted):
    _log(user, 16, then)
    _log(user, 1, now)
    assert (Prompt.Kind.NOT_IMPROVING in _kinds(user)) is prompted


def test_trends_need_a_week_two_weeks_ago_and_this_week(user):
    _log(user, 10, 2)  # the week between counts for neither
    _log(user, 1, 8)
    assert _kinds(user) == []


@pytest.mark.parametrize(("worse", "prompted"), [(1, False), (2, True)])
def test_worse_mornings_twice_in_a_week(user, worse, prompted):
    for days_ago in range(1, worse + 1):
        _log(user, days_ago, 3, next_morning="worse")
    _log(user, 8, 3, next_morning="worse")  # older than a week
    assert (Prompt.Kind.WORSE_MORNINGS in _kinds(user)) is prompted


def test_care_prompts_take_one_query(user, django_assert_num_queries):
    for days_ago in range(40):
        _log(user, days_ago, 4)
    with django_assert_num_queries(1):
        care_prompts(user, TODAY)


def test_another_persons_log_prompts_nothing(user):
    other = UserFactory()
    _log(other, 15, 2)
    _log(other, 2, 8)
    assert _kinds(user) == []


def test_prompts_show_on_the_home_and_progress_pages(alice_client, alice):
    today = alice.today()
    SessionFactory(user=alice, date=today - datetime.timedelta(days=15), pain_before=2)
    SessionFactory(user=alice, date=today - datetime.timedelta(days=1), pain_before=6)
    for url in (reverse("home"), reverse("logbook:progress")):
        content = alice_client.get(url).content.decode()
        assert "Your pain has been rising" in content, url
        assert "averaged 6.0 out of 10 this week, up from 2.0 two weeks ago" in content


def test_a_visitor_sees_no_prompts(client):
    assert "From your log" not in client.get(reverse("home")).content.decode()


# The flare-up page


def test_the_flare_page_offers_the_gentle_routine_and_keeps_my_plan(alice_client, alice, library):
    curated_routines_load()
    url = reverse("logbook:flare")
    content = alice_client.get(url).content.decode()
    gentle = Routine.objects.get(key="flare-day")
    assert reverse("logbook:routine_play", args=[gentle.pk]) in content
    assert "Hurt does not mean harm" in content
    assert "Pace yourself" in content
    assert reverse("red_flags") in content

    response = alice_client.post(
        url, {"what_helps": "A warm bath, then a short walk.", "who_to_call": "Sam: 07700 900123"}
    )
    assert response.url == url
    plan = FlarePlan.objects.get(user=alice)
    assert (plan.what_helps, plan.who_to_call) == (
        "A warm bath, then a short walk.",
        "Sam: 07700 900123",
    )
    content = alice_client.get(url).content.decode()
    assert "A warm bath, then a short walk." in content
    alice_client.post(url, {"what_helps": "Heat pad.", "who_to_call": ""})
    assert FlarePlan.objects.get(user=alice).what_helps == "Heat pad."


def test_a_too_long_plan_is_refused_with_a_message_and_nothing_saved(alice_client, alice):
    response = alice_client.post(reverse("logbook:flare"), {"what_helps": "x" * 2001})
    assert response.status_code == 200
    assert "at most 2000 characters" in response.content.decode()
    assert not FlarePlan.objects.filter(user=alice).exists()


@pytest.mark.parametrize(("pain_before", "shown"), [(6, False), (7, True)])
def test_a_session_that_began_at_seven_or_more_points_to_the_flare_plan(
    alice_client, alice, pain_before, shown
):
    session = SessionFactory(user=alice, pain_before=pain_before)
    content = alice_client.get(session.get_absolute_url()).content.decode()
    assert (f"Your pain was {pain_before} out of 10 before this session" in content) is shown
    assert (reverse("logbook:flare") in content) is shown
