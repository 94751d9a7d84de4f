"""The answers of a step as numbered buttons, reused from step to step.

Nine buttons are made once and relabelled; the ones a step does not need are hidden.
Nothing is mounted or removed when the step changes, which keeps a step transition
cheap. Pressing a button (or its number key, bound by the screen) posts
:class:`ChoiceBar.Chosen`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button

from assistant.tui.text import shown

MAX_CHOICES = 9
"""As many as there are number keys."""


class ChoiceBar(Vertical):
    """Up to nine numbered answer buttons; ↑/↓ (like Tab) move between them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "step_focus(1)", show=False),
        Binding("up", "step_focus(-1)", show=False),
    ]

    DEFAULT_CSS = """
    ChoiceBar {
        height: auto;
        width: 1fr;
    }
    ChoiceBar > Button {
        width: 1fr;
        height: auto;
        min-height: 1;
        content-align: left middle;
        text-align: left;
        margin: 0 0 0 0;
    }
    """

    class Chosen(Message):
        """A choice was pressed (``number`` is 1-based)."""

        def __init__(self, choice_bar: ChoiceBar, number: int) -> None:
            self.choice_bar = choice_bar
            """The bar the choice belongs to."""
            self.number = number
            """The 1-based number of the choice."""
            super().__init__()

        @property
        def control(self) -> ChoiceBar:
            """The bar that posted the message."""
            return self.choice_bar

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.count = 0
        """How many choices are shown."""
        self.labels: tuple[str, ...] = ()
        """The answers shown, in order (without their numbers)."""

    def compose(self) -> ComposeResult:
        """Every button, hidden until a step needs it."""
        for number in range(1, MAX_CHOICES + 1):
            button = Button(id=f"choice-{number}", compact=True, name=str(number))
            button.display = False
            yield button

    def show(self, labels: Sequence[str]) -> None:
        """Show these answers (at most nine), numbered from 1."""
        self.count = min(len(labels), MAX_CHOICES)
        self.labels = tuple(labels[: self.count])
        for number, button in enumerate(self.query(Button), start=1):
            if number <= self.count:
                label = Content.assemble(
                    (f"{number} ", "bold"), shown(labels[number - 1], one_line=True)
                )
                old = button.label
                button.label = label
                width = button.content_region.width
                # ``display`` (not a class) avoids restyling; a label that needs
                # another number of lines needs a new layout.
                if not button.display or not width or (
                    isinstance(old, Content)
                    and old.get_height(button.styles, width) != label.get_height(
                        button.styles, width
                    )
                ):
                    button.display = True
                    button.refresh(layout=True)
            elif button.display:
                button.display = False

    def focus_first(self) -> None:
        """Put the focus on the first answer."""
        if self.count:
            self.query_one("#choice-1", Button).focus()

    def keep_focus(self) -> None:
        """Focus the first answer unless the focus is already on a shown one.

        Moving the focus rebuilds the footer, so it is moved only when needed.
        """
        focused = self.screen.focused
        if isinstance(focused, Button) and focused.parent is self and focused.display:
            return
        self.focus_first()

    def action_step_focus(self, delta: int) -> None:
        """Focus the next (``delta`` > 0) or previous answer, stopping at the ends."""
        shown = [button for button in self.query(Button) if button.display]
        if not shown:
            return
        focused = self.screen.focused
        index = shown.index(focused) if focused in shown else -1
        shown[max(0, min(index + delta, len(shown) - 1))].focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.name:
            self.post_message(self.Chosen(self, int(event.button.name)))
