"""The care loop in a browser: what Backcare says when the back answers back."""

import datetime

from playwright.sync_api import Page, expect

from logbook.models import FlarePlan, Routine, RoutineItem, Session
from logbook.services import curated_routines_load, routine_copy
from tests.e2e.conftest import axe_violations, sign_in
from tests.factories import ExerciseEntryFactory, SessionFactory


def _rate(page: Page, group: str, value: str) -> None:
    page.get_by_role("group", name=group).get_by_text(value, exact=True).click()


def _play(page: Page, base_url: str, key: str) -> Routine:
    routine = Routine.objects.get(key=key)
    page.goto(f"{base_url}/routines/{routine.pk}/play/")
    return routine


def _count_through(page: Page, times: int) -> None:
    for _ in range(times):
        page.get_by_role("button", name="Count a repetition").click()


def test_the_player_answers_pain_above_five_at_once(live_library, page: Page):
    curated_routines_load()
    user = sign_in(page, live_library.url)
    page.clock.install()
    _play(page, live_library.url, "strength-and-stability")
    _rate(page, "Your back pain right now", "3")
    page.get_by_role("button", name="Start the routine").click()

    # Pelvic tilt goes well.
    page.get_by_role("button", name="Start the hold").click()
    page.clock.run_for("01:00")
    _rate(page, "Pain during this exercise", "2")
    page.get_by_role("button", name="Next").click()
    page.get_by_role("button", name="Skip the rest").click()

    # The bridge hurts 7/10: the player says so and offers the easier variation at once.
    expect(page.get_by_role("heading", name="Bridge")).to_be_visible()
    expect(page.get_by_text("Take care")).to_be_visible()
    page.get_by_role("button", name="Start the hold").click()
    page.clock.run_for("01:00")
    _rate(page, "Pain during this exercise", "7")
    page.get_by_role("button", name="Next").click()
    expect(
        page.get_by_role("heading", name="That was too much for your back today")
    ).to_be_focused()
    expect(page.get_by_text("Bridge: pain during was 7 out of 10.")).to_be_visible()
    expect(page.get_by_text("Try the easier variation, Pelvic tilt, for now.")).to_be_visible()
    expect(page.get_by_role("link", name="Warning signs that need a doctor").last).to_be_visible()
    assert axe_violations(page, live_library.url) == []
    page.get_by_role("button", name="Try Pelvic tilt instead").click()
    page.get_by_role("button", name="Skip the rest").click()

    expect(page.get_by_role("heading", name="Pelvic tilt")).to_be_visible()
    page.get_by_role("button", name="Start the hold").click()
    page.clock.run_for("01:00")
    _rate(page, "Pain during this exercise", "3")
    page.get_by_role("button", name="End the session here").click()

    # The end never says "well done" over a session that hurt without the advice.
    expect(page.get_by_role("heading", name="How is your back now?")).to_be_visible()
    expect(page.get_by_role("heading", name="Well done. How is your back now?")).to_have_count(0)
    expect(
        page.get_by_text("Bridge: Try the easier variation, Pelvic tilt, for now.")
    ).to_be_visible()
    _rate(page, "Your back pain now, after the session", "4")
    page.get_by_label("About right").check()
    page.get_by_role("button", name="Save to my logbook").click()

    expect(page.get_by_text("Session saved.")).to_be_visible()
    session = Session.objects.get(user=user)
    assert list(session.entries.values_list("exercise__slug", "pain_during")) == [
        ("pelvic-tilt", 2),
        ("bridge", 7),
        ("pelvic-tilt", 3),
    ]


def test_an_easier_variation_that_hurt_is_not_offered_again(live_library, page: Page):
    curated_routines_load()
    sign_in(page, live_library.url)
    page.clock.install()
    _play(page, live_library.url, "strength-and-stability")
    _rate(page, "Your back pain right now", "3")
    page.get_by_role("button", name="Start the routine").click()
    page.get_by_role("button", name="Stop: this hurts").click()
    expect(page.get_by_text("You stopped because it hurt.")).to_be_visible()
    _rate(page, "Pain during this exercise", "6")
    page.get_by_role("button", name="Next").click()
    expect(
        page.get_by_role("heading", name="That was too much for your back today")
    ).to_be_visible()
    expect(page.get_by_text("Pelvic tilt: pain during was 6 out of 10.")).to_be_visible()
    page.get_by_role("button", name="Skip to the next exercise").click()
    page.get_by_role("button", name="Skip the rest").click()

    expect(page.get_by_role("heading", name="Bridge")).to_be_visible()
    page.get_by_role("button", name="Stop: this hurts").click()
    _rate(page, "Pain during this exercise", "6")
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_text("Its easier variation, Pelvic tilt, hurt too")).to_be_visible()
    expect(page.get_by_role("button", name="Try Pelvic tilt instead")).to_be_hidden()


def test_a_rise_of_two_points_blocks_an_increase(live_library, page: Page):
    curated_routines_load()
    user = sign_in(page, live_library.url)
    routine = routine_copy(user=user, source=Routine.objects.get(key="gentle-relief"))
    item = routine.items.get(exercise__slug="pelvic-tilt")
    for days_ago in (3, 2):
        ExerciseEntryFactory(
            session__user=user,
            session__routine=routine,
            session__date=user.today() - datetime.timedelta(days=days_ago),
            session__next_morning="better",
            exercise=item.exercise,
            repetitions=item.repetitions,
            hold_seconds=item.hold_seconds,
            side="na",
            pain_during=1,
        )
    # The third session, typed in the browser: comfortable during, but 2 -> 4 over it.
    page.goto(f"{live_library.url}/logbook/sessions/new/?exercise=pelvic-tilt")
    _rate(page, "Your back pain before you started", "2")
    _rate(page, "Pain during", "1")
    _rate(page, "Your back pain now, after the session", "4")
    page.get_by_label("About right").check()
    page.get_by_role("button", name="Save session", exact=True).last.click()
    expect(
        page.get_by_text("Your pain rose from 2 before the session to 4 after it.")
    ).to_be_visible()
    Session.objects.filter(user=user, date=user.today()).update(
        date=user.today() - datetime.timedelta(days=1), next_morning="same"
    )

    page.goto(f"{live_library.url}{routine.get_absolute_url()}")
    card = page.locator(".routine-items li").filter(has_text="Pelvic tilt")
    expect(card.get_by_text("Ease off:")).to_be_visible()
    expect(card.get_by_text("your pain rose from 2 to 4")).to_be_visible()
    expect(card.get_by_text("Ready for a little more")).to_have_count(0)


def test_an_increase_appears_only_after_a_settled_morning(live_library, page: Page):
    curated_routines_load()
    user = sign_in(page, live_library.url)
    routine = routine_copy(user=user, source=Routine.objects.get(key="gentle-relief"))
    item = routine.items.get(exercise__slug="knee-to-chest")
    for days_ago in (3, 2, 1):
        ExerciseEntryFactory(
            session__user=user,
            session__routine=routine,
            session__date=user.today() - datetime.timedelta(days=days_ago),
            session__next_morning="" if days_ago == 1 else "better",
            exercise=item.exercise,
            repetitions=item.repetitions,
            hold_seconds=item.hold_seconds,
            pain_during=1,
        )
    page.goto(f"{live_library.url}{routine.get_absolute_url()}")
    card = page.locator(".routine-items li").filter(has_text="Knee-to-chest stretch")
    expect(card.get_by_text("Before adding more, record how your back felt")).to_be_visible()
    expect(card.get_by_role("button", name="Accept the suggestion")).to_have_count(0)

    # The next-morning question, answered from the logbook.
    page.goto(f"{live_library.url}/logbook/")
    page.get_by_role("button", name="About the same").first.click()
    expect(page.get_by_text("Thank you: your next-morning check is saved.")).to_be_visible()

    page.goto(f"{live_library.url}{routine.get_absolute_url()}")
    expect(card.get_by_text("Ready for a little more:")).to_be_visible()
    card.get_by_text("The numbers behind this").click()
    expect(card.get_by_text("the morning after: about the same")).to_be_visible()
    card.get_by_role("button", name="Accept the suggestion").click()
    assert RoutineItem.objects.get(pk=item.pk).hold_seconds == 25


def test_a_bad_day_leads_to_the_flare_plan(live_library, page: Page):
    curated_routines_load()
    user = sign_in(page, live_library.url)
    _play(page, live_library.url, "stretch-and-strengthen")
    _rate(page, "Your back pain right now", "8")
    page.get_by_role("button", name="Start the routine").click()
    expect(page.get_by_role("heading", name="Your pain is 8 out of 10 today")).to_be_focused()
    expect(page.get_by_text("hurt does not mean harm")).to_be_visible()
    assert axe_violations(page, live_library.url) == []
    page.get_by_role("link", name="Do the Gentle flare-up routine instead").click()
    expect(
        page.get_by_role("heading", name="Guided session: Gentle flare-up routine")
    ).to_be_visible()
    # On the flare-up routine itself a high rating starts it, gently, without asking again.
    _rate(page, "Your back pain right now", "8")
    page.get_by_role("button", name="Start the routine").click()
    expect(page.get_by_role("heading", name="Pelvic tilt")).to_be_visible()

    page.goto(f"{live_library.url}/logbook/flare-up/")
    helps = "A hot water bottle, then a slow walk round the block."
    page.get_by_label("What helps me").fill(helps)
    page.get_by_label("Who I can call").fill("Priya (physio): 020 7946 0123")
    page.get_by_role("button", name="Save my plan").click()
    expect(page.get_by_text("Your flare-up plan is saved.")).to_be_visible()
    expect(page.get_by_role("definition").filter(has_text=helps)).to_be_visible()
    assert FlarePlan.objects.get(user=user).who_to_call == "Priya (physio): 020 7946 0123"


def test_rising_pain_over_two_weeks_prompts_a_professional(live_library, page: Page):
    user = sign_in(page, live_library.url)
    for days_ago, pain in [(17, 3), (15, 3), (3, 5), (1, 6)]:
        SessionFactory(
            user=user, date=user.today() - datetime.timedelta(days=days_ago), pain_before=pain
        )
    page.goto(f"{live_library.url}/")
    prompts = page.get_by_role("region", name="From your log")
    expect(prompts.get_by_role("heading", name="Your pain has been rising")).to_be_visible()
    expect(prompts.get_by_text("averaged 5.5 out of 10 this week, up from 3.0")).to_be_visible()
    expect(prompts.get_by_text("physiotherapist or your GP")).to_be_visible()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Progress").click()
    expect(page.get_by_role("heading", name="Your pain has been rising")).to_be_visible()


def test_a_stop_within_acceptable_pain_keeps_the_dose_and_precautions_show(
    live_library, page: Page
):
    curated_routines_load()
    user = sign_in(page, live_library.url)
    user.precautions = ["recent_surgery"]
    user.save(update_fields=["precautions"])
    _play(page, live_library.url, "strength-and-stability")
    _rate(page, "Your back pain right now", "3")
    page.get_by_role("button", name="Start the routine").click()
    expect(page.get_by_text("You told Backcare you have had surgery or a fracture")).to_be_visible()

    page.get_by_role("button", name="Stop: this hurts").click()
    _rate(page, "Pain during this exercise", "3")
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", name="You stopped: that was the right call")).to_be_visible()
    expect(page.get_by_text("Pelvic tilt: you stopped it because it hurt, at 3")).to_be_visible()
    expect(page.get_by_text("Next time keep this dose")).to_be_visible()
    expect(page.get_by_role("button", name="Skip to the next exercise")).to_be_visible()
