"""Key bindings whose footer and help descriptions follow the current language.

Textual keeps a node's bindings in ``_bindings``, copied from the class's ``BINDINGS``
when the node is created, and the footer reads ``binding.description``. The
descriptions in ``BINDINGS`` are English source text marked with ``NC_("key", …)``;
:func:`translate_bindings` rebuilds the node's map from the class's with each
description translated, so switching language relabels the footer in place.
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode

from assistant.i18n.translator import Translator

LANGUAGE_ACTION = "app.switch_language"
"""The action whose description names the language the key switches to."""

_NAMES = {"en": "English", "fr": "Français"}
"""The shipped languages' names in themselves, known without loading CLDR data."""


def switch_label(t: Translator, offered: tuple[str, ...] | None = None) -> str:
    """What the language key says: the other language, in itself (read by the person
    who needs the switch), when there are two; "Language" when it opens the picker."""
    from assistant.i18n.catalogue import language_name
    from assistant.i18n.translator import languages

    offered = languages() if offered is None else offered
    others = [lang for lang in offered if lang != t.lang]
    if len(offered) <= 2 and others:
        return _NAMES.get(others[0]) or language_name(others[0])
    return t.pgettext("key", "Language")

def describe(binding: Binding, t: Translator) -> str:
    """The translated description of ``binding`` (empty when it has none)."""
    if binding.action in (LANGUAGE_ACTION, "switch_language"):
        return switch_label(t)
    if not binding.description:
        return ""
    return t.pgettext("key", binding.description)


def explain(binding: Binding, t: Translator) -> str:
    """The longer, translated explanation of ``binding`` (its tooltip), for the help."""
    if binding.tooltip:
        return t.pgettext("key help", binding.tooltip)
    return describe(binding, t)


def translate_bindings(node: DOMNode, t: Translator) -> None:
    """Give ``node`` its class's bindings with descriptions in ``t``'s language."""
    source = type(node)._merged_bindings
    if source is None:
        return
    keys: dict[str, list[Binding]] = {}
    for key, binding in source:
        group = binding.group
        if group is not None and group.description:
            group = Binding.Group(t.pgettext("key", group.description), compact=group.compact)
        keys.setdefault(key, []).append(
            replace(binding, description=describe(binding, t), group=group,
                    tooltip=explain(binding, t) if binding.tooltip else "")
        )
    node._bindings = BindingsMap.from_keys(keys)


def key_label(binding: Binding, display: str) -> str:
    """How the help screen names the key of ``binding`` (``display`` from the app)."""
    return binding.key_display or display
