import datetime
import uuid

import factory

from accounts.models import User
from exercises.models import Exercise, ExerciseStep
from logbook.models import ExerciseEntry, Plan, Routine, RoutineItem, Session


class ExerciseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Exercise
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Exercise {n}")
    slug = factory.Sequence(lambda n: f"exercise-{n}")
    category = Exercise.Category.STRETCH
    summary = "A gentle test exercise."
    position = Exercise.Position.LYING_ON_BACK
    difficulty = Exercise.Difficulty.GENTLE
    target_areas = "lower back, hips"
    equipment = "Exercise mat"
    hold_seconds_min = 20
    hold_seconds_max = 30
    repetitions_min = 3
    repetitions_max = 5
    per_side = True
    sets = 1
    benefits = "Eases tension.\nImproves mobility."
    safety_notes = "Stop if the pain is sharp."
    common_mistakes = "Bouncing."
    sources = "Test source"

    @factory.post_generation
    def steps(self, create, extracted, **kwargs):
        if not create:
            return
        texts = extracted if extracted is not None else ["Lie down.", "Move gently.", "Return."]
        ExerciseStep.objects.bulk_create(
            ExerciseStep(exercise=self, number=number, text=text)
            for number, text in enumerate(texts, start=1)
        )


class ExerciseStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExerciseStep

    exercise = factory.SubFactory(ExerciseFactory, steps=[])
    number = factory.Sequence(lambda n: n + 1)
    text = "Do the thing slowly."


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    time_zone = "Europe/London"
    password = factory.django.Password("correct horse battery")


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    user = factory.SubFactory(UserFactory)
    date = factory.LazyFunction(lambda: datetime.date(2026, 11, 20))
    pain_before = 4
    pain_after = 3
    effort = Session.Effort.RIGHT


class ExerciseEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExerciseEntry

    session = factory.SubFactory(SessionFactory)
    exercise = factory.SubFactory(ExerciseFactory)
    position = factory.Sequence(lambda n: n + 1)
    sets = 1
    repetitions = 5
    hold_seconds = 20
    side = ExerciseEntry.Side.BOTH
    pain_during = 2


class RoutineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Routine

    name = factory.Sequence(lambda n: f"Routine {n}")
    owner = factory.SubFactory(UserFactory)


class RoutineItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoutineItem

    routine = factory.SubFactory(RoutineFactory)
    exercise = factory.SubFactory(ExerciseFactory)
    position = factory.Sequence(lambda n: n + 1)
    sets = 1
    repetitions = 5
    hold_seconds = 10
    per_side = False


def session_form_data(*entries, **session_changes) -> dict:
    """A post of the log-a-session form with the given entries (see entry_form_data), dated
    23 November 2026 unless the changes say otherwise."""
    data = {
        "date": "2026-11-23",
        "started_at": "",
        "pain_before": "4",
        "pain_after": "3",
        "effort": "right",
        "notes": "",
        "submission_token": str(uuid.uuid4()),
        "entries-TOTAL_FORMS": str(len(entries)),
        "entries-INITIAL_FORMS": "0",
    }
    for index, entry in enumerate(entries):
        values = {
            "sets": "1",
            "repetitions": "5",
            "hold_seconds": "",
            "side": "na",
            "pain_during": "2",
            "status": "completed",
            **entry,
        }
        data.update({f"entries-{index}-{name}": value for name, value in values.items()})
        if values.get("sharp_pain") is False:
            del data[f"entries-{index}-sharp_pain"]
    return {**data, **session_changes}


def entry_form_data(exercise, /, **changes) -> dict:
    return {"exercise": str(exercise.pk), **changes}


class PlanFactory(factory.django.DjangoModelFactory):
    """A plan begun on a Monday, three days a week, a step every two weeks."""

    class Meta:
        model = Plan

    user = factory.SubFactory(UserFactory)
    routine = factory.SubFactory(RoutineFactory, owner=factory.SelfAttribute("..user"))
    days = factory.LazyFunction(lambda: [0, 2, 4])
    started_on = factory.LazyFunction(lambda: datetime.date(2026, 11, 2))
    step_every = Plan.StepEvery.TWO_WEEKS
