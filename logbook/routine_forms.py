"""The routine editor's forms: the name and description, each exercise's dose, an exercise to
add. The editor shows them as one form and validates them together (views/routine_editor.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from exercises.models import Exercise
from logbook.forms import DOSE_FIELDS, dose_limits
from logbook.models import Routine, RoutineItem

ITEM_FIELDS = [*DOSE_FIELDS, "per_side"]


class RoutineForm(forms.ModelForm):
    submission_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Routine
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3, "maxlength": 1000})}


class RoutineItemForm(forms.Form):
    """One exercise's dose, within the model's limits (exercises/dosage.py).

    Not a ModelForm: that would check the database's dose constraints with a query each, for
    every item of the routine; here the same limits are the fields' own, checked in Python."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in DOSE_FIELDS:
            low, high = dose_limits(RoutineItem, name)
            field = RoutineItem._meta.get_field(name).formfield(min_value=low, max_value=high)
            field.widget.attrs["inputmode"] = "numeric"
            self.fields[name] = field
        self.fields["per_side"] = RoutineItem._meta.get_field("per_side").formfield()


class AddExerciseForm(forms.Form):
    """The exercise picker. Optional, except when its Add button is pressed; an exercise chosen
    and left there when another button is pressed is added too, not lost."""

    exercise = forms.ModelChoiceField(
        label=_("Add an exercise"),
        queryset=Exercise.objects.in_display_order(),
        empty_label=_("Choose an exercise"),
        required=False,
    )

    def __init__(self, *args, adding: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.adding = adding

    def clean_exercise(self):
        exercise = self.cleaned_data["exercise"]
        if exercise is None and self.adding:
            raise forms.ValidationError(_("Choose an exercise to add."))
        return exercise
