"""The error every bad snapshot is refused with: one line naming the field."""

from __future__ import annotations

from collections.abc import Mapping

from assistant.account import rules
from assistant.i18n.safeformat import FormatRefused, safe_format
from assistant.i18n.translator import Translator

_MAX_SHOWN = 40


class SnapshotError(ValueError):
    """A snapshot that cannot be used: one line, ``source: field: problem``.

    ``expected`` is an English template (marked with ``N_``) filled from ``values``;
    ``str()`` is English, :meth:`message` renders it in the translator's language.
    ``field`` is a path such as ``business.members[2].role`` (empty when the problem is
    the whole file); paths and enum values are never translated.
    """

    def __init__(
        self,
        source: str,
        field: str,
        expected: str,
        values: Mapping[str, object] | None = None,
        translated: tuple[str, ...] = (),
    ) -> None:
        self.source = source
        self.field = field
        self.expected = expected
        self.values: dict[str, object] = dict(values or {})
        self.translated = translated
        """The names of ``values`` that are English messages themselves (marked with
        ``N_``), translated with the template."""
        super().__init__(self.message())

    def message(self, t: Translator | None = None) -> str:
        """The one-line message, translated by ``t`` (English without one)."""
        if t is None:
            try:
                problem = safe_format(self.expected, self.values)
            except FormatRefused:
                problem = self.expected
        else:
            values = {name: t.gettext(value) if name in self.translated and isinstance(
                value, str) else value for name, value in self.values.items()}
            problem = t.gettext(self.expected, **values)
        parts = [self.source, self.field, problem] if self.field else [self.source, problem]
        return one_line(": ".join(parts))

    def __str__(self) -> str:
        return self.message()


def one_line(text: str) -> str:
    """``text`` with every unsafe character escaped as ``\\uXXXX``, so it prints on one line."""
    if not rules.has_unsafe_character(text):
        return text
    return "".join(
        f"\\u{ord(c):04x}" if rules.has_unsafe_character(c) else c for c in text
    )


def shorten(text: str) -> str:
    """A key or value as shown in a message: escaped and at most 40 characters.

    Never cut inside an email address or a phone number (the cut moves after it), so
    that the masking of the human-facing line still sees it whole.
    """
    from assistant.privacy import shorten as cut  # never inside an address: it is masked later

    return cut(one_line(text), _MAX_SHOWN)


def show(text: str) -> str:
    """A key or value as quoted in a message: escaped, shortened and in quotes."""
    return f'"{shorten(text)}"'
