"""Choosing the language: ``--lang``, then the environment, then English (SPEC §4).

The environment is read the way GNU gettext reads it: the locale is the first
non-empty of ``LC_ALL``, ``LC_MESSAGES``, ``LANG``; ``LANGUAGE`` (a colon-separated
list of preferences such as ``fr:en``) comes before it unless the locale is ``C`` or
``POSIX``, which ask for untranslated text. A locale we have no catalogue for
(``de_DE.UTF-8``) means English, not a guess.

A locale name is only ever compared with the known languages; it is never used to
build a path.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from assistant.i18n.translator import LANGUAGES, SOURCE_LANGUAGE

ENV_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")
"""The variables the language is looked up in (SPEC §4)."""

LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
"""The ones that set the locale, first non-empty wins (POSIX)."""

_LOCALE_NAME = re.compile(
    r"([A-Za-z]{2,3})"  # language
    r"(?:[_-][A-Za-z0-9]{2,8})?"  # territory or script
    r"(?:\.[A-Za-z0-9_-]{1,20})?"  # codeset
    r"(?:@[A-Za-z0-9_-]{1,20})?"  # modifier
)
_UNTRANSLATED = re.compile(r"(C|POSIX)(\..*)?", re.IGNORECASE)


def language_of(locale_name: str | None) -> str | None:
    """The known language a locale name asks for (``fr_CA.UTF-8`` → ``fr``), or ``None``.

    Only well-formed names count: ``language[_territory][.codeset][@modifier]``.
    """
    if not locale_name:
        return None
    match = _LOCALE_NAME.fullmatch(locale_name.strip())
    if not match:
        return None
    lang = match.group(1).lower()
    return lang if lang in LANGUAGES else None


def _locale(env: Mapping[str, str]) -> str:
    for name in LOCALE_VARIABLES:
        value = env.get(name, "")
        if value:
            return value
    return ""


def from_environment(env: Mapping[str, str]) -> str:
    """The language the environment asks for, or English."""
    locale = _locale(env)
    if _UNTRANSLATED.fullmatch(locale.strip()):
        return SOURCE_LANGUAGE
    for preference in env.get("LANGUAGE", "").split(":"):
        chosen = language_of(preference)
        if chosen:
            return chosen
    return language_of(locale) or SOURCE_LANGUAGE


def negotiate(requested: str | None, env: Mapping[str, str]) -> str:
    """The language to use: ``requested`` if known, else the environment's, else English."""
    return language_of(requested) or from_environment(env)
