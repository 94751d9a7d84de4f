"""Line wrapping that never breaks at a no-break space (French « : », « ? »…).

Kept apart from the Markdown view so that any screen can install it without importing
the Markdown machinery (the home screen has no Markdown).
"""

from __future__ import annotations

import re

NO_BREAK_SPACES = "\u00a0\u202f\u2007\u2060"
"""No-break space, narrow no-break space, figure space, word joiner: never a line break."""

_BREAKABLE = f"[^\\S{NO_BREAK_SPACES}]"
_UNBREAKABLE = f"[\\S{NO_BREAK_SPACES}]"
RICH_WORD = re.compile(rf"{_BREAKABLE}*{_UNBREAKABLE}+{_BREAKABLE}*")
"""Rich's "word" (``rich._wrap.re_word`` is ``\\s*\\S+\\s*``) with no-break spaces inside."""
TEXTUAL_CHUNK = re.compile(rf"{_UNBREAKABLE}+{_BREAKABLE}*|{_BREAKABLE}+")
"""Textual's chunk (``textual._wrap.re_chunk``), likewise."""


def keep_no_break_spaces() -> bool:
    """Make Textual wrap text only where a line may break: never at a no-break space.

    Textual 8.2.8 wraps ``Content`` with Rich's ``divide_line`` and text areas with its
    own ``compute_wrap_offsets``; both split on the regular expression ``\\s``, which in
    Python matches U+00A0 and U+202F, so French « ? » or « : » could start a line. The
    two patterns are replaced by ones that keep no-break spaces inside words; the text
    itself is never changed, so what is copied from the screen is what was written.
    Returns whether both patterns were the expected ones (a test pins this to the
    Textual version: a new release must be checked again).
    """
    import rich._wrap
    import textual._wrap

    patched = 0
    if rich._wrap.re_word.pattern in (r"\s*\S+\s*", RICH_WORD.pattern):
        rich._wrap.re_word = RICH_WORD
        patched += 1
    if textual._wrap.re_chunk.pattern in (r"\S+\s*|\s+", TEXTUAL_CHUNK.pattern):
        textual._wrap.re_chunk = TEXTUAL_CHUNK
        patched += 1
    return patched == 2
