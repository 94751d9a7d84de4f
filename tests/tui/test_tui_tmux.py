"""The installed ``assistant`` console script in a real terminal, under tmux.

This is what a person gets: the script started in an 80x24 terminal, keys sent, the
screen read back with ``capture-pane``. Skipped only where tmux is not installed.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from assistant.account.scenarios import scenario_path

TMUX = shutil.which("tmux")
pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")

POLL = 0.1
"""Seconds between two reads of the screen while waiting for something."""
PATIENCE = 30.0
"""Seconds after which a screen that never shows what is awaited fails the test."""


def console_script() -> str:
    """The ``assistant`` script installed next to this Python, else on the PATH."""
    beside = Path(sys.executable).with_name("assistant")
    if beside.exists():
        return str(beside)
    found = shutil.which("assistant")
    if found is None:
        pytest.skip("the assistant console script is not installed")
    return found


class Terminal:
    """One tmux session running one command."""

    def __init__(self, name: str) -> None:
        self.name = name

    def tmux(self, *args: str) -> str:
        result = subprocess.run(
            [str(TMUX), *args], capture_output=True, text=True, check=True, timeout=10
        )
        return result.stdout

    def screen(self) -> str:
        """What the terminal shows now."""
        return self.tmux("capture-pane", "-p", "-t", self.name)

    def press(self, *keys: str) -> None:
        """Send keys (tmux key names, or literal text with ``-l``)."""
        self.tmux("send-keys", "-t", self.name, *keys)

    def type(self, text: str) -> None:
        """Type ``text`` literally."""
        self.tmux("send-keys", "-t", self.name, "-l", text)

    def wait_for(self, found: Callable[[str], bool], what: str) -> str:
        """Read the screen until ``found`` accepts it; fail after :data:`PATIENCE`."""
        deadline = time.monotonic() + PATIENCE
        screen = self.screen()
        while not found(screen):
            if time.monotonic() > deadline:
                raise AssertionError(f"never saw {what}; the screen was:\n{screen}")
            time.sleep(POLL)
            screen = self.screen()
        return screen

    def wait_for_text(self, text: str) -> str:
        """Read the screen until it shows ``text``."""
        return self.wait_for(lambda screen: text in screen, repr(text))


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Callable[[list[str]], Terminal]]:
    """Start commands in fresh 80x24 tmux sessions, removed at the end."""
    started: list[Terminal] = []
    environment = {
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "LANG": "C.UTF-8",
        "TERM": "xterm-256color",
    }

    def start(command: list[str]) -> Terminal:
        name = f"assistant-test-{uuid.uuid4().hex[:8]}"
        exports = " ".join(f"{key}={shlex.quote(value)}" for key, value in environment.items())
        script = (
            f"cd {shlex.quote(str(tmp_path))} && env -u LC_ALL -u LANGUAGE {exports} "
            f"{shlex.join(command)}; echo EXITED $?; sleep 60"
        )
        subprocess.run(
            [str(TMUX), "new-session", "-d", "-s", name, "-x", "80", "-y", "24", script],
            check=True, timeout=10, env={**os.environ, "TMUX": ""},
        )
        session = Terminal(name)
        started.append(session)
        return session

    yield start
    for session in started:
        subprocess.run([str(TMUX), "kill-session", "-t", session.name],
                       capture_output=True, timeout=10)


def test_console_script_walks_a_guide_to_its_outcome_in_a_real_terminal(terminal):
    state = scenario_path("switch-blocked-by-link")
    screen = terminal([console_script(), "--lang", "en", "--state", str(state)])
    screen.wait_for_text("TikTok account assistant")
    screen.wait_for_text("@maison.lune")
    screen.type("switch-to-personal")
    screen.wait_for(
        lambda text: "Switch to a personal account" in text and "ACCOUNT TYPE" in text,
        "the filtered guide list",
    )
    screen.press("Enter")
    shown = screen.wait_for_text("Step 1")
    for _ in range(30):
        if "The guide reached its goal." in shown:
            break
        step = next(line for line in shown.splitlines() if "Step " in line)
        screen.press("1")
        shown = screen.wait_for(lambda text, step=step: step not in text, "the next step")
    else:
        raise AssertionError(f"no outcome after 30 steps:\n{shown}")
    assert "Success" in shown
    assert "Type personal" in shown
    screen.press("C-q")
    screen.wait_for_text("EXITED 0")


def test_language_switch_in_a_real_terminal_keeps_the_step(terminal):
    state = scenario_path("switch-blocked-by-link")
    screen = terminal([console_script(), "--state", str(state), "--guide",
                       "switch-to-personal"])
    screen.wait_for_text("Step 1")
    screen.press("1")
    screen.wait_for_text("Step 2")
    screen.press("F2")
    french = screen.wait_for_text("Étape 2")
    assert "English" in french
    screen.press("F2")
    screen.wait_for_text("Step 2")
    screen.press("C-q")
    screen.wait_for_text("EXITED 0")
