"""Served mode: the UI as ``assistant serve`` runs it, one process per browser tab.

The visitor is not on the server's machine, so in this mode the UI never browses or
writes the server's files: an account comes from a scenario or is pasted in the page
(never from a path), and a transcript is sent to the browser as a download
(:meth:`textual.app.App.deliver_text`) instead of being written to disk. The serve
command also starts each session in its own empty directory, with the user
directories (state, data, config, documents) pointed inside it, and removes it when
the tab closes (:mod:`assistant.web.server`).
"""

from __future__ import annotations

import io
import sys
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from textual import events

from assistant.tui.widgets.clean_input import CleanInput

if TYPE_CHECKING:
    from textual.app import App

SERVED_VARIABLE = "ASSISTANT_SERVED"
"""Set to ``1`` by ``assistant serve`` in the environment of each session's process."""


TERMINATED = 128 + 15
"""Exit code after SIGTERM, as the shell reports a process ended by it."""


class NoTerminal(Exception):
    """The full-screen UI was started without a terminal to draw on or read from."""


def has_terminal() -> bool:
    """Whether standard input and output are both a terminal."""
    for stream in (sys.stdin, sys.stdout):
        try:
            if stream is None or not stream.isatty():
                return False
        except (OSError, ValueError):
            return False
    return True


def is_served(environ: Mapping[str, str]) -> bool:
    """Whether this process is a session of ``assistant serve``."""
    return environ.get(SERVED_VARIABLE) == "1"


def transcript_name(stem: str, when: datetime | None = None) -> str:
    """The file name the browser saves a transcript under (letters, digits, ``-``)."""
    stamp = (when or datetime.now()).strftime("%Y%m%d-%H%M%S")
    safe_stem = "".join(c if c.isalnum() or c in "-_" else "-" for c in stem)[:60] or "session"
    return f"assistant-{safe_stem}-{stamp}.md"


def deliver_transcript(app: App[object], text: str, stem: str) -> str:
    """Send ``text`` to the visitor's browser as a Markdown download; return its name.

    Nothing is written on the server: Textual streams the text to the browser.
    """
    name = transcript_name(stem)
    app.deliver_text(io.StringIO(text), save_filename=name, mime_type="text/markdown",
                     encoding="utf-8")
    return name


class PasteBox(CleanInput):
    """The account screen's box in served mode: a pasted snapshot, kept whole.

    A snapshot is several lines of JSON; Textual's ``Input`` keeps only the first line
    of a paste. Here the lines are joined (JSON does not care), and the text is cleaned
    of terminal controls like any typed text.
    """

    def _on_paste(self, event: events.Paste) -> None:
        if event.text:
            self.insert_text_at_cursor(event.text)
        # Input's own handler (called next, by Textual's rule) would add the first line.
        event.prevent_default()
        event.stop()
