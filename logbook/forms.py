import datetime

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from exercises.models import Exercise
from logbook import widgets as plain
from logbook.models import (
    MAX_ENTRIES,
    ExerciseEntry,
    FlarePlan,
    Plan,
    Routine,
    Session,
)
from logbook.models.function import SCORE_MAX, SCORE_MIN
from logbook.outcomes import MAX_ACTIVITIES, MIN_ACTIVITIES
from logbook.pain import PAIN_MAX, PAIN_MIN
from logbook.planning import PLAN_EXERCISES, WEEKDAYS
from logbook.services import ENTRY_FIELDS, SESSION_FIELDS

EARLIEST_DATE = datetime.date(2000, 1, 1)
DOSE_FIELDS = ["sets", "repetitions", "hold_seconds"]
PAIN_ANCHORS = {PAIN_MIN: _("no pain"), PAIN_MAX: _("worst imaginable")}
PAIN_SCALE_ENDS = (_("0 no pain"), _("10 worst imaginable"))
FUNCTION_ANCHORS = {SCORE_MIN: _("unable to do it"), SCORE_MAX: _("as before the problem")}
PAIN_CHOICES = [(n, str(n)) for n in range(PAIN_MIN, PAIN_MAX + 1)]


def pain_field(label, *, optional: bool = False, help_text="") -> forms.TypedChoiceField:
    """A 0-10 numeric rating scale as buttons; 0 and 10 carry their anchor words. An optional
    one has the choice "Not rated" too (empty: None)."""
    return forms.TypedChoiceField(
        label=label,
        choices=plain.SharedChoices([("", _("Not rated"))] * optional + PAIN_CHOICES),
        coerce=int,
        required=not optional,
        empty_value=None,
        help_text=help_text,
        widget=plain.PainScale(anchors=PAIN_ANCHORS, ends=PAIN_SCALE_ENDS),
        error_messages={
            "required": _("Choose a number from 0 (no pain) to 10 (worst imaginable)."),
            "invalid_choice": _("Pain is rated from 0 (no pain) to 10 (worst imaginable)."),
        },
    )


EFFORT_CHOICES = plain.SharedChoices(Session.Effort.choices)


class SessionForm(forms.ModelForm):
    bound_field_class = plain.FieldGroup
    pain_before = pain_field(_("Your back pain before you started"))
    pain_after = pain_field(_("Your back pain now, after the session"))
    submission_token = forms.UUIDField(widget=plain.HiddenInput, required=False)

    class Meta:
        model = Session
        fields = SESSION_FIELDS
        formfield_callback = plain.shared_choices_field
        # Widgets that write their HTML in Python (logbook/widgets.py): the form is long.
        widgets = {
            "date": plain.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "started_at": plain.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "effort": plain.RadioSelect,
            "notes": plain.Textarea(attrs={"rows": 3, "maxlength": 2000}),
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
        self.fields["effort"].choices = EFFORT_CHOICES  # no empty "-----" option
        self.fields["routine"].queryset = Routine.objects.visible_to(user)
        self.fields["routine"].widget = plain.HiddenInput()
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


def dose_limits(model, name: str) -> tuple[int, int]:
    """The lowest and highest value a model's own validators accept for a dose field."""
    validators = model._meta.get_field(name).validators
    lows = [v.limit_value for v in validators if isinstance(v, MinValueValidator)]
    highs = [v.limit_value for v in validators if isinstance(v, MaxValueValidator)]
    return max(lows), min(highs)


def dose_inputs(form: forms.ModelForm) -> None:
    """Number inputs for a dose that tell the browser the model's own limits (min and max)."""
    for name in DOSE_FIELDS:
        low, high = dose_limits(form._meta.model, name)
        form.fields[name].widget.attrs.update({"inputmode": "numeric", "min": low, "max": high})


class EntryForm(forms.ModelForm):
    bound_field_class = plain.FieldGroup
    exercise = forms.ModelChoiceField(
        queryset=Exercise.objects.all(),
        widget=plain.HiddenInput,
        error_messages={
            "required": _("Pick an exercise."),
            "invalid_choice": _("That exercise is not in the library."),
        },
    )
    # Not rated only for an exercise skipped: the model's clean() says which.
    pain_during = pain_field(
        _("Pain during"),
        optional=True,
        help_text=_("“Not rated” is for an exercise you skipped."),
    )

    class Meta:
        model = ExerciseEntry
        fields = ENTRY_FIELDS
        formfield_callback = plain.shared_choices_field
        labels = {"sharp_pain": _("I felt a sharp pain"), "status": _("Did you finish it?")}
        widgets = {
            **dict.fromkeys(DOSE_FIELDS, plain.NumberInput),
            "side": plain.Select,
            "status": plain.Select,
            "sharp_pain": plain.CheckboxInput,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        dose_inputs(self)


class BaseEntryFormSet(forms.BaseFormSet):
    default_error_messages = {
        "too_many_forms": _("A session can hold at most %(num)d exercises."),
        "missing_management_form": _("The form was incomplete. Please add your exercises again."),
    }

    @cached_property
    def management_form(self):
        form = super().management_form
        for field in form.fields.values():
            field.widget = plain.HiddenInput()
        return form

    def get_form_kwargs(self, index):
        # The entries the form shows are all to fill in (it has no blank extra forms), so their
        # inputs say which answers are required. Django leaves extra forms (empty_permitted)
        # without: an entry posted beyond the initial count, as the player posts them, and the
        # empty form (index None).
        required = index is not None and index < self.initial_form_count()
        return {**super().get_form_kwargs(index), "use_required_attribute": required}

    def clean(self):
        # Not min_num=1: that would render an empty entry with no exercise on a new session.
        if not self.forms:
            raise forms.ValidationError(_("Add at least one exercise to the session."))
        statuses = {form.cleaned_data.get("status") for form in self.forms}
        if statuses == {ExerciseEntry.Status.SKIPPED}:
            raise forms.ValidationError(
                _("Every exercise is marked skipped: a session needs at least one you did.")
            )


EntryFormSet = forms.formset_factory(
    EntryForm,
    formset=BaseEntryFormSet,
    extra=0,
    max_num=MAX_ENTRIES,
    validate_max=True,
    absolute_max=MAX_ENTRIES,
)
ENTRY_PREFIX = "entries"


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


class FlarePlanForm(forms.ModelForm):
    class Meta:
        model = FlarePlan
        fields = ["what_helps", "who_to_call"]
        widgets = {
            "what_helps": forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
            "who_to_call": forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
        }


def weekday_field(widget=forms.CheckboxSelectMultiple, **kwargs) -> forms.TypedMultipleChoiceField:
    return forms.TypedMultipleChoiceField(
        label=_("Which days?"),
        choices=list(enumerate(WEEKDAYS)),
        coerce=int,
        widget=widget,
        error_messages={"required": _("Choose at least one day.")},
        **kwargs,
    )


class PlanForm(forms.Form):
    """A new weekly plan: 2 to 4 exercises of a starter routine, the days, the step."""

    exercises = forms.TypedMultipleChoiceField(
        label=_("Which exercises? Choose 2 to 4."),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose 2 to 4 exercises.")},
    )
    days = weekday_field(help_text=_("Three days a week, with a day between, suits most people."))
    step_every = forms.TypedChoiceField(
        label=_("A small step up"),
        choices=Plan.StepEvery.choices,
        coerce=int,
        initial=Plan.StepEvery.TWO_WEEKS,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, starter: Routine, **kwargs):
        super().__init__(*args, **kwargs)
        items = list(starter.items.all())
        self.fields["exercises"].choices = [
            (item.exercise_id, f"{item.exercise.name}: {item.dosage_text}") for item in items
        ]
        self.fields["exercises"].initial = [item.exercise_id for item in items[:3]]
        self.fields["days"].initial = [0, 2, 4]  # Monday, Wednesday, Friday

    def clean_exercises(self):
        chosen = self.cleaned_data["exercises"]
        low, high = PLAN_EXERCISES
        if not low <= len(chosen) <= high:
            raise forms.ValidationError(
                _("Choose %(low)s to %(high)s exercises: a short routine is easier to keep up."),
                params={"low": low, "high": high},
            )
        return chosen


class PlanSettingsForm(forms.ModelForm):
    # Written in Python (logbook/widgets.py): through crispy's templates this small form took a
    # third of the plan page's time.
    bound_field_class = plain.FieldGroup
    days = weekday_field(widget=plain.CheckboxSelectMultiple)

    class Meta:
        model = Plan
        fields = ["days", "step_every", "reminder_time", "email_reminders"]
        widgets = {
            "step_every": plain.RadioSelect,
            "reminder_time": plain.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "email_reminders": plain.CheckboxInput,
        }
        help_texts = {
            "reminder_time": _("For calendar events and e-mails. Leave empty for all-day events."),
            "email_reminders": _(
                "On your days, in the hour of your reminder time (or at 8:00), if you have not "
                "logged a session by then."
            ),
        }

    def clean_days(self):
        return sorted(set(self.cleaned_data["days"]))

    def clean_email_reminders(self):
        wanted = self.cleaned_data["email_reminders"]
        if wanted and not self.instance.user.email:
            raise forms.ValidationError(
                _("Add an e-mail address on your account page first, so reminders can reach you.")
            )
        return wanted


class FunctionCheckForm(forms.Form):
    """A PSFS check: a score for each of the person's activities; new ones, up to five in all."""

    def __init__(self, *args, activities, **kwargs):
        super().__init__(*args, **kwargs)
        self.activities = list(activities)
        self.min_activities = MIN_ACTIVITIES
        for activity in self.activities:
            self.fields[f"score_{activity.pk}"] = score_field(activity.name)
        self.new_rows = range(MAX_ACTIVITIES - len(self.activities))
        for row in self.new_rows:
            self.fields[f"name_{row}"] = forms.CharField(
                label=_("What you find hard"), max_length=100, required=False
            )
            self.fields[f"new_score_{row}"] = score_field(_("How well can you do it?"), False)

    def new_activity_fields(self):
        """(its number, its name field, its score field) for each activity that can be added."""
        first = len(self.activities) + 1
        return [
            (first + row, self[f"name_{row}"], self[f"new_score_{row}"]) for row in self.new_rows
        ]

    def score_fields(self):
        return [self[f"score_{activity.pk}"] for activity in self.activities]

    def clean(self):
        data = super().clean()
        names = []
        for row in self.new_rows:
            name = (data.get(f"name_{row}") or "").strip()
            score = data.get(f"new_score_{row}")
            if name and score is None:
                self.add_error(f"new_score_{row}", _("Rate this activity from 0 to 10."))
            if score is not None and not name:
                self.add_error(f"name_{row}", _("Name the activity you rated."))
            if name:
                names.append(name.casefold())
        existing = [activity.name.casefold() for activity in self.activities]
        if len(set(names)) < len(names) or set(names) & set(existing):
            raise forms.ValidationError(_("Each activity once, please."))
        if len(existing) + len(names) < MIN_ACTIVITIES:
            raise forms.ValidationError(
                _("Name at least %(n)s activities your back makes hard."),
                params={"n": MIN_ACTIVITIES},
            )
        return data

    def scores(self) -> dict[int, int]:
        return {a.pk: self.cleaned_data[f"score_{a.pk}"] for a in self.activities}

    def new_activities(self) -> list[tuple[str, int]]:
        return [
            (self.cleaned_data[f"name_{row}"].strip(), self.cleaned_data[f"new_score_{row}"])
            for row in self.new_rows
            if (self.cleaned_data.get(f"name_{row}") or "").strip()
        ]


def score_field(label, required=True) -> forms.TypedChoiceField:
    """A PSFS rating: 0 unable to do it, 10 able to do it as before the problem."""
    choices = [
        (n, f"{n} \u2013 {FUNCTION_ANCHORS[n]}" if n in FUNCTION_ANCHORS else str(n))
        for n in range(SCORE_MIN, SCORE_MAX + 1)
    ]
    return forms.TypedChoiceField(
        label=label,
        choices=[("", _("Choose 0–10")), *choices],
        coerce=int,
        empty_value=None,
        required=required,
        error_messages={"required": _("Rate this activity from 0 to 10.")},
    )
