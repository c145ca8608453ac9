"""The routine editor's forms: the name and description, each exercise's dose, an exercise to
add. The editor shows them as one form and validates them together (views/routine_editor.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from exercises.models import Exercise
from logbook import widgets as plain
from logbook.forms import DOSE_FIELDS, dose_limits
from logbook.models import Routine, RoutineItem

ITEM_FIELDS = [*DOSE_FIELDS, "per_side"]


# The fields are written in Python (logbook/widgets.py), as the session form's: a routine of
# twenty exercises has eighty inputs.


class RoutineForm(forms.ModelForm):
    bound_field_class = plain.FieldGroup
    submission_token = forms.UUIDField(widget=plain.HiddenInput, required=False)

    class Meta:
        model = Routine
        fields = ["name", "description"]
        widgets = {
            "name": plain.TextInput,
            "description": plain.Textarea(attrs={"rows": 3, "maxlength": 1000}),
        }


class RoutineItemForm(forms.Form):
    """One exercise's dose, within the model's limits (exercises/dosage.py).

    Not a ModelForm: that would check the database's dose constraints with a query each, for
    every item of the routine; here the same limits are the fields' own, checked in Python."""

    bound_field_class = plain.FieldGroup

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in DOSE_FIELDS:
            low, high = dose_limits(RoutineItem, name)
            field = RoutineItem._meta.get_field(name).formfield(
                min_value=low, max_value=high, widget=plain.NumberInput
            )
            field.widget.attrs["inputmode"] = "numeric"
            self.fields[name] = field
        self.fields["per_side"] = RoutineItem._meta.get_field("per_side").formfield(
            widget=plain.CheckboxInput
        )


class AddExerciseForm(forms.Form):
    """The exercise picker. Optional, except when its Add button is pressed; an exercise chosen
    and left there when another button is pressed is added too, not lost."""

    bound_field_class = plain.FieldGroup
    exercise = forms.ModelChoiceField(
        widget=plain.Select,
        label=_("Add an exercise"),
        queryset=Exercise.objects.all(),
        empty_label=_("Choose an exercise"),
        required=False,
    )

    def __init__(self, *args, adding: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.adding = adding
        # Ordered by name in the request's language, so set here rather than once at import.
        self.fields["exercise"].queryset = Exercise.objects.in_display_order()

    def clean_exercise(self):
        exercise = self.cleaned_data["exercise"]
        if exercise is None and self.adding:
            raise forms.ValidationError(_("Choose an exercise to add."))
        return exercise
