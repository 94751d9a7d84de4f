"""The installed ``assistant`` console script in a real terminal, under tmux.

This is what a person gets: the script started in an 80x24 terminal, keys sent, the
screen read back with ``capture-pane``. Skipped only where tmux is not installed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from tmux_terminal import Terminal, console_script, needs_tmux, terminals

from assistant.account.scenarios import scenario_path

pytestmark = needs_tmux


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Callable[[list[str]], Terminal]]:
    """Start commands in fresh 80x24 tmux sessions, removed at the end."""
    with terminals(tmp_path) as start:
        yield start


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
        if " · end" in shown and "A guide within" not in shown:
            break
        step = next(line for line in shown.splitlines() if "Step " in line)
        screen.press("1")
        shown = screen.wait_for(lambda text, step=step: step not in text, "the next step")
    else:
        raise AssertionError(f"no outcome after 30 steps:\n{shown}")
    assert "Success" in shown
    assert re.search(r"Type +personal", shown)
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
