"""Running ``assistant serve`` for a test, and reading what a browser tab shows.

The page draws the terminal on a canvas, so there is no text in the DOM to read. An
init script records what the tab's websocket receives — the terminal output the app
sends — with the escape sequences taken out: waiting for a text means waiting until
the app has drawn it in that tab.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
"""Debian's chromium (Playwright's own browser download is not used)."""


def missing_browser_packages() -> str | None:
    """Why the browser tests cannot run here, or ``None`` when they can."""
    if importlib.util.find_spec("textual_serve") is None:
        return "textual-serve is not installed (pip install '.[web]')"
    if importlib.util.find_spec("playwright") is None:
        return "playwright is not installed (pip install '.[test]')"
    if not (Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)):
        return f"no {CHROMIUM} (apt-get install chromium)"
    return None


needs_browser = pytest.mark.skipif(
    missing_browser_packages() is not None, reason=str(missing_browser_packages())
)
"""Skip, saying which package is missing, when a real browser cannot be driven."""

RECORD_SCREEN = r"""
(() => {
  const Native = window.WebSocket;
  const decoder = new TextDecoder();
  const strip = (text) => text
    .replace(/\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g, "")
    .replace(/\x1b\[[0-9;?<>=:]*[ -\/]*[@-~]/g, "")
    .replace(/\x1b[@-_]/g, "");
  window.__shown = "";
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        if (typeof event.data !== "string") {
          window.__shown += strip(decoder.decode(new Uint8Array(event.data), {stream: true}));
        }
      });
    }
  };
})();
"""
"""Keeps, in ``window.__shown``, the text the app has sent to the tab so far."""

WAIT_MS = 30_000
"""How long a wait for a text may take before the test fails (never a pause)."""


def mark(page) -> int:
    """Where the tab's output is now: :func:`wait_for_text` can look only past it."""
    return page.evaluate("window.__shown.length")


def wait_for_text(page, text: str, since: int = 0) -> None:
    """Wait until the app has drawn ``text`` in ``page``'s terminal (after ``since``)."""
    from playwright.sync_api import TimeoutError as Timeout

    try:
        page.wait_for_function(
            "([text, since]) => window.__shown.indexOf(text, since) >= 0",
            arg=[text, since], timeout=WAIT_MS)
    except Timeout:
        raise AssertionError(f"{text!r} never shown; the end of what was:\n"
                             f"{shown(page)[-2000:]}") from None


def shown(page) -> str:
    """Everything the app has drawn in the tab so far, escape sequences removed."""
    return page.evaluate("window.__shown")


def free_port() -> int:
    """A port nothing listens on now, on the loopback address."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Served:
    """A running ``assistant serve`` and the directories it must leave alone."""

    process: subprocess.Popen[str]
    url: str
    cwd: Path
    """Its working directory: nothing may be written there."""
    home: Path
    """Its user's home and user directories: nothing may be written there either."""
    tmp: Path
    """Its ``TMPDIR``: the run's own directory lives there, and is removed at the end."""

    def stop(self) -> tuple[int, str, str]:
        """Ctrl+C, then the exit code and what it printed."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            out, err = self.process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            out, err = self.process.communicate()
        return self.process.returncode, out, err

    def children(self) -> list[int]:
        """The session processes running now."""
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in path.read_text().split()] if path.exists() else []


def start_server(base: Path, guides: Path, *options: str) -> Served:
    """Start ``assistant serve`` on a free port and wait until it listens."""
    cwd, home, tmp = base / "server-cwd", base / "server-home", base / "server-tmp"
    for directory in (cwd, home, tmp):
        directory.mkdir(parents=True)
    environment = {
        key: value for key, value in os.environ.items()
        if not key.startswith(("XDG_", "LC_", "LANG", "ASSISTANT_"))
    }
    environment.update({
        "HOME": str(home), "TMPDIR": str(tmp), "ASSISTANT_GUIDES_DIR": str(guides),
        "PYTHONUSERBASE": str(home / ".local"),
    })
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "assistant", "serve", "--port", str(port), *options],
        cwd=cwd, env=environment, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()  # the URL, once it listens; empty if it died
    if f"127.0.0.1:{port}" not in line:
        process.kill()
        _out, err = process.communicate()
        raise AssertionError(f"assistant serve did not start: {line!r} {err!r}")
    return Served(process, f"http://127.0.0.1:{port}/", cwd, home, tmp)


def files_under(directory: Path) -> list[str]:
    """Every file and folder under ``directory`` (relative), sorted."""
    return sorted(str(path.relative_to(directory)) for path in directory.rglob("*"))


def remove(directory: Path) -> None:
    """Remove a test directory (the run's may hold read-only leftovers)."""
    shutil.rmtree(directory, ignore_errors=True)
