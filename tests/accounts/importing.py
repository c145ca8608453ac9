"""What the import tests share: the export files of each version, and an import that checks
it wrote nothing when it refuses a file."""

import json
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from accounts.export import export_json
from accounts.importer import import_document
from logbook.models import (
    ExerciseEntry,
    FlarePlan,
    FunctionActivity,
    FunctionCheck,
    FunctionScore,
    LessonRead,
    Plan,
    Routine,
    RoutineItem,
    Session,
)

DATA = Path(__file__).parent / "data"
# Exports of the same account, as this code wrote them before version 2 and as it writes them.
VERSION_1 = DATA / "export-v1.json"
VERSION_2 = DATA / "export-v2.json"
MODELS = [
    Session,
    ExerciseEntry,
    Routine,
    RoutineItem,
    Plan,
    FlarePlan,
    FunctionActivity,
    FunctionCheck,
    FunctionScore,
    LessonRead,
]


def version_1() -> dict:
    return json.loads(VERSION_1.read_text(encoding="utf-8"))


def version_2() -> dict:
    return json.loads(VERSION_2.read_text(encoding="utf-8"))


def run_import(user, document: dict):
    return import_document(user=user, data=json.dumps(document).encode())


def row_counts() -> dict:
    return {model.__name__: model.objects.count() for model in MODELS}


def without_account(document: dict) -> dict:
    return {key: value for key, value in document.items() if key != "account"}


def problems_of(user, data: bytes) -> list[str]:
    """The problems an import reports, after checking that it wrote nothing."""
    before, exported = row_counts(), export_json(user)
    settings_before = (user.time_zone, user.weekly_goal, user.precautions)
    with pytest.raises(ValidationError) as error:
        import_document(user=user, data=data)
    assert row_counts() == before
    # Rows changed in place (the plan, the flare-up plan) show in the account's export.
    assert export_json(user) == exported
    user.refresh_from_db()
    assert (user.time_zone, user.weekly_goal, user.precautions) == settings_before
    return error.value.messages
