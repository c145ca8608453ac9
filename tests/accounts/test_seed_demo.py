import datetime

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from logbook.models import Session
from logbook.services import curated_routines_load

pytestmark = pytest.mark.django_db


def test_seed_demo_makes_twelve_weeks_of_routine_sessions(library, capsys):
    curated_routines_load()
    call_command("seed_demo")
    demo = User.objects.get(username="demo")
    sessions = Session.objects.filter(user=demo)
    dates = sorted(sessions.values_list("date", flat=True))
    assert demo.check_password("demo-backcare")
    assert 30 <= len(dates) <= 84
    assert dates[-1] - dates[0] >= datetime.timedelta(weeks=11)
    assert not sessions.filter(routine__isnull=True).exists()
    assert not sessions.filter(entries__isnull=True).exists()
    assert "Demo user 'demo'" in capsys.readouterr().out


def test_seed_demo_again_replaces_rather_than_duplicates(library, settings):
    settings.DEBUG = True  # as make demo runs it
    curated_routines_load()
    call_command("seed_demo", seed=3)
    first = Session.objects.count()
    call_command("seed_demo", seed=3)
    assert Session.objects.count() == first
    assert User.objects.filter(username="demo").count() == 1


def test_seed_demo_needs_the_curated_routines(db):
    with pytest.raises(CommandError, match="run load_exercises and load_routines first"):
        call_command("seed_demo")


def test_seed_demo_will_not_replace_a_real_demo_user_in_production(library, settings):
    curated_routines_load()
    User.objects.create_user("demo", "demo@example.org", "their own password")
    settings.DEBUG = False
    with pytest.raises(CommandError, match="Pass --force"):
        call_command("seed_demo")
    assert User.objects.get(username="demo").check_password("their own password")
    call_command("seed_demo", force=True)
    assert User.objects.get(username="demo").check_password("demo-backcare")
