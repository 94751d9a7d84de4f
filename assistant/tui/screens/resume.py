"""Offering to continue the guide that was left in progress."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static

from assistant.i18n.translator import NC_
from assistant.tui.screens.base import AssistantModal
from assistant.tui.text import literal
from assistant.tui.widgets.choice_bar import ChoiceBar
from assistant.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from assistant.engine import Notice, Runner
    from assistant.i18n.translator import Translator
    from assistant.progress_store import SetAside
    from assistant.tui.app import AssistantApp


def saved_run(
    app: AssistantApp, envelope: dict[str, Any] | None, set_aside: SetAside | None
) -> tuple[Runner, Notice | None] | None:
    """The run of the saved ``envelope`` (from the progress store), replayed, if usable.

    An unreadable file (``set_aside``, or progress that no longer fits) is set aside
    with a warning; it never stops the app.
    """
    t = app.translator
    if envelope is None and set_aside is None:
        return None
    from assistant.engine import ProgressError, from_progress

    problem = set_aside.reason if set_aside is not None else None
    runner = notice = None
    if envelope is not None:
        try:
            runner, notice = from_progress(envelope["progress"], app.library, t)
        except ProgressError as error:
            set_aside = app.progress_store.set_aside(str(error), app.account_key)
            problem = str(error)
        except (ValueError, TypeError, LookupError, RecursionError) as error:
            # A file from elsewhere that the engine did not foresee: still never fatal.
            problem = f"not usable progress ({type(error).__name__})"
            set_aside = app.progress_store.set_aside(problem, app.account_key)
    if problem is not None:
        app.notify(set_aside_warning(t, problem, set_aside), severity="warning")
    if runner is None:
        return None
    return runner, notice


def set_aside_warning(t: Translator, problem: str, set_aside: SetAside | None) -> str:
    """What happened to a saved place that could not be used, as it happened: "set
    aside" only when it was moved.

    The reason may quote the saved snapshot (an email, a phone number), so it is
    masked; the path is the program's own and stays whole.
    """
    from assistant.privacy import mask_text

    if set_aside is None:
        return t.gettext("Your saved place could not be used ({reason}).",
                         reason=mask_text(problem))
    if not set_aside.moved:
        return t.gettext(
            "Your saved place could not be used ({reason}) nor moved aside ({problem}); "
            "it stays in {path}, unused.",
            reason=mask_text(problem), problem=set_aside.problem, path=str(set_aside.path))
    return t.gettext("Your saved place could not be used ({reason}); it was set aside: {path}",
                     reason=mask_text(problem), path=str(set_aside.path))


class ResumeScreen(AssistantModal[None]):
    """Continue where you were (1), start afresh (2), or not now (3, Esc).

    Only offered for the account the place was saved for; "not now" keeps the place.
    """

    CSS_PATH = "dialogs.tcss"

    AUTO_FOCUS = "ChoiceBar Button"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "resume", NC_("key", "Continue")),
        Binding("2", "forget", NC_("key", "Start afresh")),
        Binding("3", "not_now", NC_("key", "Not now"), show=False),
        Binding("escape", "not_now", NC_("key", "Not now"),
                tooltip=NC_("key help", "Go to the guides; the saved place is kept")),
    ]

    def __init__(self, runner: Runner, notice: Notice | None) -> None:
        super().__init__()
        self.runner = runner
        """The replayed run, at the saved place."""
        self.notice = notice
        """Why the run starts again from the beginning, if it does."""

    def compose(self) -> ComposeResult:
        """The question and the two answers."""
        with Vertical(id="resume-frame"):
            yield Static(id="resume-title")
            yield Static(id="resume-text")
            yield ChoiceBar(id="resume-choices")
        yield KeyBar()

    def relabel(self) -> None:
        """The question in the current language."""
        t = self.t
        self.runner.translator = t
        view = self.runner.view()
        self.query_one("#resume-title", Static).update(
            literal(t.gettext("Continue where you were?"), "bold", one_line=True)
        )
        from assistant.privacy import mask_text
        from assistant.safetext import clean_line

        account = self.app.account
        text = t.gettext(
            "On the account @{username} ({source}), you were in the guide “{guide}”, "
            "at step {n}: “{step}”.",
            username=clean_line(account.snapshot.tiktok.username),
            source=clean_line(account.source(t)),
            guide=self.app.library.title(self.runner.guide_id, t), n=view.progress.taken,
            step=mask_text(view.title),
        )
        if self.notice is not None:
            text += "\n\n" + self.notice.render(t)
        self.query_one("#resume-text", Static).update(literal(text))
        self.query_one("#resume-choices", ChoiceBar).show(
            [t.gettext("Continue where I was"), t.gettext("Start afresh (forget that place)"),
             t.gettext("Not now (keep it for later)")]
        )

    @on(ChoiceBar.Chosen)
    def _chosen(self, event: ChoiceBar.Chosen) -> None:
        if event.number == 1:
            self.action_resume()
        elif event.number == 2:
            self.action_forget()
        else:
            self.action_not_now()

    def action_resume(self) -> None:
        """Open the guide at the saved place."""
        self.dismiss()
        self.app.resume(self.runner)

    def action_not_now(self) -> None:
        """Go to the guides; the saved place stays for the next time."""
        self.dismiss()

    def action_forget(self) -> None:
        """Forget the saved place and stay on the guides."""
        self.app.forget_progress()
        self.dismiss()
