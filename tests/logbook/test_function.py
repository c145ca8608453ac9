"""Function that matters to the person (PSFS): naming and rating activities, the two-weekly
check, and what the progress page says changed."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from logbook.models import FunctionActivity, FunctionCheck, FunctionScore
from logbook.outcomes import function_due, function_report
from logbook.services import function_check_save
from tests.factories import UserFactory
from tests.logbook.conftest import NOON_UTC, TODAY

pytestmark = pytest.mark.django_db

URL = reverse("logbook:function_check")


def _first(**extra):
    data = {
        "name_0": "Putting on socks",
        "new_score_0": "3",
        "name_1": "Sitting through a film",
        "new_score_1": "5",
        "name_2": "Lifting my toddler",
        "new_score_2": "2",
    }
    return {**data, **extra}


def _checks(user, *rows, start=TODAY - datetime.timedelta(weeks=6)):
    """One check every two weeks from ``start``, each a tuple of scores for the activities."""
    names = ["Socks", "Film", "Toddler"]
    activities = [
        FunctionActivity.objects.create(user=user, name=name, position=n)
        for n, name in enumerate(names[: len(rows[0])], start=1)
    ]
    for index, scores in enumerate(rows):
        check = FunctionCheck.objects.create(
            user=user, date=start + datetime.timedelta(weeks=2 * index)
        )
        FunctionScore.objects.bulk_create(
            FunctionScore(function_check=check, activity=a, score=s)
            for a, s in zip(activities, scores, strict=True)
        )
    return activities


def test_the_first_check_names_three_activities_and_rates_them(alice_client, alice, noon):
    response = alice_client.post(URL, _first())
    assert response.url == reverse("logbook:progress")
    check = FunctionCheck.objects.get(user=alice)
    assert check.date == TODAY
    assert sorted(check.scores.values_list("activity__name", "score")) == [
        ("Lifting my toddler", 2),
        ("Putting on socks", 3),
        ("Sitting through a film", 5),
    ]
    page = alice_client.get(response.url).content.decode()
    assert "Saved: your function score today is 3.3 out of 10." in page


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"name_2": "", "new_score_2": ""}, "Name at least 3 activities your back makes hard."),
        ({"name_2": "putting on SOCKS"}, "Each activity once, please."),
        ({"new_score_2": ""}, "Rate this activity from 0 to 10."),
        ({"name_2": ""}, "Name the activity you rated."),
        ({"new_score_2": "11"}, "Select a valid choice."),
    ],
)
def test_a_check_that_does_not_add_up_is_refused_and_nothing_saved(
    alice_client, alice, data, error
):
    response = alice_client.post(URL, _first(**data))
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not FunctionCheck.objects.exists()
    assert not FunctionActivity.objects.exists()


def test_later_checks_rate_the_same_activities_and_may_add_one(alice_client, alice, noon):
    activities = _checks(alice, (3, 5, 2))
    form = alice_client.get(URL).context["form"]
    assert [field.label for field in form.score_fields()] == ["Socks", "Film", "Toddler"]
    assert len(form.new_activity_fields()) == 2  # five in all
    data = {f"score_{a.pk}": "6" for a in activities} | {"name_0": "Gardening", "new_score_0": "4"}
    alice_client.post(URL, data)
    latest = FunctionCheck.objects.filter(user=alice).order_by("-date").first()
    assert latest.scores.count() == 4
    missing = alice_client.post(URL, {f"score_{activities[0].pk}": "6"})
    assert "Rate this activity from 0 to 10." in missing.content.decode()


def test_another_persons_activity_cannot_be_rated():
    mine, theirs = UserFactory(), UserFactory()
    (activity, *_rest) = _checks(theirs, (3, 5, 2))
    with pytest.raises(ValidationError):
        function_check_save(user=mine, date=TODAY, scores={activity.pk: 9}, new_activities=[])
    assert FunctionScore.objects.filter(score=9).count() == 0


@pytest.mark.parametrize(
    ("rows", "sentences"),
    [
        (
            [(3, 5, 2), (6, 7, 5)],
            [
                "Your PSFS score (the mean) rose from 3.3 to 6: a meaningful change.",
                "Socks rose from 3 to 6: a meaningful change.",
                "Film went from 5 to 7: within everyday ups and downs so far.",
                "Toddler rose from 2 to 5: a meaningful change.",
            ],
        ),
        (
            [(5, 5, 5), (5, 4, 5)],
            [
                "Your PSFS score (the mean) went from 5 to 4.7: within everyday ups and downs "
                "so far.",
                "Socks: 5, the same as at first.",
                "Film went from 5 to 4: within everyday ups and downs so far.",
                "Toddler: 5, the same as at first.",
            ],
        ),
    ],
)
def test_the_report_says_what_changed_since_the_first_check(rows, sentences):
    user = UserFactory()
    _checks(user, *rows)
    assert [change.sentence for change in function_report(user).changes] == sentences


def test_a_change_of_two_in_the_mean_counts_as_shown():
    """3.3 to 5.3 on the page is a change of 2, though 5.3 - 3.3 < 2 in floating point."""
    user = UserFactory()
    _checks(user, (3, 5, 2), (5, 7, 4))
    (mean, *_activities) = function_report(user).changes
    assert (mean.first, mean.latest, mean.meaningful) == (3.3, 5.3, True)


@pytest.mark.parametrize(("days", "due"), [(13, False), (14, True)])
def test_a_check_is_due_every_two_weeks(days, due):
    assert function_due(TODAY - datetime.timedelta(days=days), TODAY) is due
    assert function_due(None, TODAY) is True


def test_the_progress_page_shows_the_checks_in_a_table_and_a_chart(alice_client, alice, noon):
    _checks(alice, (3, 5, 2), (6, 8, 5))
    response = alice_client.get(reverse("logbook:progress"))
    content = response.content.decode()
    assert "Socks rose from 3 to 6: a meaningful change." in content
    assert 'id="function-data"' in content
    rows = response.context["function"].rows()
    assert [(row["scores"], row["mean"]) for row in rows] == [([6, 8, 5], 6.3), ([3, 5, 2], 3.3)]


@pytest.mark.parametrize("checks", [2, 40])
def test_progress_query_count_does_not_grow_with_checks(
    alice_client, alice, noon, django_assert_num_queries, checks
):
    _checks(alice, *[(3, 5, 2)] * checks, start=TODAY - datetime.timedelta(weeks=2 * checks))
    # As in test_progress, with the PSFS scores' one query now that there are checks.
    with django_assert_num_queries(11):
        alice_client.get(reverse("logbook:progress"))


def test_not_now_stops_the_home_page_asking_until_tomorrow(alice_client, alice, frozen_now):
    frozen_now(NOON_UTC)
    assert alice_client.get("/").context["today"].function_due is True
    response = alice_client.post(reverse("logbook:function_skip"))
    assert response.url == reverse("home")
    assert alice_client.get("/").context["today"].function_due is False
    frozen_now(NOON_UTC + datetime.timedelta(days=1))
    assert alice_client.get("/").context["today"].function_due is True


def test_an_activity_added_later_does_not_move_the_change_in_the_mean():
    user = UserFactory()
    _checks(user, (3, 5, 2), (3, 5, 2))
    latest = FunctionCheck.objects.filter(user=user).latest("date")
    garden = FunctionActivity.objects.create(user=user, name="Garden", position=4)
    FunctionScore.objects.create(function_check=latest, activity=garden, score=0)
    (mean, *_activities) = function_report(user).changes
    assert mean.sentence == (
        "Your PSFS score (the mean of the activities rated both times): 3.3, the same as at first."
    )


def test_rating_again_the_same_day_replaces_that_days_scores(alice, noon):
    activities = _checks(alice, (3, 5, 2))
    for score in (4, 6):
        function_check_save(
            user=alice, date=TODAY, scores={a.pk: score for a in activities}, new_activities=[]
        )
    today = FunctionCheck.objects.get(user=alice, date=TODAY)
    assert sorted(today.scores.values_list("score", flat=True)) == [6, 6, 6]


def test_the_first_check_posted_twice_names_each_activity_once(alice):
    new = [("Socks", 3), ("Film", 5), ("Stairs", 2)]
    function_check_save(user=alice, date=TODAY, scores={}, new_activities=new)
    function_check_save(user=alice, date=TODAY, scores={}, new_activities=new)
    assert FunctionActivity.objects.filter(user=alice).count() == 3
    assert FunctionCheck.objects.filter(user=alice).count() == 1
