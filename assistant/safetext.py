"""Text from snapshots, guides and catalogues, made safe to show on a terminal.

Such text comes from users, support writers and volunteer translators. Before it
reaches a widget or a line of command output it loses everything a terminal could
act on: ESC (and so every escape sequence, OSC 52 clipboard writes included), the C0
controls other than newline and tab, DEL, the C1 controls, and the bidirectional
controls that can make text read differently from what it is.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile(
    "["
    "\x00-\x08\x0b-\x1f"  # C0 controls except tab (09) and newline (0a); ESC is 1b
    "\x7f-\x9f"  # DEL and the C1 controls
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidirectional controls
    "]"
)


def clean(text: str) -> str:
    """``text`` without terminal controls: safe to print or to show in a widget."""
    return _UNSAFE.sub("", text)


def clean_line(text: str) -> str:
    """``text`` made safe and kept on one line (newlines and tabs become spaces)."""
    return clean(text).replace("\n", " ").replace("\t", " ")
