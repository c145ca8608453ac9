import functools

from django import forms
from django.conf import settings
from django.contrib.auth.forms import UserCreationForm, UsernameField
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join, json_script
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.throttle import password_guess
from accounts.timezones import ALIASES, CANONICAL_ZONES, grouped_zones, label
from exercises.precautions import Precaution


class TimeZoneSelect(forms.Select):
    """The time-zone list, common zones first, with a box that narrows it as you type
    (static/js/timezone.js; the box shows only with scripts). With ``guess``, sign-up
    pre-selects the browser's own zone.

    Its 470 options are built once per language, not by a template include each.
    """

    kept = ""  # the zone the person already has, shown even if it is an old name

    def __init__(self, attrs=None, *, guess=False):
        marks = {"data-time-zone": "", **({"data-guess-time-zone": ""} if guess else {})}
        super().__init__({**marks, **(attrs or {})})
        self.guess = guess

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        options = _time_zone_options(get_language())
        if value in CANONICAL_ZONES:
            # A listed name is letters, "/", "_", "-" and "+": nothing to escape.
            option = f'<option value="{value}">'
            options = mark_safe(options.replace(option, f'<option value="{value}" selected>', 1))
        elif value and value == self.kept:
            options = format_html('<option value="{}" selected>{}</option>', value, value) + options
        search_id = f"{attrs.get('id', name)}_search"
        finder = format_html(
            '<div class="time-zone-finder mb-2" data-time-zone-finder hidden>'
            '<label class="form-label small mb-1" for="{id}">{label}</label>'
            '<input class="form-control" type="search" id="{id}" autocomplete="off" '
            'aria-controls="{select}" data-status-some="{some}" data-status-none="{none}">'
            '<p class="small text-body-secondary mb-0" role="status" data-time-zone-status></p>'
            "</div>",
            id=search_id,
            select=attrs.get("id", ""),
            label=_("Type a city or region to narrow the list"),
            some=_("Time zones that match: %(count)s"),
            none=_("No time zone matches that. The whole list is shown."),
        )
        aliases = ""
        if self.guess:  # for a browser that reports an old name, e.g. Asia/Calcutta
            attrs["data-aliases"] = f"{search_id}_aliases"
            aliases = json_script(ALIASES, attrs["data-aliases"])
        select = format_html("<select{}>{}</select>", flatatt(attrs), options)
        return format_html("{}{}{}", finder, select, aliases)


@functools.cache
def _time_zone_options(language: str | None) -> SafeString:
    """Every option, grouped; the common zones by full name, the others by city."""
    (common_label, common), *regions = grouped_zones()
    groups = [(common_label, [(name, name.replace("_", " ")) for name in common])]
    groups += [(region, [(name, label(name)) for name in names]) for region, names in regions]
    return format_html_join(
        "",
        '<optgroup label="{}">{}</optgroup>',
        (
            (group, format_html_join("", '<option value="{}">{}</option>', options))
            for group, options in groups
        ),
    )


class TimeZoneField(forms.CharField):
    """One of the canonical zones (accounts.timezones), or the one the person already has."""

    widget = TimeZoneSelect

    kept = ""

    def widget_attrs(self, widget):
        return {}  # no maxlength on a select

    def keep(self, zone: str) -> None:
        """Accept and show ``zone`` too: the person's own, even if it is not in the list."""
        self.kept = self.widget.kept = zone

    def validate(self, value):
        super().validate(value)
        if value and value not in CANONICAL_ZONES and value != self.kept:
            raise forms.ValidationError(
                _("%(value)s is not a time zone we know."),
                code="invalid_choice",
                params={"value": value},
            )


class SignupForm(UserCreationForm):
    class Meta:
        model = User
        fields = ["username", "email", "time_zone"]
        # UsernameField: autocomplete="username", no capital letter added by a phone.
        field_classes = {"username": UsernameField, "time_zone": TimeZoneField}
        widgets = {
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "time_zone": TimeZoneSelect(guess=True),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True


class LanguageSelect(forms.Select):
    """Each language named in its own language and marked as such (lang), for screen readers;
    written without a template per option, like the time-zone list."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        options = format_html_join(
            "",
            '<option value="{}"{}{}>{}</option>',
            (
                (
                    code,
                    format_html(' lang="{}"', code) if code else "",
                    mark_safe(" selected") if code == (value or "") else "",
                    label,
                )
                for code, label in self.choices
            ),
        )
        return format_html("<select{}>{}</select>", flatatt(attrs), options)


class AccountForm(forms.ModelForm):
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[("", _("The language your browser asks for")), *settings.LANGUAGES],
        required=False,
        widget=LanguageSelect(attrs={"class": "form-select"}),
        help_text=_("Backcare's pages and e-mails in this language."),
    )

    class Meta:
        model = User
        fields = ["email", "time_zone", "weekly_goal", "language"]
        field_classes = {"time_zone": TimeZoneField}
        widgets = {
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            # No guess here: the page must never change a saved time zone by itself.
            "time_zone": TimeZoneSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].keep(self.instance.time_zone)
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
            from accounts.importer import too_large_message  # loaded on use: see views.import_data

            raise forms.ValidationError(too_large_message(upload.size))
        return upload
