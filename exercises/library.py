"""The library page's filter form and exercise cards, rendered once per content version,
language and filters, and kept in the cache (Redis when REDIS_URL is set).

A free-text search is rendered each time: its words are anyone's to choose, and each would
take a cache entry.

The library is the same for every visitor and changes only when the content file is loaded
again or an exercise is edited in the admin; both save the exercise, so the version below
changes and the next request renders afresh. load_exercises runs in its own process: the
version is read from the database, not from a flag in this process's memory.
"""

import hashlib
import json
import logging
from itertools import groupby
from operator import attrgetter

from django.core.cache import cache
from django.db import connection
from django.template.loader import render_to_string
from django.utils.translation import get_language

from exercises.forms import ExerciseFilterForm
from exercises.models import CATEGORY_INTROS, Exercise

logger = logging.getLogger(__name__)

# Bounds how long a deploy with new templates but the same content shows the old markup.
CACHE_SECONDS = 10 * 60
TEMPLATE = "exercises/includes/library.html"


def library_version() -> str:
    """Changes whenever an exercise is added, changed or removed: their count and latest change.

    Plain SQL: building the same aggregate through the ORM takes ten times as long as running
    it, and this runs on every visit to the library.
    """
    quote = connection.ops.quote_name
    table = quote(Exercise._meta.db_table)
    changed_at = quote(Exercise._meta.get_field("updated_at").column)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*), MAX({changed_at}) FROM {table}")
        count, changed = cursor.fetchone()
    return f"{count}:{changed}"


def _cache_key(filters: dict[str, str]) -> str:
    parts = [library_version(), get_language(), sorted(filters.items())]
    return "exercises:library:" + hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def library_context(filters: dict[str, str]) -> dict:
    """The filter form and the exercises that pass the filters, grouped by category."""
    exercises = Exercise.objects.in_display_order().filter(
        **{name: value for name, value in filters.items() if name != "q"}
    )
    if "q" in filters:
        exercises = exercises.search(filters["q"])
    exercises = list(exercises)
    return {
        # Bound with the valid values only, so a dropped value is not shown as chosen.
        "form": ExerciseFilterForm(filters),
        "exercise_count": len(exercises),
        "groups": [
            {
                "category": Exercise.Category(category),
                "intro": CATEGORY_INTROS[category],
                "exercises": list(members),
            }
            for category, members in groupby(exercises, key=attrgetter("category"))
        ],
        "is_filtered": bool(filters),
    }


def library_html(filters: dict[str, str]) -> str:
    """The form and the cards for these valid filters, from the cache when it has them."""
    if "q" in filters:
        return render_to_string(TEMPLATE, library_context(filters))
    key = _cache_key(filters)
    try:
        html = cache.get(key)
    except Exception:  # any cache failure (Redis down): the library still shows
        logger.warning("Cache unavailable; library rendered without it", exc_info=True)
        return render_to_string(TEMPLATE, library_context(filters))
    if html is None:
        html = render_to_string(TEMPLATE, library_context(filters))
        try:
            cache.set(key, html, CACHE_SECONDS)
        except Exception:
            logger.warning("Cache unavailable; library not stored", exc_info=True)
    return html
