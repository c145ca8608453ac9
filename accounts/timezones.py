"""The time zones a person chooses from: the IANA database's canonical zones, common ones first.

zoneinfo knows about 600 names, among them "Factory", "localtime", the Etc/GMT offsets and old
aliases kept for compatibility ("Asia/Calcutta", "US/Eastern"). A person picks from the zones of
the database's zone.tab (one or more per country) plus UTC; browsers that report an old alias
are mapped to its zone. Everything here is built once, when the module is imported.
"""

import zoneinfo
from importlib.resources import files

from django.utils.translation import gettext_lazy as _

TZDATA = files("tzdata.zoneinfo")
UTC = "UTC"
# Zones that are UTC under another name.
SAME_AS_UTC = {"Etc/UTC", "Etc/GMT"}


def _canonical_zones() -> frozenset[str]:
    rows = TZDATA.joinpath("zone.tab").read_text(encoding="utf-8").splitlines()
    names = {row.split("\t")[2] for row in rows if row and not row.startswith("#")}
    # Only names this server's zoneinfo can load (the system's database may be older).
    return frozenset(names & zoneinfo.available_timezones()) | {UTC}


CANONICAL_ZONES = _canonical_zones()

# Where most people live, west to east: shown first, and again under their region.
COMMON_ZONES = [
    name
    for name in (
        UTC,
        "Pacific/Honolulu",
        "America/Anchorage",
        "America/Los_Angeles",
        "America/Vancouver",
        "America/Denver",
        "America/Phoenix",
        "America/Chicago",
        "America/Mexico_City",
        "America/New_York",
        "America/Toronto",
        "America/Bogota",
        "America/Lima",
        "America/Halifax",
        "America/Santiago",
        "America/Sao_Paulo",
        "America/Argentina/Buenos_Aires",
        "America/St_Johns",
        "Atlantic/Azores",
        "Europe/London",
        "Europe/Dublin",
        "Europe/Lisbon",
        "Africa/Lagos",
        "Europe/Paris",
        "Europe/Madrid",
        "Europe/Berlin",
        "Europe/Amsterdam",
        "Europe/Rome",
        "Europe/Stockholm",
        "Europe/Warsaw",
        "Africa/Johannesburg",
        "Africa/Cairo",
        "Europe/Athens",
        "Europe/Kyiv",
        "Europe/Istanbul",
        "Africa/Nairobi",
        "Europe/Moscow",
        "Asia/Riyadh",
        "Asia/Tehran",
        "Asia/Dubai",
        "Asia/Karachi",
        "Asia/Kolkata",
        "Asia/Kathmandu",
        "Asia/Dhaka",
        "Asia/Bangkok",
        "Asia/Jakarta",
        "Asia/Shanghai",
        "Asia/Hong_Kong",
        "Asia/Singapore",
        "Asia/Manila",
        "Australia/Perth",
        "Asia/Seoul",
        "Asia/Tokyo",
        "Australia/Adelaide",
        "Australia/Brisbane",
        "Australia/Sydney",
        "Pacific/Auckland",
    )
    if name in CANONICAL_ZONES
]


def _aliases() -> dict[str, str]:
    """Old name -> canonical zone, from the database's links ("L Asia/Kolkata Asia/Calcutta")."""
    links = {}
    for line in TZDATA.joinpath("tzdata.zi").read_text(encoding="utf-8").splitlines():
        if line.startswith("L "):
            _, target, alias = line.split()
            links[alias] = UTC if target in SAME_AS_UTC else target
    links |= dict.fromkeys(SAME_AS_UTC, UTC)
    return {
        alias: target
        for alias, target in links.items()
        if alias not in CANONICAL_ZONES and target in CANONICAL_ZONES
    }


# For a browser that reports an old name (Chrome says "Asia/Calcutta" for India).
ALIASES = _aliases()


def label(name: str) -> str:
    """A zone's name without its region, as people read it: "Argentina/Buenos Aires"."""
    return name.partition("/")[2].replace("_", " ") or name


# The regions of the zone names, in the reader's language; a zone's own name stays the IANA one.
REGIONS = {
    "Africa": _("Africa"),
    "America": _("America"),
    "Antarctica": _("Antarctica"),
    "Arctic": _("Arctic"),
    "Asia": _("Asia"),
    "Atlantic": _("Atlantic"),
    "Australia": _("Australia"),
    "Europe": _("Europe"),
    "Indian": _("Indian Ocean"),
    "Pacific": _("Pacific"),
}


def grouped_zones() -> list[tuple[str, list[str]]]:
    """(group label, zone names): the common zones, then every zone by region (in the order of
    the regions' IANA names)."""
    regions: dict[str, list[str]] = {}
    for name in sorted(CANONICAL_ZONES - {UTC}):
        regions.setdefault(name.partition("/")[0], []).append(name)
    return [
        (_("Common time zones"), COMMON_ZONES),
        *((REGIONS.get(region, region), names) for region, names in sorted(regions.items())),
    ]
