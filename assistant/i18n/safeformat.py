"""A restricted ``str.format``: named fields only, nothing evaluated.

Translations come from volunteers; ``{user.__class__}``, ``{0[x]}``, ``{x!r}`` or
``{x:>99999}`` in one of them must never run. Anything but a plain ``{name}`` whose
name was given is refused with :class:`FormatRefused`.

Templates follow ``str.format`` syntax otherwise: a literal brace is written doubled
(``{{`` and ``}}``), whether or not fields are given.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping

from assistant.i18n.markers import N_

_PARSER = string.Formatter()


class FormatRefused(ValueError):
    """A template uses something other than plain, known, named placeholders.

    ``reason`` is an English message with ``{fields}``, marked for translation:
    ``render(t.gettext)`` gives it in the reader's language.
    """

    def __init__(self, reason: str, **fields: str) -> None:
        self.reason = reason
        self.fields = fields
        super().__init__(_fill(reason, fields))

    def render(self, gettext: Callable[..., str]) -> str:
        """The reason through ``gettext`` (such as ``t.gettext``)."""
        return gettext(self.reason, **self.fields)


def _fill(reason: str, fields: Mapping[str, str]) -> str:
    # Our own reasons only: plain {name} fields, values inserted verbatim.
    out = []
    for literal, name, _spec, _conversion in _PARSER.parse(reason):
        out.append(literal)
        if name is not None:
            out.append(fields[name])
    return "".join(out)


def _parse(template: str) -> list[tuple[str, str | None, str | None, str | None]]:
    try:
        return list(_PARSER.parse(template))
    except ValueError:
        raise FormatRefused(
            N_("unbalanced braces: write a literal brace as {{{{ or }}}}")
        ) from None


def _refusal(name: str, spec: str | None, conversion: str | None) -> FormatRefused | None:
    """Why the replacement field ``{name!conversion:spec}`` is refused, or ``None``."""
    shown = "{" + name + (f"!{conversion}" if conversion else "")
    shown += (f":{spec}" if spec else "") + "}"
    if name == "" or name.isdigit():
        return FormatRefused(N_("placeholder {shown} is positional: give it a name"), shown=shown)
    if not name.isidentifier():
        return FormatRefused(
            N_("placeholder {shown} is not a plain name (no attribute or index access)"),
            shown=shown,
        )
    if conversion:
        return FormatRefused(N_("placeholder {shown} has a conversion"), shown=shown)
    if spec:
        return FormatRefused(N_("placeholder {shown} has a format spec"), shown=shown)
    return None


def unsafe_placeholders(template: str) -> list[FormatRefused]:
    """Every reason ``template`` would be refused (empty when it is safe), for the checks."""
    try:
        parsed = _parse(template)
    except FormatRefused as refused:
        return [refused]
    reasons = []
    for _literal, name, spec, conversion in parsed:
        if name is not None and (reason := _refusal(name, spec, conversion)):
            reasons.append(reason)
    return reasons


def placeholders(template: str) -> set[str]:
    """The placeholder names used by ``template``; raises :class:`FormatRefused`."""
    names: set[str] = set()
    for _literal, name, spec, conversion in _parse(template):
        if name is None:
            continue
        refused = _refusal(name, spec, conversion)
        if refused:
            raise refused
        names.add(name)
    return names


def safe_format(template: str, fields: Mapping[str, object]) -> str:
    """Fill the named placeholders of ``template`` from ``fields``.

    Raises :class:`FormatRefused` when the template is not safe or names a field that
    was not given. Extra fields are ignored (a translation may leave one out).
    """
    if "{" not in template and "}" not in template:
        return template
    names = placeholders(template)
    unknown = names - set(fields)
    if unknown:
        raise FormatRefused(
            N_("placeholder {shown} is not one of the known fields"),
            shown="{" + sorted(unknown)[0] + "}",
        )
    out: list[str] = []
    for literal, name, _spec, _conversion in _parse(template):
        out.append(literal)
        if name is not None:
            out.append(str(fields[name]))
    return "".join(out)
