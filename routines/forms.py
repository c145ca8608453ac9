from django import forms
from django.utils.translation import gettext_lazy as _

from exercises.models import Exercise
from routines.models import Routine, RoutineItem


class RoutineForm(forms.ModelForm):
    submission_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Routine
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3, "maxlength": 1000})}


class RoutineItemForm(forms.ModelForm):
    class Meta:
        model = RoutineItem
        fields = ["sets", "repetitions", "hold_seconds", "per_side"]


class AddExerciseForm(forms.Form):
    exercise = forms.ModelChoiceField(
        label=_("Add an exercise"),
        queryset=Exercise.objects.in_display_order(),
        empty_label=_("Choose an exercise"),
        error_messages={"required": _("Choose an exercise to add.")},
    )
