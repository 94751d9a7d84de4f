"""What every screen of the assistant shares: the translator, and relabelling.

A screen builds its widgets once, empty, and fills every piece of text in
:meth:`AssistantScreen.relabel`. Switching language calls ``relabel`` on every screen
in the stack: the text changes, the widgets, focus, scroll and the place in a guide
stay as they were.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from textual.screen import ModalScreen, Screen

from assistant.i18n.translator import Translator
from assistant.tui.keys import translate_bindings

if TYPE_CHECKING:
    from assistant.tui.app import AssistantApp

ResultType = TypeVar("ResultType")


class Relabel:
    """Mixin for screens whose text follows the language."""

    app: AssistantApp

    @property
    def t(self) -> Translator:
        """The translator of the current language."""
        return self.app.translator

    def relabel(self) -> None:
        """Fill every text of the screen in the current language."""

    def relabel_all(self) -> None:
        """Translate the key descriptions, then the text."""
        translate_bindings(self, self.t)  # type: ignore[arg-type]
        self.relabel()
        self.refresh_bindings()  # type: ignore[attr-defined]

    def on_mount(self) -> None:
        """Text is filled once the widgets exist."""
        self.relabel_all()


class AssistantScreen(Relabel, Screen[Any]):
    """A full screen of the assistant."""


class AssistantModal(Relabel, ModalScreen[ResultType]):
    """A dialog of the assistant, drawn over the screen below."""
