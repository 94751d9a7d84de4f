"""The account panel over the step, for terminals too narrow to show it beside."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll

from assistant.i18n.translator import NC_
from assistant.tui.screens.base import AssistantModal
from assistant.tui.widgets.account_panel import AccountPanel
from assistant.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from assistant.account.model import Snapshot


class AccountOverlay(AssistantModal[None]):
    """The simulated account, full width; Esc or ``a`` closes it."""

    CSS_PATH = "dialogs.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", NC_("key", "Close"),
                tooltip=NC_("key help", "Back to the step")),
        Binding("a", "close", show=False),
    ]

    def __init__(self, snapshot: Snapshot, previous: Snapshot | None, mask: bool) -> None:
        super().__init__()
        self.snapshot = snapshot
        """The account shown."""
        self.previous = previous
        """The account before the last step (to mark what changed)."""
        self.mask = mask
        """Whether personal data is masked, as on the guide screen."""

    def compose(self) -> ComposeResult:
        """The panel, scrollable when the terminal is short."""
        with VerticalScroll(id="overlay-scroll"):
            yield AccountPanel(id="overlay-account")
        yield KeyBar()

    def relabel(self) -> None:
        """The panel in the current language."""
        t = self.t
        self.query_one("#overlay-account", AccountPanel).show_account(
            self.snapshot, t, self.previous, t.gettext("Simulated account"), mask=self.mask
        )

    def action_close(self) -> None:
        """Back to the step."""
        self.dismiss()
