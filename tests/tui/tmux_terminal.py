"""A real terminal for tests: commands started in tmux, keys sent, the screen read back.

Shared by the UI tests (``tests/tui``) and the security tests (``tests/security``),
which put this directory on ``sys.path``. Every wait is bounded (:data:`PATIENCE`) and
polls; nothing sleeps for a fixed time.
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

TMUX = shutil.which("tmux")
"""The tmux program, ``None`` where it is not installed (the tests are skipped)."""

needs_tmux = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")
"""Mark for tests that need a real terminal."""

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


def isolated_environment(root: Path) -> dict[str, str]:
    """User directories under ``root`` (never the real ones), English, a common TERM."""
    return {
        "XDG_STATE_HOME": str(root / "state"),
        "XDG_DATA_HOME": str(root / "data"),
        "XDG_CACHE_HOME": str(root / "cache"),
        "XDG_CONFIG_HOME": str(root / "config"),
        "XDG_DOCUMENTS_DIR": str(root / "documents"),
        "LANG": "C.UTF-8",
        "TERM": "xterm-256color",
    }


def wait_until(found: Callable[[], object], what: str) -> object:
    """Poll ``found`` until it returns something true; fail after :data:`PATIENCE`."""
    deadline = time.monotonic() + PATIENCE
    while True:
        result = found()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"never saw {what}")
        time.sleep(POLL)


def _tmux(socket: str, *args: str, check: bool = True) -> str:
    result = subprocess.run(
        [str(TMUX), "-L", socket, *args], capture_output=True, text=True, check=check,
        timeout=10, env={**os.environ, "TMUX": ""},
    )
    return result.stdout


class Terminal:
    """One 80x24 tmux session running one command, on the test's own tmux server."""

    def __init__(self, socket: str, name: str) -> None:
        self.socket = socket
        """The name of the tmux server's socket (``tmux -L``)."""
        self.name = name
        """The tmux session name."""

    def tmux(self, *args: str) -> str:
        """Run a tmux command against the test's server; its standard output."""
        return _tmux(self.socket, *args)

    def clipboard(self) -> list[str]:
        """What programs put in the clipboard through OSC 52 (tmux keeps each as a
        paste buffer: the server runs with ``set-clipboard on``)."""
        names = _tmux(self.socket, "list-buffers", "-F", "#{buffer_name}", check=False)
        return [_tmux(self.socket, "show-buffer", "-b", name) for name in names.split()]

    def screen(self) -> str:
        """What the terminal shows now, as text."""
        return self.tmux("capture-pane", "-p", "-t", self.name)

    def raw_screen(self) -> str:
        """What the terminal shows now, with the escape sequences of its attributes
        (``capture-pane -e``): what a program wrote that the terminal kept."""
        return self.tmux("capture-pane", "-p", "-e", "-t", self.name)

    def press(self, *keys: str) -> None:
        """Send keys (tmux key names)."""
        self.tmux("send-keys", "-t", self.name, *keys)

    def type(self, text: str) -> None:
        """Type ``text`` literally."""
        self.tmux("send-keys", "-t", self.name, "-l", text)

    def pane_pid(self) -> int:
        """The process id of the shell running the command."""
        return int(self.tmux("display-message", "-p", "-t", self.name, "#{pane_pid}"))

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

    def settled(self) -> str:
        """The screen once two readings in a row agree (a step's text can be drawn a
        frame before its scroll bar)."""
        previous = self.screen()
        deadline = time.monotonic() + PATIENCE
        while True:
            time.sleep(POLL)
            current = self.screen()
            if current == previous or time.monotonic() > deadline:
                return current
            previous = current

    def wait_for_text(self, text: str) -> str:
        """Read the screen until it shows ``text``."""
        return self.wait_for(lambda screen: text in screen, repr(text))


@contextmanager
def terminals(root: Path) -> Iterator[Callable[[list[str]], Terminal]]:
    """Start commands in fresh tmux sessions on a tmux server of their own (working
    directory and user directories under ``root``); the server is removed at the end.

    The server accepts OSC 52 clipboard writes from programs (``set-clipboard on``),
    so a test can see whether one ever reached the terminal (:meth:`Terminal.clipboard`).
    """
    socket = f"assistant-test-{uuid.uuid4().hex[:8]}"
    config = root / "tmux.conf"
    config.write_text("set -s set-clipboard on\nset -g history-limit 100\n", encoding="utf-8")
    environment = isolated_environment(root)

    def start(command: list[str]) -> Terminal:
        name = f"s{uuid.uuid4().hex[:6]}"
        exports = " ".join(f"{key}={shlex.quote(value)}" for key, value in environment.items())
        # No ``exec``: the shell stays to print how the command ended.
        script = (
            f"cd {shlex.quote(str(root))} && env -u LC_ALL -u LANGUAGE {exports} "
            f"{shlex.join(command)}; echo EXITED $?; sleep 60"
        )
        _tmux(socket, "-f", str(config), "new-session", "-d", "-s", name,
              "-x", "80", "-y", "24", script)
        return Terminal(socket, name)

    try:
        yield start
    finally:
        path = _tmux(socket, "display-message", "-p", "#{socket_path}", check=False).strip()
        _tmux(socket, "kill-server", check=False)
        if path:
            Path(path).unlink(missing_ok=True)  # tmux leaves the socket file behind


def child_pids(pid: int) -> list[int]:
    """The direct children of process ``pid`` (Linux ``/proc``)."""
    children = Path(f"/proc/{pid}/task/{pid}/children")
    try:
        return [int(part) for part in children.read_text().split()]
    except OSError:
        return []


def kill_hard(pid: int) -> None:
    """``kill -9`` the process ``pid`` (no chance to save or clean anything)."""
    os.kill(pid, signal.SIGKILL)
