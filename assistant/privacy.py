"""Personal data kept out of text meant for people: emails and phone numbers masked.

Human-readable diagnosis output, transcripts and logs may be pasted into tickets or
chats. They show ``a***@studio.example`` instead of ``ana@studio.example`` and
``** ** ** ** 78`` instead of ``06 12 34 56 78``: enough to tell two people apart,
not enough to contact them. Output meant for the agent's own tools (JSON) keeps the
data as it is.

Masking is idempotent (masking masked text changes nothing), so
:func:`contains_personal_data` is simply "masking would change something".
"""

from __future__ import annotations

import re
from dataclasses import fields
from functools import cache

from assistant.account import model
from assistant.account.rules import is_valid_phone

MASK = "***"
"""What replaces the hidden part of an email's local part."""

_HIDDEN_DIGIT = "*"

# Delimiters that commonly surround an address in prose, Markdown or JSON; the
# no-break spaces of French typography count as whitespace for ``\s``.
_NOT_IN_ADDRESS = r"\s@<>()\[\]{}\"'`,;:«»“”‘’"
_EMAIL_IN_TEXT = re.compile(
    rf"[^{_NOT_IN_ADDRESS}]+@[^{_NOT_IN_ADDRESS}.][^{_NOT_IN_ADDRESS}]*\.[^{_NOT_IN_ADDRESS}.]+"
)

# A run of digits with the separators people type (spaces, dots, dashes, brackets),
# optionally after an international prefix. Not preceded by a word character, so
# "user12345678" or a version number inside a word stays as it is.
_PHONE_IN_TEXT = re.compile(r"(?<![\w+*])(?:\+|\b00)?\(?\d(?:[ .\-()]{0,3}\d){5,18}(?!\w)")
_DATE = re.compile(r"\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{4}")

_MIN_DIGITS = 8
"""Digits a number needs to be taken for a phone number in free text."""
_MIN_DIGITS_INTERNATIONAL = 6
"""Digits enough after ``+`` or ``00``: the prefix already says "phone number"."""
_MAX_DIGITS = 15
"""The longest international number (ITU-T E.164)."""
_VISIBLE_DIGITS = 2


def mask_email(email: str) -> str:
    """``ana@studio.example`` → ``a***@studio.example``: first letter and domain kept."""
    local, at, domain = email.rpartition("@")
    if not at or not local:
        return mask_text(email)
    return f"{local[0]}{MASK}@{domain}"


def mask_phone(phone: str) -> str:
    """``+33 6 12 34 56 78`` → ``+** * ** ** ** 78``: only the last two digits stay.

    The separators stay, so the masked number still reads like the one the person
    typed.
    """
    total = sum(char.isdigit() for char in phone)
    seen = 0
    out = []
    for char in phone:
        if char.isdigit():
            seen += 1
            out.append(char if seen > total - _VISIBLE_DIGITS else _HIDDEN_DIGIT)
        else:
            out.append(char)
    return "".join(out)


def _mask_phone_match(match: re.Match[str]) -> str:
    text = match.group()
    digits = sum(char.isdigit() for char in text)
    international = text.startswith(("+", "00"))
    least = _MIN_DIGITS_INTERNATIONAL if international else _MIN_DIGITS
    if not least <= digits <= _MAX_DIGITS or _DATE.fullmatch(text):
        return text
    return mask_phone(text)


def mask_text(text: str) -> str:
    """``text`` with every email address and phone number in it masked."""
    if "@" in text:
        text = _EMAIL_IN_TEXT.sub(lambda match: mask_email(match.group()), text)
    return _PHONE_IN_TEXT.sub(_mask_phone_match, text)


def mask_value(value: str) -> str:
    """One value from a snapshot (an email, a phone number, a name) made safe to show.

    A whole value is judged by what it is, so a malformed email (``ana@studio``,
    ``ana @studio.example``) or a short phone number is still masked; anything else
    is masked like free text. Not for sentences: use :func:`mask_text` on those.
    """
    if "@" in value:
        return mask_email(value)
    if is_valid_phone(value):
        return mask_phone(value)
    return mask_text(value)


def contains_personal_data(text: str) -> bool:
    """Whether ``text`` shows an email address or a phone number unmasked."""
    return mask_text(text) != text


_PATH_SEGMENT = re.compile(r"([A-Za-z_]+)(?:\[\d+\])?\.")


@cache
def _snapshot_field_names() -> frozenset[str]:
    """Every key the snapshot format defines (SPEC §1), from the model itself."""
    classes = (model.Snapshot, model.TikTok, model.Business, model.Member, model.Invitation,
               model.Device, model.Session)
    return frozenset({"format"} | {item.name for cls in classes for item in fields(cls)})


def mask_field_path(path: str) -> str:
    """A field path from a refusal (``tiktok.ana@studio.example``) made safe to show.

    The leading sections the snapshot format defines stay (``tiktok.``,
    ``business.members[2].``); the rest, an unknown key that may be an address or a
    number, is masked as text: ``tiktok.a***@studio.example``.
    """
    known = _snapshot_field_names()
    position = 0
    while (segment := _PATH_SEGMENT.match(path, position)) and segment.group(1) in known:
        position = segment.end()
    return path[:position] + mask_text(path[position:])
