"""The diagnosis of the simulated account: findings, their details, the guide that fixes each."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from assistant.diagnose import Finding, Severity, diagnose
from assistant.i18n.translator import NC_
from assistant.tui.screens.base import AssistantScreen
from assistant.tui.text import literal, shown
from assistant.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from assistant.tui.app import Account

MARKS: dict[Severity, str] = {
    Severity.ERROR: "✖",
    Severity.WARNING: "▲",
    Severity.INFO: "ℹ",
}
"""The mark of each severity (the word is shown too: colour is never the only sign)."""

STYLES: dict[Severity, str] = {
    Severity.ERROR: "bold $text-error",
    Severity.WARNING: "bold $text-warning",
    Severity.INFO: "bold $text-primary",
}


class DiagnoseScreen(AssistantScreen):
    """Findings for one account; Enter opens the guide that fixes the highlighted one."""

    CSS_PATH = "diagnose.tcss"

    AUTO_FOCUS = "#findings"
    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority, so the footer lists it while the findings list has the focus.
        Binding("enter", "open_guide", NC_("key", "Open its guide"), priority=True,
                tooltip=NC_("key help", "Open the guide that fixes the highlighted finding")),
        Binding("d", "diagnose_again", NC_("key", "Diagnose again"),
                tooltip=NC_("key help", "Diagnose the account as the guides left it")),
        Binding("escape", "home", NC_("key", "Home"),
                tooltip=NC_("key help", "Back to the guides")),
        Binding("ctrl+e", "transcript_english", NC_("key", "Transcript in English"),
                show=False,
                tooltip=NC_("key help", "Save the transcript in English, whatever the language")),
        Binding("ctrl+s", "transcript", NC_("key", "Transcript"),
                tooltip=NC_("key help", "Save the account and its diagnosis as Markdown")),
    ]

    def __init__(self, account: Account) -> None:
        super().__init__()
        self.account = account
        """The account diagnosed (its guides start from this snapshot)."""
        self.findings: list[Finding] = diagnose(account.snapshot, mask=True)
        """What the diagnosis found (re-rendered in the language shown)."""

    def compose(self) -> ComposeResult:
        """Heading, the findings, the detail of the highlighted one."""
        yield Static(id="diagnosis-title")
        with Horizontal(id="diagnosis-main"):
            yield OptionList(id="findings", markup=False)
            with VerticalScroll(id="finding-scroll"):
                yield Static(id="finding-detail")
        yield Static(id="diagnosis-summary")
        yield Static(id="transcript-path")
        yield KeyBar()

    def on_mount(self) -> None:
        """The transcript of this session carries the diagnosis."""
        self.app.findings = self.findings

    def relabel(self) -> None:
        """Findings and details in the current language; the highlight is kept."""
        t = self.t
        self.findings = [finding.rendered(t, mask=True) for finding in self.findings]
        self.app.findings = self.findings
        from assistant.diagnose.report import heading

        snapshot = self.account.snapshot
        self.query_one("#diagnosis-title", Static).update(literal(
            heading(snapshot.tiktok.username, snapshot.intent, t, mask=True), "bold",
            one_line=True,
        ))
        self.show_stale()
        findings = self.query_one("#findings", OptionList)
        kept = findings.highlighted
        options = [
            Option(Content.assemble(
                (f"{MARKS[finding.severity]} ", STYLES[finding.severity]),
                shown(finding.title, one_line=True),
            ), id=str(index))
            for index, finding in enumerate(self.findings)
        ]
        if not options:
            options = [Option(literal(t.gettext("No problem found.")), disabled=True)]
        findings.set_options(options)
        if self.findings:
            findings.highlighted = kept if kept is not None and kept < len(options) else 0
        self.show_detail()

    def highlighted_finding(self) -> Finding | None:
        """The finding under the cursor."""
        option = self.query_one("#findings", OptionList).highlighted_option
        if option is None or option.id is None:
            return None
        return self.findings[int(option.id)]

    def show_detail(self) -> None:
        """What is wrong, why it matters, the next step, and the guide that fixes it."""
        t = self.t
        finding = self.highlighted_finding()
        detail = self.query_one("#finding-detail", Static)
        if finding is None:
            detail.update("")
            return
        from assistant.diagnose.report import severity_name

        lines = [
            Content.assemble(
                (shown(f"{MARKS[finding.severity]} {severity_name(finding.severity, t)}",
                       one_line=True), STYLES[finding.severity]),
                f" · {finding.code}",
            ),
            literal(finding.title, "bold"),
            Content(""),
            literal(finding.detail),
            Content(""),
        ]
        if finding.guide is None:
            lines.append(literal(t.gettext("No guide for this one."), "italic"))
        elif finding.guide in self.app.library.guides:
            lines.append(literal(t.gettext(
                "Enter: open the guide “{guide}”",
                guide=self.app.library.title(finding.guide, t),
            ), "italic"))
        else:
            lines.append(literal(t.gettext(
                "Its guide, {guide}, is not available here.", guide=finding.guide
            ), "italic"))
        detail.update(Content("\n").join(lines))

    @on(OptionList.OptionHighlighted, "#findings")
    def _highlighted(self) -> None:
        self.show_detail()

    @on(OptionList.OptionSelected, "#findings")
    def _selected(self) -> None:
        self.action_open_guide()

    def action_open_guide(self) -> None:
        """Open the guide that fixes the highlighted finding, on this account."""
        finding = self.highlighted_finding()
        if finding is None or finding.guide is None:
            return
        if finding.guide in self.app.library.guides:
            self.app.open_guide(finding.guide, self.account.snapshot)

    def action_home(self) -> None:
        """Back to the guides."""
        self.dismiss()

    def action_diagnose_again(self) -> None:
        """Diagnose the account as it is now (a guide may have changed it)."""
        from dataclasses import replace

        self.account = replace(self.account, snapshot=self.app.simulated)
        self.findings = diagnose(self.account.snapshot, mask=True)
        self.relabel()
        self.notify(self.t.gettext("Diagnosed again: {summary}",
                                   summary=self.summary_text()))

    def summary_text(self) -> str:
        """The one-line summary of the findings, in the current language."""
        from assistant.diagnose.report import summary

        return summary(self.findings, self.t)

    def on_screen_resume(self) -> None:
        """Back from a guide: say when the account changed since this diagnosis."""
        self.show_stale()

    def show_stale(self) -> None:
        """The summary line, with a hint when the account changed since."""
        t = self.t
        text = self.summary_text()
        if self.app.simulated != self.account.snapshot:
            text += "\n" + t.gettext(
                "The account changed since this diagnosis: press d to diagnose it again.")
        self.query_one("#diagnosis-summary", Static).update(literal(text))

    def action_transcript(self) -> None:
        """Save the account and its diagnosis as Markdown."""
        self.app.export_transcript(findings=self.findings)

    def action_transcript_english(self) -> None:
        """Save the account and its diagnosis as Markdown, in English."""
        self.app.export_transcript(findings=self.findings, english=True)

    def show_transcript_path(self, path: object) -> None:
        """Keep where the transcript went in view (a toast goes away)."""
        self.query_one("#transcript-path", Static).update(literal(
            self.t.gettext("Transcript saved: {path}", path=str(path)), "italic"))
