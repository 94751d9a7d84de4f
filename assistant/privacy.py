"""Personal data kept out of text meant for people: emails and phone numbers masked.

Human-readable diagnosis output, transcripts and logs may be pasted into tickets or
chats. They show ``a***@studio.example`` instead of ``ana@studio.example`` and
``** ** ** ** 78`` instead of ``06 12 34 56 78``: enough to tell two people apart,
not enough to contact them. Output meant for the agent's own tools (JSON) keeps the
data as it is.

:func:`mask` is the one masking function: every output meant for people (the
diagnosis, refusals, ``run``'s text, transcripts, the UI) goes through it.
``mask_text`` is the same function under its older name; :func:`mask_value` is
``mask(value, whole=True)``, for one value known to be an email or a phone number.

What it recognises:

- an address: ``name@domain.tld``, with the ``@`` written ``＠`` (full width), ``﹫``,
  ``(at)``, ``[at]`` or ``{at}``; also an address cut short by ``…`` after its ``@``;
  a domain without a dot (``maison.lune@paris``) is a name, not an address;
- a phone number: 8 to 15 digits (6 after ``+`` or ``00``), separated by spaces of any
  kind (U+00A0, U+202F, U+2009…), ``.``, ``-``, ``–``, ``—``, ``/``, ``_``, brackets
  or invisible characters (U+200B, U+2060, U+FEFF), with an optional extension
  (``x12``, ``ext. 12``, ``poste 12``) whose digits are hidden too.

Masking is idempotent (masking masked text changes nothing), so
:func:`contains_personal_data` is simply "masking would change something".
"""

from __future__ import annotations

import re
from dataclasses import fields
from functools import cache
from typing import Protocol

from assistant.account import model
from assistant.account.rules import is_valid_phone

MASK = "***"
"""What replaces the hidden part of an email's local part."""

_HIDDEN_DIGIT = "*"

# The ways people write the "@" of an address: ASCII, full width, small, spelt out.
_AT = r"(?:@|\uff20|\ufe6b|\s?[(\[{]\s?[aA][tT]\s?[)\]}]\s?)"
_AT_SIGN = re.compile(_AT)
# Delimiters that commonly surround an address in prose, Markdown (``**bold**``) or
# JSON; the no-break spaces of French typography count as whitespace for ``\s``. A
# masked local part ends with ``*``, so it is never taken for one again.
_NOT_IN_ADDRESS = r"\s@\uff20\ufe6b<>()\[\]{}\"'`,;:«»“”‘’…*"
_LOCAL = rf"[^{_NOT_IN_ADDRESS}]+"
# Only from the start of a word (the lookbehind): trying every position inside a long
# run of name characters would take quadratic time.
_EMAIL_IN_TEXT = re.compile(
    rf"(?<![^{_NOT_IN_ADDRESS}]){_LOCAL}{_AT}"
    rf"(?:[^{_NOT_IN_ADDRESS}.][^{_NOT_IN_ADDRESS}]*\.[^{_NOT_IN_ADDRESS}.]+"
    # An address cut short after its "@" (a long key shortened for a message).
    rf"|[^{_NOT_IN_ADDRESS}.][^{_NOT_IN_ADDRESS}]*…)"
)
_EMAIL_PARTS = re.compile(rf"(?P<local>{_LOCAL})(?P<at>{_AT})(?P<domain>.*)", re.DOTALL)

# What people type between the digits of a phone number: spaces of every kind (``\s``
# holds U+00A0, U+202F, U+2009), dots, hyphens and dashes, slashes, underscores,
# brackets, and the invisible characters a copy and paste carries along.
_SEPARATOR = r"[\s.\-\u2010-\u2015\u2212/_()\u200b-\u200d\u2060\ufeff]"
_EXTENSION = rf"{_SEPARATOR}{{0,3}}(?:[xX]|[eE][xX][tT]\.?|[pP]oste){_SEPARATOR}{{0,3}}\d{{1,6}}"
# A run of digits with those separators, optionally after an international prefix
# and before an extension. Not preceded by a word character, so "user12345678" or a
# version number inside a word stays as it is.
_PHONE_IN_TEXT = re.compile(
    rf"(?<![\w+\uff0b*])(?P<number>(?:[+\uff0b]|\b00)?\(?\d(?:{_SEPARATOR}{{0,3}}\d){{5,18}})"
    rf"(?P<extension>{_EXTENSION})?(?!\w)"
)
_PHONE_VALUE = re.compile(
    rf"(?P<number>{_SEPARATOR}*[+\uff0b]?{_SEPARATOR}*\d(?:{_SEPARATOR}*\d){{5,}})"
    rf"(?P<extension>{_EXTENSION})?{_SEPARATOR}*"
)
"""A whole value made of digits and separators only, 6 digits or more: a phone number."""
_DATE = re.compile(r"\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{4}")

_MIN_DIGITS = 8
"""Digits a number needs to be taken for a phone number in free text."""
_MIN_DIGITS_INTERNATIONAL = 6
"""Digits enough after ``+`` or ``00``: the prefix already says "phone number"."""
_MAX_DIGITS = 15
"""The longest international number (ITU-T E.164)."""
_VISIBLE_DIGITS = 2


def mask(text: str, *, whole: bool = False) -> str:
    """``text`` with every email address and phone number in it masked.

    With ``whole``, ``text`` is one value known to be an email or a phone number (a
    snapshot's ``business.email``, an invitation's address): it is judged as a whole,
    so a malformed address (``ana@studio``, ``ana @studio.example``) or a short number
    is masked too.
    """
    if whole:
        if _AT_SIGN.search(text):
            return _mask_address(text)
        if is_valid_phone(text):
            return mask_phone(text)
        if (number := _PHONE_VALUE.fullmatch(text)) is not None:
            return _masked_number(number)
    if _AT_SIGN.search(text):
        text = _EMAIL_IN_TEXT.sub(lambda match: _mask_address(match.group()), text)
    return _PHONE_IN_TEXT.sub(_mask_phone_match, text)


mask_text = mask
"""The older name of :func:`mask`, for text."""


def mask_value(value: str) -> str:
    """One value from a snapshot known to be an email or a phone number, made safe to show.

    ``mask(value, whole=True)``. Not for names (a username may hold an ``@``) nor
    sentences: :func:`mask` them.
    """
    return mask(value, whole=True)


def _mask_address(email: str) -> str:
    """``ana@studio.example`` → ``a***@studio.example``: first letter, at sign and domain
    kept (a spelt-out ``(at)`` stays as written)."""
    # The last at sign splits it, as in "ana@x@studio.example".
    found = list(_AT_SIGN.finditer(email))
    if not found:
        return mask(email)
    at = found[-1]
    local, domain = email[: at.start()], email[at.end():]
    stripped = local.strip()
    if not stripped:
        return local + at.group() + mask(domain)
    lead = local[: len(local) - len(local.lstrip())]
    return f"{lead}{stripped[0]}{MASK}{at.group()}{domain}"


def mask_email(email: str) -> str:
    """``ana@studio.example`` → ``a***@studio.example``: :func:`mask` of one whole address."""
    return mask(email, whole=True)


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
    text, number = match.group(), match.group("number")
    digits = sum(char.isdigit() for char in number)
    international = number.startswith(("+", "\uff0b", "00"))
    least = _MIN_DIGITS_INTERNATIONAL if international else _MIN_DIGITS
    if not least <= digits <= _MAX_DIGITS or _DATE.fullmatch(text):
        return text
    return _masked_number(match)


def _masked_number(match: re.Match[str]) -> str:
    """A matched number with its last two digits shown, and its extension hidden."""
    extension = match.string[match.end("number"): match.end()]
    hidden = "".join(_HIDDEN_DIGIT if char.isdigit() else char for char in extension)
    return mask_phone(match.group("number")) + hidden


def contains_personal_data(text: str) -> bool:
    """Whether ``text`` shows an email address or a phone number unmasked."""
    return mask(text) != text


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with ``…``, never inside an address or a number.

    A cut that would fall inside one is moved to just after it, so that :func:`mask`
    still sees it whole and masks it (text for tools keeps it whole anyway).
    """
    if len(text) <= limit:
        return text
    cut = limit - 1
    for pattern in (_EMAIL_IN_TEXT, _PHONE_IN_TEXT):
        for match in pattern.finditer(text):
            if match.start() < cut < match.end():
                cut = match.end()
    return text if cut >= len(text) else text[:cut] + "…"


def mask_refusal(text: str, source: str, field: str) -> str:
    """A refusal ``source: field: problem`` made safe to show to people.

    The file name (``source``) is the person's own and stays as given; the known
    sections of the field path stay (:func:`mask_field_path`); the rest is masked.
    """
    head = f"{source}: "
    if not text.startswith(head):
        return mask(text)
    rest = text[len(head):]
    prefix = f"{field}: "
    if field and rest.startswith(prefix):
        return f"{head}{mask_field_path(field)}: {mask(rest[len(prefix):])}"
    return head + mask(rest)


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
    return path[:position] + mask(path[position:])


class _Writable(Protocol):
    def write(self, text: str, /) -> object: ...
    def flush(self) -> object: ...


class MaskedStream:
    """A text stream for people: whatever is written goes through :func:`mask` first.

    Write whole lines (or whole sentences): an address split over two writes would
    not be recognised.
    """

    def __init__(self, stream: _Writable) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(mask(text))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()
