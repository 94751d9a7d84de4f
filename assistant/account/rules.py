"""Every rule about an account, defined once.

The snapshot validator, the simulator and the diagnosis all ask these questions, so a
rule (what an email looks like, when an admin is the last one, how many collaborators
fit) can only change here. The limits themselves live in :mod:`assistant.account.model`.
"""

from __future__ import annotations

import re

from assistant.account.model import (
    MAX_COLLABORATORS,
    MAX_LINKED_MOBILES,
    AccountType,
    Business,
    Device,
    DeviceKind,
    Invitation,
    InvitationStatus,
    Member,
    Role,
    Snapshot,
    TikTok,
    same_email,
    same_username,
)
from assistant.safetext import BIDI_CONTROLS

EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
"""What a well-formed email looks like (SPEC §2, ``invite-invalid-email``)."""

_EMAIL = re.compile(EMAIL_PATTERN)

_PHONE_SEPARATORS = re.compile(r"[ .()\-]")
_PHONE_DIGITS = re.compile(r"\+?[0-9]{6,15}")

MAX_TEXT_LENGTH = 256
"""Longest name, email or phone a snapshot may hold (an email is at most 254)."""

MAX_NUMBER_DIGITS = 15
"""Longest whole number a snapshot may hold, in digits."""

# Control characters, unpaired surrogates and line/paragraph separators would break
# the one-line messages and the terminal layout; bidirectional controls would make a
# name or an email read as another one. These are the Unicode categories Cc, Cs, Zl
# and Zp, spelt out as ranges because one compiled class is ten times faster than
# asking unicodedata about every character (and the categories are stable: a test
# compares the class with unicodedata over every code point).
UNSAFE_CLASS = (
    "\x00-\x1f\x7f-\x9f"  # Cc: C0 controls, DEL, C1 controls
    "\ud800-\udfff"  # Cs: surrogates (unpaired ones, in a Python string)
    "\u2028\u2029"  # Zl, Zp: line and paragraph separators
    f"{BIDI_CONTROLS}"
)
"""The unsafe characters (:func:`has_unsafe_character`), as a regex class."""
_UNSAFE = re.compile(f"[{UNSAFE_CLASS}]")

HANGUL_FILLERS = "\u115f\u1160\u3164\uffa0"
"""Hangul fillers: letters that show as nothing (the only invisible characters that
:meth:`str.isprintable` calls printable)."""

INVISIBLE_CLASS = (
    "\u00ad\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\u180e"  # Cf
    "\u200b\u2060-\u2064\u206a-\u206f\ufeff\ufff9-\ufffb"  # Cf: zero-width, BOM
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"  # Cf
    "\U0001d173-\U0001d17a"  # Cf: musical format controls
    "\U000e0001\U000e0020-\U000e007f"  # Cf: tag characters (they spell hidden text)
    f"{HANGUL_FILLERS}"
)
"""The invisible characters, as a regex class: the format characters (Unicode category
Cf, bidirectional controls and the two joiners aside) and the Hangul fillers.

In a name or an email they make two values that read the same compare different
(``maison.lune`` and ``maison.lune`` followed by U+200B), and tag characters carry
text nobody sees into every output. Spelt out as ranges like :data:`UNSAFE_CLASS`
(a test compares it with :mod:`unicodedata`)."""

JOINERS = "\u200c\u200d"
"""Zero-width non-joiner and joiner: invisible, but part of how emoji sequences
(woman, U+200D, laptop) and some scripts (Persian, Devanagari) are written, so they are allowed
between two visible non-ASCII characters, and nowhere else."""

_SHOWN = f"[^\\x00-\\x7f\\s{UNSAFE_CLASS}{INVISIBLE_CLASS}{JOINERS}]"
_INVISIBLE = re.compile(f"[{INVISIBLE_CLASS}]|(?<!{_SHOWN})[{JOINERS}]|[{JOINERS}](?!{_SHOWN})")
_VISIBLE = re.compile(f"[^\\s{INVISIBLE_CLASS}{JOINERS}]")


def is_valid_email(text: str) -> bool:
    """Whether ``text`` looks like an email address (``name@domain.tld``, no spaces)."""
    # fullmatch: with re.match, ``$`` would also accept a trailing newline.
    return _EMAIL.fullmatch(text) is not None


def is_valid_phone(text: str) -> bool:
    """Whether ``text`` is a phone number: optional ``+``, 6 to 15 digits.

    Spaces, dots, dashes and parentheses between digits are allowed, as people
    write them.
    """
    compact = _PHONE_SEPARATORS.sub("", text.strip())
    return _PHONE_DIGITS.fullmatch(compact) is not None


def has_unsafe_character(text: str) -> bool:
    """Whether ``text`` holds a control character (bidirectional controls included), an
    unpaired surrogate or a line break."""
    # Every unsafe character is unprintable, and nearly every text is printable: the
    # one C call settles most texts without the regex.
    return not text.isprintable() and _UNSAFE.search(text) is not None


def invisible_character(text: str) -> str | None:
    """The first invisible character of ``text`` that it may not hold, if any.

    Those of :data:`INVISIBLE_CLASS` anywhere, and a joiner (:data:`JOINERS`) that is
    not between two visible non-ASCII characters.
    """
    found = _INVISIBLE.search(text)
    return None if found is None else found.group()


def is_blank(text: str) -> bool:
    """Whether ``text`` shows nothing: only spaces and invisible characters, or empty."""
    return _VISIBLE.search(text) is None


def is_valid_text(text: str) -> bool:
    """Whether ``text`` may be a name, email or phone in a snapshot.

    Not blank (:func:`is_blank`), at most :data:`MAX_TEXT_LENGTH` characters, and no
    character that :func:`has_unsafe_character` or :func:`invisible_character` refuses.
    """
    return (
        not is_blank(text)
        and len(text) <= MAX_TEXT_LENGTH
        and not has_unsafe_character(text)
        and invisible_character(text) is None
    )


def same_name(a: str, b: str) -> bool:
    """Whether two usernames or device names are the same (case does not matter)."""
    return a.casefold() == b.casefold()


# --- collaborators and devices -------------------------------------------------------


def is_collaborator(tiktok: TikTok, name: str) -> bool:
    """Whether ``name`` is already a collaborator of the account."""
    return any(same_name(existing, name) for existing in tiktok.collaborators)


def too_many_collaborators(tiktok: TikTok) -> bool:
    """Whether the account has more collaborators than allowed (an invalid snapshot)."""
    return len(tiktok.collaborators) > MAX_COLLABORATORS


def at_collaborator_limit(tiktok: TikTok) -> bool:
    """Whether the account already has every collaborator it may have."""
    return len(tiktok.collaborators) >= MAX_COLLABORATORS


def would_exceed_collaborators(tiktok: TikTok, extra: int = 1) -> bool:
    """Whether adding ``extra`` collaborators would go over the limit."""
    return len(tiktok.collaborators) + extra > MAX_COLLABORATORS


def find_device(tiktok: TikTok, name: str) -> Device | None:
    """The device called ``name``, if any."""
    return next((d for d in tiktok.devices if same_name(d.name, name)), None)


def has_linked_mobile(tiktok: TikTok) -> bool:
    """Whether a mobile device is linked to the account."""
    return bool(tiktok.linked_mobiles)


def too_many_linked_mobiles(tiktok: TikTok) -> bool:
    """Whether more mobile devices are linked than allowed (an invalid snapshot)."""
    return len(tiktok.linked_mobiles) > MAX_LINKED_MOBILES


def would_exceed_linked_mobiles(tiktok: TikTok, device: Device) -> bool:
    """Whether linking ``device`` would link one mobile device too many."""
    if device.kind is not DeviceKind.MOBILE or device.linked:
        return False
    others = [d for d in tiktok.linked_mobiles if not same_name(d.name, device.name)]
    return len(others) + 1 > MAX_LINKED_MOBILES


# --- account type and linking ----------------------------------------------------------


def is_personal(snapshot: Snapshot) -> bool:
    """Whether the TikTok account is a personal (standard) account."""
    return snapshot.tiktok.type is AccountType.PERSONAL


def linked_elsewhere(snapshot: Snapshot) -> bool:
    """Whether the TikTok For Business login is linked to another TikTok account."""
    business = snapshot.business
    return (
        business is not None
        and business.linked_tiktok is not None
        and not same_username(business.linked_tiktok, snapshot.tiktok.username)
    )


def known_in_other_business(business: Business, email: str) -> bool:
    """Whether ``email`` is known to belong to another business account."""
    return any(same_email(known, email) for known in business.in_other_business)


def needs_unlink_before_switch(snapshot: Snapshot) -> bool:
    """Whether switching to personal fails because the account is still linked."""
    return snapshot.tiktok.type is AccountType.BUSINESS and snapshot.is_linked


# --- team members ------------------------------------------------------------------------


def find_member(business: Business, email: str | None) -> Member | None:
    """The member with this email (departed or not), if any."""
    return business.member(email)


def is_last_admin(business: Business, email: str | None) -> bool:
    """Whether ``email`` is the only admin of the team who has not departed."""
    admins = business.active_admins
    return len(admins) == 1 and same_email(admins[0].email, email)


def has_excess_admins(business: Business) -> bool:
    """Whether at least 3 people are active and more than half of them are admins."""
    active = business.active_members
    if len(active) < 3:
        return False
    # business.active_admins would look for the active members a second time.
    admins = [m for m in active if m.role is Role.ADMIN]
    return 2 * len(admins) > len(active)


def departed_members(business: Business) -> tuple[Member, ...]:
    """Members who left but still have access."""
    return tuple([m for m in business.members if m.departed])


# --- invitations ---------------------------------------------------------------------------


def find_invitation(business: Business, email: str | None) -> Invitation | None:
    """The invitation sent to ``email``, if any."""
    return next((i for i in business.invitations if same_email(i.email, email)), None)


def accepted_with_other_email(invitation: Invitation) -> bool:
    """Whether the invitation was accepted while signed in with another email."""
    return invitation.accepted_with is not None and not same_email(
        invitation.accepted_with, invitation.email
    )


def is_expired(invitation: Invitation) -> bool:
    """Whether the invitation expired and must be sent again."""
    return invitation.status is InvitationStatus.EXPIRED


def is_pending(invitation: Invitation) -> bool:
    """Whether the invitation still waits for the invitee."""
    return invitation.status is InvitationStatus.PENDING


def removes_admin_role(member: Member, role: Role) -> bool:
    """Whether giving ``member`` the ``role`` takes an admin role away."""
    return member.role is Role.ADMIN and role is not Role.ADMIN
