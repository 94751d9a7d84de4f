"""Home: the guides by topic with a filter, the simulated account, the diagnosis."""

from __future__ import annotations

import unicodedata
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Static

from assistant.i18n.translator import NC_
from assistant.tui.facts import account_summary
from assistant.tui.screens.base import AssistantScreen
from assistant.tui.text import label, literal, set_content, shown
from assistant.tui.widgets.clean_input import CleanInput
from assistant.tui.widgets.guide_list import GuideList, Row
from assistant.tui.widgets.key_bar import KeyBar


def folded(text: str) -> str:
    """``text`` for matching: case and accents ignored (« Dissocier » ~ "dissocier")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


class HomeScreen(AssistantScreen):
    """Pick a guide, diagnose the account, or choose which account to simulate."""

    # Its style sheet, home.tcss, is loaded with the app's (see AssistantApp.CSS_PATH).

    AUTO_FOCUS = "#filter"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open_highlighted", NC_("key", "Open"), show=False,
                tooltip=NC_("key help", "Open the highlighted guide")),
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
        # Priority: the filter box would otherwise take ctrl+d (delete right).
        Binding("ctrl+d", "diagnose", NC_("key", "Diagnose"), priority=True,
                tooltip=NC_("key help", "Diagnose the simulated account")),
        Binding("ctrl+o", "choose_account", NC_("key", "Account"), priority=True,
                tooltip=NC_("key help", "Choose the account to simulate")),
        Binding("ctrl+t", "translator", NC_("key", "Translator"), priority=True,
                tooltip=NC_("key help", "Guide steps in English and French, with checks")),
    ]

    def compose(self) -> ComposeResult:
        """Title, account, filter, guides, the highlighted guide's summary, actions."""
        yield Static(id="home-title")
        yield Static(id="account-line")
        yield CleanInput(id="filter", compact=True)
        yield GuideList(id="guides")
        yield Static(id="guide-summary")
        yield Static(id="home-actions")
        yield KeyBar()

    def relabel(self) -> None:
        """Every text in the current language; the filter and highlight are kept."""
        t = self.t
        self.query_one("#home-title", Static).update(
            literal(t.gettext("TikTok account assistant"), "bold")
        )
        self.query_one("#filter", CleanInput).placeholder = t.gettext(
            "Type to filter the guides, Enter to open"
        )
        self.query_one("#home-actions", Static).update(self.action_links())
        self.show_account()
        self.fill_guides()

    def action_links(self) -> Content:
        """The other things to do from here, as clickable text (each also has a key)."""
        t = self.t
        links = [
            (t.gettext("Diagnose this account"), "screen.diagnose"),
            (t.gettext("Choose the account"), "screen.choose_account"),
            (t.gettext("Translator preview"), "screen.translator"),
        ]
        # The style strings are ours; the translated text is shown literally. The keys
        # are in the key bar below.
        return Content("   ").join(
            Content.assemble(("▸ ", "bold"),
                             (shown(text, one_line=True), f"underline @click={action}"))
            for text, action in links
        )

    def show_account(self) -> None:
        """The line naming the simulated account."""
        account = self.app.account
        line = account_summary(account.snapshot, account.source(self.t), self.t)
        self.query_one("#account-line", Static).update(literal(line, one_line=True))

    # -- the guide list ---------------------------------------------------------------

    def fill_guides(self) -> None:
        """List the guides matching the filter, under their topic."""
        t = self.t
        index = self.app.index
        guides = self.query_one("#guides", GuideList)
        wanted = folded(self.query_one("#filter", CleanInput).value.strip())
        rows: list[Row] = []
        for topic, topic_name in index.topics:
            # The engine's topic names, translated the way it translates them.
            group = t.pgettext("topic", topic_name)
            matching = []
            for entry in index.guides:
                if entry.topic != topic:
                    continue
                title = t.gettext(entry.title)
                if not wanted or all(word in folded(" ".join(
                    (title, t.gettext(entry.summary), entry.id, group)
                )) for word in wanted.split()):
                    matching.append(Row(Content("  ") + label(title), entry.id))
            if matching:
                rows.append(Row(label(group.upper())))
                rows.extend(matching)
        if not rows:
            rows.append(Row(label(t.gettext("No guide matches “{text}”.", text=wanted))))
        guides.show(rows, highlight=guides.highlighted)
        self.show_summary()

    def show_summary(self) -> None:
        """The summary of the highlighted guide, under the list."""
        guide_id = self.highlighted_guide()
        entries = {entry.id: entry for entry in self.app.index.guides}
        text = self.t.gettext(entries[guide_id].summary) if guide_id in entries else ""
        set_content(self.query_one("#guide-summary", Static), literal(text))

    def highlighted_guide(self) -> str | None:
        """The id of the highlighted guide, if any."""
        return self.query_one("#guides", GuideList).highlighted

    @on(CleanInput.Changed, "#filter")
    def _filter_changed(self) -> None:
        self.fill_guides()

    @on(CleanInput.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self.action_open_highlighted()

    @on(GuideList.Highlighted, "#guides")
    def _guide_highlighted(self) -> None:
        self.show_summary()

    @on(GuideList.Selected, "#guides")
    def _guide_selected(self, event: GuideList.Selected) -> None:
        self.app.open_guide(event.guide_id, self.app.account.snapshot)

    def action_move(self, delta: int) -> None:
        """Move the highlight from the filter box, so typing and choosing go together."""
        self.query_one("#guides", GuideList).action_move(delta)

    def action_open_highlighted(self) -> None:
        """Open the highlighted guide."""
        guide_id = self.highlighted_guide()
        if guide_id is not None:
            self.app.open_guide(guide_id, self.app.account.snapshot)

    # -- the other actions ------------------------------------------------------------

    def action_diagnose(self) -> None:
        """Diagnose the simulated account."""
        self.app.open_diagnosis()

    def action_choose_account(self) -> None:
        """Choose a scenario or a snapshot file to simulate."""
        from assistant.tui.screens.account import AccountScreen

        self.app.push_screen(AccountScreen())

    def action_translator(self) -> None:
        """Open the translator preview."""
        self.app.open_translator()
