"""French punctuation never starts a line in the UI (Textual 8 wraps at no-break spaces).

This test imports Textual on purpose: it checks what the UI will draw. The module it
tests, :mod:`assistant.i18n.typography`, does not import Textual.
"""

from __future__ import annotations

import pytest
from i18n_support import NB
from textual.app import App, ComposeResult
from textual.content import Content
from textual.geometry import Region
from textual.widgets import Static

from assistant.i18n.typography import GLUE, keep_together

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


def test_without_it_textual_puts_punctuation_at_the_start_of_a_line():
    # Proves the test below can fail: the raw French text does break badly.
    assert any(_bad_lines(_wrapped(text, width)) for text in FRENCH for width in WIDTHS)


@pytest.mark.parametrize("text", FRENCH, ids=range(len(FRENCH)))
def test_no_wrapped_line_starts_with_french_punctuation(text):
    shown = keep_together(text)
    # Below the width of the longest word (with its punctuation) Textual folds words
    # letter by letter; nothing can keep anything together there.
    longest = max(len(word) for word in shown.split())
    for width in range(longest, 80):
        lines = _wrapped(shown, width)
        assert _bad_lines(lines) == [], f"width {width}: {lines}"


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


def test_no_break_spaces_become_the_glue_character():
    assert keep_together(f"compte{NB}?") == f"compte{GLUE}?"
    assert keep_together(f"1{NNB}000") == f"1{GLUE}000"
    assert keep_together(f"«{NB}Gérer{NB}»") == f"«{GLUE}Gérer{GLUE}»"


def test_a_plain_space_before_punctuation_is_glued_too():
    assert keep_together("Vraiment ? « Oui »") == f"Vraiment{GLUE}? «{GLUE}Oui{GLUE}»"


def test_the_glue_is_one_blank_cell_and_not_whitespace():
    assert not GLUE.isspace()
    assert Content(f"a{GLUE}b").cell_length == 3


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
