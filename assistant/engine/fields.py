"""What a guide may take from the account: action arguments and text placeholders.

Both are small fixed sets, so a guide cannot reach into anything else:

- an action argument written ``"$name"`` is replaced by :data:`ARG_REFERENCES`;
- a ``{name}`` in a title, body or label is filled from :data:`TEXT_FIELDS`.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable

from assistant.account.model import MAX_COLLABORATORS, MAX_PEOPLE, Snapshot
from assistant.engine import focus
from assistant.engine.focus import NO_PICKS, Picks
from assistant.i18n.markers import NP_, Counted

Getter = Callable[[Snapshot, Picks], object]
"""A value taken from the account and from what the person picked or typed."""

WRONG_CODE = "000000"
"""A code that is not the simulated email's: plays "the page says the code is wrong"."""


def _two(function: Callable[..., object]) -> Getter:
    if len(inspect.signature(function).parameters) == 2:
        return function
    return lambda s, _picks=NO_PICKS: function(s)

MISSING = "—"
"""Shown for a text field the account does not have (no business login, no target)."""


def _simulated_code(_: Snapshot) -> str:
    # Imported late: the simulator owns the code the simulated email carries.
    from assistant.account.simulator import SIMULATED_CODE

    return SIMULATED_CODE


def _linked_mobile(s: Snapshot) -> str | None:
    return next((d.name for d in s.tiktok.linked_mobiles), None)


def _first_collaborator(s: Snapshot) -> str | None:
    return s.tiktok.collaborators[0] if s.tiktok.collaborators else None


_ARG_REFERENCES: dict[str, Callable[..., object]] = {
    "$actor": lambda s: s.session.actor,
    "$username": lambda s: s.tiktok.username,
    "$tiktok.email": lambda s: s.tiktok.email,
    "$business.email": lambda s: s.business.email if s.business else None,
    "$profile": lambda s: s.session.business_profile,
    "$target": lambda s: s.target,
    "$code": _simulated_code,
    "$first_collaborator": _first_collaborator,
    "$linked_mobile": _linked_mobile,
    "$invitee": focus.invitee,
    "$invitation": lambda s, p: _invitation_email(s, p),
    "$member": focus.member_email,
    "$collaborator": focus.collaborator,
    "$device": focus.device,
    "$new_email": lambda s, p: p.get("new_email"),
    "$phone": lambda s, p: p.get("phone"),
    "$wrong_code": lambda s: WRONG_CODE,
}
ARG_REFERENCES: dict[str, Getter] = {name: _two(f) for name, f in _ARG_REFERENCES.items()}
"""Action argument references, each a function of the snapshot at the time of the action.

``$code`` is the verification code the simulated email carries (entering it works).
``$first_collaborator`` (the one the simulation removes when the person removes "one")
and ``$linked_mobile`` are ``None`` when there is none: check first.
``$invitee``, ``$invitation`` and ``$member`` are the person to invite, the invitation in
hand and the member to act on, for the team guides (:mod:`assistant.engine.focus`);
the last two are ``None`` when there is none: check first. ``$collaborator`` and
``$device`` are the ones picked (else the first collaborator, the linked mobile);
``$new_email`` and ``$phone`` what the person typed; ``$wrong_code`` a code that is not
the email's (to play "the page says the code is wrong").
"""


def _invitation_email(s: Snapshot, picks: Picks = NO_PICKS) -> str | None:
    found = focus.invitation(s, picks)
    return None if found is None else found.email


def _accepted_with(s: Snapshot, picks: Picks = NO_PICKS) -> str | None:
    found = focus.invitation(s, picks)
    return None if found is None else found.accepted_with


def _text(value: object) -> object:
    return MISSING if value is None else value


_TEXT_FIELDS: dict[str, Callable[..., object]] = {
    "username": lambda s: s.tiktok.username,
    "tiktok_email": lambda s: _text(s.tiktok.email),
    "business_email": lambda s: _text(s.business.email if s.business else None),
    "actor": lambda s: s.session.actor,
    "profile": lambda s: _text(s.session.business_profile),
    "linked_account": lambda s: _text(s.business.linked_tiktok if s.business else None),
    "target": lambda s: _text(s.target),
    "collaborator_count": lambda s: len(s.tiktok.collaborators),
    "max_collaborators": lambda s: MAX_COLLABORATORS,
    "max_people": lambda s: MAX_PEOPLE,
    "collaborators": lambda s: ", ".join(s.tiktok.collaborators) or MISSING,
    # Counted phrases, in the reader's language and plural rule: "1 collaborator".
    "collaborators_counted": lambda s: Counted(len(s.tiktok.collaborators), NP_(
        "{n} collaborator", "{n} collaborators")),
    "admins_counted": lambda s: Counted(len(focus.active_admin_emails(s)), NP_(
        "{n} administrator", "{n} administrators")),
    "linked_mobile": lambda s: _text(_linked_mobile(s)),
    "invitee": focus.invitee,
    "invitation": lambda s, p: _text(_invitation_email(s, p)),
    "accepted_with": lambda s, p: _text(_accepted_with(s, p)),
    "member": lambda s, p: _text(focus.member_email(s, p)),
    "admins": lambda s: ", ".join(focus.active_admin_emails(s)) or MISSING,
    "collaborator": lambda s, p: _text(focus.collaborator(s, p)),
    "device": lambda s, p: _text(focus.device(s, p)),
    "new_email": lambda s, p: _text(p.get("new_email")),
    "phone": lambda s, p: _text(p.get("phone")),
    "business_phone": lambda s: _text(s.business.phone if s.business else None),
    "owner": lambda s: _text(s.business.email if s.business else None),
}
TEXT_FIELDS: dict[str, Getter] = {name: _two(f) for name, f in _TEXT_FIELDS.items()}
"""Placeholders guide text may use, filled from the snapshot (and the picks) when shown.

``{owner}`` is the login the TikTok account is linked to (the same as
``{business_email}``): the person to ask when it is not the person's own.

A ``*_counted`` field is a counted phrase (:class:`assistant.i18n.markers.Counted`):
"these {collaborators_counted}: {collaborators}" reads "1 collaborator" or "2
collaborators", and each language's plural rule picks its form.
"""


def text_fields(snapshot: Snapshot, picks: Picks = NO_PICKS) -> dict[str, object]:
    """The value of every text placeholder for ``snapshot``."""
    return {name: get(snapshot, picks) for name, get in TEXT_FIELDS.items()}


def resolve_args(
    args: tuple[tuple[str, str], ...], snapshot: Snapshot, picks: Picks = NO_PICKS
) -> dict[str, object]:
    """The action arguments with every ``$reference`` replaced from ``snapshot``."""
    resolved: dict[str, object] = {}
    for name, value in args:
        if value.startswith("$"):
            resolved[name] = ARG_REFERENCES[value](snapshot, picks)
        else:
            resolved[name] = value
    return resolved
