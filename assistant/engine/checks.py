"""The named checks a guide's ``check`` steps branch on.

Each is a pure function of a :class:`Snapshot`. A guide names them
(``check = "is_admin"``); nothing in a guide file is ever evaluated. To add one, add a
function here with a docstring (the docstring is the writer's documentation: see
``docs/writing-guides.md``) and register it in :data:`CHECKS`.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable

from assistant.account import rules
from assistant.account.model import AccountType, CodeState, Role, Snapshot, same_email
from assistant.engine import focus
from assistant.engine.focus import NO_PICKS, Picks

Predicate = Callable[[Snapshot, Picks], bool]
"""A named check: the account and what the person picked or typed on this run."""


def is_linked(s: Snapshot) -> bool:
    """This TikTok account is linked to the TikTok For Business login."""
    return s.is_linked


def linked_elsewhere(s: Snapshot) -> bool:
    """The TikTok For Business login is linked to another TikTok account."""
    return rules.linked_elsewhere(s)


def has_business(s: Snapshot) -> bool:
    """The person has a TikTok For Business login."""
    return s.business is not None


def is_admin(s: Snapshot) -> bool:
    """The person is a team member, not departed, with the Admin role."""
    return s.is_admin


def is_member(s: Snapshot) -> bool:
    """The person is a team member of the TikTok For Business account (any role)."""
    member = s.actor_member
    return member is not None and not member.departed


def signed_in(s: Snapshot) -> bool:
    """The person is signed in to a TikTok For Business profile (any)."""
    return s.session.business_profile is not None


def on_right_profile(s: Snapshot) -> bool:
    """The person is signed in to this account's TikTok For Business login."""
    return s.on_right_profile


def online(s: Snapshot) -> bool:
    """The network connection works."""
    return s.session.online


def browser_cache_stale(s: Snapshot) -> bool:
    """The browser cache is stale (web pages misbehave until it is cleared)."""
    return s.session.browser_cache_stale


def linking_available(s: Snapshot) -> bool:
    """Linking is offered to this TikTok For Business login (it is in testing)."""
    return s.business is not None and s.business.linking_available


def code_sent(s: Snapshot) -> bool:
    """An unlink verification code was sent and is still valid."""
    return s.session.verification_code is CodeState.SENT


def code_expired(s: Snapshot) -> bool:
    """The unlink verification code that was sent has expired."""
    return s.session.verification_code is CodeState.EXPIRED


def is_business(s: Snapshot) -> bool:
    """The TikTok account is a business account."""
    return s.tiktok.type is AccountType.BUSINESS


def is_personal(s: Snapshot) -> bool:
    """The TikTok account is a personal (standard) account."""
    return rules.is_personal(s)


def has_collaborators(s: Snapshot) -> bool:
    """The account has at least one collaborator."""
    return bool(s.tiktok.collaborators)


def collaborator_limit_reached(s: Snapshot) -> bool:
    """The account already has the most collaborators allowed (owner + 4)."""
    return rules.at_collaborator_limit(s.tiktok)


def mobile_linked(s: Snapshot) -> bool:
    """A mobile device is linked to the account (only one may be at a time)."""
    return rules.has_linked_mobile(s.tiktok)


def any_device_linked(s: Snapshot) -> bool:
    """At least one device (of any kind) is linked to the account."""
    return any(d.linked for d in s.tiktok.devices)


def two_factor(s: Snapshot) -> bool:
    """2-step verification is on."""
    return s.tiktok.two_factor


def password_shared(s: Snapshot) -> bool:
    """The password was shared with at least one other person."""
    return s.tiktok.password_shared_with > 0


def has_phone(s: Snapshot) -> bool:
    """A phone number is set on the TikTok account."""
    return s.tiktok.phone is not None


def has_departed_members(s: Snapshot) -> bool:
    """A team member who left still has access."""
    return s.business is not None and bool(rules.departed_members(s.business))


def has_pending_invitations(s: Snapshot) -> bool:
    """An invitation to the team is still pending."""
    return s.business is not None and any(map(rules.is_pending, s.business.invitations))


def has_expired_invitations(s: Snapshot) -> bool:
    """An invitation to the team has expired."""
    return s.business is not None and any(map(rules.is_expired, s.business.invitations))


def target_is_member(s: Snapshot) -> bool:
    """The snapshot's ``target`` is a team member."""
    return s.business is not None and s.business.member(s.target) is not None


def target_is_last_admin(s: Snapshot) -> bool:
    """The snapshot's ``target`` is the only admin who has not departed."""
    return s.business is not None and rules.is_last_admin(s.business, s.target)


# --- team guides (who they are about: assistant/engine/focus.py) ---------------------


def has_invitations(s: Snapshot) -> bool:
    """The team has at least one invitation, whatever its state."""
    return s.business is not None and bool(s.business.invitations)


def invitation_invalid(s: Snapshot, picks: Picks = NO_PICKS) -> bool:
    """The invitation in hand was sent to an incomplete or malformed address."""
    return focus.invitation_state(s, picks) == "invalid"


def invitation_mismatch(s: Snapshot, picks: Picks = NO_PICKS) -> bool:
    """The invitation in hand was accepted while signed in with another email."""
    return focus.invitation_state(s, picks) == "mismatch"


def invitation_other_business(s: Snapshot, picks: Picks = NO_PICKS) -> bool:
    """The person of the invitation in hand belongs to another business account."""
    return focus.invitation_state(s, picks) == "other-business"


def invitation_expired(s: Snapshot, picks: Picks = NO_PICKS) -> bool:
    """The invitation in hand has expired."""
    return focus.invitation_state(s, picks) == "expired"


def invitation_accepted(s: Snapshot, picks: Picks = NO_PICKS) -> bool:
    """The invitation in hand was accepted with its own email: the admin confirms next."""
    return focus.invitation_state(s, picks) == "accepted"


def invitation_pending(s: Snapshot, picks: Picks = NO_PICKS) -> bool:
    """The invitation in hand waits for the person to accept it."""
    return focus.invitation_state(s, picks) == "pending"


def invitee_is_member(s: Snapshot, picks: Picks = NO_PICKS) -> bool:
    """The person the guide invites (``$invitee``) is a team member who has not departed."""
    found = s.business.member(focus.invitee(s, picks)) if s.business else None
    return found is not None and not found.departed


def member_named(s: Snapshot, picks: Picks = NO_PICKS) -> bool:
    """A member to act on is known: the ``target``, or else a former member with access."""
    return focus.member_email(s, picks) is not None


def member_is_member(s: Snapshot, picks: Picks = NO_PICKS) -> bool:
    """The member to act on (``$member``) is on the team (departed or not)."""
    return focus.member(s, picks) is not None


def member_departed(s: Snapshot, picks: Picks = NO_PICKS) -> bool:
    """The member to act on (``$member``) has left but still has access."""
    found = focus.member(s, picks)
    return found is not None and found.departed


def member_is_last_admin(s: Snapshot, picks: Picks = NO_PICKS) -> bool:
    """The member to act on (``$member``) is the only admin who has not departed."""
    return s.business is not None and rules.is_last_admin(s.business, focus.member_email(s, picks))


def has_target(s: Snapshot) -> bool:
    """The snapshot names a ``target`` member."""
    return s.target is not None


def has_excess_admins(s: Snapshot) -> bool:
    """At least 3 people are active on the team and more than half of them are admins."""
    return s.business is not None and rules.has_excess_admins(s.business)


def has_active_admin(s: Snapshot) -> bool:
    """The team has at least one admin who has not departed."""
    return bool(focus.active_admin_emails(s))


def _target_role(s: Snapshot) -> Role | None:
    found = s.business.member(s.target) if s.business else None
    return None if found is None or found.departed else found.role


def target_is_admin(s: Snapshot) -> bool:
    """The ``target`` is an active member with the Admin role."""
    return _target_role(s) is Role.ADMIN


def target_is_editor(s: Snapshot) -> bool:
    """The ``target`` is an active member with the Editor role."""
    return _target_role(s) is Role.EDITOR


def target_is_analyst(s: Snapshot) -> bool:
    """The ``target`` is an active member with the Analyst role."""
    return _target_role(s) is Role.ANALYST


def target_is_moderator(s: Snapshot) -> bool:
    """The ``target`` is an active member with the Moderator role."""
    return _target_role(s) is Role.MODERATOR


# --- one login per person ------------------------------------------------------------


def owns_login(s: Snapshot) -> bool:
    """The person's own login is the one the TikTok account is linked to (``business.email``)."""
    return s.business is not None and same_email(s.session.actor, s.business.email)


def signed_in_as_self(s: Snapshot) -> bool:
    """The person is signed in to TikTok For Business with their own login."""
    return same_email(s.session.business_profile, s.session.actor)


def has_collaborator(s: Snapshot, picks: Picks = NO_PICKS) -> bool:
    """A collaborator to act on is known (``$collaborator``: picked, typed, or the first)."""
    return focus.collaborator(s, picks) is not None


def collaborator_is_listed(s: Snapshot, picks: Picks = NO_PICKS) -> bool:
    """The collaborator to act on (``$collaborator``) is one of the account's collaborators."""
    name = focus.collaborator(s, picks)
    return name is not None and rules.is_collaborator(s.tiktok, name)


def has_other_members(s: Snapshot) -> bool:
    """The team has a member other than the person (departed or not)."""
    return s.business is not None and any(
        not same_email(m.email, s.session.actor) for m in s.business.members
    )


def _two(function: Callable[..., bool]) -> Predicate:
    if len(inspect.signature(function).parameters) == 2:
        return function
    return lambda s, _picks=NO_PICKS: function(s)


CHECKS: dict[str, Predicate] = {
    f.__name__: _two(f)
    for f in (
        owns_login,
        signed_in_as_self,
        has_collaborator,
        collaborator_is_listed,
        has_other_members,
        is_linked,
        linked_elsewhere,
        has_business,
        is_admin,
        is_member,
        signed_in,
        on_right_profile,
        online,
        browser_cache_stale,
        linking_available,
        code_sent,
        code_expired,
        is_business,
        is_personal,
        has_collaborators,
        collaborator_limit_reached,
        mobile_linked,
        any_device_linked,
        two_factor,
        password_shared,
        has_phone,
        has_departed_members,
        has_pending_invitations,
        has_expired_invitations,
        target_is_member,
        target_is_last_admin,
        has_invitations,
        invitation_invalid,
        invitation_mismatch,
        invitation_other_business,
        invitation_expired,
        invitation_accepted,
        invitation_pending,
        invitee_is_member,
        member_named,
        member_is_member,
        member_departed,
        member_is_last_admin,
        has_target,
        has_excess_admins,
        has_active_admin,
        target_is_admin,
        target_is_editor,
        target_is_analyst,
        target_is_moderator,
    )
}
"""Every named check a guide may use, by name (each takes the snapshot and the picks)."""
