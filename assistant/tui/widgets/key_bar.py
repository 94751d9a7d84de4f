"""The bottom line: every key the current screen offers, in one light widget.

Textual's ``Footer`` builds a widget per key and rebuilds them all whenever the
bindings change (focus moves, a step has fewer answers); at start-up it costs more
than the rest of the home screen. This bar draws the same information as one line of
text, redrawn in place, and a click on a key runs its action like the key would.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget

from assistant.tui.text import shown

PINNED_ACTIONS = ("app.switch_language", "switch_language", "app.quit", "quit")
"""Keys drawn at the right end of the bar, whatever the width: the language (for
whoever cannot read the other one) and quit."""


class KeyBar(Widget):
    """The keys of the screen (and of the app) with what they do."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-bar--key", "key-bar--description"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 1fr;
        background: $footer-background;
        color: $footer-description-foreground;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    KeyBar > .key-bar--key {
        color: $footer-key-foreground;
        text-style: bold;
    }
    KeyBar > .key-bar--description {
        color: $footer-description-foreground;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._targets: list[tuple[int, int, str, object]] = []
        """``(start, end, action, namespace)`` of each key drawn, for clicks."""

    def on_mount(self) -> None:
        """Redraw whenever the screen's bindings change."""
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is self.screen:
            self.refresh()

    def render(self) -> Content:
        """`` key description `` for each shown binding, one action each; the quit key
        pinned at the right end, so it is there whatever the width."""
        parts: list[tuple[Content, str, object]] = []
        seen: set[str] = set()
        shown_bindings = [
            (node, binding, enabled) for node, binding, enabled, _tooltip
            in self.screen.active_bindings.values()
        ]
        # A dialog's chain stops at the dialog, yet the app's keys (help, language)
        # still work there: list them too.
        shown_bindings += [(self.app, binding, True) for _key, binding in self.app._bindings]
        pinned: list[tuple[Content, str, object]] = []
        for node, binding, enabled in shown_bindings:
            if not binding.show or not enabled or binding.action in seen:
                continue
            seen.add(binding.action)
            key = self.app.get_key_display(binding)
            piece = Content.assemble(
                (key, ".key-bar--key"),
                " ",
                (shown(binding.description, one_line=True), ".key-bar--description"),
                " ",
            )
            if binding.action in PINNED_ACTIONS:
                pinned.append((piece, binding.action, node))
            else:
                parts.append((piece, binding.action, node))
        pinned.sort(key=lambda item: PINNED_ACTIONS.index(item[1]) // 2)
        width = self.content_region.width or self.size.width
        room = width - sum(piece.cell_length for piece, _action, _node in pinned)
        line = Content("").join(piece for piece, _action, _node in parts)
        if pinned and line.cell_length > room:
            line = line.truncate(max(room - 1, 0), ellipsis=True)
        self._targets = []
        offset = 0
        for piece, action, node in parts:
            end = min(offset + piece.cell_length, line.cell_length)
            if offset < end:
                self._targets.append((offset, end, action, node))
            offset += piece.cell_length
        if pinned:
            gap = max(room - line.cell_length, 1 if line.cell_length else 0)
            start = line.cell_length + gap
            line = line + Content(" " * gap)
            for piece, action, node in pinned:
                self._targets.append((start, start + piece.cell_length, action, node))
                start += piece.cell_length
                line = line + piece
        return line

    async def _on_click(self, event: events.Click) -> None:
        """Run the action of the key under the pointer."""
        for start, end, action, node in self._targets:
            if start <= event.x < end:
                event.stop()
                await self.app.run_action(action, node)  # type: ignore[arg-type]
                return
