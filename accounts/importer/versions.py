"""Which version of the export a file is, and older versions brought up to the current one.

Version 2 is version 3 without skipped exercises: only its number changes.

Version 1 (exports without a "format" or "version", written before version 2): the username and
e-mail at the top, a session_id on each session, routines named only by name, no last planned
step in the weekly plan; the first of them had no plan, function checks or lessons at all.
"""

from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from accounts.export import EXPORT_FORMAT, EXPORT_VERSION, routine_names
from accounts.importer.problems import shown


@dataclass
class Upgraded:
    document: dict
    # Sessions (and a plan) of a version 1 file that named one of two routines of the same
    # name: which one cannot be told, so they come in without their routine.
    routine_links_dropped: int = 0


@dataclass
class _Named:
    """A routine of a version 1 file, numbered as routine_names() numbers the account's."""

    pk: int
    name: str


def current_version(document: dict, *, curated_keys: dict[str, list[str]]) -> Upgraded:
    """The document in the current version's shape, or a ValidationError for a file that is not
    an export or comes from a newer Backcare. ``curated_keys`` maps each curated routine's name
    to its keys (version 1 named curated routines only by name)."""
    version = document.get("version", 1)
    if document.get("format", EXPORT_FORMAT) != EXPORT_FORMAT or (
        "version" not in document and "sessions" not in document
    ):
        raise ValidationError(_("This is not a Backcare export."))
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ValidationError(
            _("version: %(value)s is not a version of the Backcare export.")
            % {"value": shown(version)}
        )
    if version > EXPORT_VERSION:
        raise ValidationError(
            _(
                "This export was made by a newer Backcare (its format is version %(version)s; "
                "this server reads up to version %(known)d). Update this server, then import "
                "the file again."
            )
            % {"version": shown(version), "known": EXPORT_VERSION}
        )
    if version == 1:
        return _from_version_1(document, curated_keys)
    return Upgraded({**document, "version": EXPORT_VERSION})


def _from_version_1(old: dict, curated_keys: dict[str, list[str]]) -> Upgraded:
    """Version 1 to 3, touching only values of the expected types: the schema judges the rest."""
    document = {key: value for key, value in old.items() if key not in {"username", "email"}}
    document["account"] = {key: old[key] for key in ("username", "email") if key in old}
    document.update(format=EXPORT_FORMAT, version=EXPORT_VERSION)
    # The first exports had none of these: nothing to replace or add.
    for key, empty in [
        ("precautions", None),
        ("flare_plan", None),
        ("weekly_plan", None),
        ("activities", {"names": [], "checks": []}),
        ("lessons_read", []),
        ("routines", []),
    ]:
        document.setdefault(key, empty)
    routines = [r for r in _list(document["routines"]) if isinstance(r, dict)]
    named = [r for r in routines if isinstance(r.get("name"), str)]
    counts = Counter(r["name"] for r in named)
    # Several routines of one name: numbered as a version 2 export numbers them.
    renamed = routine_names([_Named(index, r["name"]) for index, r in enumerate(named)])
    for index, routine in enumerate(named):
        routine["name"] = renamed[index]
    upgraded = Upgraded(document)

    def own_or_curated(holder: dict) -> str | None:
        """The curated routine's key for a name that is no own routine's (an own copy of a
        curated routine, of the same name, is the one meant); drops an ambiguous name."""
        name = holder.get("routine")
        if not isinstance(name, str) or counts[name] == 1:
            return None
        if counts[name] > 1:
            holder["routine"] = None
            upgraded.routine_links_dropped += 1
            return None
        keys = curated_keys.get(name, [])
        return keys[0] if len(keys) == 1 else None

    plan = document["weekly_plan"]
    if isinstance(plan, dict):
        plan.setdefault("last_step_week", 0)
        own_or_curated(plan)  # a plan's routine is always the person's own
    for session in _list(document.get("sessions")):
        if isinstance(session, dict):
            session.pop("session_id", None)
            session["routine_key"] = own_or_curated(session)
    return upgraded


def _list(value) -> list:
    return value if isinstance(value, list) else []
