"""Choosing the language from --lang and the environment (SPEC §4, hostile locale names)."""

from __future__ import annotations

import pytest

from assistant.i18n.negotiate import unavailable, language_of, negotiate


@pytest.mark.parametrize(("env", "expected"), [
    ({}, "en"),
    ({"LANG": ""}, "en"),
    ({"LANG": "C"}, "en"),
    ({"LANG": "POSIX"}, "en"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LANG": "fr_FR.UTF-8"}, "fr"),
    ({"LANG": "fr_CA.UTF-8"}, "fr"),
    ({"LANG": "fr_FR@euro"}, "fr"),
    ({"LANG": "fr_BE.ISO-8859-15@euro"}, "fr"),
    ({"LANG": "fr"}, "fr"),
    ({"LANG": "en_GB.UTF-8"}, "en"),
    ({"LANG": "de_DE.UTF-8"}, "en"),
    ({"LANG": "xx_YY.UTF-8"}, "en"),
    ({"LANG": "../../fr"}, "en"),
    ({"LANG": "fr_FR.UTF-8/../../etc"}, "en"),
    ({"LANG": "fr\x00"}, "en"),
    ({"LANGUAGE": "fr:en"}, "fr"),
    ({"LANGUAGE": "de:fr:en"}, "fr"),
    ({"LANGUAGE": "en:fr", "LANG": "fr_FR.UTF-8"}, "en"),
    ({"LANGUAGE": "fr:en", "LANG": "en_US.UTF-8"}, "fr"),
    ({"LANGUAGE": "fr", "LANG": "C"}, "en"),
    ({"LANGUAGE": "::", "LANG": "fr_FR.UTF-8"}, "fr"),
    ({"LC_ALL": "fr_FR.UTF-8", "LANG": "en_US.UTF-8"}, "fr"),
    ({"LC_ALL": "", "LC_MESSAGES": "fr_FR.UTF-8", "LANG": "en_US.UTF-8"}, "fr"),
    ({"LC_ALL": "C", "LANG": "fr_FR.UTF-8"}, "en"),
    ({"LC_ALL": "de_DE.UTF-8", "LANG": "fr_FR.UTF-8"}, "en"),
])
def test_the_environment_decides_without_lang(env, expected):
    assert negotiate(None, env) == expected


@pytest.mark.parametrize(("requested", "expected"), [
    ("fr", "fr"), ("en", "en"), ("FR", "fr"), ("fr_CA", "fr"), ("fr-CA", "fr"),
])
def test_lang_overrides_the_environment(requested, expected):
    env = {"LANG": "de_DE.UTF-8", "LANGUAGE": "fr" if expected == "en" else "en"}
    assert negotiate(requested, env) == expected


@pytest.mark.parametrize("requested", ["../../x", "../fr", "fr/../../etc/passwd", "de", "C"])
def test_a_lang_without_catalogue_gives_english(requested):
    # SPEC §4 (0.2): a requested language that has no catalogue gives English (+ a warning).
    assert negotiate(requested, {"LANG": "fr_FR.UTF-8"}) == "en"
    assert negotiate(requested, {}) == "en"
    assert unavailable(requested)


def test_an_empty_lang_is_the_environment():
    assert negotiate("", {"LANG": "fr_FR.UTF-8"}) == "fr"
    assert not unavailable("")


@pytest.mark.parametrize("name", ["../../x", "fr/..", "fr\\..", "fr FR", " ", "ffrr"])
def test_language_of_only_accepts_well_formed_names(name):
    assert language_of(name) is None
