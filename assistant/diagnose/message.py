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

import re
from collections.abc import Callable
from typing import NamedTuple, Union

from assistant.i18n.translator import Translator
from assistant.privacy import mask, mask_value


class Items(NamedTuple):
    """A list of names shown as one field: ``a, b and c`` / ``a, b et c``."""

    values: tuple[str, ...]

    def render(self, t: Translator, *, mask: bool = False) -> str:
        """The names joined the way the translator's language lists things."""
        values = [mask_value(v) for v in self.values] if mask else list(self.values)
        key = (_LIST, t.lang, len(values))
        template = _TEMPLATES.get(key)
        if template is not None:
            return template.format(*values)
        return _fill(key, values, lambda shown: _format_list(shown, t))


def _format_list(values: list[str], t: Translator) -> str:
    from babel.lists import format_list  # only paid for when a list is shown

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
        # Most sentences of a batch come back word for word (the advice, the
        # warnings without names): each is rendered once per translator.
        key = (t, mask, self)
        text = _RENDERED.get(key)
        if text is not None:
            return text
        text = self._render(t, mask)
        if len(_RENDERED) >= _RENDERED_LIMIT:
            _RENDERED.clear()
        _RENDERED[key] = text
        return text

    def _render(self, t: Translator, mask: bool) -> str:
        names = []
        values = []
        for name, value in self.fields:
            names.append(name)
            values.append(_render_field(value, t, mask, name))
        key = (t, self.id, self.context, self.plural, self.n, *names)
        template = _TEMPLATES.get(key)
        if template is not None:
            return template.format(*values)
        return _fill(
            key, values, lambda shown: self._translate(t, dict(zip(names, shown, strict=True)))
        )

    def _translate(self, t: Translator, values: dict[str, str]) -> str:
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


# The same sentences come back for snapshot after snapshot of a batch, each time
# with other names in them. Looking up the translation, checking its placeholders
# and filling it field by field (in Python) cost a few microseconds a sentence, more
# than reading the snapshot. So each sentence is rendered once per translator (and
# plural count, and set of field names) with markers for its fields, and the result
# kept as a str.format template with positional fields, which C fills verbatim, as
# the translator would. A template is only kept when it gives exactly what the
# translator gives for the real values; the key holds the translator itself, so
# another language or a reloaded catalogue misses.
_TEMPLATES: dict[tuple[object, ...], str | None] = {}
_TEMPLATES_LIMIT = 4096
_RENDERED: dict[tuple[Translator, bool, Message], str] = {}
_RENDERED_LIMIT = 8192
_LIST = object()
"""The first item of the key of a list's template (a list is shown by language)."""
_MARKERS = (("\ue000", "\ue001"), ("\ue002", "\ue003"))


def _fill(
    key: tuple[object, ...], values: list[str], render: Callable[[list[str]], str]
) -> str:
    """``render(values)``, and the template for ``key`` made when it was not tried yet."""
    text = render(values)
    if key not in _TEMPLATES:
        if len(_TEMPLATES) >= _TEMPLATES_LIMIT:
            _TEMPLATES.clear()
        _TEMPLATES[key] = _template(render, values, text)
    return text


def _template(render: Callable[[list[str]], str], values: list[str], text: str) -> str | None:
    """The template ``render`` follows, or ``None`` when it cannot be told for sure."""
    found = []
    for opening, closing in _MARKERS:
        marked = render([f"{opening}{index}{closing}" for index in range(len(values))])
        parts = re.split(f"{opening}([0-9]+){closing}", marked)
        literals = [part.replace("{", "{{").replace("}", "}}") for part in parts[::2]]
        fields = [f"{{{index}}}" for index in parts[1::2]]
        found.append("".join(a + b for a, b in zip(literals, [*fields, ""], strict=True)))
    # Two kinds of markers agree (no literal marker in the text), and the real
    # values give the real text.
    if found[0] != found[1] or found[0].format(*values) != text:
        return None
    return found[0]


NAME_FIELDS = frozenset({"username", "other", "device", "rule"})
"""Fields that hold a name (a username, a device), not an email or a phone number.

Masked as text: a username with an ``@`` in it (``maison.lune@paris``) is not an address.
"""


def _render_field(value: Field, t: Translator, masked: bool, name: str = "") -> str:
    if isinstance(value, str):
        if not masked:
            return value
        return mask(value) if name in NAME_FIELDS else mask_value(value)
    if isinstance(value, Message | Items):
        return value.render(t, mask=masked)
    if isinstance(value, Text):
        return mask(value.value) if masked else value.value
    return str(value)


def _field_json(value: Field) -> object:
    if isinstance(value, Message):
        return value.to_json()
    if isinstance(value, Items):
        return list(value.values)
    if isinstance(value, Text):
        return value.value
    return value


# Rules build these by the thousand: tuple.__new__ makes the same Message as
# Message(...) without going through its keyword arguments.
_new = tuple.__new__


def gettext(message: str, **fields: Field) -> Message:
    """A message to translate later with ``gettext``."""
    return _new(Message, (message, tuple(fields.items()), None, None, None))


def pgettext(context: str, message: str, **fields: Field) -> Message:
    """A message to translate later with ``pgettext`` in ``context``."""
    return _new(Message, (message, tuple(fields.items()), context, None, None))


def ngettext(singular: str, plural: str, n: int, **fields: Field) -> Message:
    """A plural message to translate later; ``{n}`` is filled with ``n``."""
    return _new(Message, (singular, tuple(fields.items()), None, plural, n))


def render_all(messages: tuple[Message, ...], t: Translator, *, mask: bool = False) -> str:
    """Several whole sentences, each translated on its own, joined by a space."""
    return " ".join([message.render(t, mask=mask) for message in messages])
