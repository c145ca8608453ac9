import datetime

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from exercises.dosage import Dose
from exercises.models import Exercise
from logbook.models import MAX_ENTRIES, ExerciseEntry, FlarePlan, Routine, RoutineItem, Session
from logbook.pain import PAIN_MAX, PAIN_MIN
from logbook.services import ENTRY_FIELDS, SESSION_FIELDS

EARLIEST_DATE = datetime.date(2000, 1, 1)
DOSE_FIELDS = ["sets", "repetitions", "hold_seconds"]
PAIN_ANCHORS = {PAIN_MIN: _("no pain"), PAIN_MAX: _("worst imaginable")}


def pain_field(label, **kwargs) -> forms.TypedChoiceField:
    """A 0-10 numeric rating scale; 0 and 10 carry their anchor words."""
    choices = [
        (n, f"{n} \u2013 {PAIN_ANCHORS[n]}" if n in PAIN_ANCHORS else str(n))
        for n in range(PAIN_MIN, PAIN_MAX + 1)
    ]
    return forms.TypedChoiceField(
        label=label,
        choices=choices,
        coerce=int,
        error_messages={
            "required": _("Choose a number from 0 (no pain) to 10 (worst imaginable)."),
            "invalid_choice": _("Pain is rated from 0 (no pain) to 10 (worst imaginable)."),
        },
        **kwargs,
    )


class SessionForm(forms.ModelForm):
    pain_before = pain_field(_("Your back pain before you started"), widget=forms.RadioSelect)
    pain_after = pain_field(_("Your back pain now, after the session"), widget=forms.RadioSelect)
    submission_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Session
        fields = SESSION_FIELDS
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "started_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "effort": forms.RadioSelect,
            "notes": forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
        }
        labels = {"effort": _("How did it feel overall?")}
        error_messages = {
            "effort": {"required": _("Choose how the session felt: easy, about right or too hard.")}
        }
        help_texts = {"started_at": _("Optional.")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = user.today()
        self.fields["date"].widget.attrs["max"] = self.today.isoformat()
        self.fields["effort"].choices = Session.Effort.choices  # no empty "-----" option
        self.fields["routine"].queryset = Routine.objects.visible_to(user)
        self.fields["routine"].widget = forms.HiddenInput()
        self.fields["routine"].error_messages["invalid_choice"] = _(
            "That routine is not available to you; the session was not saved."
        )

    def clean_date(self):
        date = self.cleaned_data["date"]
        # A session keeps its date when edited, even if a change of time zone since makes that
        # date tomorrow where the person is now.
        unchanged = self.instance.pk is not None and date == self.instance.date
        if date > self.today and not unchanged:
            raise forms.ValidationError(
                _("The date can't be in the future: today is %(today)s where you are."),
                params={"today": self.today.isoformat()},
            )
        if date < EARLIEST_DATE:
            raise forms.ValidationError(_("Check the year: the date is too far in the past."))
        return date


def dose_inputs(form: forms.ModelForm) -> None:
    """Number inputs for a dose that tell the browser the model's own limits (min and max)."""
    for name in DOSE_FIELDS:
        field = form.fields[name]
        validators = form._meta.model._meta.get_field(name).validators
        lows = [v.limit_value for v in validators if isinstance(v, MinValueValidator)]
        highs = [v.limit_value for v in validators if isinstance(v, MaxValueValidator)]
        field.widget.attrs.update({"inputmode": "numeric", "min": max(lows), "max": min(highs)})


class EntryForm(forms.ModelForm):
    exercise = forms.ModelChoiceField(
        queryset=Exercise.objects.all(),
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Pick an exercise."),
            "invalid_choice": _("That exercise is not in the library."),
        },
    )
    pain_during = pain_field(_("Pain during"))

    class Meta:
        model = ExerciseEntry
        fields = ENTRY_FIELDS
        labels = {"sharp_pain": _("I felt a sharp pain"), "status": _("Did you finish it?")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pain_during"].choices = [
            ("", _("Choose 0\u201310")),
            *self.fields["pain_during"].choices,
        ]
        dose_inputs(self)


class BaseEntryFormSet(forms.BaseFormSet):
    default_error_messages = {
        "too_many_forms": _("A session can hold at most %(num)d exercises."),
        "missing_management_form": _("The form was incomplete. Please add your exercises again."),
    }

    def clean(self):
        # Not min_num=1: that would render an empty entry with no exercise on a new session.
        if not self.forms:
            raise forms.ValidationError(_("Add at least one exercise to the session."))


EntryFormSet = forms.formset_factory(
    EntryForm,
    formset=BaseEntryFormSet,
    extra=0,
    max_num=MAX_ENTRIES,
    validate_max=True,
    absolute_max=MAX_ENTRIES,
)
ENTRY_PREFIX = "entries"
POSTED_SESSION_FIELDS = [*SESSION_FIELDS, "submission_token"]


class NextMorningForm(forms.ModelForm):
    class Meta:
        model = Session
        fields = ["next_morning"]
        widgets = {"next_morning": forms.RadioSelect}
        labels = {
            "next_morning": _(
                "How does your back feel this morning, compared with before the session?"
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["next_morning"].required = True
        self.fields["next_morning"].choices = Session.NextMorning.choices


def entry_initial(exercise_id: int, dose: Dose) -> dict:
    """A new entry for the exercise at the given dose; pain is asked afresh.

    The dose is the library's starting dose, a routine's, or a past entry's (Log again).
    """
    return {
        "exercise": exercise_id,
        "sets": dose.sets,
        "repetitions": dose.repetitions[0],
        "hold_seconds": dose.hold_seconds[0] if dose.hold_seconds else None,
        "side": dose.side,
        "status": ExerciseEntry.Status.COMPLETED,
    }


def posted_entries(data) -> list[dict]:
    """The entries as typed, read from a posted form that is being edited, not yet saved."""
    try:
        total = max(0, min(int(data.get(f"{ENTRY_PREFIX}-TOTAL_FORMS", 0)), MAX_ENTRIES))
    except (TypeError, ValueError):
        total = 0
    entries = []
    for index in range(total):
        prefix = f"{ENTRY_PREFIX}-{index}-"
        entry = {name: data.get(prefix + name, "") for name in ENTRY_FIELDS}
        entry["sharp_pain"] = prefix + "sharp_pain" in data
        entries.append(entry)
    return entries


def posted_session(data) -> dict:
    return {name: data.get(name, "") for name in POSTED_SESSION_FIELDS}


class RoutineForm(forms.ModelForm):
    submission_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Routine
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3, "maxlength": 1000})}


class RoutineItemForm(forms.ModelForm):
    class Meta:
        model = RoutineItem
        fields = [*DOSE_FIELDS, "per_side"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        dose_inputs(self)


class AddExerciseForm(forms.Form):
    exercise = forms.ModelChoiceField(
        label=_("Add an exercise"),
        queryset=Exercise.objects.in_display_order(),
        empty_label=_("Choose an exercise"),
        error_messages={"required": _("Choose an exercise to add.")},
    )


class FlarePlanForm(forms.ModelForm):
    class Meta:
        model = FlarePlan
        fields = ["what_helps", "who_to_call"]
        widgets = {
            "what_helps": forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
            "who_to_call": forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
        }
