"""The simulated account's actions: pure functions from a snapshot to a new snapshot.

Each action returns the new :class:`Snapshot` or raises :class:`ActionFailed` with a
stable code (``docs/simulator.md``). Snapshots are frozen, so the input is never
changed and a runner can keep old ones to go back to. Every action keeps the
snapshot valid: :func:`assistant.account.snapshot.check_snapshot` accepts its result.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from assistant.account import rules
from assistant.account.failures import FAILURE_MESSAGES as FAILURE_MESSAGES
from assistant.account.failures import ActionFailed as ActionFailed
from assistant.account.failures import ArgumentError as ArgumentError
from assistant.account.model import (
    AccountType,
    Business,
    CodeState,
    Device,
    DeviceKind,
    Invitation,
    InvitationStatus,
    Member,
    Role,
    Snapshot,
    same_email,
)
from assistant.account.registry import (
    ACTIONS,
    action,
    kind_arg,
    role_arg,
    text_arg,
    with_business,
    with_session,
    with_tiktok,
)
from assistant.account.registry import ARG_CHOICES as ARG_CHOICES
from assistant.account.registry import Action as Action

SIMULATED_CODE = "246810"
"""The verification code the simulated login email receives."""


def perform(snapshot: Snapshot, name: str, args: Mapping[str, Any]) -> Snapshot:
    """Perform action ``name`` with ``args`` after checking the argument names.

    Raises :class:`ActionFailed` when the account does not allow it, and
    :class:`ArgumentError` for an unknown action or argument, a missing one, or a
    value of the wrong kind.
    """
    found = ACTIONS.get(name)
    if found is None:
        raise ArgumentError(f"unknown action {name!r}")
    unknown = sorted(set(args) - set(found.arg_names))
    if unknown:
        raise ArgumentError(f"{name}: unknown argument {unknown[0]!r}")
    missing = sorted(found.required - set(args))
    if missing:
        raise ArgumentError(f"{name}: missing argument {missing[0]!r}")
    for arg, value in args.items():
        if not (isinstance(value, str) or (value is None and arg not in found.required)):
            raise ArgumentError(f"{name}: argument {arg!r} must be a string")
    return found.function(snapshot, **args)


# --- helpers ---------------------------------------------------------------------------


def _online(snapshot: Snapshot) -> None:
    """Every action in the app or on the website needs a connection."""
    if not snapshot.session.online:
        raise ActionFailed("offline")


def _web(snapshot: Snapshot) -> Business:
    """The business login, for an action done on the TikTok For Business website."""
    if snapshot.business is None:
        raise ActionFailed("no-business-account")
    _online(snapshot)
    return snapshot.business


def _page(snapshot: Snapshot) -> None:
    """A page of User Settings or the team: a stale browser cache breaks it."""
    if snapshot.session.browser_cache_stale:
        raise ActionFailed("browser-error")


def _own_login(snapshot: Snapshot) -> None:
    """Signed in to TikTok For Business with the person's own login (one login each)."""
    if not same_email(snapshot.session.business_profile, snapshot.session.actor):
        raise ActionFailed("not-signed-in")


def _admin(snapshot: Snapshot) -> None:
    if not snapshot.is_admin:
        raise ActionFailed("not-admin")


def _team(snapshot: Snapshot) -> Business:
    """A team action: an admin signed in with their own login, on a working page."""
    business = _web(snapshot)
    _own_login(snapshot)
    _admin(snapshot)
    _page(snapshot)
    return business


def _invitation(business: Business, email: str) -> Invitation:
    invitation = rules.find_invitation(business, email)
    if invitation is None:
        raise ActionFailed("no-invitation")
    return invitation


def _member(business: Business, email: str) -> Member:
    member = rules.find_member(business, email)
    if member is None:
        raise ActionFailed("not-member")
    return member


def _invitations(business: Business, email: str, new: Invitation | None) -> tuple[Invitation, ...]:
    """The invitations with the one sent to ``email`` replaced by ``new`` (or removed)."""
    kept = tuple(i for i in business.invitations if not same_email(i.email, email))
    if new is None:
        return kept
    at = next(
        (n for n, i in enumerate(business.invitations) if same_email(i.email, email)),
        len(kept),
    )
    return kept[:at] + (new,) + kept[at:]


# --- TikTok For Business session -------------------------------------------------------


@action("no-business-account", "offline")
def sign_in_business(snapshot: Snapshot, *, profile: str | None = None) -> Snapshot:
    """Sign in to TikTok For Business with the person's own login (by default).

    Each person has their own login: ``profile`` only plays a person who signs in to
    another login of their own by mistake.
    """
    _web(snapshot)
    chosen = snapshot.session.actor if profile is None else text_arg("profile", profile)
    return with_session(snapshot, business_profile=chosen)


@action()
def sign_out_business(snapshot: Snapshot) -> Snapshot:
    """Sign out of TikTok For Business."""
    return with_session(snapshot, business_profile=None)


@action()
def reconnect(snapshot: Snapshot) -> Snapshot:
    """Get the internet connection back."""
    return with_session(snapshot, online=True)


@action()
def clear_browser_cache(snapshot: Snapshot) -> Snapshot:
    """Clear the browser cache, which fixes the website's odd errors."""
    return with_session(snapshot, browser_cache_stale=False)


# --- linking and unlinking ---------------------------------------------------------------


@action(
    "no-business-account", "offline", "not-signed-in", "linking-unavailable", "already-linked",
    "browser-error",
)
def link_tiktok(snapshot: Snapshot) -> Snapshot:
    """Link the TikTok account to the TikTok For Business login it is signed in to."""
    business = _web(snapshot)
    # Signed in to another login would link that one, which is not this account's.
    if not snapshot.on_right_profile:
        raise ActionFailed("not-signed-in")
    _page(snapshot)
    if not business.linking_available:
        raise ActionFailed("linking-unavailable")
    if rules.linked_elsewhere(snapshot):
        raise ActionFailed("already-linked")
    return with_business(snapshot, business, linked_tiktok=snapshot.tiktok.username)


@action(
    "no-business-account", "offline", "not-signed-in", "wrong-profile", "not-admin",
    "not-linked", "browser-error",
)
def request_unlink_code(snapshot: Snapshot) -> Snapshot:
    """Press *Unlink* in User Settings: a verification code goes to the login email."""
    _web(snapshot)
    if snapshot.session.business_profile is None:
        raise ActionFailed("not-signed-in")
    if not snapshot.on_right_profile:
        raise ActionFailed("wrong-profile")
    _admin(snapshot)
    if not snapshot.is_linked:
        raise ActionFailed("not-linked")
    if snapshot.session.browser_cache_stale:
        raise ActionFailed("browser-error")
    return with_session(snapshot, verification_code=CodeState.SENT)


@action("offline", "code-not-requested")
def resend_code(snapshot: Snapshot) -> Snapshot:
    """Send a new verification code (the old one expired or got lost)."""
    _online(snapshot)
    if snapshot.session.verification_code is CodeState.NONE:
        raise ActionFailed("code-not-requested")
    return with_session(snapshot, verification_code=CodeState.SENT)


@action("code-not-requested")
def expire_code(snapshot: Snapshot) -> Snapshot:
    """The verification code expires (plays "the page says the code has expired")."""
    if snapshot.session.verification_code is CodeState.NONE:
        raise ActionFailed("code-not-requested")
    return with_session(snapshot, verification_code=CodeState.EXPIRED)


@action("offline", "code-not-requested", "code-expired", "code-wrong", "browser-error")
def confirm_unlink(snapshot: Snapshot, *, code: str) -> Snapshot:
    """Enter the verification code: the TikTok account is unlinked."""
    _online(snapshot)
    _page(snapshot)
    state = snapshot.session.verification_code
    if state is CodeState.NONE:
        raise ActionFailed("code-not-requested")
    if state is CodeState.EXPIRED:
        raise ActionFailed("code-expired")
    # People paste codes with spaces ("246 810"); the product ignores them too.
    if "".join(code.split()) != SIMULATED_CODE:
        raise ActionFailed("code-wrong")
    done = with_session(snapshot, verification_code=CodeState.NONE)
    if done.business is None:
        return done
    return with_business(done, done.business, linked_tiktok=None)


# --- account type ------------------------------------------------------------------------


@action("offline", "already-personal", "linked-to-business")
def switch_to_personal(snapshot: Snapshot) -> Snapshot:
    """*Manage account* → *Switch to Personal Account* in the app."""
    _online(snapshot)
    if rules.is_personal(snapshot):
        raise ActionFailed("already-personal")
    if rules.needs_unlink_before_switch(snapshot):
        raise ActionFailed("linked-to-business")
    return with_tiktok(snapshot, type=AccountType.PERSONAL)


@action("offline", "already-business")
def switch_to_business(snapshot: Snapshot) -> Snapshot:
    """Switch to a business account, in the app or in User Settings."""
    _online(snapshot)
    if not rules.is_personal(snapshot):
        raise ActionFailed("already-business")
    return with_tiktok(snapshot, type=AccountType.BUSINESS)


# --- team members ---------------------------------------------------------------------------


@action(
    "no-business-account", "offline", "not-signed-in", "personal-account", "not-admin",
    "invalid-email", "already-member", "browser-error",
)
def invite_member(snapshot: Snapshot, *, email: str, role: str) -> Snapshot:
    """Invite someone to the team with a role: a pending invitation is sent."""
    new_role = role_arg(role)
    business = _web(snapshot)
    _own_login(snapshot)
    if rules.is_personal(snapshot):
        raise ActionFailed("personal-account")
    _admin(snapshot)
    if not (rules.is_valid_email(email) and rules.is_valid_text(email)):
        raise ActionFailed("invalid-email")
    found = rules.find_member(business, email)
    if found is not None and not found.departed:
        raise ActionFailed("already-member")
    _page(snapshot)
    old = rules.find_invitation(business, email)
    # Inviting again replaces the old invitation; a person who belongs to another
    # business still does, even after the old invitation was withdrawn.
    new = Invitation(
        email, new_role, InvitationStatus.PENDING,
        invitee_other_business=(old is not None and old.invitee_other_business)
        or rules.known_in_other_business(business, email),
    )
    return with_business(snapshot, business, invitations=_invitations(business, email, new))


@action("no-business-account", "offline", "not-signed-in", "not-admin", "browser-error",
        "no-invitation")
def resend_invitation(snapshot: Snapshot, *, email: str) -> Snapshot:
    """Send an invitation again: it is pending again and forgets who accepted it."""
    business = _team(snapshot)
    old = _invitation(business, email)
    new = replace(old, status=InvitationStatus.PENDING, accepted_with=None)
    return with_business(snapshot, business, invitations=_invitations(business, email, new))


@action("no-business-account", "offline", "not-signed-in", "not-admin", "browser-error",
        "no-invitation")
def cancel_invitation(snapshot: Snapshot, *, email: str) -> Snapshot:
    """Withdraw an invitation (who belongs to another business is still known)."""
    business = _team(snapshot)
    old = _invitation(business, email)
    known = business.in_other_business
    if old.invitee_other_business and not rules.known_in_other_business(business, email):
        known = known + (old.email,)
    return with_business(snapshot, business, invitations=_invitations(business, email, None),
                         in_other_business=known)


@action(
    "no-business-account", "offline", "no-invitation", "invitation-expired", "email-mismatch",
    "other-business",
)
def accept_invitation(
    snapshot: Snapshot, *, email: str, signed_in_as: str | None = None
) -> Snapshot:
    """The invitee accepts, signed in as ``signed_in_as`` (by default the invited email).

    Accepting with another email fails and changes nothing.
    """
    business = _web(snapshot)
    old = _invitation(business, email)
    if rules.is_expired(old):
        raise ActionFailed("invitation-expired")
    if old.invitee_other_business:
        raise ActionFailed("other-business")
    if signed_in_as is not None and not same_email(signed_in_as, old.email):
        raise ActionFailed("email-mismatch")
    new = replace(old, status=InvitationStatus.ACCEPTED, accepted_with=old.email)
    return with_business(snapshot, business, invitations=_invitations(business, email, new))


@action(
    "no-business-account", "offline", "not-signed-in", "not-admin", "browser-error",
    "no-invitation", "not-accepted", "email-mismatch", "other-business",
)
def confirm_member(snapshot: Snapshot, *, email: str) -> Snapshot:
    """The admin confirms an accepted invitation: the invitee joins with its role."""
    business = _team(snapshot)
    if rules.known_in_other_business(business, email):
        raise ActionFailed("other-business")
    invitation = _invitation(business, email)
    if invitation.status is not InvitationStatus.ACCEPTED:
        raise ActionFailed("not-accepted")
    if rules.accepted_with_other_email(invitation):
        raise ActionFailed("email-mismatch")
    joined = Member(invitation.email, invitation.role)
    # Someone who left and is invited back takes their old place, not a second one.
    members = tuple(
        joined if same_email(m.email, email) else m for m in business.members
    )
    if rules.find_member(business, email) is None:
        members += (joined,)
    return with_business(
        snapshot, business, members=members, invitations=_invitations(business, email, None)
    )


@action("no-business-account", "offline", "not-signed-in", "not-admin", "browser-error",
        "not-member", "same-role", "last-admin")
def change_role(snapshot: Snapshot, *, email: str, role: str) -> Snapshot:
    """Give a member another role; the team always keeps an admin."""
    new_role = role_arg(role)
    business = _team(snapshot)
    member = _member(business, email)
    if member.role is new_role:
        raise ActionFailed("same-role")
    if new_role is not Role.ADMIN and rules.is_last_admin(business, member.email):
        raise ActionFailed("last-admin")
    members = tuple(
        replace(m, role=new_role) if m is member else m for m in business.members
    )
    return with_business(snapshot, business, members=members)


@action("no-business-account", "offline", "not-signed-in", "not-admin", "browser-error",
        "not-member", "last-admin")
def remove_member(snapshot: Snapshot, *, email: str) -> Snapshot:
    """Remove a member from the team; the team always keeps an admin."""
    business = _team(snapshot)
    member = _member(business, email)
    if rules.is_last_admin(business, member.email):
        raise ActionFailed("last-admin")
    return with_business(
        snapshot, business, members=tuple(m for m in business.members if m is not member)
    )


@action("no-business-account", "offline", "not-signed-in", "browser-error", "invalid-email",
        "email-in-use")
def update_login_email(snapshot: Snapshot, *, email: str) -> Snapshot:
    """Change the person's own login email in User Settings.

    Each person has their own login: the login the TikTok account is linked to
    (``business.email``) changes only when it is the person's. The person's member
    record, the person using the assistant and the signed-in profile follow.
    """
    business = _web(snapshot)
    _own_login(snapshot)
    _page(snapshot)
    if not (rules.is_valid_email(email) and rules.is_valid_text(email)):
        raise ActionFailed("invalid-email")
    old = snapshot.session.actor
    clash = rules.find_member(business, email)
    if (clash is not None and not same_email(clash.email, old)) or (
        same_email(business.email, email) and not same_email(business.email, old)
    ):
        raise ActionFailed("email-in-use")

    def follow(value: str | None) -> str | None:
        return email if same_email(value, old) else value

    members = tuple(replace(m, email=email) if same_email(m.email, old) else m
                    for m in business.members)
    login = email if same_email(business.email, old) else business.email
    moved = with_business(snapshot, business, email=login, members=members)
    session = snapshot.session
    return with_session(
        moved,
        actor=email,
        business_profile=follow(session.business_profile),
    )


@action("no-business-account", "offline", "not-signed-in", "browser-error", "invalid-phone")
def add_login_phone(snapshot: Snapshot, *, phone: str) -> Snapshot:
    """Add a phone number to the person's own login, in User Settings.

    It is the login's phone, not the TikTok app's. Only the login the account is
    linked to is in the snapshot (``business.phone``); another person's login is not,
    so for them nothing in the snapshot changes.
    """
    business = _web(snapshot)
    _own_login(snapshot)
    _page(snapshot)
    if not (rules.is_valid_phone(phone) and rules.is_valid_text(phone)):
        raise ActionFailed("invalid-phone")
    if not same_email(business.email, snapshot.session.actor):
        return snapshot
    return with_business(snapshot, business, phone=phone.strip())


# --- sharing and security ------------------------------------------------------------------


@action("offline", "collaborator-limit", "already-collaborator")
def add_collaborator(snapshot: Snapshot, *, name: str) -> Snapshot:
    """Add a collaborator, who can post and edit without the password."""
    _online(snapshot)
    name = text_arg("name", name)
    if rules.is_collaborator(snapshot.tiktok, name):
        raise ActionFailed("already-collaborator")
    if rules.would_exceed_collaborators(snapshot.tiktok):
        raise ActionFailed("collaborator-limit")
    return with_tiktok(snapshot, collaborators=snapshot.tiktok.collaborators + (name,))


@action("offline", "not-collaborator")
def remove_collaborator(snapshot: Snapshot, *, name: str) -> Snapshot:
    """Remove one collaborator (*Manage collaborators*)."""
    _online(snapshot)
    if not rules.is_collaborator(snapshot.tiktok, name):
        raise ActionFailed("not-collaborator")
    kept = tuple(c for c in snapshot.tiktok.collaborators if not rules.same_name(c, name))
    return with_tiktok(snapshot, collaborators=kept)


@action("offline")
def remove_all_collaborators(snapshot: Snapshot) -> Snapshot:
    """Remove every collaborator."""
    _online(snapshot)
    return with_tiktok(snapshot, collaborators=())


@action("offline", "mobile-device-limit")
def link_device(snapshot: Snapshot, *, name: str, kind: str = DeviceKind.MOBILE.value) -> Snapshot:
    """Link a device to the account, adding it if new (one mobile device at a time)."""
    _online(snapshot)
    name, new_kind = text_arg("name", name), kind_arg(kind)
    tiktok = snapshot.tiktok
    known = rules.find_device(tiktok, name)
    device = known or Device(name, new_kind)
    if rules.would_exceed_linked_mobiles(tiktok, device):
        raise ActionFailed("mobile-device-limit")
    linked = replace(device, linked=True)
    if known is None:
        devices = tiktok.devices + (linked,)
    else:
        devices = tuple(linked if d is known else d for d in tiktok.devices)
    return with_tiktok(snapshot, devices=devices)


@action("offline", "no-such-device")
def unlink_device(snapshot: Snapshot, *, name: str) -> Snapshot:
    """Unlink a device from the account."""
    _online(snapshot)
    device = rules.find_device(snapshot.tiktok, name)
    if device is None:
        raise ActionFailed("no-such-device")
    devices = tuple(
        replace(d, linked=False) if d is device else d for d in snapshot.tiktok.devices
    )
    return with_tiktok(snapshot, devices=devices)


@action("offline")
def change_password(snapshot: Snapshot) -> Snapshot:
    """Change the password: nobody it was shared with can use it any more."""
    _online(snapshot)
    return with_tiktok(snapshot, password_shared_with=0)


@action("offline")
def log_out_all_devices(snapshot: Snapshot) -> Snapshot:
    """*Security and login* → log out of all devices."""
    _online(snapshot)
    devices = tuple(replace(d, linked=False) for d in snapshot.tiktok.devices)
    return with_tiktok(snapshot, devices=devices)


@action("offline")
def enable_two_factor(snapshot: Snapshot) -> Snapshot:
    """Turn on 2-step verification."""
    _online(snapshot)
    return with_tiktok(snapshot, two_factor=True)


@action("offline", "invalid-phone")
def add_phone(snapshot: Snapshot, *, phone: str) -> Snapshot:
    """Add a phone number, to sign in with it and to reset the password."""
    _online(snapshot)
    if not (rules.is_valid_phone(phone) and rules.is_valid_text(phone)):
        raise ActionFailed("invalid-phone")
    return with_tiktok(snapshot, phone=phone.strip())
