"""Keeping French punctuation on its word when the UI wraps text.

French puts a no-break space before ``: ; ! ?`` and ``»`` and after ``«``. Textual
8.2.8 wraps with Rich's ``divide_line``, which splits on the regular expression
``\\s`` — and in Python ``\\s`` matches U+00A0 and U+202F too. So a ``?`` can land
alone at the start of a line, which a French reader sees as a typo.

:func:`keep_together` swaps those no-break spaces (and a plain space a translator may
have typed in their place) for U+2800 BRAILLE PATTERN BLANK: one cell wide, drawn as
blank by terminal fonts, and not whitespace, so the wrapper never breaks there. The
swap is for the screen only: catalogues, JSON and plain CLI output keep the real
characters (copying text from the terminal gives U+2800 where the space was).
"""

from __future__ import annotations

import re

GLUE = "\u2800"
"""Looks like a space, is not a place to break a line."""

NO_BREAK_SPACES = "\u00a0\u202f\u2007"
"""No-break space, narrow no-break space, figure space: all break in Textual."""

_NO_BREAK = re.compile(f"[{NO_BREAK_SPACES}]")
# A plain space a translator typed where a no-break one belongs: before : ; ! ? »
# (after a word, so "- item" or a lone ": " at the start of a line is left alone)
# and after «.
_PLAIN_BEFORE = re.compile(r"(?<=\S) +(?=[:;!?»])")
_PLAIN_AFTER = re.compile(r"(?<=«) +(?=\S)")


def keep_together(text: str) -> str:
    """``text`` with every break opportunity that French typography forbids removed.

    Call it on each string just before it is shown in a Textual widget. English text
    comes back unchanged unless it has such spaces.
    """
    if not any(char in text for char in " \u00a0\u202f\u2007"):
        return text
    text = _NO_BREAK.sub(GLUE, text)
    text = _PLAIN_BEFORE.sub(GLUE, text)
    return _PLAIN_AFTER.sub(GLUE, text)
