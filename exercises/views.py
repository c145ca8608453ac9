from django.db import transaction
from django.shortcuts import get_object_or_404, render

from exercises.forms import ExerciseFilterForm
from exercises.library import library_html
from exercises.models import Exercise
from exercises.precautions import precaution_messages


# The library is read-only: no request transaction (ATOMIC_REQUESTS) needed around it.
@transaction.non_atomic_requests
def exercise_list(request):
    # Most visits have no filters: then there is no form to build.
    filters = ExerciseFilterForm(request.GET).valid_filters() if request.GET else {}
    return render(request, "exercises/exercise_list.html", {"library": library_html(filters)})


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
