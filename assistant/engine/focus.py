"""Who the team guides are about: the person to invite, the invitation, the member.

A guide keeps no notes between steps, so the person or invitation a step talks about is
worked out again from the snapshot each time. The rules are chosen so that the answer
stays the same while a guide works on it:

- the *invitee* is the snapshot's ``target`` or, when none is named, a simulated
  newcomer (:data:`NEW_MEMBER_EMAIL`): the guide cannot ask the person to type an address;
- the *invitation* is the one sent to the invitee, else the first one in the order of
  :data:`INVITATION_STATES` (the most urgent problem first), else none;
- the *member* is the ``target`` or, when none is named, the first former member who
  still has access.

The named checks (:mod:`assistant.engine.checks`) and the action arguments and text
fields (:mod:`assistant.engine.fields`) read these, so a check and the text or action
that follows it always mean the same invitation or member.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from assistant.account import rules
from assistant.account.model import Invitation, InvitationStatus, Member, Snapshot

Picks = Mapping[str, str]
"""What the person chose or typed on this run: ``member``, ``invitee``, ``invitation``,
``collaborator``, ``device``, ``new_email``, ``phone`` (see ``pick`` and ``input`` steps)."""

NO_PICKS: Picks = MappingProxyType({})
"""A run where nothing was picked or typed yet."""

NEW_MEMBER_EMAIL = "new.member@studio.example"
"""The address the simulated invitation goes to when the snapshot names no ``target``."""


def _accepted(invitation: Invitation) -> bool:
    return invitation.status is InvitationStatus.ACCEPTED


INVITATION_STATES: tuple[tuple[str, Callable[[Invitation], bool]], ...] = (
    ("invalid", lambda i: not rules.is_valid_email(i.email)),
    ("mismatch", rules.accepted_with_other_email),
    ("other-business", lambda i: i.invitee_other_business),
    ("expired", rules.is_expired),
    ("accepted", _accepted),
    ("pending", rules.is_pending),
)
"""What can be true of an invitation, most urgent first (every invitation is at least
``accepted``, ``expired`` or ``pending``)."""


def invitee(s: Snapshot, picks: Picks = NO_PICKS) -> str:
    """The email the team guides invite: the one typed, else the ``target``, else
    :data:`NEW_MEMBER_EMAIL`."""
    if "invitee" in picks:
        return picks["invitee"]
    return s.target if s.target is not None else NEW_MEMBER_EMAIL


def invitation(s: Snapshot, picks: Picks = NO_PICKS) -> Invitation | None:
    """The invitation the team guides deal with now (see the module docstring).

    An invitation the person picked stays the one in hand (``None`` once withdrawn).
    """
    if s.business is None:
        return None
    if "invitation" in picks:
        return rules.find_invitation(s.business, picks["invitation"])
    own = rules.find_invitation(s.business, invitee(s, picks))
    if own is not None:
        return own
    for _name, holds in INVITATION_STATES:
        found = next((i for i in s.business.invitations if holds(i)), None)
        if found is not None:
            return found
    return None


def invitation_state(s: Snapshot, picks: Picks = NO_PICKS) -> str | None:
    """The most urgent state of :func:`invitation` (a name of :data:`INVITATION_STATES`)."""
    found = invitation(s, picks)
    if found is None:
        return None
    return next(name for name, holds in INVITATION_STATES if holds(found))


def member_email(s: Snapshot, picks: Picks = NO_PICKS) -> str | None:
    """The member the team guides act on: the one picked, else the ``target``, else the
    first former member."""
    if "member" in picks:
        return picks["member"]
    if s.target is not None:
        return s.target
    if s.business is None:
        return None
    departed = rules.departed_members(s.business)
    return departed[0].email if departed else None


def member(s: Snapshot, picks: Picks = NO_PICKS) -> Member | None:
    """The team member record of :func:`member_email` (departed or not), if any."""
    email = member_email(s, picks)
    if s.business is None or email is None:
        return None
    return s.business.member(email)


def active_admin_emails(s: Snapshot) -> tuple[str, ...]:
    """The emails of the admins who have not departed, in team order."""
    if s.business is None:
        return ()
    return tuple(m.email for m in s.business.active_admins)


def collaborator(s: Snapshot, picks: Picks = NO_PICKS) -> str | None:
    """The collaborator picked or typed, else the first one (``None`` when there is none)."""
    if "collaborator" in picks:
        return picks["collaborator"]
    return s.tiktok.collaborators[0] if s.tiktok.collaborators else None


def device(s: Snapshot, picks: Picks = NO_PICKS) -> str | None:
    """The device picked, else the linked mobile device (``None`` when there is none)."""
    if "device" in picks:
        return picks["device"]
    return next((d.name for d in s.tiktok.linked_mobiles), None)
