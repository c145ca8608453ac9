"""Reading an uploaded export: its size, its text, its JSON, and nothing a database refuses."""

import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from accounts.importer.problems import Problems, place
from accounts.importer.schema import MAX_SESSIONS

# An export nests five deep (the file, sessions, a session, its entries, an entry).
MAX_DEPTH = 10
# No list in an export is longer than its sessions, no object wider than a few dozen names:
# anything far beyond is refused before it is walked (a 5 MB list of 2.6 million zeros would
# otherwise cost hundreds of megabytes of paths).
MAX_LIST = MAX_SESSIONS
MAX_NAMES = 100


def too_large_message(size: int) -> str:
    return _("The file is %(size)s; an export can be at most %(limit)s.") % {
        "size": filesizeformat(size),
        "limit": filesizeformat(settings.IMPORT_MAX_BYTES),
    }


def read_document(data: bytes) -> dict:
    """The uploaded bytes as a JSON object, or a ValidationError saying why they are not one."""
    if len(data) > settings.IMPORT_MAX_BYTES:
        raise ValidationError(too_large_message(len(data)))
    try:
        text = data.decode("utf-8-sig")  # a byte-order mark from an editor is harmless
    except UnicodeDecodeError as error:
        raise ValidationError(
            _(
                "The file is not UTF-8 text (byte %(position)d cannot be read). Upload the JSON "
                "file as Backcare exported it."
            )
            % {"position": error.start + 1}
        ) from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValidationError(
            _("The file is not valid JSON: line %(line)d, column %(column)d (%(detail)s).")
            % {"line": error.lineno, "column": error.colno, "detail": error.msg}
        ) from None
    except RecursionError:
        raise ValidationError(_nested_too_deep()) from None
    except ValueError:  # e.g. a number of thousands of digits
        raise ValidationError(_("The file holds a number too long to read.")) from None
    if not isinstance(document, dict):
        raise ValidationError(
            _("The file holds one JSON value, not an export (an export is a JSON object).")
        )
    _check_storable(document)
    return document


def _nested_too_deep() -> str:
    return _("The file nests lists or objects far deeper than an export does.")


def _check_storable(document: dict) -> None:
    """Refuse a file nested deeper than any export, or with text no database can store (the NUL
    character, or half of a surrogate pair), walking it without recursion."""
    problems = Problems()
    stack: list[tuple[object, list, int]] = [(document, [], 1)]
    while stack and not problems.full:
        value, path, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise ValidationError(_nested_too_deep())
        if isinstance(value, dict | list) and len(value) > (
            MAX_NAMES if isinstance(value, dict) else MAX_LIST
        ):
            raise ValidationError(
                _("%(place)s: a list or an object far longer than any in an export.")
                % {"place": place(path)}
            )
        if isinstance(value, dict):
            for key, inner in value.items():
                if not _storable(key):
                    problems.add(path, _("a name holds a character that cannot be stored."))
                stack.append((inner, [*path, key], depth + 1))
        elif isinstance(value, list):
            stack.extend((inner, [*path, index], depth + 1) for index, inner in enumerate(value))
        elif isinstance(value, str) and not _storable(value):
            problems.add(path, _("the text holds a character that cannot be stored."))
    problems.raise_any()


def _storable(text: str) -> bool:
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
