"""Markers for strings translated later: ``pybabel extract`` finds them, nothing else happens."""

from __future__ import annotations


def N_(message: str) -> str:
    """Mark ``message`` for extraction; it is translated later with ``t.gettext(message)``."""
    return message


def NC_(context: str, message: str) -> str:
    """Mark ``message`` with a ``context`` for extraction; translate with ``pgettext``."""
    return message


def NP_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a plural pair for extraction; translated later, by count, with ``ngettext``."""
    return singular, plural


class Counted:
    """A field value that is a counted phrase: "1 collaborator", "2 collaborators".

    A guide writes ``{collaborators_counted}`` and the translator renders the phrase in
    the reader's language with its plural rule (French: « 1 collaborateur »,
    « 2 collaborateurs »), so no guide sentence needs a "(s)". The forms are marked
    with :func:`NP_` where the field is defined.
    """

    __slots__ = ("n", "plural", "singular")

    def __init__(self, n: int, forms: tuple[str, str]) -> None:
        self.n = n
        """The count."""
        self.singular, self.plural = forms

    def __str__(self) -> str:
        # English, when shown without a translator.
        return (self.singular if self.n == 1 else self.plural).replace("{n}", str(self.n))

    def __repr__(self) -> str:
        return f"Counted({self.n}, {self.singular!r})"
