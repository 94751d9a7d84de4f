"""Choosing the simulated account: a ready-made scenario or a snapshot file.

A file that cannot be used (not JSON, a duplicate key, ``NaN``, a huge number, too deep,
too big, a terminal control in a value…) shows its one-line message here, emails and
phone numbers it quotes masked, and the account in use stays as it was.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from assistant.account.scenarios import list_scenarios, load_scenario, scenario_title
from assistant.account.snapshot import SnapshotError, read_snapshot
from assistant.i18n.translator import NC_
from assistant.tui.screens.base import AssistantModal
from assistant.tui.text import label, literal
from assistant.tui.widgets.clean_input import CleanInput
from assistant.tui.widgets.key_bar import KeyBar


class AccountScreen(AssistantModal[None]):
    """Pick a scenario (Enter) or type a snapshot file path (Enter)."""

    CSS_PATH = "dialogs.tcss"

    AUTO_FOCUS = "#scenarios"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", NC_("key", "Cancel"),
                tooltip=NC_("key help", "Keep the current account")),
        Binding("ctrl+f", "focus_path", NC_("key", "File path"),
                tooltip=NC_("key help", "Type the path of a snapshot file")),
        # Served in a browser, the same key goes to the paste box (said by its prompt).
        Binding("ctrl+f", "focus_paste", show=False),
    ]

    def __init__(self, problem: Exception | None = None, path: str = "") -> None:
        super().__init__()
        self.problem = problem
        """Why the last file or scenario was refused (shown again in another language)."""
        self._path = path

    def compose(self) -> ComposeResult:
        """Scenarios, then the file path box and its message line."""
        with Vertical(id="account-frame"):
            yield Static(id="account-title")
            yield OptionList(id="scenarios", markup=False)
            yield Static(id="path-label")
            if self.app.served:
                from assistant.tui.served import PasteBox

                yield PasteBox(id="snapshot-path", compact=True)
            else:
                yield CleanInput(self._path, id="snapshot-path", compact=True)
            yield Static(id="account-error")
        yield KeyBar()

    def relabel(self) -> None:
        """Titles of the scenarios and the prompts in the current language."""
        t = self.t
        if self.problem is not None:
            self.show_error(self.problem)
        self.query_one("#account-title", Static).update(
            literal(t.gettext("Choose the account to simulate"), "bold", one_line=True)
        )
        if self.app.served:
            prompt = t.gettext(
                "…or Ctrl+F and paste a snapshot here (account-state/1 JSON), then Enter:"
            )
            placeholder = t.gettext("paste the snapshot JSON here")
        else:
            prompt = t.gettext("…or the path of a snapshot file (account-state/1 JSON):")
            placeholder = t.gettext("path/to/snapshot.json")
        self.query_one("#path-label", Static).update(literal(prompt))
        self.query_one("#snapshot-path", CleanInput).placeholder = placeholder
        scenarios = self.query_one("#scenarios", OptionList)
        kept = scenarios.highlighted
        current = self.app.account.scenario
        options = [
            Option(label(("● " if name == current else "  ") + scenario_title(name, t)), id=name)
            for name in list_scenarios()
        ]
        scenarios.set_options(options)
        if kept is not None:
            scenarios.highlighted = kept
        elif current is not None and current in list_scenarios():
            scenarios.highlighted = scenarios.get_option_index(current)

    @on(OptionList.OptionSelected, "#scenarios")
    def _scenario_chosen(self, event: OptionList.OptionSelected) -> None:
        from assistant.tui.app import Account

        name = event.option.id
        if name is None:
            return
        try:
            snapshot = load_scenario(name)
        except (SnapshotError, LookupError) as problem:
            self.show_error(problem)
            return
        self.app.set_account(Account(snapshot, scenario=name))
        self.dismiss()

    @on(CleanInput.Submitted, "#snapshot-path")
    def _path_submitted(self, event: CleanInput.Submitted) -> None:
        from assistant.tui.app import Account

        path = event.value.strip()
        if not path:
            return
        if self.app.served:
            # Served to a browser: the text is the snapshot, never a server path.
            self._snapshot_pasted(path)
            return
        try:
            # Only a regular file: a pipe, a terminal or "-" would wait for input the
            # keyboard is busy giving to the app, and the screen would freeze.
            snapshot = read_snapshot(path, regular_only=True)
        except SnapshotError as problem:
            self.show_error(problem)
            return
        self.app.set_account(Account(snapshot, path=path))
        self.dismiss()

    def _snapshot_pasted(self, text: str) -> None:
        from assistant.account.snapshot import load_snapshot
        from assistant.tui.app import Account

        try:
            snapshot = load_snapshot(text, self.t.gettext("pasted snapshot"))
        except SnapshotError as problem:
            self.show_error(problem)
            return
        self.app.set_account(Account(snapshot, pasted=True))
        self.dismiss()

    def show_error(self, problem: Exception) -> None:
        """One line saying why the account was not changed (what it quotes masked)."""
        self.problem = problem
        if isinstance(problem, SnapshotError):
            from assistant.commands.diagnose import refusal_line

            message = refusal_line(problem, self.t, mask=True)
        else:
            from assistant.privacy import mask_text

            message = mask_text(str(problem))
        self.query_one("#account-error", Static).update(
            literal(message, "bold $text-error", one_line=True)
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Served to a browser, there is no file path to type (the box takes a paste)."""
        if action in ("focus_path", "focus_paste"):
            return (action == "focus_paste") == self.app.served
        return True

    def action_focus_paste(self) -> None:
        """Go to the box a snapshot is pasted in (served mode)."""
        self.query_one("#snapshot-path", CleanInput).focus()

    def action_focus_path(self) -> None:
        """Go to the file path box."""
        self.query_one("#snapshot-path", CleanInput).focus()

    def action_close(self) -> None:
        """Keep the account as it is."""
        self.dismiss()
