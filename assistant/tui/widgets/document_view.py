"""A widget showing a :class:`Document`: blocks wrapped with hanging indents."""

from __future__ import annotations

from collections.abc import Sequence

from textual.widget import Widget

from assistant.tui.widgets.markdown_view import Block, Document


class DocumentView(Widget):
    """Shows blocks of text (a list of keys, of facts…) that wrap under their own indent."""

    DEFAULT_CSS = """
    DocumentView {
        height: auto;
        width: 1fr;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._document = Document(())

    @property
    def document(self) -> Document:
        """The document shown."""
        return self._document

    def show(self, blocks: Sequence[Block]) -> None:
        """Show these blocks (nothing is redrawn when they are the same as before)."""
        document = Document(tuple(blocks))
        if [(b.content.markup, b.prefix, b.indent) for b in document.blocks] != [
            (b.content.markup, b.prefix, b.indent) for b in self._document.blocks
        ]:
            self._document = document
            self.refresh(layout=True)

    def render(self) -> Document:
        """The blocks, wrapped to the width."""
        return self._document
