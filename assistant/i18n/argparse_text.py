"""argparse's own words (usage, help headings, errors) in the reader's language.

argparse looks its messages up with :func:`gettext.gettext`, bound when it is
imported. :func:`speaking` points that lookup at a :class:`Translator` for the time
of one parse only, so nothing stays bound to a language. The messages are listed
here so that extraction puts them in the catalogue; they use ``%`` placeholders,
which argparse fills after the lookup, so a translation whose placeholders differ
from the English is not used.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from contextlib import contextmanager

from assistant.i18n.markers import N_
from assistant.i18n.translator import Translator

# Translators: argparse's messages (Python 3.11). Keep every %s, %r and %(name)s as it is.
MESSAGES = (
    # Translators: starts the usage line of --help ("usage: assistant [-h] …").
    N_("usage: "),
    # Translators: a heading of --help, above the arguments given without an option.
    N_("positional arguments"),
    # Translators: a heading of --help, above the list of options (--lang, --json…).
    N_("options"),
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("can't open '%(filename)s': %(error)s"),
)
"""argparse's messages, as extraction should see them."""

def _mark_plurals(t: Translator) -> None:  # pragma: no cover - for extraction only
    t.ngettext("expected %s argument", "expected %s arguments", 2)


_PERCENT = re.compile(r"%(?:\([^)]*\))?[a-z%]")


def _same_fields(source: str, translated: str) -> bool:
    return sorted(_PERCENT.findall(source)) == sorted(_PERCENT.findall(translated))


def raw(t: Translator, message: str, plural: str | None = None, n: int = 1) -> str:
    """The translation of an argparse message, unfilled; the English if it is unusable."""
    index = t.messages.plural.index(n) if t.messages and plural is not None else 0
    forms = t.messages.entries.get((None, message)) if t.messages else None
    source = message if plural is None or n == 1 else plural
    if forms and index < len(forms) and _same_fields(source, forms[index]):
        return forms[index]
    return source


@contextmanager
def speaking(t: Translator) -> Iterator[None]:
    """Within the block, argparse writes its messages in ``t``'s language."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._ = lambda message: raw(t, message)  # type: ignore[attr-defined]
    argparse.ngettext = lambda s, p, n: raw(t, s, p, n)  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]
