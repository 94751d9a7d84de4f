"""Turning text from guides, catalogues and snapshots into something safe to show.

Every string that did not come from this package's own code goes through
:func:`shown` (or :func:`literal`, which also wraps it in a :class:`Content`):
terminal controls are removed (:mod:`assistant.safetext`), and French punctuation is
kept with the word before it so ``?`` never starts a line. A :class:`Content` is never
parsed as markup, so ``[b]`` or ``[@click=app.quit]`` in a translation stay text.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from textual.content import Content
from textual.widgets import Static

from assistant.i18n.markers import N_
from assistant.safetext import clean, clean_line

SIMULATION_NOTE = N_(
    "This is a simulation: you do each step yourself in the real TikTok app or website, "
    "and the assistant shows what your account should look like after it. Nothing here "
    "changes a real account, and it never asks for a password."
)
"""What the assistant is, said on the first run (home) and in the help."""


@cache
def _typography() -> Callable[[str], str]:
    """The French "keep together" rule from the i18n layer, and wrapping that honours
    no-break spaces (installed once, on first use)."""
    from assistant.tui.wrapping import keep_no_break_spaces

    keep_no_break_spaces()
    try:
        from assistant.i18n.typography import keep_together
    except ImportError:
        return lambda text: text
    return keep_together


_GLYPH_JOINERS = dict.fromkeys(
    [0x200D, 0xFE0E, 0xFE0F, *range(0x1F3FB, 0x1F400)]
)
"""What makes several emoji one glyph, or changes how wide a glyph is drawn: the
zero-width joiner (👩‍💻), the text and emoji variation selectors (❤️) and the skin-tone
modifiers (👍🏽). Terminals draw these sequences one way, Textual measures them another
(each part on its own), so a line holding one comes out shorter or longer than the
layout planned and the panel's border moves. Without them every emoji is drawn as the
separate, standard-width character Textual measured."""


def shown(text: str, *, one_line: bool = False) -> str:
    """``text`` cleaned of terminal controls and of emoji joiners, with its punctuation
    kept together."""
    cleaned = clean_line(text) if one_line else clean(text)
    if not cleaned.isascii():
        cleaned = cleaned.translate(_GLYPH_JOINERS)
    return _typography()(cleaned)


def literal(text: str, style: str = "", *, one_line: bool = False) -> Content:
    """A :class:`Content` showing ``text`` exactly, never as markup."""
    content = Content(shown(text, one_line=one_line))
    return content.stylize(style) if style else content


def label(text: str) -> Content:
    """A one-line literal for a button, a title or a list item."""
    return literal(text, one_line=True)


def set_content(widget: Static, content: Content, *, layout: bool = True) -> None:
    """Show ``content`` in ``widget`` unless it already shows exactly that.

    A step change leaves most lines as they were (the breadcrumb, often the title);
    skipping those keeps the redraw to what changed.
    """
    current = widget.content
    if isinstance(current, Content):
        if current.is_same(content):
            return
        width = widget.content_region.width
        if layout and width and widget.styles.height is not None and (
            current.get_height(widget.styles, width) == content.get_height(widget.styles, width)
        ):
            # Same number of lines: a repaint is enough, no new layout of the screen.
            layout = False
    widget.update(content, layout=layout)
