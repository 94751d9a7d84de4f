"""The language picker F2 opens when more than two languages have a catalogue."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from assistant.i18n.catalogue import language_name


class LanguagePicker(ModalScreen[str | None]):
    """Every language, each named in itself; dismissed with the chosen code (or ``None``)."""

    DEFAULT_CSS = """
    LanguagePicker { align: center middle; }
    LanguagePicker > OptionList { width: 40; height: auto; max-height: 80%; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", show=False)]

    def __init__(self, languages: tuple[str, ...], current: str) -> None:
        super().__init__()
        self.languages = languages
        """The codes offered, in order."""
        self.current = current
        """The language shown now (highlighted first)."""

    def compose(self) -> ComposeResult:
        """One option per language."""
        yield OptionList(
            *[Option(f"{language_name(lang)} ({lang})", id=lang) for lang in self.languages],
            id="language-options", markup=False,
        )

    def on_mount(self) -> None:
        """Start on the current language."""
        options = self.query_one(OptionList)
        if self.current in self.languages:
            options.highlighted = self.languages.index(self.current)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        """Keep the language as it is."""
        self.dismiss(None)
