"""The routine editor: one form for the whole routine. Every button of it (Save, Move up, Move
down, Remove, Add) saves everything typed, together, before the change it names."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from logbook import services
from logbook.models import MAX_ITEMS, RoutineItem
from logbook.routine_forms import ITEM_FIELDS, AddExerciseForm, RoutineForm, RoutineItemForm
from logbook.views.routines import _get_own_routine
from logbook.views.transactions import atomic_writes

# The buttons that name an item: their value is its id.
MOVES = {"move_up": -1, "move_down": 1}
REMOVE = "remove"
ADD = "add"


@login_required
@atomic_writes
def routine_update(request, pk):
    routine = _get_own_routine(request, pk)
    items = list(routine.items.all())
    data = request.POST if request.method == "POST" else None
    button, target = _pressed(data, items)
    form = RoutineForm(data, initial={"name": routine.name, "description": routine.description})
    item_forms = _item_forms(data, items)
    add_form = AddExerciseForm(data, prefix=ADD, adding=button == ADD)
    removed = target if button == REMOVE else None
    if data is not None and _all_valid(form, item_forms, add_form, skip=removed):
        try:
            added = services.routine_update(
                routine=routine,
                name=form.cleaned_data["name"],
                description=form.cleaned_data["description"],
                doses={
                    item.pk: item_form.cleaned_data
                    for item, item_form in item_forms
                    if item_form.is_bound and item != removed
                },
                add=add_form.cleaned_data["exercise"],
                move=(target, MOVES[button]) if button in MOVES else None,
                remove=removed,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            message, fragment = _outcome(button, target, items, added)
            messages.success(request, message)
            return redirect(reverse("logbook:routine_update", args=[routine.pk]) + fragment)
    return render(
        request,
        "logbook/routine_form.html",
        {
            "form": form,
            "routine": routine,
            "items": item_forms,
            "add_form": add_form,
            "can_add": len(items) < MAX_ITEMS,
            "max_items": MAX_ITEMS,
            "has_errors": _has_errors(form, item_forms, add_form),
        },
    )


def _pressed(data, items: list[RoutineItem]) -> tuple[str, RoutineItem | None]:
    """The button pressed and the item it names. Save, Enter, and a button naming an item that
    is not in this routine (removed in another tab, say) only save."""
    if data is None:
        return "", None
    by_pk = {str(item.pk): item for item in items}
    for button in [*MOVES, REMOVE]:
        if button in data:
            item = by_pk.get(data[button])
            return (button, item) if item is not None else ("save", None)
    return (ADD if ADD in data else "save"), None


def _item_forms(data, items: list[RoutineItem]) -> list[tuple[RoutineItem, RoutineItemForm]]:
    """A dose form for each item, bound to the post for the items the page showed: an item added
    meanwhile (another tab) keeps its dose and is shown as it is."""
    shown = set(data.getlist("items")) if data is not None else set()
    return [
        (
            item,
            RoutineItemForm(
                data if str(item.pk) in shown else None,
                initial={name: getattr(item, name) for name in ITEM_FIELDS},
                prefix=f"item-{item.pk}",
            ),
        )
        for item in items
    ]


def _all_valid(form, item_forms, add_form, *, skip: RoutineItem | None) -> bool:
    """Every form checked (so that each shows its errors); the item being removed is not."""
    checks = [form.is_valid(), add_form.is_valid()]
    checks += [
        item_form.is_valid()
        for item, item_form in item_forms
        if item_form.is_bound and item != skip
    ]
    return all(checks)


def _has_errors(form: RoutineForm, item_forms, add_form: AddExerciseForm) -> bool:
    return bool(
        form.errors or any(item_form.errors for _item, item_form in item_forms) or add_form.errors
    )


def _outcome(button: str, target, items, added) -> tuple[str, str]:
    """What to say once saved, and the part of the page to return to (the id after the #): the
    moved exercise's button, or the added exercise; otherwise the top, where the message is."""
    fragment = ""
    if button in MOVES:
        place = min(max(items.index(target) + MOVES[button], 0), len(items) - 1)
        message = _("Routine saved; %(name)s moved to number %(place)s.") % {
            "name": target.exercise.name,
            "place": place + 1,
        }
        fragment = "#" + _move_button_id(target, button, place, len(items))
    elif button == REMOVE:
        message = _("Routine saved; %(name)s removed.") % {"name": target.exercise.name}
    else:
        message = _("Routine saved.")
    if added is not None:
        message += " " + _("%(name)s added at the end.") % {"name": added.exercise.name}
        fragment = fragment or f"#item-{added.pk}"
    return message, fragment


def _move_button_id(item: RoutineItem, button: str, place: int, count: int) -> str:
    """The moved item's button to focus: the one pressed, unless the item now stands at that end
    of the list (where the button is disabled), then the other; the item itself if alone."""
    if count == 1:
        return f"item-{item.pk}"
    if place == 0:
        return f"item-{item.pk}-move_down"
    if place == count - 1:
        return f"item-{item.pk}-move_up"
    return f"item-{item.pk}-{button}"
