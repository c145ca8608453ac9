"""Built-in content (exercises, lessons, curated routines) in the person's language.

A translated field keeps its English text in its own column and each translation in a sibling
column named after the language (``name`` and ``name_de``). Reading ``exercise.name`` gives the
text in the active language, or the English one when there is no translation, so templates,
views and cached model instances need no change: the language is chosen when the text is read,
never when it is stored. Writing ``name`` always writes the English column, and saving,
validating and reloading an instance use the stored columns as they are.

People's own text (their routines' names and descriptions) has no translation, so it always
reads exactly as typed.

One Django path reads attributes as they read in the active language: QuerySet.bulk_update.
Nothing bulk-updates a translated field today; one that does should run under
``translation.override(None)``.
"""

from django.db import models
from django.db.models import F, Value
from django.db.models.functions import Coalesce, NullIf
from django.db.models.query_utils import DeferredAttribute
from django.utils import translation
from django.utils.text import format_lazy

# The languages the content files are translated into, besides English (the base columns).
CONTENT_LANGUAGES = ("de",)


def content_language() -> str | None:
    """The active language when built-in content has a translation for it; None for English."""
    language = (translation.get_language() or "").split("-")[0].lower()
    return language if language in CONTENT_LANGUAGES else None


def localized(path: str):
    """An expression for the text at ``path`` (e.g. "name", "exercise__name") in the active
    language, falling back to English where it is empty: for filtering and ordering."""
    language = content_language()
    if language is None:
        return F(path)
    return Coalesce(
        NullIf(F(f"{path}_{language}"), Value("")), F(path), output_field=models.TextField()
    )


def german(verbose_name):
    """The verbose name of a field's German column, "name [de]"."""
    return format_lazy("{} [de]", verbose_name)


class TranslatedAttribute(DeferredAttribute):
    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        language = content_language()
        if language is not None:
            translated = getattr(instance, f"{self.field.attname}_{language}")
            if translated:
                return translated
        return super().__get__(instance, cls)

    def __set__(self, instance, value):
        instance.__dict__[self.field.attname] = value

    def stored(self, instance):
        """The English column as stored, whatever the active language."""
        return super().__get__(instance, type(instance))


class TranslatedFieldMixin:
    """A field read in the active language; saved and serialised as stored (English)."""

    descriptor_class = TranslatedAttribute

    def pre_save(self, model_instance, add):
        return self.value_from_object(model_instance)

    def value_from_object(self, obj):
        return getattr(type(obj), self.attname).stored(obj)


class TranslatedCharField(TranslatedFieldMixin, models.CharField):
    pass


class TranslatedTextField(TranslatedFieldMixin, models.TextField):
    pass


class TranslatedJSONField(TranslatedFieldMixin, models.JSONField):
    pass


class TranslatedModel(models.Model):
    """Validation and reloading see the stored columns: in another language they would read
    (and write back) the translation into the English column."""

    class Meta:
        abstract = True

    def refresh_from_db(self, *args, **kwargs):
        with translation.override(None):
            return super().refresh_from_db(*args, **kwargs)

    def clean_fields(self, *args, **kwargs):
        with translation.override(None):
            return super().clean_fields(*args, **kwargs)

    def validate_unique(self, *args, **kwargs):
        with translation.override(None):
            return super().validate_unique(*args, **kwargs)

    def validate_constraints(self, *args, **kwargs):
        with translation.override(None):
            return super().validate_constraints(*args, **kwargs)
