"""The export's JSON Schema (version 3, Draft 2020-12), and its complaints in plain words.

The limits are the models' own: text lengths, pain 0-10, the dose limits of exercises/dosage.py,
at most MAX_ENTRIES entries in a session and MAX_ITEMS exercises in a routine.
"""

import datetime
import re

import jsonschema.validators
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError as SchemaError

from accounts.export import EXPORT_FORMAT, EXPORT_VERSION
from accounts.importer.problems import Problems, shown
from exercises.dosage import MAX_HOLD_SECONDS, MAX_REPETITIONS, MAX_SETS, Side
from exercises.precautions import Precaution
from logbook.forms import EARLIEST_DATE
from logbook.models import MAX_ENTRIES, MAX_ITEMS, ExerciseEntry, Session
from logbook.models.function import SCORE_MAX, SCORE_MIN
from logbook.outcomes import MAX_ACTIVITIES
from logbook.pain import PAIN_MAX, PAIN_MIN

MAX_SESSIONS = 20_000
MAX_ROUTINES = 1_000
MAX_CHECKS = 5_000
MAX_LESSONS = 1_000
SMALLINT_MAX = 32_767  # the largest value of a PositiveSmallIntegerField on every database
# \A and \Z, not ^ and $: Python's $ also matches before a final newline ("07:30\n").
TIME_PATTERN = r"\A([01][0-9]|2[0-3]):[0-5][0-9]\Z"
DATE_PATTERN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

FORMATS = FormatChecker(formats=())


@FORMATS.checks("date", raises=ValueError)
def _is_date(value) -> bool:
    """YYYY-MM-DD, a day that exists (no 30 February), and one the logbook's forms accept: from
    EARLIEST_DATE to today (tomorrow, for the time zones ahead of the server's)."""
    if not isinstance(value, str):
        return True
    if not DATE_PATTERN.fullmatch(value):
        return False
    latest = timezone.localdate() + datetime.timedelta(days=1)
    return EARLIEST_DATE <= datetime.date.fromisoformat(value) <= latest


def _text(max_length: int, *, nullable: bool = False, min_length: int = 0) -> dict:
    schema = {"type": ["string", "null"] if nullable else "string", "maxLength": max_length}
    return {**schema, "minLength": min_length} if min_length else schema


def _whole(low: int, high: int, *, nullable: bool = False) -> dict:
    kind = ["integer", "null"] if nullable else "integer"
    return {"type": kind, "minimum": low, "maximum": high}


def _object(properties: dict, *, optional: tuple[str, ...] = (), nullable: bool = False) -> dict:
    return {
        "type": ["object", "null"] if nullable else "object",
        "properties": properties,
        "required": [name for name in properties if name not in optional],
        "additionalProperties": False,
    }


def _list(items: dict, max_items: int, **more) -> dict:
    return {"type": "array", "items": items, "maxItems": max_items, **more}


DATE = {"type": "string", "format": "date"}
TIME = {"type": ["string", "null"], "pattern": TIME_PATTERN}
PAIN = _whole(PAIN_MIN, PAIN_MAX)
SLUG = _text(100, min_length=1)

ROUTINE = _object(
    {
        "name": _text(100, min_length=1),
        "description": _text(1000),
        "items": _list(
            _object(
                {
                    "exercise": SLUG,
                    "sets": _whole(1, MAX_SETS),
                    "repetitions": _whole(1, MAX_REPETITIONS),
                    "hold_seconds": _whole(1, MAX_HOLD_SECONDS, nullable=True),
                    "per_side": {"type": "boolean"},
                }
            ),
            MAX_ITEMS,
        ),
    }
)

ENTRY = _object(
    {
        "entry_position": _whole(0, SMALLINT_MAX),
        "exercise": SLUG,
        "exercise_name": _text(100),  # for the reader; the slug is what counts
        "sets": _whole(1, MAX_SETS),
        "repetitions": _whole(0, MAX_REPETITIONS),  # done, not planned: stopped in the first
        "hold_seconds": _whole(1, MAX_HOLD_SECONDS, nullable=True),
        "side": {"enum": Side.values},
        # null for an exercise skipped; the model checks it goes with the status.
        "pain_during": _whole(PAIN_MIN, PAIN_MAX, nullable=True),
        "sharp_pain": {"type": "boolean"},
        "status": {"enum": ExerciseEntry.Status.values},
    },
    optional=("exercise_name",),
)

SESSION = _object(
    {
        "date": DATE,
        "start_time": TIME,
        "routine": _text(100, nullable=True),
        "routine_key": _text(100, nullable=True),
        "pain_before": PAIN,
        "pain_after": PAIN,
        "how_it_felt": {"enum": Session.Effort.values},
        "next_morning": {"enum": [*Session.NextMorning.values, None]},
        "notes": _text(2000),
        "entries": _list(ENTRY, MAX_ENTRIES),
    }
)

SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Backcare export",
    **_object(
        {
            "format": {"const": EXPORT_FORMAT},
            "version": {"const": EXPORT_VERSION},
            "account": _object(
                {"username": _text(150), "email": _text(254)}, optional=("username", "email")
            ),
            "time_zone": _text(64, min_length=1),
            "weekly_goal": _whole(1, 14),
            # null: the file does not say (an early version 1 export); the account's stay.
            "precautions": {
                "type": ["array", "null"],
                "items": {"enum": Precaution.values},
                "uniqueItems": True,
                "maxItems": len(Precaution.values),
            },
            "flare_plan": _object(
                {"what_helps": _text(2000), "who_to_call": _text(1000)}, nullable=True
            ),
            "weekly_plan": _object(
                {
                    "routine": _text(100, nullable=True),
                    "days": _list(_whole(0, 6), 7, minItems=1, uniqueItems=True),
                    "started_on": DATE,
                    "step_every_weeks": {"enum": [1, 2]},
                    "last_step_week": _whole(0, SMALLINT_MAX),
                    "reminder_time": TIME,
                    "email_reminders": {"type": "boolean"},
                },
                nullable=True,
            ),
            "activities": _object(
                {
                    "names": _list(_text(100, min_length=1), MAX_ACTIVITIES, uniqueItems=True),
                    "checks": _list(
                        _object(
                            {
                                "date": DATE,
                                "scores": {
                                    "type": "object",
                                    "maxProperties": MAX_ACTIVITIES,
                                    "additionalProperties": _whole(SCORE_MIN, SCORE_MAX),
                                },
                            }
                        ),
                        MAX_CHECKS,
                    ),
                }
            ),
            "lessons_read": _list(_text(100), MAX_LESSONS, uniqueItems=True),
            "routines": _list(ROUTINE, MAX_ROUTINES),
            "sessions": _list(SESSION, MAX_SESSIONS),
        },
        optional=("account",),
    ),
}

Draft202012Validator.check_schema(SCHEMA)
# JSON Schema counts 3.0 as an integer; the database and the round trip need 3.
STRICT_INTEGERS = Draft202012Validator.TYPE_CHECKER.redefine(
    "integer",
    lambda _checker, value: isinstance(value, int) and not isinstance(value, bool),
)
Validator = jsonschema.validators.extend(Draft202012Validator, type_checker=STRICT_INTEGERS)
VALIDATOR = Validator(SCHEMA, format_checker=FORMATS)

TYPE_WORDS = {
    "integer": gettext_lazy("a whole number"),
    "string": gettext_lazy("text"),
    "boolean": gettext_lazy("true or false"),
    "array": gettext_lazy("a list"),
    "object": gettext_lazy("a group of named values"),
    "null": gettext_lazy("null"),
}


def check_schema(document: dict, problems: Problems) -> None:
    """Add every way the document breaks the schema (up to the limit), each at its place."""
    try:
        for error in VALIDATOR.iter_errors(document):
            problems.add(list(error.absolute_path), describe(error))
            if problems.more:
                return
    except RecursionError:  # the reader limits nesting; this is the last line of defence
        problems.add([], _("The file nests lists or objects far deeper than an export does."))


def describe(error: SchemaError) -> str:
    """One schema error in plain words, without the place."""
    kind, limit, value = error.validator, error.validator_value, error.instance
    values = {"value": shown(value), "limit": limit}
    if kind == "type":
        kinds = [limit] if isinstance(limit, str) else limit
        expected = _(" or ").join(str(TYPE_WORDS[name]) for name in kinds)
        return _("%(value)s is not %(expected)s.") % {**values, "expected": expected}
    if kind == "minimum":
        return _("%(value)s is less than the minimum of %(limit)s.") % values
    if kind == "maximum":
        return _("%(value)s is greater than the maximum of %(limit)s.") % values
    if kind in {"enum", "const"}:
        choices = [shown(choice) for choice in (limit if kind == "enum" else [limit])]
        return _("%(value)s is not one of: %(choices)s.") % {
            **values,
            "choices": ", ".join(choices),
        }
    if kind == "required":
        missing = [name for name in limit if name not in value]
        return ngettext("%(names)s is missing.", "%(names)s are missing.", len(missing)) % {
            "names": _listed(missing)
        }
    if kind == "additionalProperties":
        extra = [name for name in value if name not in error.schema.get("properties", {})]
        return ngettext(
            "%(names)s is not part of an export here.",
            "%(names)s are not part of an export here.",
            len(extra),
        ) % {"names": _listed(extra)}
    if kind == "maxLength":
        return _("the text is %(length)d characters long; at most %(limit)d fit here.") % {
            **values,
            "length": len(value),
        }
    if kind == "minLength":
        return _("the text is empty.")
    if kind in {"maxItems", "maxProperties"}:
        return ngettext(
            "there are %(count)d; at most %(limit)d fits here.",
            "there are %(count)d; at most %(limit)d fit here.",
            limit,
        ) % {**values, "count": len(value)}
    if kind == "minItems":
        return (
            ngettext(
                "at least %(limit)d value is needed.",
                "at least %(limit)d values are needed.",
                limit,
            )
            % values
        )
    if kind == "uniqueItems":
        return _("the same value is listed more than once.")
    if kind == "pattern":
        return _("%(value)s is not a time written as HH:MM (24 hours).") % values
    if kind == "format":
        return _(
            "%(value)s is not a date written as YYYY-MM-DD, a day that exists from "
            "%(earliest)s to today."
        ) % {**values, "earliest": EARLIEST_DATE.isoformat()}
    return error.message  # a rule without words of its own (none today)


def _listed(names: list[str], most: int = 3) -> str:
    """“date”, “notes” and 7 more."""
    shown_names = ", ".join(shown(name) for name in names[:most])
    if len(names) <= most:
        return shown_names
    rest = len(names) - most
    return ngettext("%(names)s and %(count)d more", "%(names)s and %(count)d more", rest) % {
        "names": shown_names,
        "count": rest,
    }
