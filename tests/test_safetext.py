"""Terminal controls never pass through text shown to a person."""

from __future__ import annotations

from assistant.safetext import clean, clean_line


def test_osc52_clipboard_write_is_defused():
    hostile = "\x1b]52;c;SGVsbG8=\x07[/]"
    assert clean(hostile) == "]52;c;SGVsbG8=[/]"
    assert "\x1b" not in clean(hostile)


def test_c1_controls_and_del_are_removed():
    assert clean("a\x9b2Jb\x7fc\x85d") == "a2Jbcd"


def test_bidi_controls_are_removed():
    assert clean("abc\u202edcba\u2066x\u2069") == "abcdcbax"


def test_newline_and_tab_survive_but_not_carriage_return():
    assert clean("a\tb\nc\rd") == "a\tb\ncd"


def test_french_text_with_no_break_spaces_is_untouched():
    text = "Êtes-vous administrateur\u00a0? «\u00a0Gérer le compte\u00a0»"
    assert clean(text) == text


def test_clean_line_keeps_one_line():
    assert clean_line("a\nb\tc") == "a b c"
