"""Pages that only read run outside a transaction; what a view writes is all or nothing."""

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory

from exercises.models import Exercise
from logbook.views.transactions import atomic_writes
from tests.factories import ExerciseFactory

pytestmark = pytest.mark.django_db(transaction=True)


@atomic_writes
def _writes_then_fails(request):
    ExerciseFactory()
    if request.method == "POST":
        raise RuntimeError("the second write fails")
    return HttpResponse(str(connection.in_atomic_block))


def test_a_post_that_fails_half_way_saves_nothing():
    with pytest.raises(RuntimeError):
        _writes_then_fails(RequestFactory().post("/"))
    assert not Exercise.objects.exists()


def test_a_get_runs_without_a_transaction():
    response = _writes_then_fails(RequestFactory().get("/"))
    assert response.content == b"False"
    assert Exercise.objects.count() == 1


def test_the_request_is_not_wrapped_by_atomic_requests():
    assert _writes_then_fails._non_atomic_requests == {"default"}
