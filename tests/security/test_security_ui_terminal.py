"""The installed ``assistant`` in a real terminal (tmux) with hostile snapshots, and
killed with ``kill -9`` in the middle of a guide.

What is read back is what a person would see: the pane as text, the pane with its
escape sequences (``capture-pane -e``), and tmux's paste buffers, where any OSC 52
clipboard write from the program would land. Skipped only where tmux is absent.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from security_support import CLICK, OSC52, raw_controls, snapshot_json

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tui"))
from tmux_terminal import (  # noqa: E402  (found through the line above)
    Terminal,
    child_pids,
    console_script,
    kill_hard,
    needs_tmux,
    terminals,
    wait_until,
)

from assistant.account.scenarios import scenario_path  # noqa: E402

pytestmark = needs_tmux

ESCAPE_IN_TEXT = "\x1b]"
"""The start of an OSC sequence (OSC 52 among them)."""


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Callable[[list[str]], Terminal]]:
    """Commands in 80x24 tmux sessions whose user directories are under ``tmp_path``."""
    with terminals(tmp_path) as start:
        yield start


def state_file(tmp_path: Path, name: str, username: str) -> Path:
    """A snapshot file whose TikTok username is ``username`` (JSON-escaped as needed)."""
    path = tmp_path / name
    path.write_text(snapshot_json(username=username), encoding="utf-8")
    return path


def no_trace_of_the_terminal_controls(screen: Terminal) -> None:
    """Nothing the program drew carries a control, and nothing reached the clipboard."""
    assert ESCAPE_IN_TEXT not in screen.raw_screen()
    assert raw_controls(screen.screen().replace("\n", "")) == []
    assert screen.clipboard() == []


def test_the_terminal_would_catch_an_osc52_write(terminal):
    # The check below is only worth something if an OSC 52 write does show up.
    screen = terminal(["printf", "\x1b]52;c;SGVsbG8=\x07"])
    screen.wait_for_text("EXITED 0")
    assert screen.clipboard() == ["Hello"]


def test_an_osc52_username_is_refused_on_screen_and_the_app_keeps_running(terminal, tmp_path):
    state_file(tmp_path, "osc52.json", OSC52 + CLICK)
    # Relative to the terminal's working directory (tmp_path): the line stays short.
    screen = terminal([console_script(), "--lang", "en", "--state", "osc52.json"])
    shown = screen.wait_for_text("osc52.json: tiktok.username: contains a control")
    assert "Choose the account to simulate" in shown
    no_trace_of_the_terminal_controls(screen)
    # Still running: Escape keeps the account in use (the example one) and goes home.
    screen.press("Escape")
    home = screen.wait_for_text("Simulated account: @maison.lune")
    assert "example account" in home and "EXITED" not in home
    no_trace_of_the_terminal_controls(screen)
    screen.press("C-q")
    screen.wait_for_text("EXITED 0")


def test_a_click_markup_username_is_shown_literally_and_the_app_keeps_running(
    terminal, tmp_path
):
    state_file(tmp_path, "click.json", CLICK)
    screen = terminal([console_script(), "--lang", "en", "--state", "click.json"])
    shown = screen.wait_for_text(f"Simulated account: @{CLICK}")
    assert "click.json" in shown
    screen.type("personal")
    shown = screen.wait_for(lambda text: "Switch to a personal account" in text
                            and "Link your TikTok" not in text, "the filtered list")
    screen.press("Enter")
    shown = screen.wait_for_text("Step 1")
    assert f"@{CLICK}" in shown  # the account panel
    no_trace_of_the_terminal_controls(screen)
    screen.press("C-q")
    screen.wait_for_text("EXITED 0")


def progress_answers(root: Path) -> list[int] | None:
    """The answers in the saved progress file under ``root``'s state directory."""
    path = root / "state" / "tiktok-account-assistant" / "progress.json"
    try:
        # The most recent place comes first.
        return json.loads(path.read_text(encoding="utf-8"))["places"][0]["progress"]["answers"]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _without_scroll_bars(text: str) -> str:
    """The screen with block elements (scroll bar thumbs, U+2580–U+259F) as spaces."""
    return "".join(" " if "\u2580" <= c <= "\u259f" else c for c in text)


def test_kill_9_right_after_a_step_resumes_at_that_step_with_the_same_account(
    terminal, tmp_path
):
    linked = scenario_path("switch-blocked-by-link")
    first = terminal([console_script(), "--lang", "en", "--state", str(linked),
                      "--guide", "switch-to-personal"])
    first.wait_for_text("Step 1")
    first.press("1")
    before = first.wait_for(lambda text: "Step 2" in text, "the second step")
    # The step is on screen; now until it is on disk (written right after each step).
    wait_until(lambda: progress_answers(tmp_path) == [1], "the step in the progress file")
    before = first.settled()  # the scroll bar can come a frame after the text
    (app,) = child_pids(first.pane_pid())
    kill_hard(app)
    first.wait_for_text("EXITED 137")

    # The same customer's file: a saved place is only offered for its own account.
    second = terminal([console_script(), "--lang", "en", "--state", str(linked)])
    second.wait_for_text("Continue where you were?")
    second.press("1")
    second.wait_for_text("Step 2")
    after = second.settled()
    # The step, its title and text, the account panel, the keys; a scroll bar's thumb
    # may be drawn a frame later in one run than in the other: it is not compared.
    assert _without_scroll_bars(after) == _without_scroll_bars(before)
    assert "@maison.lune" in after and "linked" in after
    second.press("C-q")
    second.wait_for_text("EXITED 0")
