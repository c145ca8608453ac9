"""Reading Backcare's versioned content files (YAML): the exercise library and the curated routines.

Each file holds one top-level list; each entry is loaded idempotently, recognised by the hash of
its content, so reloading an unchanged file touches nothing.
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
