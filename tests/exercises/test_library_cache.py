"""The library page is rendered once per content version, language and filters, then served
from the cache; loading changed content or editing an exercise shows at once."""

import pytest
import yaml
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from exercises.library import library_html
from exercises.services import CONTENT_PATH
from tests.factories import ExerciseFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("exercises:list")


@pytest.mark.parametrize("count", [1, 30])
def test_the_library_is_rendered_once_then_read_from_the_cache(
    client, django_assert_num_queries, count
):
    ExerciseFactory.create_batch(count, steps=[])
    # 2 queries: the library's version (count and latest change), the exercises.
    with django_assert_num_queries(2):
        first = client.get(LIST_URL)
    # 1 query: the library's version; the form and the cards come from the cache.
    with django_assert_num_queries(1):
        second = client.get(LIST_URL)
    assert second.content == first.content
    assert second.content.decode().count('class="card h-100 exercise-card"') == count


def test_each_filter_has_its_own_entry(client):
    ExerciseFactory(name="Knee hug", category="stretch")
    ExerciseFactory(name="Bridge", category="strengthen")
    client.get(LIST_URL)
    response = client.get(LIST_URL, {"category": "strengthen"})
    content = response.content.decode()
    assert "Bridge" in content
    assert "Knee hug" not in content
    assert '<option value="strengthen" selected>' in content


def test_a_content_reload_with_changes_shows_at_once(client, tmp_path):
    call_command("load_exercises")
    assert "Sit back towards your heels" in client.get(LIST_URL).content.decode()
    data = yaml.safe_load(CONTENT_PATH.read_text(encoding="utf-8"))
    childs_pose = next(e for e in data["exercises"] if e["slug"] == "childs-pose")
    childs_pose["summary"] = "A restful stretch, newly worded."
    changed = tmp_path / "exercises.yaml"
    changed.write_text(yaml.safe_dump(data), encoding="utf-8")

    call_command("load_exercises", path=changed)

    content = client.get(LIST_URL).content.decode()
    assert "A restful stretch, newly worded." in content
    assert "Sit back towards your heels" not in content


def test_a_reload_without_changes_keeps_the_cached_library(client, django_assert_num_queries):
    call_command("load_exercises")
    client.get(LIST_URL)
    call_command("load_exercises")
    # 1 query: the library's version, unchanged by a reload that changed nothing.
    with django_assert_num_queries(1):
        response = client.get(LIST_URL)
    assert "Child&#x27;s pose" in response.content.decode()


def test_an_admin_edit_or_removal_shows_at_once(client):
    kept = ExerciseFactory(name="Knee hug")
    removed = ExerciseFactory(name="Bridge")
    client.get(LIST_URL)
    kept.summary = "Edited in the admin."
    kept.save()
    removed.delete()
    content = client.get(LIST_URL).content.decode()
    assert "Edited in the admin." in content
    assert "Bridge" not in content


def test_another_language_is_never_served_from_this_one(django_assert_num_queries):
    ExerciseFactory()
    library_html({})
    # 2 queries: the version, then the exercises: the English entry is not reused.
    with translation.override("de"), django_assert_num_queries(2):
        library_html({})


def test_a_search_is_rendered_each_time_and_never_stored(
    client, django_assert_num_queries, monkeypatch
):
    ExerciseFactory(name="Knee hug")
    calls = []
    monkeypatch.setattr(cache, "get", lambda *args, **kwargs: calls.append(args))
    monkeypatch.setattr(cache, "set", lambda *args, **kwargs: calls.append(args))
    for _ in range(2):
        # 1 query: the exercises that match; no version is read.
        with django_assert_num_queries(1):
            response = client.get(LIST_URL, {"q": "knee"})
        assert "Knee hug" in response.content.decode()
    assert calls == []


def test_the_library_still_shows_when_the_cache_fails(client, monkeypatch):
    ExerciseFactory(name="Knee hug")

    def broken(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(cache, "get", broken)
    monkeypatch.setattr(cache, "set", broken)
    response = client.get(LIST_URL)
    assert response.status_code == 200
    assert "Knee hug" in response.content.decode()


def test_the_cached_markup_is_not_escaped_twice(client):
    ExerciseFactory(name="Knee hug")
    client.get(LIST_URL)
    content = client.get(LIST_URL).content.decode()
    assert '<form method="get"' in content
    assert "&lt;form" not in content
