"""A guide, step by step: the text, the answers, the account, where you are.

Every move asks the runner for the next view and updates the same widgets: the
Markdown view, the nine answer buttons and the account panel are relabelled, never
rebuilt. Progress is saved after every move.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Static

from assistant.account.model import Snapshot
from assistant.engine import ChoiceError, Runner, StepView, outcome_label
from assistant.engine.typed import InputError
from assistant.i18n.translator import N_, NC_
from assistant.privacy import mask_text
from assistant.tui.screens.base import AssistantScreen
from assistant.tui.text import literal, set_content, shown
from assistant.tui.widgets.account_panel import AccountPanel
from assistant.tui.widgets.choice_bar import MAX_CHOICES, ChoiceBar
from assistant.tui.widgets.clean_input import CleanInput
from assistant.tui.widgets.key_bar import KeyBar
from assistant.tui.widgets.markdown_scroll import MarkdownScroll

_OUTCOME_MARKS = {"success": "✔", "blocked": "✖", "escalate": "➜"}
"""Drawn with the outcome's name: the colour is never the only sign."""

_FINISHED_ACTIONS = ("transcript", "restart", "home")

_INPUT_HINTS = {
    "email": N_("Type the email address, then Enter (for example name@example.com)"),
    "phone": N_("Type the phone number, then Enter (for example +33 6 12 34 56 78)"),
    "username": N_("Type the TikTok username, then Enter (for example maison.lune)"),
}
"""What the text box of an ``input`` step says while empty."""

NARROW_WIDTH = 70
"""Below this many columns the account panel is hidden (``-narrow``); ``a`` shows it."""
"""What the answer buttons offer once the guide has reached its outcome."""


class GuideScreen(AssistantScreen):
    """Plays one guide with a :class:`Runner`."""

    CSS_PATH = "guide.tcss"

    AUTO_FOCUS = "ChoiceBar Button"
    BINDINGS: ClassVar[list[BindingType]] = [
        # The buttons show their own number, so the footer keeps its room for the rest;
        # the help screen lists 1-9.
        *(
            Binding(str(n), f"choose({n})", NC_("key", "Choose"), show=False,
                    tooltip=NC_("key help", "Choose the answer with this number"))
            for n in range(1, MAX_CHOICES + 1)
        ),
        Binding("a", "account_overlay", NC_("key", "Account"),
                tooltip=NC_("key help", "Show the simulated account (narrow terminals)")),
        Binding("b", "back", NC_("key", "Back"),
                tooltip=NC_("key help", "Previous step, with the account as it was there")),
        Binding("r", "restart", NC_("key", "Restart"),
                tooltip=NC_("key help", "Start the guide again on the same account")),
        Binding("escape", "home", NC_("key", "Home"),
                tooltip=NC_("key help", "Back to the guides (your place stays saved)")),
        Binding("pageup", "scroll_body(-1)", NC_("key", "Scroll"), show=False,
                tooltip=NC_("key help", "Scroll the step's text")),
        Binding("pagedown", "scroll_body(1)", NC_("key", "Scroll"), show=False,
                tooltip=NC_("key help", "Scroll the step's text")),
        Binding("ctrl+e", "transcript_english", NC_("key", "Transcript in English"),
                show=False,
                tooltip=NC_("key help", "Save the transcript in English, whatever the language")),
        Binding("ctrl+s", "transcript", NC_("key", "Transcript"),
                tooltip=NC_("key help", "Save the session as Markdown for a support ticket")),
        Binding("p", "toggle_personal", NC_("key", "Unmask"),
                tooltip=NC_("key help", "Show or hide emails and phone numbers on your screen "
                            "(hidden by default; transcripts always hide them)")),
    ]

    def __init__(self, runner: Runner) -> None:
        super().__init__()
        self.runner = runner
        """Plays the guide; the screen only shows what it says."""
        self.view: StepView | None = None
        """What is shown now."""
        self.previous: Snapshot | None = None
        """The account before the last move (to mark what changed)."""
        self._keys_shown: tuple[int, bool, bool] | None = None
        self._transcript: object | None = None
        self._before_restart: list[int | str] = []
        """The answers given before the last restart, while ``b`` can still undo it."""
        self._input_step: tuple[str, str, int] | None = None

    def compose(self) -> ComposeResult:
        """Breadcrumb and progress, the step, the account panel, the answers."""
        with Horizontal(id="guide-top"):
            yield Static(id="crumbs")
            yield Static(id="progress")
        yield Static(id="subguide-note")
        with Horizontal(id="guide-main"):
            with Vertical(id="step-pane"):
                yield Static(id="step-title")
                yield Static(id="outcome")
                yield MarkdownScroll(id="step-body", mask=True)
                yield CleanInput(id="answer-input")
                yield Static(id="input-error")
                yield ChoiceBar(id="choices")
                yield Static(id="transcript-path")
            yield AccountPanel(id="account")
        yield KeyBar()

    def relabel(self) -> None:
        """Show the current step in the current language (the place is kept)."""
        self.runner.translator = self.t
        self.show_step()
        line = self.query_one("#transcript-path", Static)
        line.display = self._transcript is not None
        if self._transcript is not None:
            self.show_transcript_path(self._transcript)

    # -- showing ----------------------------------------------------------------------

    def show_step(self) -> None:
        """Update every widget from the runner's current view."""
        t = self.t
        view = self.view = self.runner.view()
        trail = " › ".join(crumb.title for crumb in view.trail)
        set_content(self.query_one("#crumbs", Static), literal(trail, "bold", one_line=True),
                    layout=False)
        set_content(self.query_one("#progress", Static), literal(self.progress_text(view)))
        inside = len(view.trail) > 1
        # ``display`` rather than a class on the screen: a screen class restyles every
        # widget, and a step change should only touch what it changes.
        note = self.query_one("#subguide-note", Static)
        note.display = inside
        if inside:
            set_content(note, literal(t.gettext(
                "A guide within “{guide}”: when it ends, you go back there.",
                guide=view.trail[-2].title,
            )))
        masked = not self.app.show_personal_data
        hide = mask_text if masked else str
        set_content(self.query_one("#step-title", Static),
                    literal(hide(view.title), "bold", one_line=True))
        self.show_outcome(view)
        body = self.query_one("#step-body", MarkdownScroll)
        if body.mask != masked:
            body.mask = masked
            body.update("")
        body.update(view.body)
        if view.finished:
            extra = self.ending_markdown()
            if extra:
                body.update(view.body + "\n\n" + extra)
        self.show_input(view)
        choices = self.query_one("#choices", ChoiceBar)
        if view.finished:
            labels = [t.gettext("Save the transcript"), t.gettext("Start this guide again"),
                      t.gettext("Back to the guides")]
            following = self.next_guide
            if following is not None:
                labels.append(t.gettext("Next: {guide}",
                                        guide=self.app.library.title(following, t)))
            choices.show(labels)
        else:
            choices.show([hide(choice) for choice in view.choices])
        self.query_one("#account", AccountPanel).show_account(
            self.runner.snapshot, t, self.previous, t.gettext("Simulated account"),
            mask=masked,
        )
        keys = (len(view.choices), view.finished, view.can_go_back or bool(self._before_restart))
        if keys != self._keys_shown:
            # Only then: refreshing the bindings rebuilds the footer.
            self._keys_shown = keys
            self.refresh_bindings()

    def show_input(self, view: StepView) -> None:
        """The text box of an ``input`` step (hidden on every other step)."""
        box = self.query_one("#answer-input", CleanInput)
        error = self.query_one("#input-error", Static)
        asks = view.input is not None and not view.finished
        if box.display != asks:
            box.display = asks
            error.display = False
        if asks:
            box.placeholder = self.t.gettext(_INPUT_HINTS.get(view.input or "", ""))
            if self._input_step != (view.guide, view.step, view.progress.taken):
                box.value = ""
                error.display = False
                box.focus()
        self._input_step = (view.guide, view.step, view.progress.taken) if asks else None

    @on(Input.Submitted, "#answer-input")
    def _typed(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            before = self.runner.snapshot
            self.runner.answer_text(event.value)
        except InputError as refused:
            error = self.query_one("#input-error", Static)
            set_content(error, literal(refused.render(self.t)))
            error.display = True
            # What was typed stays to be corrected, selected: typing again replaces it.
            event.input.select_all()
            return
        except ChoiceError:
            return
        self._before_restart = []
        self.previous = before
        self.app.save_progress(self.runner)
        self.show_step()
        self.query_one("#choices", ChoiceBar).keep_focus()

    @property
    def next_guide(self) -> str | None:
        """The guide the ending offers next (see :func:`~assistant.engine.verdict.next_guide`)."""
        from assistant.engine.verdict import next_guide

        return next_guide(self.runner) if self.runner.finished else None

    def ending_markdown(self) -> str:
        """What the diagnosis says now, what changed, and the hand-over, at the end."""
        from assistant.diagnose import diagnose
        from assistant.engine.verdict import changed, handoff, verdict

        t = self.t
        lines: list[str] = []
        result = verdict(self.runner)
        if result is not None and (result.before or result.after):
            titles = {f.code: f.title for f in diagnose(self.runner.initial, result.intent, t)}
            titles.update({f.code: f.title for f in diagnose(self.runner.snapshot,
                                                               result.intent, t)})
            lines.append("**" + t.gettext("What the diagnosis finds now") + "**")
            lines.append("")
            for code in result.cleared:
                lines.append("- ✔ " + t.gettext("Cleared: {finding}", finding=titles[code]))
            for code in result.remaining:
                lines.append("- ✖ " + t.gettext("Still there: {finding}", finding=titles[code]))
            for code in result.new:
                lines.append("- ✖ " + t.gettext("New: {finding}", finding=titles[code]))
            lines.append("")
        if not changed(self.runner):
            lines.append(t.gettext("Nothing in the account was changed."))
            lines.append("")
        text = handoff(self.runner, t)
        if text:
            lines.append(text)
        return "\n".join(lines).strip()

    @property
    def inside_sub_guide(self) -> bool:
        """Whether the step shown belongs to a sub-guide."""
        return self.view is not None and len(self.view.trail) > 1

    @property
    def at_end(self) -> bool:
        """Whether the step shown is an end step (of the guide or of a sub-guide)."""
        return self.view is not None and self.view.outcome is not None

    def progress_text(self, view: StepView) -> str:
        """"Step 3 · about 2 left", or the end.

        What is left is counted on the way to success while success can still be
        reached: the shortest way to *any* outcome is often an early exit ("keep it
        linked" ends at once) and would promise the person an end that is not theirs.
        """
        t = self.t
        progress = view.progress
        if view.kind == "end":
            return t.gettext("Step {n} · end", n=progress.taken)
        left = progress.to_success if progress.to_success is not None else progress.remaining
        # Translators: {step} is the number of the step shown, {n} how many are left.
        return t.ngettext("Step {step} · about {n} step left",
                          "Step {step} · about {n} steps left", left, step=progress.taken)

    def show_outcome(self, view: StepView) -> None:
        """The outcome banner on an end step (also the end of a sub-guide)."""
        outcome = view.outcome
        banner = self.query_one("#outcome", Static)
        banner.display = outcome is not None
        if outcome is None:
            return
        for name in _OUTCOME_MARKS:
            banner.set_class(outcome == name, f"-{name}")
        t = self.t
        if view.finished:
            what = {
                "success": t.gettext("The guide reached its goal."),
                "blocked": t.gettext("This cannot go on for now: why, and what to do, below."),
                "escalate": t.gettext(
                    "Someone else has to take it from here: who, and how, below."
                ),
            }.get(outcome, "")
        else:
            what = t.gettext("This part ends here; continue to go back to “{guide}”.",
                             guide=view.returns_to or "")
        head = f"{_OUTCOME_MARKS.get(outcome, '')} {outcome_label(outcome, t)}"
        set_content(banner, Content.assemble((shown(head, one_line=True), "bold"), " — ",
                                             shown(what, one_line=True)))

    # -- moving -----------------------------------------------------------------------

    def move(self, how: str, number: int = 0) -> None:
        """Answer, go back or restart, then show the new step and save the place."""
        before = self.runner.snapshot
        undone: list[int | str] | None = None
        try:
            if how == "answer":
                self.runner.answer(number)
            elif how == "back":
                if not self.runner.back():
                    if not self._before_restart:
                        return
                    # Back from the first step after a restart: the restart is undone.
                    undone, self._before_restart = self._before_restart, []
                    for answer in undone:
                        self.runner.give(answer)
            else:
                answers = list(self.runner.answers)
                if not answers:
                    return
                self.runner.restart()
                self._before_restart = answers
        except ChoiceError:
            return
        if how == "answer":
            self._before_restart = []
        self.previous = before
        self.app.save_progress(self.runner)
        self.show_step()
        self.query_one("#choices", ChoiceBar).keep_focus()
        t = self.t
        if how == "restart":
            self.app.notify(t.gettext(
                "Started again from the first step. Press b to go back to step {n}.",
                n=len(self._before_restart) + 1))
        elif undone is not None:
            self.app.notify(t.gettext("Restart undone: back at step {n}.",
                                      n=self.runner.view().progress.taken))

    def action_choose(self, number: int) -> None:
        """Answer with choice ``number`` (or, at the end, one of the closing actions)."""
        view = self.view
        if view is None:
            return
        if view.finished:
            actions = self.finished_actions
            if 1 <= number <= len(actions):
                self.closing_action(actions[number - 1])
            return
        if 1 <= number <= len(view.choices):
            self.move("answer", number)

    @property
    def finished_actions(self) -> tuple[str, ...]:
        """What the answers offer once the guide has ended (the next guide first)."""
        # The way on comes last, so that 1, 2 and 3 always mean the same at an ending.
        if self.next_guide is not None:
            return (*_FINISHED_ACTIONS, "next")
        return _FINISHED_ACTIONS

    def closing_action(self, name: str) -> None:
        """One of the closing actions offered once the guide has ended."""
        if name == "next":
            following = self.next_guide
            self.app.guide_left(self.runner)
            self.dismiss()
            if following is not None:
                self.app.open_guide(following, self.runner.snapshot)
        elif name == "transcript":
            self.action_transcript()
        elif name == "restart":
            self.action_restart()
        else:
            self.action_home()

    @on(ChoiceBar.Chosen)
    def _chosen(self, event: ChoiceBar.Chosen) -> None:
        self.action_choose(event.number)

    def action_back(self) -> None:
        """Go back to the previous step, the account as it was there."""
        self.move("back")

    def action_restart(self) -> None:
        """Start the guide again on the account it started from."""
        self.move("restart")

    def action_home(self) -> None:
        """Back to the guides; the place stays saved (and reopening continues there)
        until the guide ends, and the account stays as the guide left it."""
        self.app.guide_left(self.runner)
        self.dismiss()

    def action_scroll_body(self, direction: int) -> None:
        """Page the step's text up or down while the focus stays on the answers."""
        body = self.query_one("#step-body", MarkdownScroll)
        if direction < 0:
            body.scroll_page_up(animate=False)
        else:
            body.scroll_page_down(animate=False)

    def action_account_overlay(self) -> None:
        """The account panel over the step (where the terminal is too narrow for it)."""
        from assistant.tui.screens.account_overlay import AccountOverlay

        self.app.push_screen(AccountOverlay(self.runner.snapshot, self.previous,
                                            mask=not self.app.show_personal_data))

    def action_toggle_personal(self) -> None:
        """Show or hide personal data on this screen (never in a transcript)."""
        self.app.show_personal_data = not self.app.show_personal_data
        self.show_step()
        t = self.t
        self.app.notify(t.gettext("Personal data shown on your screen (p hides it).")
                        if self.app.show_personal_data
                        else t.gettext("Personal data hidden."))

    def on_resize(self) -> None:
        """The account key is offered only where the panel does not fit."""
        self.refresh_bindings()

    def action_transcript(self) -> None:
        """Save the session as Markdown and say where."""
        self.app.export_transcript(self.runner)

    def action_transcript_english(self) -> None:
        """Save the session as Markdown in English, whatever the language shown."""
        self.app.export_transcript(self.runner, english=True)

    def show_transcript_path(self, path: object) -> None:
        """Keep where the transcript went in view (a toast goes away)."""
        line = self.query_one("#transcript-path", Static)
        set_content(line, literal(self.t.gettext("Transcript saved: {path}", path=str(path)),
                                  "italic"))
        line.display = True
        self._transcript = path

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Number keys only for the answers there are; Back greyed at the first step."""
        view = self.view
        if view is None:
            return True
        if action == "choose":
            count = len(self.finished_actions) if view.finished else len(view.choices)
            return bool(parameters) and int(str(parameters[0])) <= count
        if action == "back":
            return True if view.can_go_back or self._before_restart else None
        if action == "account_overlay":
            return self.app.size.width < NARROW_WIDTH
        return True
