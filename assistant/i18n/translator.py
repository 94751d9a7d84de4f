"""The translator object every layer is handed (no module-level ``_``).

Usage::

    t = get_translator("fr")
    t.gettext("Unlink {account}", account="maison.lune")
    t.pgettext("button", "Back")
    t.ngettext("{n} collaborator", "{n} collaborators", 2)

Fields are filled with :func:`assistant.i18n.safeformat.safe_format`: named
placeholders only. When a translation is broken (unknown or missing placeholder, bad
syntax) the English source is used for that message instead.

Strings defined away from a translator (finding titles, failure messages) are marked
with :func:`N_` / :func:`NC_` so ``pybabel extract`` finds them, and translated later
with ``t.gettext(msg)`` / ``t.pgettext(ctx, msg)``.
"""

from __future__ import annotations

import gettext as _gettext
from dataclasses import dataclass, field
from pathlib import Path

from assistant.i18n.safeformat import FormatRefused, safe_format
from assistant.resources import locales_dir

SOURCE_LANGUAGE = "en"
LANGUAGES: tuple[str, ...] = ("en", "fr")
DOMAIN = "assistant"


def N_(message: str) -> str:
    """Mark ``message`` for extraction; it is translated later."""
    return message


def NC_(context: str, message: str) -> str:
    """Mark ``message`` with a ``context`` for extraction; translate with ``pgettext``."""
    return message


@dataclass
class Translator:
    """Translates and formats messages for one language."""

    lang: str
    catalog: _gettext.NullTranslations = field(default_factory=_gettext.NullTranslations)
    warnings: list[str] = field(default_factory=list)
    """Problems met while loading or using the catalogue (shown once, never fatal)."""

    def _fill(self, translated: str, source: str, fields: dict[str, object]) -> str:
        try:
            return safe_format(translated, fields)
        except FormatRefused as refused:
            if translated is not source:
                self.warnings.append(f"{self.lang}: {refused} in translation of {source!r}")
            try:
                return safe_format(source, fields)
            except FormatRefused:
                return source

    def gettext(self, message: str, **fields: object) -> str:
        """Translate ``message`` and fill its named ``{fields}``."""
        return self._fill(self.catalog.gettext(message), message, fields)

    def pgettext(self, context: str, message: str, **fields: object) -> str:
        """Translate ``message`` in ``context`` and fill its named ``{fields}``."""
        return self._fill(self.catalog.pgettext(context, message), message, fields)

    def ngettext(self, singular: str, plural: str, n: int, **fields: object) -> str:
        """Translate by the language's plural rule; ``{n}`` is filled with ``n``."""
        source = singular if n == 1 else plural
        return self._fill(self.catalog.ngettext(singular, plural, n), source, {"n": n, **fields})


def catalog_path(lang: str, root: Path | None = None) -> Path:
    """Where the compiled catalogue of ``lang`` lives."""
    base = root if root is not None else locales_dir()
    return base / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"


def get_translator(lang: str) -> Translator:
    """A translator for ``lang`` (``en`` or ``fr``); English when anything is wrong."""
    if lang not in LANGUAGES:
        lang = SOURCE_LANGUAGE
    if lang == SOURCE_LANGUAGE:
        return Translator(lang)
    path = catalog_path(lang)
    try:
        with path.open("rb") as handle:
            return Translator(lang, _gettext.GNUTranslations(handle))
    except (OSError, ValueError, UnicodeDecodeError, LookupError) as problem:
        return Translator(
            SOURCE_LANGUAGE, warnings=[f"{path}: cannot load catalogue ({problem}); using English"]
        )
