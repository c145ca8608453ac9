import factory

from exercises.models import Exercise, ExerciseStep


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
