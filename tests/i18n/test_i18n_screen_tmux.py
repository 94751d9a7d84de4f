"""French on a real 40-column terminal: real no-break spaces, and no line starting
with the punctuation they keep on its word (issue 14, "Done when").

The installed console script under tmux, read back with ``capture-pane``. Skipped
only where tmux is not installed.
"""

from __future__ import annotations

import shlex
import sys
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tui"))

from tmux_terminal import (  # noqa: E402
    Terminal,
    _tmux,
    console_script,
    isolated_environment,
    needs_tmux,
)

from i18n_guides import GUIDE_ID, STEP_TITLE, write_guide  # noqa: E402

from assistant.account.scenarios import scenario_path  # noqa: E402

pytestmark = needs_tmux

_CHROME = " \u00a0│┃┆┊▌▐█▎▏▕▔▁─━╭╮╰╯┌┐└┘├┤▊▋▍▉"
"""Borders and bars the UI draws around text (left out to see where text starts)."""


def test_a_french_step_at_40_columns_has_real_spaces_and_no_orphan_punctuation(tmp_path):
    state = scenario_path("switch-blocked-by-link")
    socket, name = f"assistant-i18n-{uuid.uuid4().hex[:8]}", "fr40"
    # The tests' own guide (French text with every no-break space French uses): the
    # shipped guides are being rewritten elsewhere; the French UI chrome is shipped.
    environment = {**isolated_environment(tmp_path),
                   "ASSISTANT_GUIDES_DIR": str(write_guide(tmp_path / "guides"))}
    exports = " ".join(f"{key}={shlex.quote(value)}" for key, value in environment.items())
    command = [console_script(), "--lang", "fr", "--state", str(state), "--guide", GUIDE_ID]
    script = (f"cd {shlex.quote(str(tmp_path))} && env -u LC_ALL -u LANGUAGE {exports} "
              f"{shlex.join(command)}; echo EXITED $?; sleep 60")
    (tmp_path / "tmux.conf").write_text("set -g history-limit 100\n", encoding="utf-8")
    _tmux(socket, "-f", str(tmp_path / "tmux.conf"), "new-session", "-d", "-s", name,
          "-x", "40", "-y", "40", script)
    try:
        screen = Terminal(socket, name)
        shown = screen.wait_for(lambda text: "Étape 1" in text and "Paramètres" in text,
                                "the French step")
        assert STEP_TITLE.split()[0] in shown
        assert "\u2800" not in shown
        starts = [line for line in shown.splitlines()
                  if line.lstrip(_CHROME)[:1] in tuple("?!:;»")]
        assert starts == [], shown
        assert "\u00a0" in shown or "\u202f" in shown, "the French keeps its no-break spaces"
        screen.press("C-q")
        screen.wait_for_text("EXITED 0")
    finally:
        path = _tmux(socket, "display-message", "-p", "#{socket_path}", check=False).strip()
        _tmux(socket, "kill-server", check=False)
        if path:
            Path(path).unlink(missing_ok=True)
