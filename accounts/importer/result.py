"""What an import added, what was already there, and what it replaced."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


@dataclass
class ImportResult:
    sessions_added: int = 0
    sessions_present: int = 0
    routines_added: int = 0
    routines_present: int = 0
    checks_added: int = 0
    checks_present: int = 0
    activities_added: int = 0
    lessons_added: int = 0
    lessons_present: int = 0
    lessons_unknown: int = 0  # lessons this server does not have: skipped
    routine_links_dropped: int = 0  # see accounts.importer.versions.Upgraded
    weekly_plan_replaced: bool = False
    flare_plan_replaced: bool = False

    @property
    def summary(self) -> str:
        """For the person, e.g. "Imported: 12 sessions, 1 routine. Already here: 3 sessions."."""
        added = _counts(self.sessions_added, self.routines_added, self.checks_added)
        added += _lessons(self.lessons_added, bool(added))
        present = _counts(self.sessions_present, self.routines_present, self.checks_present)
        present += _lessons(self.lessons_present, bool(present))
        parts = [_("Imported: %(counts)s.") % {"counts": added} if added else _("Nothing new.")]
        if present:
            parts.append(_("Already here: %(counts)s.") % {"counts": present})
        replaced = [_("your time zone")]
        if self.weekly_plan_replaced:
            replaced.append(_("your weekly plan"))
        if self.flare_plan_replaced:
            replaced.append(_("your flare-up plan"))
        parts.append(_("Replaced by the file's: %(things)s.") % {"things": ", ".join(replaced)})
        if self.lessons_unknown:
            parts.append(
                ngettext(
                    "%(count)d lesson this server does not have was skipped.",
                    "%(count)d lessons this server does not have were skipped.",
                    self.lessons_unknown,
                )
                % {"count": self.lessons_unknown}
            )
        if self.routine_links_dropped:
            parts.append(
                ngettext(
                    "%(count)d session or plan named a routine the file holds twice: it was "
                    "imported without it.",
                    "%(count)d sessions or plans named a routine the file holds twice: they were "
                    "imported without it.",
                    self.routine_links_dropped,
                )
                % {"count": self.routine_links_dropped}
            )
        return " ".join(parts)


def _counts(sessions: int, routines: int, checks: int) -> str:
    counts = []
    if sessions:
        counts.append(
            ngettext("%(count)d session", "%(count)d sessions", sessions) % {"count": sessions}
        )
    if routines:
        counts.append(
            ngettext("%(count)d routine", "%(count)d routines", routines) % {"count": routines}
        )
    if checks:
        counts.append(
            ngettext("%(count)d function check", "%(count)d function checks", checks)
            % {"count": checks}
        )
    return ", ".join(counts)


def _lessons(count: int, after_others: bool) -> str:
    if not count:
        return ""
    text = ngettext("%(count)d lesson read", "%(count)d lessons read", count) % {"count": count}
    return f", {text}" if after_others else text
