"""What is wrong with an uploaded export, each problem with its place in the file."""

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Enough to fix a file by, few enough to read: a broken file can hold thousands.
MAX_PROBLEMS = 20


def place(path: Sequence[str | int]) -> str:
    """Where in the file, as a person can find it: sessions[3].entries[0].pain_during."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            name = str(part)[:40]
            text += f".{name}" if text else name
    return text or _("the file")


def shown(value, limit: int = 40) -> str:
    """A value from the file as the person wrote it, shortened."""
    if isinstance(value, dict):
        return _("a group of named values")
    if isinstance(value, list):
        return _("a list")
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        text = value if len(value) <= limit else value[: limit - 1] + "…"
        return f"“{text}”"
    return str(value)[:limit]


class Problems:
    """Collects up to MAX_PROBLEMS problems; raise_any() turns them into one ValidationError."""

    def __init__(self) -> None:
        self.messages: list[str] = []
        self.more = False

    def __bool__(self) -> bool:
        return bool(self.messages)

    @property
    def full(self) -> bool:
        return len(self.messages) >= MAX_PROBLEMS

    def add(self, path: Sequence[str | int], message: str) -> None:
        text = f"{place(path)}: {message}"
        if text in self.messages:
            return
        if self.full:
            self.more = True
            return
        self.messages.append(text)

    def raise_any(self) -> None:
        if not self.messages:
            return
        messages = list(self.messages)
        if self.more:
            messages.append(
                _("There are more problems: only the first %(count)d are listed.")
                % {"count": MAX_PROBLEMS}
            )
        raise ValidationError(messages)
