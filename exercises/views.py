from itertools import groupby
from operator import attrgetter

from django.db import transaction
from django.shortcuts import get_object_or_404, render

from exercises.forms import ExerciseFilterForm
from exercises.models import CATEGORY_INTROS, Exercise
from exercises.precautions import precaution_messages


# The library is read-only: no request transaction (ATOMIC_REQUESTS) needed around it.
@transaction.non_atomic_requests
def exercise_list(request):
    filters = ExerciseFilterForm(request.GET).valid_filters()
    exercises = Exercise.objects.in_display_order().filter(
        **{name: value for name, value in filters.items() if name != "q"}
    )
    if "q" in filters:
        exercises = exercises.search(filters["q"])
    exercises = list(exercises)
    groups = [
        {
            "category": Exercise.Category(category),
            "intro": CATEGORY_INTROS[category],
            "exercises": list(members),
        }
        for category, members in groupby(exercises, key=attrgetter("category"))
    ]
    return render(
        request,
        "exercises/exercise_list.html",
        {
            # Re-bound with the valid values only, so a dropped value is not shown as chosen.
            "form": ExerciseFilterForm(filters),
            "exercise_count": len(exercises),
            "groups": groups,
            "is_filtered": bool(filters),
        },
    )


@transaction.non_atomic_requests
def exercise_detail(request, slug):
    exercise = get_object_or_404(
        Exercise.objects.select_related("easier_variation").prefetch_related(
            "steps", "harder_variations"
        ),
        slug=slug,
    )
    # A signed-in person's conditions (accounts.User.precautions); a visitor has none.
    person = getattr(request.user, "precautions", None) or []
    return render(
        request,
        "exercises/exercise_detail.html",
        {
            "exercise": exercise,
            "precaution_messages": precaution_messages(exercise.precautions, person),
        },
    )
