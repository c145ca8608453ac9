from django import forms
from django.conf import settings
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import gettext_lazy as _

from accounts.importer import too_large_message
from accounts.models import User, time_zone_choices
from accounts.throttle import password_guess
from exercises.precautions import Precaution


class TimeZoneSelect(forms.Select):
    """A time-zone list that static/js/timezone.js pre-selects from the browser, when allowed."""

    def __init__(self, attrs=None):
        super().__init__({"data-guess-time-zone": "true", **(attrs or {})})


class SignupForm(UserCreationForm):
    class Meta:
        model = User
        fields = ["username", "email", "time_zone"]
        widgets = {"time_zone": TimeZoneSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].widget.choices = time_zone_choices()
        self.fields["email"].required = True


class AccountForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["email", "time_zone", "weekly_goal"]
        # A plain select: the page must never change a saved time zone by itself.
        widgets = {"time_zone": forms.Select}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].widget.choices = time_zone_choices()
        self.fields["email"].required = True


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To make sure it is you."),
    )

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not password_guess(self.request, self.request.user, password):
            raise forms.ValidationError(_("That is not your password."))
        return password


class PrecautionsForm(forms.ModelForm):
    precautions = forms.TypedMultipleChoiceField(
        label=_("Do any of these apply to you?"),
        choices=Precaution.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Tick all that apply; leave them all unticked if none do."),
        error_messages={"invalid_choice": _("Choose from the list.")},
    )

    class Meta:
        model = User
        fields = ["precautions"]


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Your export file (JSON)"),
        error_messages={
            "required": _("Choose the JSON file that Backcare exported."),
            "empty": _("The file is empty."),
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(too_large_message(upload.size))
        return upload
