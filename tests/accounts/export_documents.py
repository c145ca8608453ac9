"""Random export documents (version 3) for hypothesis: valid ones over a given library, for the
round trip and as the base of hostile files, and any JSON at all."""

import datetime

from hypothesis import strategies as st

from exercises.dosage import MAX_HOLD_SECONDS, MAX_REPETITIONS, MAX_SETS, Side
from exercises.precautions import Precaution
from logbook.models import ExerciseEntry, Session
from logbook.outcomes import MAX_ACTIVITIES
from tests.fuzzing import HOSTILE

# Any text a database stores: no NUL, no half of a surrogate pair.
CHARACTERS = st.characters(codec="utf-8", exclude_characters="\x00")
# Dates the logbook accepts: from its earliest to today.
DATES = st.dates(datetime.date(2000, 1, 1), datetime.date.today()).map(str)
TIMES = st.none() | st.times().map(lambda time: time.strftime("%H:%M"))
PAIN = st.integers(0, 10)
HOLD = st.none() | st.integers(1, MAX_HOLD_SECONDS)

# Any JSON value, hostile strings among them.
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20) | HOSTILE,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)


def text(max_size: int, *, min_size: int = 0) -> st.SearchStrategy[str]:
    return st.text(CHARACTERS, min_size=min_size, max_size=max_size)


def _routine(slugs):
    item = st.fixed_dictionaries(
        {
            "exercise": st.sampled_from(slugs),
            "sets": st.integers(1, MAX_SETS),
            "repetitions": st.integers(1, MAX_REPETITIONS),
            "hold_seconds": HOLD,
            "per_side": st.booleans(),
        }
    )
    return st.fixed_dictionaries(
        {
            "name": text(30, min_size=1),
            "description": text(30),
            "items": st.lists(item, max_size=3),
        }
    )


def _skipped_unrated(entry: dict) -> dict:
    """A skipped exercise has no pain during and no sharp pain."""
    if entry["status"] == ExerciseEntry.Status.SKIPPED:
        return {**entry, "pain_during": None, "sharp_pain": False}
    return entry


@st.composite
def _entries(draw, slugs):
    entries = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "exercise": st.sampled_from(slugs),
                    "sets": st.integers(1, MAX_SETS),
                    "repetitions": st.integers(0, MAX_REPETITIONS),
                    "hold_seconds": HOLD,
                    "side": st.sampled_from(Side.values),
                    "pain_during": PAIN,
                    "sharp_pain": st.booleans(),
                    "status": st.sampled_from(ExerciseEntry.Status.values),
                }
            ).map(_skipped_unrated),
            max_size=3,
        )
    )
    positions = draw(st.permutations(range(1, len(entries) + 1)))
    return [
        {"entry_position": position, **entry}
        for position, entry in zip(positions, entries, strict=True)
    ]


def _session(slugs, routines):
    return st.tuples(
        st.sampled_from(routines),
        st.fixed_dictionaries(
            {
                "date": DATES,
                "start_time": TIMES,
                "pain_before": PAIN,
                "pain_after": PAIN,
                "how_it_felt": st.sampled_from(Session.Effort.values),
                "next_morning": st.none() | st.sampled_from(Session.NextMorning.values),
                "notes": text(40),
                "entries": _entries(slugs),
            }
        ),
    ).map(lambda pair: {"routine": pair[0][0], "routine_key": pair[0][1], **pair[1]})


@st.composite
def _activities(draw):
    names = draw(st.lists(text(20, min_size=1), max_size=MAX_ACTIVITIES, unique_by=str.casefold))
    dates = draw(st.lists(DATES, max_size=3, unique=True))
    scores = st.dictionaries(st.sampled_from(names), st.integers(0, 10)) if names else st.just({})
    return {"names": names, "checks": [{"date": date, "scores": draw(scores)} for date in dates]}


@st.composite
def export_documents(draw, *, slugs: list[str], curated: dict[str, str], lessons: list[str]):
    """A valid export over the given exercise slugs, curated routines (key -> name) and lesson
    slugs: own routines, sessions of each kind (twins too), a plan, function checks, settings."""
    routines = draw(st.lists(_routine(slugs), max_size=3, unique_by=lambda r: r["name"]))
    own = [routine["name"] for routine in routines]
    links = [(None, None), *((name, None) for name in own), *((n, k) for k, n in curated.items())]
    sessions = draw(st.lists(_session(slugs, links), max_size=5))
    if sessions and draw(st.booleans()):
        sessions.append(sessions[0])  # two identical sessions: both are kept
    plan = st.fixed_dictionaries(
        {
            "routine": st.sampled_from([None, *own]),
            "days": st.lists(st.integers(0, 6), min_size=1, max_size=7, unique=True),
            "started_on": DATES,
            "step_every_weeks": st.sampled_from([1, 2]),
            "last_step_week": st.integers(0, 60),
            "reminder_time": TIMES,
            "email_reminders": st.booleans(),
        }
    )
    flare = st.fixed_dictionaries({"what_helps": text(40), "who_to_call": text(40)})
    return {
        "format": "backcare-export",
        "version": 3,
        "account": {"username": "someone", "email": "someone@example.org"},
        "time_zone": draw(st.sampled_from(["UTC", "Europe/London", "Asia/Kolkata"])),
        "weekly_goal": draw(st.integers(1, 14)),
        "precautions": draw(st.lists(st.sampled_from(Precaution.values), unique=True)),
        "flare_plan": draw(st.none() | flare),
        "weekly_plan": draw(st.none() | plan),
        "activities": draw(_activities()),
        "lessons_read": draw(
            st.lists(st.sampled_from([*lessons, "a-lesson-from-elsewhere"]), unique=True)
        ),
        "routines": routines,
        "sessions": sessions,
    }


def paths(value, path=()):
    """Every place in a document, as a path of keys and indexes."""
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return
    for key, inner in items:
        yield (*path, key)
        yield from paths(inner, (*path, key))
