"""The translator object every layer is handed (no module-level ``_``).

Usage::

    t = get_translator("fr")
    t.gettext("Unlink {account}", account="maison.lune")
    t.pgettext("button", "Back")
    t.ngettext("{n} collaborator", "{n} collaborators", 2)
    t.format_number(1234.5), t.format_date(date.today())

Fields are filled with :func:`assistant.i18n.safeformat.safe_format`: named
placeholders only. A translation that is broken (a placeholder the English text does
not have, an unsafe one, bad braces) is replaced by the English source for that
message, with a warning; a catalogue that cannot be loaded gives an English
translator, with one warning. Nothing here ever raises because of a catalogue.

Strings defined away from a translator (finding titles, failure messages) are marked
with :func:`N_` / :func:`NC_` so ``pybabel extract`` finds them, and translated later
with ``t.gettext(msg)`` / ``t.pgettext(ctx, msg)``.
"""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.i18n.catalogue import (
    DOMAIN,
    SOURCE_LANGUAGE,
    Messages,
    available_languages,
    catalogue_paths,
    load_messages,
)
from assistant.i18n.command_slot import COMMAND_FIELDS, command_slot_refusal
from assistant.i18n.markers import N_, NC_, NP_, Counted
from assistant.i18n.pofile import CatalogueError
from assistant.i18n.safeformat import FormatRefused, placeholders, safe_format
from assistant.resources import locales_dir
from assistant.safetext import clean_line

if TYPE_CHECKING:
    from babel import Locale

__all__ = ["DOMAIN", "N_", "NC_", "NP_", "Counted", "SOURCE_LANGUAGE", "Translator", "catalog_path",
           "get_translator", "languages"]


def languages(locales_root: Path | None = None) -> tuple[str, ...]:
    """The languages the assistant speaks: English and every one with a catalogue."""
    return available_languages(locales_root if locales_root is not None else locales_dir())


@dataclass(eq=False)
class Translator:
    """Translates and formats messages for one language."""

    lang: str
    """The language the text comes out in (``en`` when the catalogue was unusable)."""
    messages: Messages | None = None
    """The loaded translations; ``None`` for English."""
    warnings: list[str] = field(default_factory=list)
    """Problems met while loading or using the catalogue, each listed once, never fatal."""
    requested: str | None = None
    """The language that was asked for, when it differs from :attr:`lang`."""

    # -- translating -------------------------------------------------------------------

    def gettext(self, message: str, **fields: object) -> str:
        """Translate ``message`` and fill its named ``{fields}``."""
        return self._fill(self._find(None, message, 0), message, (message,), fields)

    def pgettext(self, context: str, message: str, **fields: object) -> str:
        """Translate ``message`` in ``context`` and fill its named ``{fields}``."""
        return self._fill(self._find(context, message, 0), message, (message,), fields)

    def ngettext(self, singular: str, plural: str, n: int, **fields: object) -> str:
        """Translate by the language's plural rule; ``{n}`` is ``n``, formatted for the locale."""
        return self.npgettext(None, singular, plural, n, **fields)

    def npgettext(
        self, context: str | None, singular: str, plural: str, n: int, **fields: object
    ) -> str:
        """:meth:`ngettext` in a ``context``."""
        source = singular if n == 1 else plural
        index = self.messages.plural.index(n) if self.messages else 0
        filled = {"n": self.format_number(n), **fields}
        return self._fill(self._find(context, singular, index), source, (singular, plural), filled)

    def _find(self, context: str | None, message: str, index: int) -> str | None:
        if self.messages is None:
            return None
        forms = self.messages.entries.get((context, message))
        return forms[index] if forms and index < len(forms) else None

    def _fill(
        self, translated: str | None, source: str, sources: tuple[str, ...],
        fields: dict[str, object],
    ) -> str:
        if any(isinstance(value, Counted) for value in fields.values()):
            fields = {name: self.ngettext(value.singular, value.plural, value.n)
                      if isinstance(value, Counted) else value for name, value in fields.items()}
        if translated is not None:
            try:
                allowed: set[str] = set().union(*(placeholders(s) for s in sources))
                extra = placeholders(translated) - allowed
                if extra:
                    raise FormatRefused(
                        N_("placeholder {shown} is not in the English text"),
                        shown="{" + sorted(extra)[0] + "}",
                    )
                if COMMAND_FIELDS & fields.keys():
                    refusal = command_slot_refusal(sources, translated)
                    if refusal is not None:
                        raise refusal
                return safe_format(translated, fields)
            except FormatRefused as refused:
                self.warn(self._say(
                    N_("{lang}: the translation of “{message}” is broken ({problem}); "
                       "showing the English text"),
                    lang=self.lang, message=_excerpt(source), problem=refused.render(self._say),
                ))
        try:
            return safe_format(source, fields)
        except FormatRefused as refused:
            self.warn(self._say(
                N_("the text “{message}” cannot be filled in ({problem})"),
                message=_excerpt(source), problem=refused.render(self._say),
            ))
            return source

    def _say(self, template: str, **fields: str) -> str:
        """Translate one of our own messages without ever warning (warnings use it)."""
        translated = self._find(None, template, 0)
        if translated is not None:
            try:
                if placeholders(translated) <= placeholders(template):
                    return safe_format(translated, fields)
            except FormatRefused:
                pass
        return safe_format(template, fields)

    def warn(self, text: str) -> None:
        """Record a warning once (a message rendered a hundred times warns once)."""
        if text not in self.warnings:
            self.warnings.append(text)

    # -- formatting by CLDR rules ------------------------------------------------------
    # Babel is imported only here: loading it costs more than drawing the UI's first
    # screen, and most runs never format a number or a date.

    @cached_property
    def locale(self) -> Locale:
        """The Babel locale of :attr:`lang` (CLDR data for numbers, dates, plurals)."""
        from babel import Locale

        return Locale.parse(self.lang)

    def format_number(self, number: float | int) -> str:
        """``1234.5`` as the language writes it (``1,234.5``; ``1 234,5`` in French)."""
        if type(number) is int and 0 <= number < 1000:
            # No separator, no sign, Latin digits (Babel's default numbering system):
            # every language writes these the same, and a step count ("2 of 5") needs
            # no CLDR data loaded before the first screen.
            return str(number)
        from babel.numbers import format_decimal

        return format_decimal(number, locale=self.locale)

    def format_percent(self, ratio: float) -> str:
        """``0.95`` as a percentage the way the language writes it (``95 %`` in French)."""
        from babel.numbers import format_percent

        return format_percent(ratio, locale=self.locale)

    def format_date(self, value: _dt.date, format: str = "medium") -> str:
        """A date as the language writes it (``format``: short, medium, long, full)."""
        from babel.dates import format_date

        return format_date(value, format=format, locale=self.locale)

    def format_datetime(self, value: _dt.datetime, format: str = "medium") -> str:
        """A date and time as the language writes it."""
        from babel.dates import format_datetime

        return format_datetime(value, format=format, locale=self.locale)


def _excerpt(text: str, limit: int = 60) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def catalog_path(lang: str, root: Path | None = None) -> Path:
    """Where the compiled catalogue of ``lang`` lives."""
    return catalogue_paths(lang, root if root is not None else locales_dir())[1]


def no_catalogue_warning(lang: str) -> str:
    """The one line said when ``lang`` was asked for but has no catalogue (in English:
    that is the language shown instead)."""
    shown = _excerpt(clean_line(lang), 20)
    return safe_format(N_("no catalogue for the language “{lang}”; using English"),
                       {"lang": shown})


def _display(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


_Stamp = tuple[tuple[int, int] | None, ...]
_CACHE: dict[tuple[str, str], tuple[_Stamp, Translator]] = {}


def _stamp(paths: tuple[Path, ...]) -> _Stamp:
    stamps: list[tuple[int, int] | None] = []
    for path in paths:
        try:
            info = path.stat()
            stamps.append((info.st_mtime_ns, info.st_size))
        except OSError:
            stamps.append(None)
    return tuple(stamps)


def _load(lang: str, root: Path) -> Translator:
    try:
        messages = load_messages(lang, root)
        translator = Translator(lang, messages)
        # One line for the first message that cannot be read, one for the count of the
        # others: a damaged file must not flood the terminal (assistant check lists all).
        for skipped in messages.skipped[:1]:
            skipped.path = Path(_display(messages.path))
            translator.warn(translator._say(
                N_("{problem}; that message is shown in English"), problem=str(skipped)))
        if len(messages.skipped) > 1:
            translator.warn(translator._say(
                N_("{file}: {count} more messages cannot be read (assistant check lists "
                   "them)"), file=_display(messages.path), count=str(len(messages.skipped) - 1)))
        return translator
    except CatalogueError as error:
        if error.path is not None:
            error.path = Path(_display(error.path))
        return Translator(SOURCE_LANGUAGE, warnings=[f"{error}; using English"], requested=lang)


def get_translator(lang: str, locales_root: Path | None = None) -> Translator:
    """A translator for ``lang`` (any of :func:`languages`); English when anything is wrong.

    Cheap to call again: the translator is cached per language and catalogue file
    (path, time and size), so switching language at run time costs nothing and an
    edited catalogue is picked up. ``locales_root`` replaces the shipped ``locales/``
    (tests). ``lang`` is only compared with the folder names :func:`languages` lists,
    never used as a path.
    """
    root = locales_root if locales_root is not None else locales_dir()
    if not lang:
        lang = SOURCE_LANGUAGE
    if lang != SOURCE_LANGUAGE and lang not in available_languages(root):
        return Translator(SOURCE_LANGUAGE, warnings=[no_catalogue_warning(lang)], requested=lang)
    key = (lang, str(root))
    stamp = _stamp(catalogue_paths(lang, root)) if lang != SOURCE_LANGUAGE else ()
    cached = _CACHE.get(key)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    translator = Translator(lang) if lang == SOURCE_LANGUAGE else _load(lang, root)
    _CACHE[key] = (stamp, translator)
    return translator


def clear_cache() -> None:
    """Forget every loaded catalogue (the next :func:`get_translator` reads the files)."""
    _CACHE.clear()
