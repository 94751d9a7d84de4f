"""The home screen's list of guides under their topics: one line each, one highlighted.

Textual's ``OptionList`` measures, wraps and renders every option through a general
machinery and lays the screen out again once it knows it needs a scrollbar; on the
first screen it cost more than the rest of the home screen together. Here every row is
one line of :class:`Content` known in advance (so the scrollable size is set before the
first layout), and a line is drawn only when it is in view.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, NamedTuple

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual


class Row(NamedTuple):
    """One line of the list: a guide, a symptom, an action, or a heading.

    A heading has neither ``guide_id`` nor ``action``; a symptom opens ``guide_id`` at
    ``step``; an action row (``action``, e.g. ``diagnose``) is chosen like a guide.
    """

    content: Content
    guide_id: str | None = None
    step: str | None = None
    """The step to open the guide at (a symptom's), ``None`` for its first."""
    action: str | None = None
    """What choosing the row does instead of opening a guide."""
    id: str | None = None
    """Tells apart rows that open the same guide (``symptom:<id>``)."""

    @property
    def key(self) -> str | None:
        """What identifies the row for the highlight (``None``: a heading)."""
        if self.id is not None:
            return self.id
        if self.action is not None:
            return f"action:{self.action}"
        return self.guide_id


class GuideList(ScrollView, can_focus=True):
    """Guides under topic headings; arrows move between guides, Enter or a click opens."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "guide-list--guide",
        "guide-list--heading",
        "guide-list--highlighted",
    }
    DEFAULT_CSS = """
    GuideList {
        height: 1fr;
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
        overflow-y: auto;
        & > .guide-list--heading {
            color: $text-muted;
            text-style: bold;
        }
        & > .guide-list--highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
        }
        &:focus > .guide-list--highlighted {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
        Binding("enter", "select", show=False),
    ]

    class Highlighted(Message):
        """Another guide is highlighted (``guide_id`` is ``None`` when none is)."""

        def __init__(self, guide_list: GuideList, guide_id: str | None) -> None:
            self.guide_list = guide_list
            """The list that posted the message."""
            self.guide_id = guide_id
            """The highlighted guide."""
            super().__init__()

        @property
        def control(self) -> GuideList:
            """The list that posted the message."""
            return self.guide_list

    class Selected(Message):
        """A row was chosen (Enter or a click)."""

        def __init__(self, guide_list: GuideList, row: Row) -> None:
            self.guide_list = guide_list
            """The list that posted the message."""
            self.row = row
            """The chosen row."""
            self.guide_id = row.guide_id
            """The chosen guide (``None`` for an action row)."""
            super().__init__()

        @property
        def control(self) -> GuideList:
            """The list that posted the message."""
            return self.guide_list

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows: tuple[Row, ...] = ()
        """What is listed, in order."""
        self._highlighted: int | None = None
        # Drawn lines by (row, style, width): the screen is repainted far more often
        # than a row changes (focus, the summary below, the key bar).
        self._strips: dict[tuple[int, object, int], Strip] = {}

    # -- what is listed ---------------------------------------------------------------

    @property
    def guide_ids(self) -> list[str]:
        """The guides listed (as guides, not symptoms), in order."""
        return [row.guide_id for row in self.rows
                if row.guide_id is not None and row.key == row.guide_id]

    @property
    def keys(self) -> list[str]:
        """The keys of the rows that can be chosen, in order."""
        return [row.key for row in self.rows if row.key is not None]

    @property
    def highlighted(self) -> str | None:
        """The guide the highlighted row opens, if any."""
        row = self.highlighted_row
        return row.guide_id if row is not None else None

    @property
    def highlighted_row(self) -> Row | None:
        """The highlighted row, if any."""
        if self._highlighted is None:
            return None
        return self.rows[self._highlighted]

    @property
    def highlighted_key(self) -> str | None:
        """The key of the highlighted row, if any."""
        row = self.highlighted_row
        return row.key if row is not None else None

    def show(self, rows: Sequence[Row], highlight: str | None = None) -> None:
        """List ``rows``; highlight the row of key ``highlight`` if listed, else the first."""
        self.rows = tuple(rows)
        self._highlighted = None
        self._strips.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.rows))
        self.refresh()
        keys = self.keys
        self.highlight(highlight if highlight in keys else (keys[0] if keys else None))

    def highlight(self, key: str | None) -> None:
        """Highlight the row of ``key`` (a guide id for a guide; ``None``: nothing)."""
        index = next(
            (i for i, row in enumerate(self.rows) if key and row.key == key),
            None,
        )
        if index == self._highlighted:
            return
        for old in (self._highlighted, index):
            if old is not None:
                self.refresh_line(old)
        self._highlighted = index
        if index is not None:
            self._bring_into_view(index)
        self.post_message(self.Highlighted(self, self.highlighted))

    def _bring_into_view(self, index: int) -> None:
        height = self.scrollable_content_region.height
        top = self.scroll_offset.y
        # Show the topic heading above the first guide of a topic when scrolling up.
        wanted_top = index - 1 if index and self.rows[index - 1].key is None else index
        if wanted_top < top:
            self.scroll_to(y=wanted_top, animate=False, immediate=True)
        elif height and index >= top + height:
            self.scroll_to(y=index - height + 1, animate=False, immediate=True)

    def refresh_line(self, index: int) -> None:
        """Redraw one row."""
        self.refresh_lines(index - self.scroll_offset.y, 1)

    # -- moving and choosing ----------------------------------------------------------

    def action_move(self, delta: int) -> None:
        """Highlight the next (``delta`` > 0) or previous guide, skipping headings."""
        keys = self.keys
        if not keys:
            return
        current = self.highlighted_key
        if current is None:
            self.highlight(keys[0] if delta > 0 else keys[-1])
            return
        position = keys.index(current) + (1 if delta > 0 else -1)
        self.highlight(keys[max(0, min(position, len(keys) - 1))])

    def action_select(self) -> None:
        """Choose the highlighted row."""
        row = self.highlighted_row
        if row is not None:
            self.post_message(self.Selected(self, row))

    async def _on_click(self, event: events.Click) -> None:
        """A click on a guide highlights and chooses it."""
        index = event.y + self.scroll_offset.y
        if 0 <= index < len(self.rows) and self.rows[index].key is not None:
            event.stop()
            self.highlight(self.rows[index].key)
            self.action_select()

    # -- drawing ----------------------------------------------------------------------

    def on_resize(self) -> None:
        """The scrollable width follows the widget's."""
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.rows))

    def render_line(self, y: int) -> Strip:
        """Row ``y`` of the view: a heading, a guide, or the highlighted guide."""
        width = self.scrollable_content_region.width
        index = self.scroll_offset.y + y
        if not 0 <= index < len(self.rows):
            return Strip.blank(width, self.rich_style)
        row = self.rows[index]
        if row.key is None:
            style = self.get_visual_style("guide-list--heading")
        elif index == self._highlighted:
            style = self.get_visual_style("guide-list--highlighted")
        else:
            style = self.get_visual_style("guide-list--guide")
        key = (index, style, width)
        strip = self._strips.get(key)
        if strip is None:
            line = row.content.truncate(width, ellipsis=True)
            strip = Visual.to_strips(self, line, width, 1, style)[0].extend_cell_length(
                width, style.rich_style
            )
            if len(self._strips) > 4 * len(self.rows) + 16:
                self._strips.clear()
            self._strips[key] = strip
        return strip
