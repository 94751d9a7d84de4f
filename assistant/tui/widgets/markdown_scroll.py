"""The step text of a guide: a fixed-size, scrollable Markdown area redrawn in place."""

from __future__ import annotations

from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

from assistant.tui.widgets.markdown_view import Document, parse_markdown


class MarkdownScroll(ScrollView, can_focus=True):
    """A Markdown body in a fixed-size, scrollable area (the step text of a guide).

    It draws only the lines in view, from strips cached per width, and a new body
    changes its virtual size, not its place on the screen: a step change repaints this
    area without laying the screen out again.
    """

    DEFAULT_CSS = """
    MarkdownScroll {
        height: 1fr;
        width: 1fr;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-gutter: stable;
        scrollbar-size-vertical: 1;
    }
    """

    def __init__(self, markdown: str = "", *, mask: bool = False, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.mask = mask
        """Whether emails and phone numbers are masked."""
        self._markdown = markdown
        self._document = parse_markdown(markdown, mask)
        self._strips: list[Strip] = []
        self._strips_key: tuple[int, int] | None = None

    @property
    def markdown(self) -> str:
        """The Markdown source shown now."""
        return self._markdown

    @property
    def document(self) -> Document:
        """The parsed document shown now."""
        return self._document

    def update(self, markdown: str) -> None:
        """Show ``markdown`` instead, from its first line."""
        if markdown == self._markdown:
            return
        self._markdown = markdown
        self._document = parse_markdown(markdown, self.mask)
        self._strips_key = None
        self.scroll_to(0, 0, animate=False, immediate=True)
        self._size_to_document()
        self.refresh()

    def _size_to_document(self) -> None:
        width = self.scrollable_content_region.width
        if not width:
            return
        size = Size(width, self._document.get_height(self.styles, width))
        if size == self.virtual_size:
            return
        # Assigning ``virtual_size`` lays the whole screen out again; only the
        # scrollbars depend on it, so they are updated directly (Textual's own
        # ``_scroll_update``, which lays out only if a scrollbar appears or goes).
        self.set_reactive(ScrollView.virtual_size, size)
        self._scroll_update(size)

    def on_resize(self) -> None:
        """Wrap again for the new width."""
        self._strips_key = None
        self._size_to_document()

    def _lines(self, width: int) -> list[Strip]:
        key = (id(self._document), width)
        if self._strips_key != key:
            self._strips = Visual.to_strips(
                self, self._document, width, None, self.visual_style, pad=True
            )
            self._strips_key = key
        return self._strips

    def render_line(self, y: int) -> Strip:
        """The line ``y`` of the view, scrolled."""
        width = self.scrollable_content_region.width
        scroll_x, scroll_y = self.scroll_offset
        strips = self._lines(width)
        index = scroll_y + y
        if index >= len(strips):
            return Strip.blank(width, self.rich_style)
        return strips[index].crop_extend(scroll_x, scroll_x + width, self.rich_style)
