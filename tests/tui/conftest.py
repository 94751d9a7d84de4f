"""Fixtures for the UI tests: an isolated session and a deterministic screen.

Every test gets its own state, data and working directory (progress and transcripts
never touch the real ones), and text inputs do not blink, so screenshots taken at any
moment are the same.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input

from assistant.account.scenarios import load_scenario
from assistant.engine import GuideLibrary, load_guides
from assistant.progress_store import ProgressStore
from assistant.tui.app import Account, AssistantApp

_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)  # for ``tui_helpers``

LINKED_EXAMPLE = "switch-blocked-by-link"
"""The linked business account that cannot switch to personal yet (the issue's example)."""


@pytest.fixture(autouse=True)
def isolated_session(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """User directories and the working directory inside the test's own folder."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(tmp_path / "documents"))
    # The transcripts' last resort is a folder in the system's temporary directory
    # (made only when used: listings of tmp_path stay as they were).
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE", "ASSISTANT_GUIDES_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(autouse=True)
def no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """Inputs keep a steady cursor: blinking would make screenshots depend on timing."""
    original = Input.__init__

    def steady(self: Input, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        self.set_reactive(Input.cursor_blink, False)

    monkeypatch.setattr(Input, "__init__", steady)


@pytest.fixture
def progress_path(tmp_path: Path) -> Path:
    """Where the progress of the test's session is saved."""
    return tmp_path / "state" / "progress.json"


@pytest.fixture(scope="session")
def guide_library() -> GuideLibrary:
    """The shipped guides, loaded once for the whole session (they are never changed)."""
    return load_guides()


@pytest.fixture
def make_app(
    tmp_path: Path, progress_path: Path, guide_library: GuideLibrary
) -> Callable[..., AssistantApp]:
    """Build an app on a scenario (the linked example unless told otherwise).

    The guides are the session's; pass ``library=None`` to have the app load them
    itself, in the background, as it does when started from the command line.
    """

    def build(
        lang: str = "en", scenario: str | None = LINKED_EXAMPLE, **options: Any
    ) -> AssistantApp:
        if scenario is not None and "account" not in options:
            options["account"] = Account(load_scenario(scenario), scenario=scenario)
        options.setdefault("library", guide_library)
        options.setdefault("progress_store", ProgressStore(progress_path))
        options.setdefault("transcript_dir", tmp_path / "transcripts")
        return AssistantApp(lang=lang, **options)

    return build
