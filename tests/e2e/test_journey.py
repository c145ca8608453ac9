"""A person's first weeks in a browser: sign up, make a plan, do today's routine from the home
page, answer the next-morning question there, rate their activities, and, weeks on, read on the
progress page how function, pain and the plan have gone."""

import datetime

from playwright.sync_api import Page, expect

from logbook.models import FunctionActivity, Session
from logbook.services import curated_routines_load, function_check_save
from tests.e2e.conftest import sign_up
from tests.factories import SessionFactory

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _rate(page: Page, group: str, value: str) -> None:
    page.get_by_role("group", name=group).get_by_text(value, exact=True).click()


def test_first_weeks_from_sign_up_to_progress(live_library, page: Page):
    curated_routines_load()
    user = sign_up(page, live_library.url, "noor", "Europe/Berlin")

    # A plan: the gentle start, its first three exercises, and today among the days.
    page.get_by_role("link", name="Make a plan").click()
    page.get_by_role("link", name="Gentle: my back is stiff or sore").click()
    page.get_by_label(WEEKDAYS[user.today().weekday()]).check()
    page.get_by_role("button", name="Make my plan").click()
    expect(page.get_by_text("Your plan is ready.")).to_be_visible()
    expect(page.get_by_role("heading", name="This week's target")).to_be_visible()

    # Today's routine from the home page, in the player: one exercise, then stop there.
    page.get_by_role("link", name="Backcare").first.click()
    page.clock.install()
    page.get_by_role("link", name="Start today's routine").click()
    _rate(page, "Your back pain right now", "3")
    page.get_by_role("button", name="Start the routine").click()
    page.get_by_role("button", name="Start the hold").click()
    page.clock.run_for("03:00")
    expect(page.get_by_role("heading", name="How was that?")).to_be_visible()
    _rate(page, "Pain during this exercise", "1")
    page.get_by_role("button", name="End the session here").click()
    expect(page.get_by_role("heading", name="Well done. How is your back now?")).to_be_visible()
    _rate(page, "Your back pain now, after the session", "2")
    page.get_by_label("About right").check()
    page.get_by_role("button", name="Save to my logbook").click()
    expect(page.get_by_text("Session saved.")).to_be_visible()
    session = Session.objects.get(user=user)
    assert session.routine == user.plan.routine

    # The next morning, the home page asks how the back feels.
    Session.objects.filter(pk=session.pk).update(date=user.today() - datetime.timedelta(days=1))
    page.get_by_role("link", name="Backcare").first.click()
    page.get_by_role("button", name="Better").click()
    expect(page.get_by_text("Thank you: your next-morning check is saved.")).to_be_visible()
    expect(page.get_by_role("heading", name="Today")).to_be_visible()
    session.refresh_from_db()
    assert session.next_morning == "better"

    # The function check: three activities the back makes hard.
    page.get_by_role("link", name="Rate them now").click()
    for row, (name, score) in enumerate(
        [("Putting on socks", "3"), ("Sitting through a film", "4"), ("Carrying shopping", "2")],
        start=1,
    ):
        activity = page.get_by_role("group", name=f"Activity {row}")
        activity.get_by_role("textbox").fill(name)
        activity.get_by_label("How well can you do it?").select_option(score)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved: your function score today is 3.0 out of 10.")).to_be_visible()

    # Weeks on: earlier sessions and a later check, as if the plan had been kept.
    today = user.today()
    for days_ago in range(2, 36, 2):
        SessionFactory(
            user=user,
            date=today - datetime.timedelta(days=days_ago),
            pain_before=6 if days_ago > 20 else 3,
            pain_after=6 if days_ago > 20 else 2,
        )
    first = user.function_checks.get()
    first.date = today - datetime.timedelta(weeks=4)
    first.save()
    activities = list(FunctionActivity.objects.filter(user=user))
    function_check_save(
        user=user, date=today, scores={a.pk: 6 for a in activities}, new_activities=[]
    )

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Progress").click()
    expect(
        page.get_by_text("Your PSFS score (the mean) rose from 3 to 6: a meaningful change.")
    ).to_be_visible()
    expect(
        page.get_by_text("Putting on socks rose from 3 to 6: a meaningful change.")
    ).to_be_visible()
    expect(page.locator("#function-chart")).to_be_visible()
    table = page.get_by_role("region", name="Check by check, newest first")
    expect(table.get_by_role("row")).to_have_count(3)
    goal = user.plan.sessions_per_week  # the plan's days are the weekly goal
    expect(page.get_by_text(f"You reached your goal of {goal} sessions in")).to_be_visible()

    page.get_by_role("link", name="Backcare").first.click()
    expect(page.get_by_text("Pain after sessions fell from 6.0 to 2.0")).to_be_visible()
