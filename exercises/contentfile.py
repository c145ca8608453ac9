"""Reading Backcare's versioned content files (YAML): the exercise library and the curated routines.

Each file holds one top-level list; each entry is loaded idempotently, recognised by the hash of
its content, so reloading an unchanged file touches nothing.

Each file has a German sibling (exercises.yaml, exercises.de.yaml) holding only the text a person
reads, entry by entry under the same slug or key. When it is there it must be complete: an entry
for every English one and none for an unknown one, every field, each list as long as the English
(a step, a safety note or a caution left out would be a silent gap in what a person is told),
and each source's attribution word for word. A missing German file (a fork's own content in
English only) loads the English alone, with a warning: German readers then see the English text.
"""

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml


class ContentError(Exception):
    """A content file is missing or malformed; the message says where."""


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept_local_edits: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def summary(self, what: str) -> str:
        return (
            f"{what}: {len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged."
        )


def read_text(path: Path | str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise ContentError(f"cannot read {path}: {error}") from error


def parse_entries(text: str, key: str) -> list[Any]:
    """The list under the YAML text's top-level ``key``; ContentError if there is none."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise ContentError(f"not valid YAML: {error}") from error
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise ContentError(f"the file must have a top-level '{key}' list")
    return data[key]


def content_hash(entry: Any) -> str:
    return hashlib.sha256(json.dumps(entry, sort_keys=True).encode()).hexdigest()


# The language of the translation files, and the kinds of their fields: "text" a non-empty
# string; "optional" a non-empty string where the English has one, null where it has none;
# "list" non-empty strings, as many as the English has; "sources" a list like it, each line the
# English one word for word up to its last ": " (who wrote what, when, in its own language).
TRANSLATION_LANGUAGE = "de"


def translation_path(path: Path | str) -> Path:
    """The German file beside a content file: exercises.yaml -> exercises.de.yaml."""
    path = Path(path)
    return path.with_name(f"{path.stem}.{TRANSLATION_LANGUAGE}{path.suffix}")


def _check_translated(where: str, name: str, kind: str, value: Any, english: Any) -> None:
    if kind == "text" and not (isinstance(value, str) and value.strip()):
        raise ContentError(f"{where}: {name} must be a non-empty string")
    if kind == "optional":
        if not english and value not in (None, ""):
            raise ContentError(f"{where}: {name} must be null, as in the English")
        if english and not (isinstance(value, str) and value.strip()):
            raise ContentError(f"{where}: {name} must be a non-empty string, as in the English")
    if kind in ("list", "sources"):
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise ContentError(f"{where}: {name} must be a list of non-empty strings")
        if len(value) != len(english):
            raise ContentError(
                f"{where}: {name} has {len(value)} item(s), the English has {len(english)}"
            )
    if kind == "sources":
        for german, source in zip(value, english, strict=True):
            attribution = source.rpartition(": ")[0]
            if not german.startswith(f"{attribution}: "):
                raise ContentError(f"{where}: {name} must keep the attribution {attribution!r}")


def parse_translations(
    path: Path | str,
    *,
    key: str,
    id_key: str,
    fields: dict[str, str],
    english: list[dict[str, Any]],
    report: LoadReport,
) -> dict[str, dict[str, Any]] | None:
    """The German file's entries by slug (or key), checked against the English entries; None,
    with a warning in the report, when there is no German file."""
    path = translation_path(path)
    if not path.exists():
        report.warnings.append(f"no {path.name}: German readers see the English text")
        return None
    entries = parse_entries(read_text(path), key)
    by_id = {entry[id_key]: entry for entry in english}
    translated: dict[str, dict[str, Any]] = {}
    for position, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get(id_key), str):
            raise ContentError(f"{path.name}: entry #{position} has no {id_key}")
        ident = entry[id_key]
        where = f"{path.name}: {ident}"
        if ident not in by_id:
            raise ContentError(f"{where}: there is no such {id_key} in the English file")
        if ident in translated:
            raise ContentError(f"{where}: appears twice")
        missing = fields.keys() - entry.keys()
        unknown = entry.keys() - fields.keys() - {id_key}
        if missing or unknown:
            raise ContentError(
                f"{where}: missing keys {sorted(missing)}, unknown keys {sorted(unknown)}"
            )
        for name, kind in fields.items():
            _check_translated(where, name, kind, entry[name], by_id[ident][name])
        translated[ident] = entry
    untranslated = [ident for ident in by_id if ident not in translated]
    if untranslated:
        raise ContentError(f"{path.name}: no German entry for {', '.join(untranslated)}")
    return translated


def translated_hash(entry: Any, translation: dict[str, Any] | None) -> str:
    """The content hash of an entry with its German text: a change to either reloads it."""
    if translation is None:
        return content_hash(entry)
    return content_hash({"entry": entry, TRANSLATION_LANGUAGE: translation})
