"""The live panel of the simulated account, with what the last step changed marked."""

from __future__ import annotations

from typing import ClassVar

from textual.content import Content

from assistant.account.model import Snapshot
from assistant.i18n.translator import Translator
from assistant.tui.facts import account_facts, changed_keys
from assistant.tui.text import shown
from assistant.tui.widgets.document_view import DocumentView
from assistant.tui.widgets.markdown_view import Block

CHANGED_MARK = "▶"
"""Drawn before a fact the last step changed (colour alone is not enough)."""


class AccountPanel(DocumentView):
    """The simulated account as a list of facts; :meth:`show_account` updates it in place.

    A fact too long for the line wraps under its label, indented, so values stay
    readable in a narrow panel.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "account-panel--label",
        "account-panel--changed",
    }
    DEFAULT_CSS = """
    AccountPanel {
        width: 30;
        height: auto;
        padding: 0 1;
        border: round $border-blurred;
        border-title-color: $text-muted;
    }
    AccountPanel > .account-panel--label {
        color: $text-muted;
    }
    AccountPanel > .account-panel--changed {
        color: $text-success;
        text-style: bold;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._shown: tuple[object, ...] | None = None
        self.changed: frozenset[str] = frozenset()
        """Keys of the facts the last step changed."""

    def show_account(
        self,
        snapshot: Snapshot,
        t: Translator,
        previous: Snapshot | None = None,
        title: str = "",
    ) -> None:
        """Show ``snapshot``; facts that differ from ``previous`` are marked."""
        key = (snapshot, previous, t.lang, title)
        if key == self._shown:
            return  # most steps change nothing in the account
        self._shown = key
        self.changed = changed_keys(previous, snapshot, t)
        blocks = []
        for fact in account_facts(snapshot, t):
            changed = fact.key in self.changed
            value_style = ".account-panel--changed" if changed else ""
            blocks.append(Block(
                Content.assemble(
                    (shown(fact.label, one_line=True), ".account-panel--label"),
                    " ",
                    (shown(fact.value, one_line=True), value_style),
                ),
                indent=2,
                prefix=CHANGED_MARK if changed else "",
                prefix_style=value_style,
            ))
        super().show(blocks)
        if title and title != str(self.border_title or ""):
            self.border_title = Content(shown(title, one_line=True))
