"""French punctuation never starts a line in the UI, and the screen shows the real
no-break spaces (no U+2800 stand-in): Textual 8.2.8 wraps at no-break spaces unless
:func:`keep_no_break_spaces` is installed.

This test imports Textual on purpose: it checks what the UI will draw. The module
:mod:`assistant.i18n.typography` does not import Textual.
"""

from __future__ import annotations

import re

import pytest
import rich._wrap
import textual
import textual._wrap
from i18n_support import NB
from textual.app import App, ComposeResult
from textual.content import Content
from textual.geometry import Region
from textual.widgets import Static

from assistant.i18n.typography import keep_together
from assistant.tui.wrapping import RICH_WORD, TEXTUAL_CHUNK, keep_no_break_spaces

NNB = "\u202f"
FRENCH = [
    f"Voulez-vous vraiment dissocier le compte{NB}? Ouvrez «{NB}Paramètres et "
    f"confidentialité{NB}»{NB}: puis touchez «{NB}Gérer le compte{NB}»{NB}!",
    f"Attention{NB}: le code de vérification expire{NB}; demandez-en un autre{NB}!",
    f"Vous avez 1{NNB}000 abonnés et 4{NB}collaborateurs{NB}; c'est la limite{NB}?!",
    "Un texte saisi avec des espaces simples ? Oui : ça arrive ; hélas ! « Dissocier »",
]
WIDTHS = range(8, 80)
PUNCTUATION_FIRST = tuple("?:;!»")


def _bad_lines(lines: list[str]) -> list[str]:
    return [line for line in lines
            if line.lstrip().startswith(PUNCTUATION_FIRST) or line.rstrip().endswith("«")]


def _wrapped(text: str, width: int) -> list[str]:
    return [line.plain for line in Content(text).wrap(width)]


def test_the_wrapping_fix_is_checked_for_this_textual_version():
    # The fix replaces Textual's and Rich's word patterns: a new Textual may wrap
    # differently, so this pins the version it was checked against.
    assert textual.__version__ == "8.2.8"
    assert keep_no_break_spaces()
    assert rich._wrap.re_word is RICH_WORD and textual._wrap.re_chunk is TEXTUAL_CHUNK


def test_without_the_fix_textual_puts_punctuation_at_the_start_of_a_line(monkeypatch):
    # Proves the tests below can fail: Textual's own pattern breaks at U+00A0.
    monkeypatch.setattr(rich._wrap, "re_word", re.compile(r"\s*\S+\s*"))
    assert any(_bad_lines(_wrapped(text, width)) for text in FRENCH for width in WIDTHS)


@pytest.mark.parametrize("text", FRENCH, ids=range(len(FRENCH)))
def test_no_wrapped_line_starts_with_french_punctuation(text):
    keep_no_break_spaces()
    shown = keep_together(text)
    # Below the width of the longest word (with its punctuation) Textual folds words
    # letter by letter; nothing can keep anything together there.
    longest = max(len(word) for word in re.split(r"[ \n]+", shown))
    for width in range(longest, 80):
        lines = _wrapped(shown, width)
        assert _bad_lines(lines) == [], f"width {width}: {lines}"
        assert "".join(lines).replace(" ", "") == shown.replace(" ", "").replace("\n", "")
        assert "\u2800" not in "".join(lines)


class _French(App[None]):
    def compose(self) -> ComposeResult:
        yield Static(keep_together(FRENCH[0]), id="text")


@pytest.mark.parametrize("width", [21, 26, 30, 34])
async def test_a_static_widget_at_a_narrow_width_keeps_punctuation_on_its_word(width):
    app = _French()
    async with app.run_test(size=(width, 12)):
        widget = app.query_one("#text", Static)
        strips = widget.render_lines(Region(0, 0, widget.size.width, widget.size.height))
        lines = [strip.text for strip in strips if strip.text.strip()]
        assert len(lines) > 1
        assert _bad_lines(lines) == [], lines


def test_no_break_spaces_are_shown_as_they_are():
    assert keep_together(f"compte{NB}?") == f"compte{NB}?"
    assert keep_together(f"1{NNB}000") == f"1{NNB}000"
    assert keep_together(f"«{NB}Gérer{NB}»") == f"«{NB}Gérer{NB}»"


def test_a_plain_space_before_punctuation_becomes_a_no_break_space():
    assert keep_together("Vraiment ? « Oui »") == f"Vraiment{NB}? «{NB}Oui{NB}»"


@pytest.mark.parametrize("text", [
    "Open Settings and privacy: then tap Manage account.",
    "- first item\n- second item",
    ": a line starting with a colon",
    "Time 10:30, ratio 1:2, https://example.com/?q=1",
    "",
])
def test_english_and_markdown_are_left_alone(text):
    assert keep_together(text) == text


def test_it_is_idempotent():
    once = keep_together(FRENCH[3])
    assert keep_together(once) == once
