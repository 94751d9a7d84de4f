"""The terminal UI: the app shell, what it holds, and the keys that work everywhere.

The app holds the session — the language, the guides, the simulated account, the
progress store — and moves between screens. Screens present; the engine, the
diagnosis and the account layer decide.
"""

from __future__ import annotations

import asyncio
import gc
import os
import signal
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen

from assistant.account.model import Snapshot
from assistant.account.snapshot import default_snapshot
from assistant.i18n.translator import NC_, Translator, get_translator
from assistant.progress_store import ProgressStore, SetAside, account_digest
from assistant.safetext import clean, clean_line
from assistant.tui.keys import translate_bindings
from assistant.tui.library_cache import GuideIndex, LibraryCache, index_of
from assistant.tui.saving import ProgressSaver
from assistant.tui.served import TERMINATED, NoTerminal, has_terminal, is_served
from assistant.tui.themes import HIGH_CONTRAST, register_themes

if TYPE_CHECKING:
    from concurrent.futures import Future

    from textual.notifications import SeverityLevel

    from assistant.account.errors import SnapshotError
    from assistant.diagnose import Finding
    from assistant.engine import GuideLibrary, Runner
    from assistant.search import SearchIndex
    from assistant.tui.settings import Settings


@dataclass(frozen=True)
class Account:
    """The simulated account chosen on the home screen, and where it came from."""

    snapshot: Snapshot
    scenario: str | None = None
    """The scenario it was loaded from, if any."""
    path: str | None = None
    """The snapshot file it was read from, if any."""
    pasted: bool = False
    """Pasted in the page (served mode: no file)."""

    def source(self, t: Translator) -> str:
        """Where the account comes from, in ``t``'s language."""
        if self.pasted:
            return t.gettext("pasted snapshot")
        if self.scenario is not None:
            from assistant.account.scenarios import scenario_title

            return scenario_title(self.scenario, t)
        if self.path is not None:
            return Path(self.path).name
        return t.gettext("example account")


class AssistantApp(App[int]):
    """Guides, diagnosis and translation for TikTok account managers."""

    # Absolute, so that a subclass defined elsewhere (a test, a benchmark) finds it too.
    # The home screen's look comes with the app's: it is the first screen, and a
    # screen's own CSS_PATH would make Textual parse every style sheet twice more
    # before the first frame.
    CSS_PATH: ClassVar = [
        Path(__file__).with_name("app.tcss"),
        Path(__file__).parent / "screens" / "home.tcss",
    ]
    ENABLE_COMMAND_PALETTE = False
    HORIZONTAL_BREAKPOINTS: ClassVar = [(0, "-narrow"), (70, "-normal"), (100, "-wide")]
    VERTICAL_BREAKPOINTS: ClassVar = [(0, "-short"), (18, "-tall")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "app.help", NC_("key", "Help"), priority=True,
                tooltip=NC_("key help", "Show every key")),
        Binding("question_mark", "app.help", NC_("key", "Help"), show=False, priority=True),
        Binding("f2", "app.switch_language", NC_("key", "Language"), priority=True,
                tooltip=NC_("key help", "Switch the language, keeping your place")),
        Binding("f3", "app.toggle_contrast", NC_("key", "Contrast"), priority=True,
                tooltip=NC_("key help", "High-contrast colours on or off")),
        # Pinned at the right end of the key bar, on every screen.
        Binding("ctrl+q", "app.quit", NC_("key", "Quit"), priority=True,
                tooltip=NC_("key help", "Quit (a guide in progress is saved)")),
    ]

    def __init__(
        self,
        lang: str = "en",
        *,
        account: Account | None = None,
        guide_id: str | None = None,
        translator_preview: bool = False,
        library: GuideLibrary | None = None,
        library_cache: LibraryCache | None = None,
        progress_store: ProgressStore | None = None,
        transcript_dir: Path | None = None,
        high_contrast: bool = False,
        refused_state: tuple[str, SnapshotError] | None = None,
        settings: Settings | None = None,
        first_run: bool = False,
        served: bool = False,
    ) -> None:
        super().__init__()
        self.translator: Translator = get_translator(lang)
        """Renders every text; replaced when the language is switched."""
        self._library = library
        self._library_cache = library_cache
        self._library_loading: Future[GuideLibrary] | None = None
        self._library_acted_on = False
        self._saved_progress: tuple[dict[str, object] | None, SetAside | None] = (None, None)
        index = index_of(library) if library is not None else self._cache().index()
        if index is None:
            # No usable index: the guides are loaded now, before the first screen.
            index = index_of(self.library)
        self.index: GuideIndex = index
        """What the home screen lists (the whole library loads in the background)."""
        self.account: Account = account or Account(default_snapshot())
        """The account as loaded (scenario or file): what saved places belong to."""
        self.simulated: Snapshot = self.account.snapshot
        """The account as the guides left it: what home, the diagnosis and new guides
        start from (:meth:`start_over` goes back to :attr:`account`)."""
        self._parked: dict[tuple[str, str | None], Runner] = {}
        self.show_personal_data = False
        """Whether this screen shows emails and phone numbers unmasked (an agent's own
        screen, on request; off by default, and transcripts always mask)."""
        self.progress_store: ProgressStore = progress_store or ProgressStore()
        """Where the guide in progress is saved after every step."""
        self.transcript_dir = transcript_dir
        """Where transcripts are written (``None``: current directory, else user data)."""
        self.fatal_message = ""
        """The one line said after an unexpected error (:meth:`_fatal_error`)."""
        self.findings: list[Finding] | None = None
        """The last diagnosis of this session (added to transcripts)."""
        self.last_transcript: Path | None = None
        """Where the last transcript of this session was written."""
        self.served = served
        """Served to a browser (:mod:`assistant.tui.served`): no server file is opened
        by path, and transcripts are downloads."""
        self._start_guide = guide_id
        self._start_translator = translator_preview
        self.settings = settings
        """Where the language and contrast are remembered (``None``: not remembered)."""
        self.first_run = first_run
        """Whether this is the first start (home then says what the simulation is)."""
        self._high_contrast = high_contrast
        self._refused_state = refused_state
        self._told_save_failed = False
        self._saver = ProgressSaver(self.progress_store)
        self._search: tuple[GuideIndex, SearchIndex] | None = None
        self._account_key: tuple[Account, str] | None = None
        register_themes(self)

    def _cache(self) -> LibraryCache:
        if self._library_cache is None:
            self._library_cache = LibraryCache()
        return self._library_cache

    @property
    def library(self) -> GuideLibrary:
        """The guides that loaded (broken ones are listed by ``assistant check``).

        Loaded in the background once the first screen is up; asking for it before
        then waits for it (or loads it, at start-up without a cache).
        """
        if self._library is None:
            if self._library_loading is not None:
                self._library = self._library_loading.result()
            else:
                self._library = self._cache().library()
        return self._library

    def flush_library(self) -> None:
        """Load the guides now if they are not yet, and act on them (offer to resume)."""
        _ = self.library
        self._library_ready()

    def _load_library_soon(self) -> None:
        """After the first frame: load the engine and the guides on a worker thread."""
        if self._library is not None:
            self._library_ready()
            return
        if self._library_loading is not None:
            return
        from concurrent.futures import ThreadPoolExecutor

        loader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="guides")
        self._library_loading = loader.submit(self._cache().library)
        self._library_loading.add_done_callback(self._loaded_in_background)
        loader.shutdown(wait=False)

    class LibraryLoaded(Message):
        """The guides finished loading in the background."""

    def _loaded_in_background(self, _done: Future[GuideLibrary]) -> None:
        """On the loading thread: tell the app, without waiting for it.

        ``post_message`` is thread-safe and never blocks, so an app that is already
        closing cannot keep this thread (and so the process) waiting.
        """
        self.post_message(self.LibraryLoaded())

    def on_assistant_app_library_loaded(self, _message: LibraryLoaded) -> None:
        """The guides are there."""
        self._library_ready()

    def _library_ready(self) -> None:
        """The guides are there: correct the home list if the cached index was out of
        date, then offer the saved guide (once)."""
        if self._library_acted_on:
            return
        self._library_acted_on = True
        index = index_of(self.library)
        if index != self.index:
            self.index = index
            from assistant.tui.screens.home import HomeScreen

            for screen in self.screen_stack:
                if isinstance(screen, HomeScreen):
                    screen.fill_guides()
        if self._start_guide is None and not self._start_translator:
            self.offer_resume()

    def get_default_screen(self) -> Screen[object]:
        """The home screen: the first screen, and the one the others come back to."""
        from assistant.tui.screens.home import HomeScreen

        screen = HomeScreen()
        # Textual gives a screen its breakpoint classes on its first resize, restyling
        # every widget once more before the first frame; the size is known already.
        screen.update_classes(self.breakpoint_classes(), update=False)
        return screen

    def breakpoint_classes(self) -> dict[str, bool]:
        """The breakpoint classes (``-narrow``, ``-tall``…) of a screen of the app's size,
        by Textual's rule: the largest breakpoint the size reaches."""
        classes: dict[str, bool] = {}
        for value, breakpoints in ((self.size.width, self.HORIZONTAL_BREAKPOINTS),
                                   (self.size.height, self.VERTICAL_BREAKPOINTS)):
            reached = [name for limit, name in sorted(breakpoints or []) if value >= limit]
            classes.update({name: False for _limit, name in breakpoints or []})
            if reached:
                classes[reached[-1]] = True
        return classes

    @property
    def lang(self) -> str:
        """The language shown now (``en`` or ``fr``)."""
        return self.translator.lang

    def run(self, *, headless: bool = False, **options: object) -> int | None:  # type: ignore[override]
        """Run on the terminal; refused with :class:`NoTerminal` when there is none.

        Without a terminal on both standard input and output (``assistant < /dev/null``,
        ``echo 1 | assistant``, a closed stream) Textual would spin reading nothing;
        a session of ``assistant serve`` talks to the browser instead, and a headless
        run (tests, benchmarks) needs none.
        """
        if not headless and not is_served(os.environ) and not has_terminal():
            raise NoTerminal
        code = super().run(headless=headless, **options)  # type: ignore[arg-type]
        if self.fatal_message:
            # After the terminal is given back: one line, at any width.
            try:
                sys.stderr.write(self.fatal_message + "\n")
                sys.stderr.flush()
            except (OSError, ValueError, AttributeError):
                pass
        return code

    def on_load(self) -> None:
        """SIGTERM (``kill``, ``timeout``) ends the app as Ctrl+Q does, so that the
        terminal is given back as it was: main screen, no mouse tracking, cursor on."""
        try:
            asyncio.get_running_loop().add_signal_handler(
                signal.SIGTERM, lambda: self.exit(return_code=TERMINATED)
            )
        except (NotImplementedError, RuntimeError, ValueError):
            pass  # no signal handlers here (not the main thread, or Windows)

    def on_mount(self) -> None:
        """Go where the command line asked, then load the guides in the background."""
        # Only this account's place: another customer's stays on disk for their file.
        envelope, set_aside = self.progress_store.load(self.account_key)
        self._saved_progress = (envelope, set_aside)
        if self._high_contrast:
            self.theme = HIGH_CONTRAST
        translate_bindings(self, self.translator)
        self.call_after_refresh(self._first_screen_shown)
        if self._refused_state is not None:
            # The file asked for cannot be used: say why where another can be chosen,
            # and go on with the example account rather than stop.
            from assistant.tui.screens.account import AccountScreen

            path, problem = self._refused_state
            self.push_screen(AccountScreen(problem=problem, path=path))
        elif self._start_translator:
            self.open_translator()
        elif self._start_guide is not None:
            self.open_guide(self._start_guide, self.account.snapshot)
        if self._library is not None:
            self.call_after_refresh(self._library_ready)
        elif (envelope is not None or set_aside is not None) and len(self.screen_stack) == 1:
            # Something to offer: the guides are needed now, so the question comes
            # before the home screen takes a single key.
            self.flush_library()

    def _fatal_error(self) -> None:
        """An unexpected error: one line for the person, as the command line says it,
        never Textual's traceback (its local variables would show the snapshot's
        addresses and numbers); ``ASSISTANT_DEBUG=1`` keeps the traceback."""
        if os.environ.get("ASSISTANT_DEBUG"):
            super()._fatal_error()
            return
        from assistant.privacy import mask_text

        error = sys.exc_info()[1] or self._exception
        described = type(error).__name__ if error is not None else "Exception"
        if error is not None and str(error):
            described += ": " + mask_text(clean_line(str(error)))[:200]
        self.bell()
        self.fatal_message = "assistant: " + clean_line(self.translator.gettext(
            "internal error ({error}); please report it, with ASSISTANT_DEBUG=1 for details",
            error=described,
        ))
        self._close_messages_no_wait()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Show a notification: always literal text, cleaned of terminal controls.

        Every message here holds translated text and values from files (a path, a
        reason); Textual would draw ``markup=False`` text as it is, controls included.
        """
        super().notify(clean(message), title=clean_line(title), severity=severity,
                       timeout=timeout, markup=False)

    def _first_screen_shown(self) -> None:
        """The first screen is drawn: what start-up put off can start a moment later,
        once that frame has reached the terminal."""
        self.set_timer(0.05, self._after_first_screen)

    def _after_first_screen(self) -> None:
        """Turn the garbage collector back on if start-up turned it off
        (:mod:`assistant.commands.ui` does), then load the guides on a thread while
        the person reads the screen (started earlier, the engine import would hold the
        interpreter while the first frame is still being drawn)."""
        gc.enable()
        if self._library is None:
            self._load_library_soon()

    # -- moving between screens -------------------------------------------------------

    def search_index(self) -> SearchIndex:
        """The search over the listed guides and the symptoms (built when first used)."""
        if self._search is None or self._search[0] != self.index:
            from assistant.search import default_index

            guides = [(entry.id, entry.title, entry.summary) for entry in self.index.guides]
            self._search = (self.index, default_index(guides))
        return self._search[1]

    def open_guide(self, guide_id: str, snapshot: Snapshot, start: str | None = None) -> None:
        """Start ``guide_id`` on ``snapshot`` in a guide screen (at step ``start``)."""
        from assistant.engine import Runner
        from assistant.tui.screens.guide import GuideScreen

        guide = self.library.guides.get(guide_id)
        if guide is None or (start is not None and start not in guide.steps):
            # Listed by an index older than the guides: say so, never fail.
            self.notify(self.translator.gettext("This guide is not available."),
                        severity="warning")
            return
        parked = self._parked.get((guide_id, start))
        if parked is not None and snapshot in (parked.initial, parked.snapshot):
            # Left with Esc: reopening continues where it was.
            parked.translator = self.translator
            self.push_screen(GuideScreen(parked))
            self.save_progress(parked)
            self.notify(self.translator.gettext(
                "Continuing where you left this guide (step {n}); r starts it again.",
                n=parked.view().progress.taken))
            return
        runner = Runner(self.library, guide_id, snapshot, self.translator, start=start)
        self.push_screen(GuideScreen(runner))
        self.save_progress(runner)

    def guide_left(self, runner: Runner) -> None:
        """A guide screen closed: the account is now as the guide left it, and an
        unfinished guide is kept, so that reopening it continues there."""
        key = (runner.guide_id, runner.start)
        if runner.finished:
            self._parked.pop(key, None)
        else:
            self._parked[key] = runner
        if runner.snapshot != self.simulated:
            self.simulated = runner.snapshot
            self._relabel_screens()

    def start_over(self) -> None:
        """Simulate the account as loaded again, forgetting what the guides changed."""
        self.simulated = self.account.snapshot
        self._parked.clear()
        self._relabel_screens()

    def _relabel_screens(self) -> None:
        from assistant.tui.screens.base import Relabel

        for screen in self.screen_stack:
            if isinstance(screen, Relabel):
                screen.relabel()

    @property
    def account_key(self) -> str:
        """The digest of the loaded account: the owner of the places saved now."""
        if self._account_key is None or self._account_key[0] is not self.account:
            self._account_key = (self.account, account_digest(self.account.snapshot))
        return self._account_key[1]

    def resume(self, runner: Runner, notice: str | None = None) -> None:
        """Continue a saved run in a guide screen."""
        from assistant.tui.screens.guide import GuideScreen

        self.push_screen(GuideScreen(runner))
        if notice:
            self.notify(notice, severity="warning")

    def open_diagnosis(self) -> None:
        """Diagnose the current account."""
        from dataclasses import replace

        from assistant.tui.screens.diagnose import DiagnoseScreen

        self.push_screen(DiagnoseScreen(replace(self.account, snapshot=self.simulated)))

    def open_translator(self) -> None:
        """Open the translator preview."""
        from assistant.tui.screens.translator import TranslatorScreen

        self.push_screen(TranslatorScreen())

    def offer_resume(self) -> None:
        """Offer to continue the guide left by the last session, if there is one.

        What was saved is read when the app starts, before this session saves
        anything; it is offered only while the person is still on the home screen.
        """
        from assistant.tui.screens.resume import saved_run

        saved, self._saved_progress = self._saved_progress, (None, None)
        if len(self.screen_stack) > 1:
            return
        found = saved_run(self, *saved)
        if found is None:
            return
        from assistant.tui.screens.resume import ResumeScreen

        self.push_screen(ResumeScreen(*found))

    # -- progress ---------------------------------------------------------------------

    def save_progress(self, runner: Runner) -> None:
        """Save the run (or forget it once it reached its outcome); never fatal.

        The write happens on a background thread (:class:`ProgressSaver`), so a step
        never waits for the disk; leaving the app waits for it.
        """
        if runner.finished:
            self._saver.save(None, account=self.account_key)
        else:
            self._saver.save(runner.to_progress(), account=self.account_key)
        failure = self._saver.failure()
        if failure is not None and not self._told_save_failed:
            self._told_save_failed = True
            self.notify(
                self.translator.gettext(
                    "Your place cannot be saved ({reason}); the guide goes on.",
                    reason=failure.strerror or type(failure).__name__,
                ),
                severity="warning",
            )

    def forget_progress(self) -> None:
        """Forget this account's saved guide (after any save still on its way)."""
        self._saver.save(None, account=self.account_key)

    def flush_progress(self) -> None:
        """Wait until every requested save is on disk."""
        self._saver.flush()

    def on_unmount(self) -> None:
        """Nothing saved is lost when the app ends; the language and contrast are
        remembered for the next start."""
        self._saver.close()
        if self.settings is not None:
            from assistant.tui.settings import Preferences

            self.settings.save(Preferences(lang=self.lang,
                                           high_contrast=self.theme == HIGH_CONTRAST))

    # -- keys that work everywhere ----------------------------------------------------

    def action_help_quit(self) -> None:
        """Ctrl+C: say, in the current language, how to quit (it does not quit: it
        copies in a text box, and a reflex should not lose anyone's place)."""
        t = self.translator
        self.notify(t.gettext("Press Ctrl+Q to quit; your place in a guide is saved."),
                    title=t.gettext("Do you want to quit?"))

    def action_help(self) -> None:
        """Show every key (or close the help when it is open)."""
        from assistant.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
        else:
            self.push_screen(HelpScreen())

    def action_switch_language(self) -> None:
        """Change the language, keeping every screen where it is: with two languages,
        switch to the other; with more, open the picker (every one with a catalogue)."""
        from assistant.i18n.translator import languages

        offered = languages()
        if len(offered) <= 2:
            others = [lang for lang in offered if lang != self.lang]
            self.set_language(others[0] if others else offered[0])
            return
        from assistant.tui.screens.language_picker import LanguagePicker

        def chosen(lang: str | None) -> None:
            if lang:
                self.set_language(lang)

        self.push_screen(LanguagePicker(offered, self.lang), chosen)

    def set_language(self, lang: str) -> None:
        """Show everything in ``lang`` from now on."""
        self.translator = get_translator(lang)
        translate_bindings(self, self.translator)
        from assistant.tui.screens.base import Relabel

        for screen in self.screen_stack:
            if isinstance(screen, Relabel):
                screen.relabel_all()

    def action_toggle_contrast(self) -> None:
        """Switch between the usual theme and the high-contrast one."""
        from assistant.tui.themes import STANDARD

        self.theme = STANDARD if self.theme == HIGH_CONTRAST else HIGH_CONTRAST

    def set_account(self, account: Account) -> None:
        """Simulate ``account`` from now on (the home screen shows it), and offer the
        place saved for it, if there is one."""
        self.account = account
        self.simulated = account.snapshot
        self._parked.clear()
        self._relabel_screens()
        envelope, set_aside = self.progress_store.load(self.account_key)
        if envelope is not None or set_aside is not None:
            self._saved_progress = (envelope, set_aside)
            self.call_after_refresh(self.offer_resume)

    # -- transcript -------------------------------------------------------------------

    def export_transcript(
        self, runner: Runner | None = None, findings: Sequence[Finding] | None = None,
        *, english: bool = False,
    ) -> Path | None:
        """Write the session as Markdown (masked) and say where, for as long as the
        screen stays open; in English when ``english`` (a ticket for a support desk
        abroad), else in the current language."""
        from assistant.transcript import session_markdown, write_transcript

        t = self.translator
        language = get_translator("en") if english else t
        if findings is None and self.findings is not None:
            findings = self.findings
        if findings is not None:
            findings = [finding.rendered(language, mask=True) for finding in findings]
        text = session_markdown(
            language, runner=runner, snapshot=self.simulated, findings=findings,
            when=datetime.now().astimezone(), source=self.account.source(language),
            start=self.account.snapshot,
        )
        stem = runner.guide_id if runner is not None else "diagnosis"
        if self.served:
            from assistant.tui.served import deliver_transcript

            name = deliver_transcript(self, text, stem)
            self.notify(t.gettext("Transcript sent to your browser: {name}", name=name))
            return None
        try:
            path = write_transcript(text, stem, self.transcript_dir)
        except OSError as problem:
            self.notify(
                t.gettext("The transcript could not be saved ({reason}).",
                          reason=problem.strerror or type(problem).__name__),
                severity="error",
            )
            return None
        self.last_transcript = path
        self.notify(t.gettext("Transcript saved: {path}", path=str(path)), timeout=20)
        self.post_message(self.TranscriptSaved(path))
        return path

    class TranscriptSaved(Message):
        """A transcript was written (screens show where, and keep showing it)."""

        def __init__(self, path: Path) -> None:
            self.path = path
            """Where the transcript is."""
            super().__init__()

    def on_assistant_app_transcript_saved(self, message: TranscriptSaved) -> None:
        """Tell the screen on top, which keeps the path in view."""
        show = getattr(self.screen, "show_transcript_path", None)
        if callable(show):
            show(message.path)
