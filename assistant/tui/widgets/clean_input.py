"""A one-line text box that never holds a terminal control.

Textual's ``Input`` shows its value as it is: text pasted from a hostile page (an
OSC 52 clipboard write, bidi overrides) would be drawn raw on the terminal. Here
whatever is typed, pasted or set is cleaned first (:func:`assistant.safetext.clean_line`).
"""

from __future__ import annotations

from textual.widgets import Input

from assistant.safetext import clean_line


class CleanInput(Input):
    """An ``Input`` whose value and placeholder are always free of terminal controls."""

    def replace(self, text: str, start: int, end: int) -> None:
        """Insert ``text`` (cleaned) in place of ``start``–``end``."""
        super().replace(clean_line(text), start, end)

    def validate_value(self, value: str) -> str:
        """Every value set, by any means, is cleaned."""
        return clean_line(value)

    def validate_placeholder(self, placeholder: str) -> str:
        """The placeholder is translated text: cleaned too."""
        return clean_line(placeholder)
