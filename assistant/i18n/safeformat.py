"""A restricted ``str.format``: named fields only, nothing evaluated.

Translations come from volunteers; ``{user.__class__}``, ``{0[x]}``, ``{x!r}`` or
``{x:>99999}`` in one of them must never run. Anything but a plain ``{name}`` whose
name was given is refused with :class:`FormatRefused`.
"""

from __future__ import annotations

import string
from collections.abc import Mapping

_PARSER = string.Formatter()


class FormatRefused(ValueError):
    """A template uses something other than plain, known, named placeholders."""


def placeholders(template: str) -> set[str]:
    """The placeholder names used by ``template``; raises :class:`FormatRefused`."""
    names: set[str] = set()
    try:
        parsed = list(_PARSER.parse(template))
    except ValueError as problem:
        raise FormatRefused(f"bad braces ({problem})") from None
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if not name.isidentifier():
            raise FormatRefused(f"placeholder {{{name}}} is not a plain name")
        if conversion or spec:
            raise FormatRefused(f"placeholder {{{name}}} has a conversion or format spec")
        names.add(name)
    return names


def safe_format(template: str, fields: Mapping[str, object]) -> str:
    """Fill the named placeholders of ``template`` from ``fields``.

    With no fields and no placeholders the template is returned unchanged (so a
    Markdown body without fields may contain literal ``{{``... only when fields are
    given are doubled braces collapsed).
    """
    if not fields and "{" not in template and "}" not in template:
        return template
    names = placeholders(template)
    unknown = names - set(fields)
    if unknown:
        raise FormatRefused(f"unknown placeholder {{{sorted(unknown)[0]}}}")
    out: list[str] = []
    for literal, name, _spec, _conversion in _PARSER.parse(template):
        out.append(literal)
        if name is not None:
            out.append(str(fields[name]))
    return "".join(out)
