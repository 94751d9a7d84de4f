"""Typed answers: what an ``input`` step accepts, and the message when it does not.

The text is checked with the same rules as the snapshot's own fields
(:mod:`assistant.account.rules`), so what a person types can always be put in the
simulated account. Messages are English source text, translated when shown; they do
not repeat the text (it may be personal data).
"""

from __future__ import annotations

from assistant.account import rules
from assistant.i18n.translator import N_, Translator


class InputError(ValueError):
    """Typed text that the step cannot take; :meth:`render` gives the message."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def render(self, translator: Translator) -> str:
        """The message in the translator's language."""
        return translator.gettext(self.message)


EMPTY = N_("Type your answer first.")
NOT_EMAIL = N_("That is not an email address: write it like name@example.com, without spaces.")
NOT_PHONE = N_(
    "That is not a phone number: write 6 to 15 digits, starting with + and the country "
    "code if it is not a local number."
)
NOT_USERNAME = N_(
    "That is not a TikTok username: write it without spaces, like maison.lune (the @ is "
    "optional)."
)


def check_input(kind: str, text: str) -> str:
    """``text`` cleaned up for ``kind`` (``email``, ``phone`` or ``username``).

    Raises :class:`InputError` when it is not one.
    """
    value = text.strip()
    if not value:
        raise InputError(EMPTY)
    if not rules.is_valid_text(value):
        raise InputError({"email": NOT_EMAIL, "phone": NOT_PHONE}.get(kind, NOT_USERNAME))
    if kind == "email":
        if not rules.is_valid_email(value):
            raise InputError(NOT_EMAIL)
        return value
    if kind == "phone":
        if not rules.is_valid_phone(value):
            raise InputError(NOT_PHONE)
        return value
    name = value.removeprefix("@")
    if not name or any(c.isspace() for c in name) or "@" in name:
        raise InputError(NOT_USERNAME)
    return name
