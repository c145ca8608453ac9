"""The committed catalogs (locale/<language>/LC_MESSAGES): complete, compiled, up to date.

Every message has a translation and none is marked fuzzy; the committed .mo files say what a
fresh compile of the .po files says (so `make run` needs no gettext); and the .po files hold
every string the source wraps, no more. `make messages` re-extracts and compiles.
"""

import ast
import gettext
import importlib
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils.formats import FORMAT_SETTINGS

LOCALE = Path(settings.BASE_DIR, "locale")
CATALOGS = sorted(LOCALE.glob("*/LC_MESSAGES/*.po"))
LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
# As in the Makefile's `make messages`.
IGNORED = [".venv", "node_modules", "static/vendor", "staticfiles", "tests", "bench", "docs"]
ENTRY_LINE = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (".*")$')


def po_entries(path: Path) -> list[dict]:
    """The entries of a .po file: msgid, msgid_plural, msgctxt, msgstr forms and flags.
    The header (empty msgid) and obsolete entries (#~) are left out."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        entry: dict = {"flags": set(), "msgstr": {}}
        field = None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
            elif line.startswith("#"):
                continue
            elif match := ENTRY_LINE.match(line):
                field = match[1]
                entry.setdefault("parts", {})[field] = [ast.literal_eval(match[2])]
            elif line.startswith('"') and field:
                entry["parts"][field].append(ast.literal_eval(line))
        parts = {key: "".join(value) for key, value in entry.pop("parts", {}).items()}
        if not parts.get("msgid"):
            continue
        entry["msgid"] = parts["msgid"]
        entry["msgid_plural"] = parts.get("msgid_plural")
        entry["msgctxt"] = parts.get("msgctxt")
        entry["msgstr"] = {key: value for key, value in parts.items() if key.startswith("msgstr")}
        entries.append(entry)
    return entries


def _key(entry: dict) -> tuple:
    return (entry["msgctxt"], entry["msgid"], entry["msgid_plural"])


def test_there_is_a_catalog_for_every_language_but_english():
    assert {path.parts[-3] for path in CATALOGS} == set(LANGUAGES)
    assert {path.name for path in CATALOGS} >= {"django.po"}


@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda path: str(path.relative_to(LOCALE)))
def test_every_message_has_a_translation_and_none_is_fuzzy(catalog):
    entries = po_entries(catalog)
    assert entries
    untranslated = [
        entry["msgid"]
        for entry in entries
        if not entry["msgstr"] or not all(entry["msgstr"].values())
    ]
    fuzzy = [entry["msgid"] for entry in entries if "fuzzy" in entry["flags"]]
    assert untranslated == []
    assert fuzzy == []


def test_the_check_for_untranslated_messages_finds_one(tmp_path):
    """The check above is itself checked, on a planted catalog."""
    planted = tmp_path / "django.po"
    planted.write_text(
        'msgid ""\nmsgstr ""\n"Language: de\\n"\n\n'
        '#: templates/base.html\nmsgid "Menu"\nmsgstr "Menü"\n\n'
        '#: templates/base.html\nmsgid "Log in"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "Log out"\nmsgstr "Abmelden"\n\n'
        'msgid "%(n)s day"\nmsgid_plural "%(n)s days"\nmsgstr[0] "%(n)s Tag"\nmsgstr[1] ""\n',
        encoding="utf-8",
    )
    entries = {entry["msgid"]: entry for entry in po_entries(planted)}
    assert entries["Menu"]["msgstr"] == {"msgstr": "Menü"}
    assert not entries["Log in"]["msgstr"]["msgstr"]
    assert "fuzzy" in entries["Log out"]["flags"]
    assert not all(entries["%(n)s day"]["msgstr"].values())


def _msgfmt() -> str:
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.fail("msgfmt is missing: install gettext (apt-get install gettext)")
    return msgfmt


@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda path: str(path.relative_to(LOCALE)))
def test_the_committed_mo_file_is_a_fresh_compile_of_the_po_file(catalog, tmp_path):
    committed = catalog.with_suffix(".mo")
    assert committed.exists(), f"{committed} is missing: run make messages"
    fresh = tmp_path / committed.name
    # --check-format: a translation keeps every %(name)s placeholder of its message.
    subprocess.run([_msgfmt(), "--check-format", "-o", fresh, catalog], check=True)
    with committed.open("rb") as old, fresh.open("rb") as new:
        # Compared as catalogs, not bytes: gettext versions lay the file out differently.
        assert gettext.GNUTranslations(old)._catalog == gettext.GNUTranslations(new)._catalog


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogs_hold_every_wrapped_string_of_the_source(language, tmp_path, monkeypatch):
    """makemessages run afresh into a copy of locale/: the same messages as committed.

    It writes to the locale/ folder nearest the files it reads, so it reads the project through
    links from a folder of its own, with the copy as the only locale/ in reach."""
    source = tmp_path / "source"
    source.mkdir()
    for entry in Path(settings.BASE_DIR).iterdir():
        if entry.name not in {"locale", ".git", *IGNORED}:
            (source / entry.name).symlink_to(entry)
    copy = source / "locale"
    shutil.copytree(LOCALE, copy)
    monkeypatch.chdir(source)
    monkeypatch.setattr(settings, "LOCALE_PATHS", [copy])
    for domain in ("django", "djangojs"):
        call_command(
            "makemessages",
            locale=[language],
            domain=domain,
            ignore_patterns=IGNORED,
            symlinks=True,
            no_obsolete=True,
            add_location="file",
            verbosity=0,
        )
        committed = LOCALE / language / "LC_MESSAGES" / f"{domain}.po"
        fresh = copy / language / "LC_MESSAGES" / f"{domain}.po"
        if not fresh.exists():  # no string of this domain in the source
            assert not committed.exists()
            continue
        assert committed.exists(), f"{committed} is missing: run make messages"
        expected = {_key(entry) for entry in po_entries(fresh)}
        present = {_key(entry) for entry in po_entries(committed)}
        assert sorted(expected - present, key=str) == [], "new strings: run make messages"
        assert sorted(present - expected, key=str) == [], "strings gone: run make messages"


def test_every_language_names_the_same_date_formats():
    """Templates name formats (date:"DAY_MONTH_FORMAT"); a name that a language's module
    lacks would be printed as a pattern of letters."""
    modules = {
        code: importlib.import_module(f"backcare.formats.{code}.formats")
        for code, _name in settings.LANGUAGES
    }
    names = {code: {n for n in dir(m) if n.endswith("_FORMAT")} for code, m in modules.items()}
    own = names[settings.LANGUAGE_CODE] - set(FORMAT_SETTINGS)
    assert own
    for code, found in names.items():
        assert own <= found, code


def test_templates_name_date_formats_every_language_has():
    used = set()
    for template in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        used |= set(re.findall(r'date:"([A-Z_]+_FORMAT)"', template.read_text(encoding="utf-8")))
    assert "SHORT_DATE_FORMAT" in used
    for code, _name in settings.LANGUAGES:
        module = importlib.import_module(f"backcare.formats.{code}.formats")
        assert used - set(dir(module)) - set(FORMAT_SETTINGS) == set(), code
