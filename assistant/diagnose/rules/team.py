"""Rules about the team: invitations, members, admins.

Invitation rules report each failing invitation on its own; its detail names it by
its masked address (masked even where personal data is shown, so that two findings
of one code always differ and a detail never needs the address in clear).
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from assistant.account.model import Intent, Invitation, Snapshot
from assistant.account.rules import (
    accepted_with_other_email,
    departed_members,
    has_excess_admins,
    is_expired,
    is_last_admin,
    is_pending,
    is_personal,
    is_valid_email,
)
from assistant.diagnose import message as m
from assistant.diagnose.finding import NOTHING, Symptom, Symptoms
from assistant.diagnose.message import Field, Items
from assistant.diagnose.phrases import INTENT_ACTIONS, ROLE_NAMES
from assistant.privacy import mask_value

MEMBER_INTENTS = frozenset({Intent.REMOVE_MEMBER, Intent.CHANGE_ROLE})
"""Intents about one team member (the snapshot's target)."""
INVITATION_INTENTS: frozenset[Intent | None] = frozenset({Intent.ADD_MEMBER, None})
"""Intents for which invitations are checked (no intent given: everything is)."""


def personal_account_no_team(s: Snapshot, intent: Intent | None) -> Symptoms:
    """``personal-account-no-team``: personal accounts have no team members."""
    if intent is not Intent.ADD_MEMBER or not is_personal(s):
        return NOTHING
    username = s.tiktok.username
    return (
        Symptom(
            "personal-account-no-team",
            m.gettext("{username} is a personal account: it cannot have a team", username=username),
            (
                m.gettext(
                    "A team with roles needs a business account and TikTok For Business; "
                    "collaborators work on any account, but they are not team members."
                ),
                m.gettext(
                    "Switch {username} to a business account first, then invite the person.",
                    username=username,
                ),
            ),
        ),
    )


def _invitations(s: Snapshot, intent: Intent | None) -> tuple[Invitation, ...]:
    """The invitations worth checking: when adding a member, or with no intent given."""
    if intent not in INVITATION_INTENTS or s.business is None:
        return ()
    return s.business.invitations


@lru_cache(maxsize=256)
def _names(invitations: tuple[Invitation, ...]) -> tuple[Field, ...]:
    """How details name each invitation: by its masked address.

    Two addresses can mask alike (``ana@…`` and ``amy@…``): those get their place in
    the list too, so the details still tell them apart. Worked out once per list.
    """
    shown = [mask_value(invitation.email) for invitation in invitations]
    counts = Counter(shown)
    return tuple(
        address if counts[address] < 2
        else m.gettext("{address} (invitation {n} in the list)", address=address, n=position)
        for position, address in enumerate(shown, 1)
    )


def _named(s: Snapshot, index: int) -> Field:
    """How a detail names the invitation at ``index`` of the snapshot's list."""
    return _names(s.business.invitations)[index] if s.business is not None else ""


def _has_invitation_error(invitation: Invitation) -> bool:
    """Whether ``invite-invalid-email``, ``invite-email-mismatch`` or
    ``invitee-in-other-business`` fires for ``invitation``."""
    return (
        not is_valid_email(invitation.email)
        or accepted_with_other_email(invitation)
        or invitation.invitee_other_business
    )


def invite_invalid_email(s: Snapshot, intent: Intent | None) -> Symptoms:
    """``invite-invalid-email``: an invitation sent to an address that cannot exist."""
    return tuple(
        Symptom(
            "invite-invalid-email",
            m.gettext("The invitation to {email} has an invalid address", email=invitation.email),
            (
                m.gettext(
                    "The address {address} is incomplete or malformed, so this invitation "
                    "({role}) can never arrive.",
                    address=_named(s, index),
                    role=ROLE_NAMES[invitation.role],
                ),
                m.gettext("Cancel it and invite the person again with their full email address."),
            ),
        )
        for index, invitation in enumerate(_invitations(s, intent))
        if not is_valid_email(invitation.email)
    )


def invite_email_mismatch(s: Snapshot, intent: Intent | None) -> Symptoms:
    """``invite-email-mismatch``: accepted while signed in with another email."""
    return tuple(
        Symptom(
            "invite-email-mismatch",
            m.gettext(
                "The invitation to {email} was accepted as {accepted_with}",
                email=invitation.email,
                accepted_with=invitation.accepted_with or "",
            ),
            (
                m.gettext(
                    "The invitation to {address} must be accepted while signed in with the "
                    "email it was sent to, so the {role} role cannot be confirmed.",
                    address=_named(s, index),
                    role=ROLE_NAMES[invitation.role],
                ),
                m.gettext(
                    "Resend the invitation and ask the person to accept it signed in as {email}.",
                    email=invitation.email,
                ),
            ),
        )
        for index, invitation in enumerate(_invitations(s, intent))
        if accepted_with_other_email(invitation)
    )


def invitee_in_other_business(s: Snapshot, intent: Intent | None) -> Symptoms:
    """``invitee-in-other-business``: the invitee belongs to another business account."""
    return tuple(
        Symptom(
            "invitee-in-other-business",
            m.gettext(
                "{email} already belongs to another business account", email=invitation.email
            ),
            (
                m.gettext(
                    "Someone associated with another business account cannot accept the "
                    "invitation to {address} ({role}).",
                    address=_named(s, index),
                    role=ROLE_NAMES[invitation.role],
                ),
                m.gettext(
                    "Ask them to leave the other business account first, or invite another of "
                    "their email addresses."
                ),
            ),
        )
        for index, invitation in enumerate(_invitations(s, intent))
        if invitation.invitee_other_business
    )


def invite_expired(s: Snapshot, intent: Intent | None) -> Symptoms:
    """``invite-expired``: an invitation that can no longer be accepted."""
    return tuple(
        Symptom(
            "invite-expired",
            m.gettext("The invitation to {email} has expired", email=invitation.email),
            (
                m.gettext(
                    "The invitation to {address} has expired and can no longer be accepted.",
                    address=_named(s, index),
                ),
                m.gettext(
                    "Send the invitation ({role}) again and ask the person to accept it soon.",
                    role=ROLE_NAMES[invitation.role],
                ),
            ),
        )
        for index, invitation in enumerate(_invitations(s, intent))
        if is_expired(invitation)
    )


def invite_pending(s: Snapshot, intent: Intent | None) -> Symptoms:
    """``invite-pending``: an invitation still waiting for the invitee.

    Not added on top of an invitation error (invalid address, accepted with another
    email, invitee in another business): that error is what to fix.
    """
    return tuple(
        Symptom(
            "invite-pending",
            m.gettext("The invitation to {email} is still pending", email=invitation.email),
            (
                m.gettext(
                    "The invitation to {address} has not been accepted yet; the email may "
                    "have gone to spam.",
                    address=_named(s, index),
                ),
                m.gettext("Ask them to check their spam folder, or resend the invitation."),
            ),
        )
        for index, invitation in enumerate(_invitations(s, intent))
        if is_pending(invitation) and not _has_invitation_error(invitation)
    )


def target_not_member(s: Snapshot, intent: Intent | None) -> Symptoms:
    """``target-not-member``: no member to remove or to give another role."""
    if intent not in MEMBER_INTENTS or intent is None:
        return NOTHING
    target, action = s.target, INTENT_ACTIONS[intent]
    if target is None:
        title = m.gettext("No team member was named")
        detail = (
            m.gettext(
                "To {action}, the diagnosis needs to know which member, and the snapshot's "
                "target is empty.",
                action=action,
            ),
            m.gettext("Set the target to the member's email, then diagnose again."),
        )
    elif s.business is None or s.business.member(target) is None:
        title = m.gettext("{target} is not a team member", target=target)
        detail = (
            m.gettext(
                "To {action}, pick someone on the team: no member has this email.", action=action
            ),
            m.gettext(
                "Check the spelling; if the person was only invited, manage the invitation "
                "instead."
            ),
        )
    else:
        return NOTHING
    return (Symptom("target-not-member", title, detail),)


def last_admin(s: Snapshot, intent: Intent | None) -> Symptoms:
    """``last-admin``: the team would be left without an admin."""
    if intent not in MEMBER_INTENTS or s.business is None or s.target is None:
        return NOTHING
    if not is_last_admin(s.business, s.target):
        return NOTHING
    if intent is Intent.REMOVE_MEMBER:
        why = m.gettext(
            "Removing the only admin would leave nobody able to manage members, billing and "
            "settings."
        )
    else:
        why = m.gettext(
            "Taking the admin role from the only admin would leave nobody able to manage "
            "members, billing and settings."
        )
    title = m.gettext("{target} is the only admin", target=s.target)
    return (Symptom("last-admin", title, (why, m.gettext("Make another member admin first."))),)


def former_member_access(s: Snapshot, intent: Intent | None) -> Symptoms:
    """``former-member-access``: people who left still have access (any intent)."""
    if s.business is None:
        return NOTHING
    departed = departed_members(s.business)
    if not departed:
        return NOTHING
    n = len(departed)
    return (
        Symptom(
            "former-member-access",
            m.ngettext(
                "{n} former team member still has access",
                "{n} former team members still have access",
                n,
            ),
            (
                m.ngettext(
                    "{members} has left the team but can still sign in to {business}.",
                    "{members} have left the team but can still sign in to {business}.",
                    n,
                    members=Items(tuple(member.email for member in departed)),
                    business=s.business.email,
                ),
                m.gettext(
                    "A departed person who keeps access is the classic breach: remove their "
                    "access now, and change the password if it was ever shared."
                ),
            ),
        ),
    )


def excess_admins(s: Snapshot, intent: Intent | None) -> Symptoms:
    """``excess-admins``: more than half of an active team of 3 or more are admins."""
    business = s.business
    if business is None or not has_excess_admins(business):
        return NOTHING
    n = len(business.active_members)
    return (
        Symptom(
            "excess-admins",
            m.ngettext(
                "Too many admins: {admins} of {n} active member",
                "Too many admins: {admins} of {n} active members",
                n,
                admins=len(business.active_admins),
            ),
            (
                m.gettext(
                    "Every admin can change billing, members and settings, so each extra admin "
                    "is one more account that can be misused or taken over."
                ),
                m.gettext(
                    "Keep few admins and give the others the smallest role that does the job "
                    "(editor, analyst or moderator)."
                ),
            ),
        ),
    )
