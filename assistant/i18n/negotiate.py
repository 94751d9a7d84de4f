"""Choosing the language: ``--lang``, then the environment, then English (SPEC §4).

The environment is read the way GNU gettext reads it: the locale is the first
non-empty of ``LC_ALL``, ``LC_MESSAGES``, ``LANG``; ``LANGUAGE`` (a colon-separated
list of preferences such as ``fr:en``) comes before it unless the locale is ``C`` or
``POSIX``, which ask for untranslated text. The languages offered are those with a
catalogue under ``locales/`` (:func:`assistant.i18n.translator.languages`): a locale
with none (``de_DE.UTF-8`` before someone adds German) means English, not a guess.
``pt_BR.UTF-8`` takes a ``pt_BR`` catalogue, else ``pt``.

A locale name is only ever compared with the known languages; it is never used to
build a path.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from assistant.i18n.translator import SOURCE_LANGUAGE, languages

ENV_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")
"""The variables the language is looked up in (SPEC §4)."""

LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")
"""The ones that set the locale, first non-empty wins (POSIX)."""

_LOCALE_NAME = re.compile(
    r"([A-Za-z]{2,3})"  # language
    r"(?:[_-]([A-Za-z0-9]{2,8}))?"  # territory or script
    r"(?:\.[A-Za-z0-9_-]{1,20})?"  # codeset
    r"(?:@[A-Za-z0-9_-]{1,20})?"  # modifier
)
_UNTRANSLATED = re.compile(r"(C|POSIX)(\..*)?", re.IGNORECASE)


def language_of(locale_name: str | None, known: Sequence[str] | None = None) -> str | None:
    """The known language a locale name asks for (``fr_CA.UTF-8`` → ``fr``), or ``None``.

    Only well-formed names count: ``language[_territory][.codeset][@modifier]``.
    ``known`` defaults to the languages with a catalogue.
    """
    if not locale_name:
        return None
    match = _LOCALE_NAME.fullmatch(locale_name.strip())
    if not match:
        return None
    offered = languages() if known is None else known
    lang = match.group(1).lower()
    if match.group(2):
        regional = f"{lang}_{match.group(2).upper()}"
        if regional in offered:
            return regional
    return lang if lang in offered else None


def is_locale_name(text: str) -> bool:
    """Whether ``text`` is shaped like a language or locale name (``de``, ``pt_BR``)."""
    return _LOCALE_NAME.fullmatch(text.strip()) is not None


def _locale(env: Mapping[str, str]) -> str:
    for name in LOCALE_VARIABLES:
        value = env.get(name, "")
        if value:
            return value
    return ""


def from_environment(env: Mapping[str, str], known: Sequence[str] | None = None) -> str:
    """The language the environment asks for, or English."""
    offered = languages() if known is None else known
    locale = _locale(env)
    if _UNTRANSLATED.fullmatch(locale.strip()):
        return SOURCE_LANGUAGE
    for preference in env.get("LANGUAGE", "").split(":"):
        chosen = language_of(preference, offered)
        if chosen:
            return chosen
    return language_of(locale, offered) or SOURCE_LANGUAGE


def negotiate(
    requested: str | None, env: Mapping[str, str], locales_root: Path | None = None
) -> str:
    """The language to use: ``requested`` (``--lang``) when given, English if it has no
    catalogue (:func:`unavailable` tells, for the warning); else the environment's."""
    offered = languages(locales_root)
    if requested:
        return language_of(requested, offered) or SOURCE_LANGUAGE
    return from_environment(env, offered)


def unavailable(requested: str | None, locales_root: Path | None = None) -> bool:
    """Whether ``requested`` (``--lang``) names a language that has no catalogue."""
    return bool(requested) and language_of(requested, languages(locales_root)) is None
