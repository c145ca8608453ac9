from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from logbook.models import Lesson, LessonRead


@login_required
def lesson_list(request):
    lessons = list(Lesson.objects.all())
    read = set(LessonRead.objects.filter(user=request.user).values_list("lesson_id", flat=True))
    return render(
        request,
        "logbook/lesson_list.html",
        {"lessons": [(lesson, lesson.pk in read) for lesson in lessons]},
    )


@login_required
def lesson_detail(request, slug):
    """A lesson; opening it marks it read for this person."""
    lesson = get_object_or_404(Lesson, slug=slug)
    LessonRead.objects.get_or_create(user=request.user, lesson=lesson)
    following = Lesson.objects.filter(position__gt=lesson.position).first()
    return render(request, "logbook/lesson_detail.html", {"lesson": lesson, "next": following})
