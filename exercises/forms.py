from django import forms
from django.utils.translation import gettext_lazy as _

from exercises.models import Exercise


def _select(label, all_label, choices):
    return forms.ChoiceField(
        label=label,
        choices=[("", all_label), *choices],
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )


class ExerciseFilterForm(forms.Form):
    """The library's search and filters, read from the query string.

    A value that does not exist (an old bookmark, a hand-edited URL) is dropped rather than
    reported: the page shows the library without that filter.
    """

    q = forms.CharField(
        label=_("Search"),
        max_length=100,
        required=False,
        widget=forms.TextInput(
            attrs={"type": "search", "class": "form-control", "placeholder": _("e.g. hips, bridge")}
        ),
    )
    category = _select(_("Category"), _("All"), Exercise.Category.choices)
    difficulty = _select(_("Difficulty"), _("Any"), Exercise.Difficulty.choices)
    position = _select(_("Position"), _("Any"), Exercise.Position.choices)

    def valid_filters(self) -> dict[str, str]:
        """The submitted values that are valid and not empty."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}
