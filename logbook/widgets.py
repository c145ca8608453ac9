"""The session form's and the routine editor's fields, cheap to build and to write out as HTML,
in Bootstrap's layout.

Django renders widgets and field groups through templates. The session form has sixty inputs
and more, a pain scale for each exercise among them, and through templates (crispy's, then
Django's own) it took twenty times as long as a bare page (issue 14). These write the same HTML
with str.format and html.escape. What Django adds to an input stays: id, required, aria-invalid
after an error, and aria-describedby naming the help text ("<id>_helptext") and the error
("<id>_error"), which the field group writes under those ids. An input with an error is also
marked is-invalid; a group of radio buttons is marked and described on its fieldset.

Building the forms cost as much again: Django copies every field into each form, choices and
all. SharedChoices are shared by the copies instead.
"""

from html import escape

from django import forms
from django.forms.boundfield import BoundField
from django.utils.choices import BaseChoiceIterator, normalize_choices
from django.utils.safestring import SafeString, mark_safe


def flatatt(attrs: dict) -> str:
    """Django's flatatt() without a format_html for each attribute: ' name="value"', True as
    the bare name, False and None left out."""
    return "".join(
        f" {name}" if value is True else f' {name}="{escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False and value is not None
    )


def _chosen(value) -> str:
    return "" if value is None else str(value)


def _stated(attrs: dict, css: str) -> dict:
    """Attributes with Bootstrap's class, and is-invalid where Django marked an error."""
    classes = [css, attrs.get("class", ""), "is-invalid" if attrs.get("aria-invalid") else ""]
    return {**attrs, "class": " ".join(name for name in classes if name) or None}


class _Input:
    css = "form-control"

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        attrs = _stated(self.build_attrs(self.attrs, attrs), self.css)
        value = self.format_value(value)
        shown = "" if value is None else f' value="{escape(str(value))}"'
        return mark_safe(
            f'<input type="{self.input_type}" name="{escape(name)}"{shown}{flatatt(attrs)}>'
        )


class HiddenInput(_Input, forms.HiddenInput):
    css = ""


class TextInput(_Input, forms.TextInput):
    pass


class NumberInput(_Input, forms.NumberInput):
    pass


class DateInput(_Input, forms.DateInput):
    pass


class TimeInput(_Input, forms.TimeInput):
    pass


class Textarea(forms.Textarea):
    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        attrs = _stated(self.build_attrs(self.attrs, attrs), "form-control")
        text = escape(str(self.format_value(value) or ""))
        return mark_safe(f'<textarea name="{escape(name)}"{flatatt(attrs)}>\n{text}</textarea>')


class CheckboxInput(forms.CheckboxInput):
    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        attrs = _stated(self.build_attrs(self.attrs, attrs), "form-check-input")
        checked = " checked" if self.check_test(value) else ""
        return mark_safe(f'<input type="checkbox" name="{escape(name)}"{checked}{flatatt(attrs)}>')


class Select(forms.Select):
    """A select of flat choices (no groups)."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        attrs = _stated(self.build_attrs(self.attrs, attrs), "form-select")
        chosen = _chosen(value)
        options = "".join(
            '<option value="{}"{}>{}</option>'.format(
                escape(str(choice)),
                " selected" if str(choice) == chosen else "",
                escape(str(label)),
            )
            for choice, label in self.choices
        )
        return mark_safe(f'<select name="{escape(name)}"{flatatt(attrs)}>{options}</select>')


class RadioSelect(forms.RadioSelect):
    """Radio buttons in Bootstrap's form-check rows; the field group puts them in a fieldset."""

    option = (
        '<div class="form-check"><input class="form-check-input{invalid}" type="radio" '
        'name="{name}" id="{id}" value="{value}"{checked}{attrs}>'
        '<label class="form-check-label" for="{id}">{label}</label></div>'
    )
    fieldset_class = ""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        attrs = self.build_attrs(self.attrs, attrs)
        invalid = " is-invalid" if attrs.pop("aria-invalid", None) else ""
        base_id = attrs.pop("id")  # each option has its own id, numbered from this one
        common = {"invalid": invalid, "name": escape(name), "attrs": flatatt(attrs)}
        return mark_safe(self._options(base_id, self._chosen_values(value), common))

    def _chosen_values(self, value) -> set[str]:
        return {_chosen(value)}

    def _options(self, base_id: str, chosen: set[str], common: dict) -> str:
        return "".join(
            self.option.format(
                **common,
                id=f"{escape(base_id)}_{index}",
                value=escape(str(choice)),
                checked=" checked" if str(choice) in chosen else "",
                label=escape(str(label)),
            )
            for index, (choice, label) in enumerate(self.choices)
        )


class CheckboxSelectMultiple(RadioSelect, forms.CheckboxSelectMultiple):
    """Checkboxes in Bootstrap's form-check rows, any number of them checked."""

    option = RadioSelect.option.replace('type="radio"', 'type="checkbox"')

    def _chosen_values(self, value) -> set[str]:
        return {_chosen(one) for one in value or []}


class PainScale(RadioSelect):
    """The 0-10 rating as a row of buttons (Bootstrap's btn-check) over its anchors' words,
    which are said to screen readers on 0 and 10; an empty choice ("Not rated") comes last,
    on a wider button."""

    option = (
        '<input class="btn-check" type="radio" name="{name}" id="{id}" value="{value}"{checked}'
        '{attrs}><label class="btn btn-outline-secondary pain-scale-option{css}" for="{id}">'
        "{label}{words}</label>"
    )
    fieldset_class = "pain-scale"

    def __init__(self, *, anchors: dict, ends: tuple[str, str], **kwargs):
        super().__init__(**kwargs)
        self.anchors = anchors  # value: its words, read out on its button
        self.ends = ends  # the words shown under the scale's two ends

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        attrs = self.build_attrs(self.attrs, attrs)
        attrs.pop("aria-invalid", None)  # the fieldset says so, with the message
        base_id, chosen = escape(attrs.pop("id")), _chosen(value)
        common = {"name": escape(name), "attrs": flatatt(attrs)}
        scale, not_rated = [], []
        for choice, label in self.choices:
            words = self.anchors.get(choice)
            (not_rated if choice == "" else scale).append(
                self.option.format(
                    **common,
                    id=f"{base_id}_{choice if choice != '' else 'none'}",
                    value=escape(str(choice)),
                    checked=" checked" if str(choice) == chosen else "",
                    css=" pain-scale-none" if choice == "" else "",
                    label=escape(str(label)),
                    words=f'<span class="visually-hidden"> {escape(str(words))}</span>'
                    if words
                    else "",
                )
            )
        low, high = (escape(str(words)) for words in self.ends)
        anchors = (
            '<div class="d-flex justify-content-between small text-body-secondary '
            f'pain-scale-anchors" aria-hidden="true"><span>{low}</span><span>{high}</span></div>'
        )
        return mark_safe(
            f'<div class="pain-scale-options">{"".join(scale)}</div>{anchors}{"".join(not_rated)}'
        )


class FieldGroup(BoundField):
    """as_field_group() in Python: the label (a legend for a group of radios), the input, its
    help text and its error. A required field's label has an asterisk, hidden from screen
    readers: the input itself says it is required."""

    def as_field_group(self) -> SafeString:
        widget = self.field.widget
        auto_id = escape(self.auto_id)
        errors = self.errors
        label = escape(str(self.label))
        marker = '<span class="asteriskField" aria-hidden="true">*</span>'
        required = marker if self.field.required and not widget.use_fieldset else ""
        extra = ""
        if self.help_text:
            text = escape(str(self.help_text))
            extra += f'<div class="form-text" id="{auto_id}_helptext">{text}</div>'
        if errors:
            message = escape(" ".join(str(error) for error in errors))
            extra += f'<div class="invalid-feedback d-block" id="{auto_id}_error">{message}</div>'
        if widget.use_fieldset:
            state = "is-invalid" if errors else ""
            css = " ".join(filter(None, [widget.fieldset_class, "mb-3", state]))
            ids = [f"{auto_id}_helptext"] if self.help_text else []
            ids += [f"{auto_id}_error"] if errors else []
            described = f' aria-describedby="{" ".join(ids)}"' if ids else ""
            return mark_safe(
                f'<fieldset class="{css}"{described}><legend class="form-label fs-6 fw-semibold">'
                f"{label}</legend>{self.as_widget()}{extra}</fieldset>"
            )
        if isinstance(widget, forms.CheckboxInput):
            return mark_safe(
                f'<div class="form-check">{self.as_widget()}<label class="form-check-label" '
                f'for="{auto_id}">{label}</label>{extra}</div>'
            )
        return mark_safe(
            f'<label class="form-label" for="{auto_id}">{label}{required}</label>'
            f"{self.as_widget()}{extra}"
        )


class SharedChoices(BaseChoiceIterator):
    """Choices every copy of a field shares. Django copies a form's fields, choices and all,
    into each form; a session form holds up to thirty entries, and copying their choices was
    the larger part of building them."""

    def __init__(self, choices):
        self.choices = tuple(normalize_choices(choices))

    def __iter__(self):
        return iter(self.choices)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


def shared_choices_field(db_field, **kwargs) -> forms.Field:
    """A model field's form field, with its choices shared (Meta.formfield_callback)."""
    field = db_field.formfield(**kwargs)
    if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
        field.choices = SharedChoices(field.choices)
    return field
