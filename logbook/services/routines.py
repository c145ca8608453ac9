"""A routine changes together with its items."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Max
from django.utils.translation import gettext as _

from exercises.models import Exercise
from logbook.models import MAX_ITEMS, Routine, RoutineItem

# What the routine editor changes on each item: its dose.
ITEM_DOSE_FIELDS = ["sets", "repetitions", "hold_seconds", "per_side"]
# A position no routine reaches, used while two items swap places under the unique constraint.
SWAP_POSITION = 32000


def _existing(user, token) -> Routine | None:
    return Routine.objects.filter(owner=user, submission_token=token).first() if token else None


@transaction.atomic
def routine_create(*, user, name: str, description: str, submission_token=None) -> Routine:
    """A new empty routine of the user's; the same form posted twice gives the same routine."""

    def create() -> Routine:
        routine = Routine(
            owner=user, name=name, description=description, submission_token=submission_token
        )
        # The database's unique token is the guard against a second post (see _once).
        routine.full_clean(validate_constraints=False)
        routine.save()
        return routine

    return _once(user, submission_token, create)


@transaction.atomic
def routine_copy(*, user, source: Routine, submission_token=None) -> Routine:
    """A private copy of a routine (curated or the user's own) that the user can adjust.

    The same copy button posted twice (a double click) gives one copy.
    """

    def copy() -> Routine:
        routine = Routine.objects.create(
            owner=user,
            name=source.name,
            description=source.description,
            sources=source.sources,
            copied_from=source,
            submission_token=submission_token,
        )
        RoutineItem.objects.bulk_create(
            RoutineItem(
                routine=routine,
                exercise_id=item.exercise_id,
                position=item.position,
                **item.dose.fields,
            )
            for item in source.items.all()
        )
        return routine

    return _once(user, submission_token, copy)


def _once(user, token, make) -> Routine:
    """The routine a form's one-time token made, made now if it was not: a double click, or two
    posts at the same moment, give one routine and no error page."""
    if existing := _existing(user, token):
        return existing
    try:
        with transaction.atomic():
            return make()
    except IntegrityError:
        # A concurrent post with the same token won the race: that routine is the one.
        if existing := _existing(user, token):
            return existing
        raise


@transaction.atomic
def routine_update(
    *,
    routine: Routine,
    name: str,
    description: str,
    doses: dict[int, dict[str, Any]],
    add: Exercise | None = None,
    move: tuple[RoutineItem, int] | None = None,
    remove: RoutineItem | None = None,
) -> RoutineItem | None:
    """Save the routine editor's one form, all or nothing: the name and description, the dose of
    each item (by item id), then the change its button asked for, if any: add an exercise, move an
    item (offset -1 or +1) or remove one. Returns the item added.

    Items removed meanwhile (in another tab) are skipped; a ValidationError saves nothing.
    """
    Routine.objects.select_for_update().filter(pk=routine.pk).first()
    routine.name, routine.description = name, description
    # Only the name and description change: no query for the owner or the unique token.
    routine.full_clean(
        exclude=["owner", "copied_from"], validate_unique=False, validate_constraints=False
    )
    routine.save(update_fields=["name", "description", "updated_at"])
    items = list(RoutineItem.objects.filter(routine=routine, pk__in=doses))
    for item in items:
        for field in ITEM_DOSE_FIELDS:
            setattr(item, field, doses[item.pk][field])
        # The field validators hold the same limits as the database's dose constraints, which
        # would cost a query each per item here and are checked by the database on the update.
        item.full_clean(
            exclude=["routine", "exercise"], validate_unique=False, validate_constraints=False
        )
    RoutineItem.objects.bulk_update(items, ITEM_DOSE_FIELDS)
    if remove is not None:
        routine_remove_item(item=remove)
    if move is not None:
        routine_move_item(item=move[0], offset=move[1])
    if add is not None:
        return routine_add_exercise(routine=routine, exercise=add)
    return None


@transaction.atomic
def routine_add_exercise(*, routine: Routine, exercise: Exercise) -> RoutineItem:
    """Append an exercise at the gentle end of its suggested dose."""
    # Serialise changes to one routine's items: two adds at once would take the same position.
    Routine.objects.select_for_update().filter(pk=routine.pk).first()
    # Counted afresh under the lock, never from items prefetched before it.
    current = RoutineItem.objects.filter(routine=routine).aggregate(
        count=Count("pk"), last=Max("position")
    )
    if current["count"] >= MAX_ITEMS:
        raise ValidationError(
            _("A routine can hold at most %(count)d exercises."), params={"count": MAX_ITEMS}
        )
    last = current["last"] or 0
    item = RoutineItem(
        routine=routine, exercise=exercise, position=last + 1, **exercise.starting_dose.fields
    )
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def routine_move_item(*, item: RoutineItem, offset: int) -> None:
    """Swap the item with its neighbour above (offset -1) or below (+1); at an end, no change."""
    Routine.objects.select_for_update().filter(pk=item.routine_id).first()
    siblings = item.routine.items.all()
    neighbour = (
        siblings.filter(position__lt=item.position).order_by("-position").first()
        if offset < 0
        else siblings.filter(position__gt=item.position).order_by("position").first()
    )
    if neighbour is None:
        return
    mine, theirs = item.position, neighbour.position
    RoutineItem.objects.filter(pk=item.pk).update(position=SWAP_POSITION)
    RoutineItem.objects.filter(pk=neighbour.pk).update(position=mine)
    RoutineItem.objects.filter(pk=item.pk).update(position=theirs)
    item.position = theirs


@transaction.atomic
def routine_remove_item(*, item: RoutineItem) -> None:
    """Remove the item and close the gap, so positions stay 1..n."""
    Routine.objects.select_for_update().filter(pk=item.routine_id).first()
    routine, position = item.routine, item.position
    item.delete()
    for later in routine.items.filter(position__gt=position).order_by("position"):
        RoutineItem.objects.filter(pk=later.pk).update(position=later.position - 1)


def routine_item_apply(*, item: RoutineItem, suggestion) -> RoutineItem:
    """Take a progression suggestion into the routine: a new dose, or the easier exercise."""
    item.exercise = suggestion.exercise
    for name, value in suggestion.dose.fields.items():
        setattr(item, name, value)
    item.full_clean()
    item.save()
    return item
