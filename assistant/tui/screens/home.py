"""Home: the guides by topic with a filter, the simulated account, the diagnosis."""

from __future__ import annotations

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
    from assistant.search import fold

    return fold(text)


class SearchBox(CleanInput):
    """The search box: takes every printable key except ``?``, which opens the help
    here as on every screen (the search ignores punctuation anyway)."""

    def check_consume_key(self, key: str, character: str | None) -> bool:
        """Leave ``?`` to the help key."""
        return character != "?" and super().check_consume_key(key, character)


class HomeScreen(AssistantScreen):
    """Pick a guide, diagnose the account, or choose which account to simulate."""

    # Its style sheet, home.tcss, is loaded with the app's (see AssistantApp.CSS_PATH).

    AUTO_FOCUS = "#filter"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open_highlighted", NC_("key", "Open"), show=False,
                tooltip=NC_("key help", "Open the highlighted guide")),
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
        Binding("escape", "clear_or_back", NC_("key", "Clear"), show=False,
                tooltip=NC_("key help", "Clear the search")),
        # Priority: the filter box would otherwise take ctrl+d (delete right).
        Binding("ctrl+d", "diagnose", NC_("key", "Diagnose"), priority=True,
                tooltip=NC_("key help", "Diagnose the simulated account")),
        Binding("ctrl+o", "choose_account", NC_("key", "Account"), priority=True,
                tooltip=NC_("key help", "Choose the account to simulate")),
        Binding("ctrl+r", "start_over", NC_("key", "Start over"), priority=True,
                tooltip=NC_("key help", "Start over from the loaded snapshot")),
        Binding("ctrl+t", "translator", NC_("key", "Translator"), priority=True,
                tooltip=NC_("key help", "Guide steps in English and French, with checks")),
    ]

    def compose(self) -> ComposeResult:
        """Title, account, filter, guides, the highlighted guide's summary, actions."""
        yield Static(id="home-title")
        yield Static(id="first-run")
        yield Static(id="account-line")
        yield SearchBox(id="filter", compact=True)
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
        first_run = self.query_one("#first-run", Static)
        first_run.display = self.app.first_run
        if self.app.first_run:
            from assistant.tui.text import SIMULATION_NOTE

            first_run.update(literal(t.gettext(SIMULATION_NOTE)))
        self.query_one("#filter", CleanInput).placeholder = t.gettext(
            "Search a guide or what goes wrong (Enter opens the best match)"
        )
        self.show_account()
        self.fill_guides()

    def action_links(self) -> Content:
        """The other things to do from here, as clickable text (each also has a key)."""
        t = self.t
        links = [
            (t.gettext("Diagnose this account"), "screen.diagnose"),
            *([(t.gettext("Start over from the loaded snapshot"), "screen.start_over")]
              if self.app.simulated != self.app.account.snapshot else []),
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
        app, t = self.app, self.t
        source = app.account.source(t)
        if app.simulated != app.account.snapshot:
            source = t.gettext("{source}, as the guides left it", source=source)
        line = account_summary(app.simulated, source, t)
        self.query_one("#account-line", Static).update(literal(line, one_line=True))
        self.query_one("#home-actions", Static).update(self.action_links())
        self.refresh_bindings()

    # -- the guide list ---------------------------------------------------------------

    def fill_guides(self, *, keep_highlight: bool = True) -> None:
        """The guides under their topic; while searching, the ranked matches.

        A new search text highlights the best match (``keep_highlight=False``): Enter
        opens what the search ranks first, never what was highlighted before.
        """
        wanted = self.query_one("#filter", CleanInput).value.strip()
        guides = self.query_one("#guides", GuideList)
        if wanted:
            guides.show(self.search_rows(wanted),
                        highlight=guides.highlighted_key if keep_highlight else None)
        else:
            guides.show(self.topic_rows(), highlight=guides.highlighted_key)
        self.show_summary()

    def topic_rows(self) -> list[Row]:
        """Every guide under its topic heading."""
        t = self.t
        index = self.app.index
        rows: list[Row] = []
        for topic, topic_name in index.topics:
            # The engine's topic names, translated the way it translates them.
            group = t.pgettext("topic", topic_name)
            matching = [Row(Content("  ") + label(t.gettext(entry.title)), entry.id)
                        for entry in index.guides if entry.topic == topic]
            if matching:
                rows.append(Row(label(group.upper())))
                rows.extend(matching)
        return rows

    def search_rows(self, wanted: str) -> list[Row]:
        """The guides and symptoms matching ``wanted``, best first; with none, the
        closest symptoms and the diagnosis."""
        t = self.t
        search = self.app.search_index()
        results = search.search(wanted, limit=40)
        rows: list[Row] = []
        if results:
            rows.append(Row(label(t.gettext("Best matches for “{text}”", text=wanted))))
        else:
            rows.append(Row(label(t.gettext(
                "Nothing matches “{text}”. Is it one of these?", text=wanted))))
            results = search.closest_symptoms(wanted)
        titles = {entry.id: entry.title for entry in self.app.index.guides}
        symptoms = {s.id: s for s in search.symptoms}
        for result in results:
            if result.guide not in titles:
                continue
            symptom_id = result.symptom_id()
            if symptom_id is None:
                rows.append(Row(Content("  ") + label(t.gettext(titles[result.guide])),
                                result.guide))
                continue
            text = symptoms[symptom_id].title(t)
            rows.append(Row(
                Content.assemble("  ", ("? ", "bold"), shown(text, one_line=True)),
                result.guide, step=result.step, id=result.key,
            ))
        if not search.search(wanted, limit=1):
            rows.append(Row(Content.assemble(
                "  ", ("▸ ", "bold"), shown(t.gettext("Diagnose this account"), one_line=True)
            ), action="diagnose"))
        return rows

    def show_summary(self) -> None:
        """What the highlighted row does, under the list."""
        t = self.t
        row = self.query_one("#guides", GuideList).highlighted_row
        entries = {entry.id: entry for entry in self.app.index.guides}
        text = ""
        if row is not None and row.action == "diagnose":
            text = t.gettext("Find what blocks this account, and the guide that fixes it.")
        elif row is not None and row.guide_id in entries:
            entry = entries[row.guide_id]
            if row.step is not None:
                text = t.gettext("Opens “{guide}” at the step for this trouble.",
                                 guide=t.gettext(entry.title))
            else:
                text = t.gettext(entry.summary)
        set_content(self.query_one("#guide-summary", Static), literal(text))

    def highlighted_guide(self) -> str | None:
        """The id of the guide the highlighted row opens, if any."""
        return self.query_one("#guides", GuideList).highlighted

    @on(CleanInput.Changed, "#filter")
    def _filter_changed(self) -> None:
        self.fill_guides(keep_highlight=False)

    @on(CleanInput.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self.action_open_highlighted()

    @on(GuideList.Highlighted, "#guides")
    def _guide_highlighted(self) -> None:
        self.show_summary()

    @on(GuideList.Selected, "#guides")
    def _guide_selected(self, event: GuideList.Selected) -> None:
        self.open_row(event.row)

    def action_move(self, delta: int) -> None:
        """Move the highlight from the filter box, so typing and choosing go together."""
        self.query_one("#guides", GuideList).action_move(delta)

    def action_open_highlighted(self) -> None:
        """Open what is highlighted: a guide, a symptom's step, or the diagnosis."""
        row = self.query_one("#guides", GuideList).highlighted_row
        if row is not None:
            self.open_row(row)

    def open_row(self, row: Row) -> None:
        """Do what ``row`` stands for."""
        if row.action == "diagnose":
            self.action_diagnose()
        elif row.guide_id is not None:
            self.app.open_guide(row.guide_id, self.app.simulated, start=row.step)

    def action_clear_or_back(self) -> None:
        """Esc: clear the search; with nothing typed, nothing to go back to."""
        search = self.query_one("#filter", CleanInput)
        if search.value:
            search.value = ""
        search.focus()

    # -- the other actions ------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Start over only once a guide changed the account."""
        if action == "start_over":
            return self.app.simulated != self.app.account.snapshot
        return True

    def action_diagnose(self) -> None:
        """Diagnose the simulated account."""
        self.app.open_diagnosis()

    def action_choose_account(self) -> None:
        """Choose a scenario or a snapshot file to simulate."""
        from assistant.tui.screens.account import AccountScreen

        self.app.push_screen(AccountScreen())

    def action_start_over(self) -> None:
        """Simulate the account as loaded again (what the guides changed is dropped)."""
        if self.app.simulated != self.app.account.snapshot:
            self.app.start_over()
            self.notify(self.t.gettext("Back to the account as loaded: {source}",
                                       source=self.app.account.source(self.t)))

    def action_translator(self) -> None:
        """Open the translator preview."""
        self.app.open_translator()
