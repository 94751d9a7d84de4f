"""Messages kept untranslated until shown, so they can be shown in any language.

A finding is computed once, then shown in English, in French, masked for a ticket or
unmasked for the agent's tools. So rules never translate: they build a
:class:`Message` (the English source, its fields) with :func:`gettext`,
:func:`pgettext` or :func:`ngettext` below, and :meth:`Message.render` translates it
later with whatever :class:`~assistant.i18n.translator.Translator` is at hand.

The constructors carry the standard gettext names on purpose: ``pybabel extract``
finds ``m.gettext("…")`` and ``m.ngettext("…", "…", n)`` with its default keywords.
They translate nothing at import time.
"""

from __future__ import annotations

from typing import NamedTuple, Union

from assistant.i18n.translator import Translator
from assistant.privacy import mask_text, mask_value


class Items(NamedTuple):
    """A list of names shown as one field: ``a, b and c`` / ``a, b et c``."""

    values: tuple[str, ...]

    def render(self, t: Translator, *, mask: bool = False) -> str:
        """The names joined the way the translator's language lists things."""
        from babel.lists import format_list  # only paid for when a list is shown

        values = [mask_value(v) for v in self.values] if mask else list(self.values)
        try:
            return format_list(values, locale=t.lang)
        except (ValueError, LookupError):
            return ", ".join(values)


class Text(NamedTuple):
    """Free text as a field (an error message), masked as text, not as one value."""

    value: str


Field = Union[str, int, "Message", Items, Text]
"""What a message field may hold.

A ``str`` is one value from the snapshot (a name, an email); a :class:`Message` field
is translated too.
"""


class Message(NamedTuple):
    """An untranslated message: its English source (``id``) and its named fields.

    ``plural`` and ``n`` make it a plural message (``{n}`` is filled with ``n``);
    ``context`` makes it a ``pgettext`` message. The message ids and fields are
    the "unrendered data" a UI keeps to show the same finding in another language.
    Immutable and hashable; a named tuple because a batch builds thousands a second.
    """

    id: str
    fields: tuple[tuple[str, Field], ...] = ()
    context: str | None = None
    plural: str | None = None
    n: int | None = None

    def render(self, t: Translator, *, mask: bool = False) -> str:
        """Translate with ``t`` and fill the fields.

        With ``mask``, emails and phone numbers in the fields are masked (the
        template itself is ours and holds none).
        """
        key = (id(t), mask, self)
        entry = _RENDERED.get(key)
        if entry is not None and entry[0] is t:
            return entry[1]
        if len(_RENDERED) >= _RENDERED_LIMIT:
            _RENDERED.clear()
        text = self._render(t, mask)
        _RENDERED[key] = (t, text)
        return text

    def _render(self, t: Translator, mask: bool) -> str:
        values = {name: _render_field(value, t, mask) for name, value in self.fields}
        if self.plural is not None and self.n is not None:
            if self.context is not None:
                return t.npgettext(self.context, self.id, self.plural, self.n, **values)
            return t.ngettext(self.id, self.plural, self.n, **values)
        if self.context is not None:
            return t.pgettext(self.context, self.id, **values)
        return t.gettext(self.id, **values)

    def to_json(self) -> dict[str, object]:
        """The untranslated message as plain JSON data (ids, context, fields)."""
        data: dict[str, object] = {"id": self.id}
        if self.context is not None:
            data["context"] = self.context
        if self.plural is not None:
            data["plural"] = self.plural
            data["n"] = self.n
        data["fields"] = {name: _field_json(value) for name, value in self.fields}
        return data


# The same sentences come back for snapshot after snapshot of a batch (and the
# constant parts, "5 people", for every finding of a code): translating and
# formatting them once per translator saves a third of the diagnosis time. Keyed by
# the translator object (kept in the entry, so a recycled id never matches), so
# another language or a reloaded catalogue misses.
_RENDERED: dict[tuple[int, bool, Message], tuple[Translator, str]] = {}
_RENDERED_LIMIT = 4096


def _render_field(value: Field, t: Translator, mask: bool) -> object:
    if isinstance(value, str):
        return mask_value(value) if mask else value
    if isinstance(value, Message | Items):
        return value.render(t, mask=mask)
    if isinstance(value, Text):
        return mask_text(value.value) if mask else value.value
    return value


def _field_json(value: Field) -> object:
    if isinstance(value, Message):
        return value.to_json()
    if isinstance(value, Items):
        return list(value.values)
    if isinstance(value, Text):
        return value.value
    return value


def gettext(message: str, **fields: Field) -> Message:
    """A message to translate later with ``gettext``."""
    return Message(message, tuple(fields.items()))


def pgettext(context: str, message: str, **fields: Field) -> Message:
    """A message to translate later with ``pgettext`` in ``context``."""
    return Message(message, tuple(fields.items()), context=context)


def ngettext(singular: str, plural: str, n: int, **fields: Field) -> Message:
    """A plural message to translate later; ``{n}`` is filled with ``n``."""
    return Message(singular, tuple(fields.items()), plural=plural, n=n)


def render_all(messages: tuple[Message, ...], t: Translator, *, mask: bool = False) -> str:
    """Several whole sentences, each translated on its own, joined by a space."""
    return " ".join(message.render(t, mask=mask) for message in messages)
