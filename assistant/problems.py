"""A problem found by ``assistant check`` in a guide or a catalogue."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from assistant.i18n.markers import NC_

if TYPE_CHECKING:
    from assistant.i18n.translator import Translator

_SEVERITY_LABELS = {
    "error": NC_("problem severity", "error"),
    "warning": NC_("problem severity", "warning"),
}


class Severity(StrEnum):
    """How bad a problem is: errors make ``assistant check`` exit 1."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One problem, located in a file (``line`` is 1-based, 0 when unknown)."""

    file: str
    line: int
    message: str
    severity: Severity = Severity.ERROR

    @property
    def where(self) -> str:
        """``file:line``, or the file alone when the line is unknown."""
        return f"{self.file}:{self.line}" if self.line else self.file

    def __str__(self) -> str:
        return f"{self.where}: {self.severity}: {self.message}"

    def render(self, t: Translator) -> str:
        """The problem on one line, its severity in ``t``'s language (the message already is)."""
        label = t.pgettext("problem severity", _SEVERITY_LABELS[self.severity.value])
        # The separators are translated too: French puts a no-break space before ":".
        return t.gettext(
            "{where}: {severity}: {text}", where=self.where, severity=label,
            text=self.message,
        )
