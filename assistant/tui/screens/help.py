"""The help screen: every key of every screen, read from the screens' own bindings."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.dom import DOMNode
from textual.widgets import Static

from assistant.i18n.translator import N_, NC_
from assistant.tui.keys import describe, explain
from assistant.tui.screens.base import AssistantModal
from assistant.tui.text import literal
from assistant.tui.widgets.document_view import DocumentView
from assistant.tui.widgets.key_bar import KeyBar
from assistant.tui.widgets.markdown_view import Block

_KEY_WIDTH = 12

_GENERAL = (
    ("Tab", N_("Next button or field")),
    ("Shift+Tab", N_("Previous button or field")),
    ("↑ ↓", N_("Move in a list")),
    ("Enter", N_("Press the button, open the item")),
)
"""Keys Textual gives every screen (listed so nobody has to guess)."""


def _sections() -> list[tuple[str, type[DOMNode]]]:
    """Each place with its own keys, and the class whose bindings list them."""
    from assistant.tui.app import AssistantApp
    from assistant.tui.screens.account import AccountScreen
    from assistant.tui.screens.diagnose import DiagnoseScreen
    from assistant.tui.screens.guide import GuideScreen
    from assistant.tui.screens.home import HomeScreen
    from assistant.tui.screens.translator import TranslatorScreen

    return [
        (N_("Everywhere"), AssistantApp),
        (N_("Guides (home)"), HomeScreen),
        (N_("In a guide"), GuideScreen),
        (N_("Diagnosis"), DiagnoseScreen),
        (N_("Choosing the account"), AccountScreen),
        (N_("Translator preview"), TranslatorScreen),
    ]


def own_bindings(owner: type[DOMNode]) -> list[Binding]:
    """The bindings the assistant's own classes declare (not Textual's built-in ones)."""
    found: list[Binding] = []
    for cls in reversed(owner.__mro__):
        if cls.__module__.startswith("assistant.") and "BINDINGS" in cls.__dict__:
            found.extend(Binding.make_bindings(cls.__dict__["BINDINGS"]))
    return found


class HelpScreen(AssistantModal[None]):
    """Lists every key; Escape, F1 or ? closes it."""

    CSS_PATH = "dialogs.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", NC_("key", "Close")),
    ]

    def compose(self) -> ComposeResult:
        """A scrollable list of keys, in a frame."""
        with Vertical(id="help-frame"):
            yield Static(id="help-title")
            with VerticalScroll(id="help-scroll"):
                yield DocumentView(id="help-keys")
        yield KeyBar()

    def relabel(self) -> None:
        """The key list in the current language."""
        t = self.t
        self.query_one("#help-title", Static).update(
            literal(t.gettext("Keys"), "bold", one_line=True)
        )
        from assistant.tui.text import SIMULATION_NOTE

        blocks: list[Block] = [Block(literal(t.gettext(SIMULATION_NOTE), "italic"))]
        for title, owner in _sections():
            blocks.append(self._heading(t.gettext(title)))
            blocks.extend(self._rows(owner))
        blocks.append(self._heading(t.gettext("Anywhere")))
        for key, what in _GENERAL:
            blocks.append(self._row(key, t.gettext(what)))
        blocks.append(Block(literal(t.gettext("Esc, F1 or ? closes this help."), "italic"),
                            gap_before=True))
        self.query_one("#help-keys", DocumentView).show(blocks)

    @staticmethod
    def _heading(text: str) -> Block:
        return Block(literal(text, "bold underline", one_line=True), gap_before=True)

    def _rows(self, owner: type[DOMNode]) -> list[Block]:
        """One row per action of ``owner`` (keys of the same action together)."""
        t = self.t
        by_action: dict[str, list[Binding]] = {}
        for binding in own_bindings(owner):
            if binding.system or not binding.description:
                continue
            by_action.setdefault(binding.action.split("(")[0], []).append(binding)
        rows = []
        for bindings in by_action.values():
            keys = [self.app.get_key_display(binding) for binding in bindings]
            shown_keys = f"{keys[0]}–{keys[-1]}" if len(keys) > 3 else " ".join(keys)
            what = explain(bindings[0], t)
            if bindings[0].action.endswith("switch_language"):
                what += f" ({describe(bindings[0], t)})"
            rows.append(self._row(shown_keys, what))
        return rows

    def _row(self, key: str, what: str) -> Block:
        """``key`` in a column, then what it does (wrapping under itself)."""
        return Block(literal(what, one_line=True), indent=_KEY_WIDTH, prefix=f"  {key}",
                     prefix_style="bold $text-accent")

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss()
