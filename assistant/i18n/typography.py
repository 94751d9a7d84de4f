"""Keeping French punctuation on its word when the UI wraps text.

French puts a no-break space before ``: ; ! ?`` and ``»`` and after ``«``. The UI
wraps so that a no-break space never breaks
(:func:`assistant.tui.wrapping.keep_no_break_spaces`), and shows the
characters as they are: what is copied from the terminal is the text itself.

:func:`keep_together` only mends the one mistake the screen would show: a plain space
a translator typed where a no-break space belongs becomes U+00A0 (``assistant check``
reports it in the catalogue). English text comes back unchanged.
"""

from __future__ import annotations

import re

NO_BREAK_SPACE = "\u00a0"
"""The no-break space put where a plain one was typed."""

NO_BREAK_SPACES = "\u00a0\u202f\u2007"
"""No-break space, narrow no-break space, figure space."""

# A plain space where a no-break one belongs: before : ; ! ? » (after a word, so
# "- item" or a lone ": " at the start of a line is left alone) and after «.
_PLAIN_BEFORE = re.compile(r"(?<=\S) +(?=[:;!?»])")
_PLAIN_AFTER = re.compile(r"(?<=«) +(?=\S)")


def keep_together(text: str) -> str:
    """``text`` with a plain space before ``: ; ! ? »`` or after ``«`` made a no-break one.

    Call it on each string just before it is shown in a Textual widget.
    """
    if "«" not in text and not any(mark in text for mark in ":;!?»"):
        return text
    text = _PLAIN_BEFORE.sub(NO_BREAK_SPACE, text)
    return _PLAIN_AFTER.sub(NO_BREAK_SPACE, text)
