"""The guided player's page: what it hands static/js/player.js, and that the logbook accepts
exactly what the player posts with it."""

import datetime

import pytest
from django.urls import reverse

from logbook.models import Routine, Session
from logbook.services import curated_routines_load
from tests.factories import ExerciseFactory, RoutineFactory, RoutineItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def gentle(library):
    curated_routines_load()
    return Routine.objects.get(key="gentle-relief")


def _play(client, routine, **params):
    return client.get(reverse("logbook:routine_play", args=[routine.pk]), params)


def test_the_player_gets_each_exercise_with_its_dose_and_what_to_do_if_it_hurts(
    alice_client, gentle
):
    first = _play(alice_client, gentle).context["player"]["items"][0]
    assert (first["name"], first["dosage"]) == (
        "Knee-to-chest stretch",
        "Hold 20 seconds, 3 times each side",
    )
    assert (first["sets"], first["repetitions"], first["holdSeconds"], first["perSide"]) == (
        1,
        3,
        20,
        True,
    )
    assert first["ifItHurts"] == "Hold for 15 seconds instead."


def test_query_parameters_no_longer_change_the_holds(alice_client, gentle):
    player = _play(alice_client, gentle, hold="1", rest="0").context["player"]
    assert player["items"][0]["holdSeconds"] == 20
    assert player["restSeconds"] == 10


def test_a_post_made_from_the_players_contract_saves_the_session(alice_client, alice, gentle):
    """What player_core.formFields() builds, built here from the same contract."""
    response = _play(alice_client, gentle)
    player, hidden = response.context["player"], response.context["hidden_fields"]
    contract = player["contract"]
    data = {str(name): str(value) for name, value in hidden.items()}
    data.update(
        {
            "save": "1",
            contract["fields"]["date"]: alice.today().isoformat(),
            contract["fields"]["startedAt"]: "07:45",
            contract["fields"]["painBefore"]: "5",
            contract["fields"]["painAfter"]: "4",
            contract["fields"]["effort"]: response.context["effort_choices"][1][0],
            contract["fields"]["totalForms"]: str(len(player["items"])),
            contract["fields"]["initialForms"]: "0",
        }
    )
    for index, item in enumerate(player["items"]):
        # The last exercise skipped: kept as skipped, with no pain rated.
        skipped = index == len(player["items"]) - 1
        entry = {
            "exercise": item["exercise"],
            "sets": item["sets"],
            "repetitions": item["repetitions"],
            "hold_seconds": item["holdSeconds"] or "",
            "side": contract["side"]["both" if item["perSide"] else "none"],
            "pain_during": "" if skipped else index % 3,
            "status": contract["status"]["skipped" if skipped else "completed"],
        }
        for key, template in contract["entryFields"].items():
            if key in entry:
                data[template.replace(contract["prefixPlaceholder"], str(index))] = str(entry[key])

    response = alice_client.post(reverse("logbook:session_create"), data)

    session = Session.objects.get(user=alice)
    assert response.url == session.get_absolute_url()
    assert (session.routine, session.pain_before, session.pain_after, session.effort) == (
        gentle,
        5,
        4,
        "right",
    )
    assert session.notes == "Guided session"
    assert session.started_at == datetime.time(7, 45)
    assert [entry.dosage_text for entry in session.entries.all()] == [
        item.dosage_text for item in gentle.items.all()
    ]
    statuses = [entry.status for entry in session.entries.all()]
    assert statuses == ["completed"] * (len(statuses) - 1) + ["skipped"]
    assert session.entries.last().pain_during is None


def test_the_player_dates_the_session_where_the_person_is_and_knows_what_counts_as_done(
    alice_client, alice, gentle
):
    contract = _play(alice_client, gentle).context["player"]["contract"]
    assert (contract["fields"]["date"], contract["fields"]["startedAt"]) == ("date", "started_at")
    assert contract["timeZone"] == alice.time_zone
    assert contract["status"]["skipped"] == "skipped"
    assert contract["done"] == ["completed", "stopped"]


def test_each_item_carries_my_precautions_and_what_to_say_after_a_calm_stop(
    alice_client, alice, gentle
):
    alice.precautions = ["recent_surgery"]
    alice.save(update_fields=["precautions"])
    player = _play(alice_client, gentle).context["player"]
    first = player["items"][0]
    assert first["precautions"] == [
        "You told Backcare you have had surgery or a fracture recently. Check with your surgeon "
        "or physiotherapist that this exercise is right for you now."
    ]
    assert "Next time keep this dose" in first["ifStopped"]
    # A state saved before the precautions changed does not resume with the old words.
    assert ["recent_surgery"] in player["signature"]


@pytest.mark.parametrize("with_easier", [False, True])
def test_the_player_page_query_count_is_fixed(
    alice_client, alice, django_assert_num_queries, with_easier
):
    routine = RoutineItemFactory(routine__owner=alice).routine
    for position in range(2, 7):
        easier = ExerciseFactory(easier_variation=ExerciseFactory()) if with_easier else None
        RoutineItemFactory(
            routine=routine, position=position, exercise=ExerciseFactory(easier_variation=easier)
        )
    # 8 queries: the login session, the user, the routine, its items
    # with exercises and easier variations, their steps and harder variations, the saved
    # tokens and the flare routine; 2 more when there are easier variations (their steps and
    # their own easier variations). Never one per item.
    with django_assert_num_queries(8 + 2 * with_easier):
        response = _play(alice_client, routine)
    assert len(response.context["player"]["items"]) == 6


def test_a_routine_without_exercises_says_so_instead_of_starting(alice_client, alice):
    routine = RoutineFactory(owner=alice)
    content = _play(alice_client, routine).content.decode()
    assert "This routine has no exercises yet" in content
    assert 'id="player-data"' not in content
    assert reverse("logbook:routine_update", args=[routine.pk]) in content
