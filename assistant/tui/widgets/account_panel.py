"""The live panel of the simulated account, grouped by product, with what the last step
changed marked and explained."""

from __future__ import annotations

from typing import ClassVar

from textual.content import Content

from assistant.account.model import Snapshot
from assistant.i18n.translator import Translator
from assistant.tui.facts import GROUPS, Fact, account_facts, changed_keys, group_title
from assistant.tui.text import shown
from assistant.tui.widgets.document_view import DocumentView
from assistant.tui.widgets.markdown_view import Block, Document

CHANGED_MARK = "▶"
"""Drawn before a fact the last step changed (colour alone is not enough)."""

_VALUE_ROOM = 24
"""Columns a value gets beside its label when the panel is wide enough (an email)."""


class AccountPanel(DocumentView):
    """The simulated account as facts under three headings (TikTok app, TikTok For
    Business, this session), labels and values in two columns; :meth:`show_account`
    updates it in place.

    The label column is as wide as the longest label that leaves room for a value; a
    value too long for its line wraps under itself, so the columns stay aligned.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "account-panel--label",
        "account-panel--changed",
        "account-panel--group",
        "account-panel--legend",
    }
    DEFAULT_CSS = """
    AccountPanel {
        width: 38;
        height: auto;
        padding: 0 1;
        border: round $border-blurred;
        border-title-color: $foreground;
    }
    AccountPanel > .account-panel--label {
        color: $text-muted;
    }
    AccountPanel > .account-panel--group {
        color: $text-primary;
        text-style: bold;
    }
    AccountPanel > .account-panel--legend {
        color: $text-muted;
        text-style: italic;
    }
    AccountPanel > .account-panel--changed {
        color: $text-success;
        text-style: bold;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._shown: tuple[object, ...] | None = None
        self._facts: list[Fact] = []
        self._legend = ""
        self._by_width: tuple[int, Document] | None = None
        self.changed: frozenset[str] = frozenset()
        """Keys of the facts the last step changed."""

    def show_account(
        self,
        snapshot: Snapshot,
        t: Translator,
        previous: Snapshot | None = None,
        title: str = "",
        *,
        mask: bool = True,
    ) -> None:
        """Show ``snapshot``; facts that differ from ``previous`` are marked (personal
        data masked unless ``mask`` is false)."""
        key = (snapshot, previous, t.lang, title, mask)
        if key == self._shown:
            return  # most steps change nothing in the account
        self._shown = key
        self.changed = changed_keys(previous, snapshot, t)
        self._facts = account_facts(snapshot, t, mask=mask)
        self._legend = (t.gettext("{mark} changed by the last step", mark=CHANGED_MARK)
                        if self.changed else "")
        self._groups = {group: group_title(group, t) for group, _name in GROUPS}
        self._by_width = None
        self.refresh(layout=True)
        if title and title != str(self.border_title or ""):
            self.border_title = Content(shown(title, one_line=True))

    def blocks(self, width: int) -> list[Block]:
        """The panel's lines for a content ``width``: headings, then aligned facts.

        Each fact is ``mark label  value``: the label sits in the first line's hanging
        indent, so a long value wraps under itself. A label too long for the column
        (the column takes at most half the width) has its value on the line below.
        """
        labels = [shown(f.label, one_line=True) for f in self._facts]
        # The label column takes at most half the width, and leaves a value room for
        # an email address when the panel is wide enough.
        room = min(width // 2 - 3, max(width - 3 - _VALUE_ROOM, 14))
        column = max((len(label) for label in labels if len(label) <= room), default=room) + 1
        blocks: list[Block] = []
        group = None
        for fact, label in zip(self._facts, labels, strict=True):
            if fact.group != group:
                group = fact.group
                blocks.append(Block(
                    Content.styled(shown(self._groups.get(group, group), one_line=True),
                                   ".account-panel--group"),
                ))
            changed = fact.key in self.changed
            style = ".account-panel--changed" if changed else ".account-panel--label"
            value = Content.styled(shown(fact.value, one_line=True),
                                   ".account-panel--changed" if changed else "")
            mark = CHANGED_MARK if changed else " "
            one_word = " " not in value.plain.strip()
            if len(label) < column and not (one_word and value.cell_length > width - 2 - column):
                blocks.append(Block(value, indent=2 + column, prefix=f"{mark} {label}",
                                    prefix_style=style))
            elif one_word and value.cell_length > width - 2 - column:
                # An address or a name cut in two reads worse than one on its own line.
                blocks.append(Block(Content.styled(label, style), indent=2, prefix=mark,
                                    prefix_style=style))
                blocks.append(Block(value, indent=4))
            else:
                blocks.append(Block(Content.styled(label, style), indent=2, prefix=mark,
                                    prefix_style=style))
                blocks.append(Block(value, indent=2 + column))
        if self._legend:
            blocks.append(Block(Content.styled(shown(self._legend), ".account-panel--legend"),
                                gap_before=True))
        return blocks

    def render(self) -> Document:
        """The facts laid out for the panel's width (cached per width)."""
        width = self.content_region.width or 34
        if self._by_width is None or self._by_width[0] != width:
            self._by_width = (width, Document(tuple(self.blocks(width))))
        return self._by_width[1]
