"""Hypothesis strategies for valid account snapshots and simulator action calls.

Import from any test directory (``tests/conftest.py`` puts this directory on the
path)::

    from strategies import action_calls, snapshots

Values come from small pools so that generated snapshots and action arguments meet
(an invitation to the email a call then accepts, a device the call unlinks...).
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from assistant.account.model import (
    MAX_COLLABORATORS,
    AccountType,
    Business,
    CodeState,
    Device,
    DeviceKind,
    Intent,
    Invitation,
    InvitationStatus,
    Member,
    Role,
    Session,
    Snapshot,
    TikTok,
)
from assistant.account.simulator import ACTIONS, ARG_CHOICES, SIMULATED_CODE

EMAILS = (
    "owner@maisonlune.example",
    "OWNER@MaisonLune.example",
    "ana@studio.example",
    "paul@studio.example",
    "lea@maisonlune.example",
    "perso@mail.example",
)
"""Well-formed emails (two differ only by case)."""

BAD_EMAILS = ("ana@studio", "paul studio.example", "@mail.example")
"""Emails the product refuses."""

USERNAMES = ("maison.lune", "maison.lune.shop", "studio.ana", "Paul.Films")
DEVICE_NAMES = ("Pixel 8", "iPhone 15", "Office iMac", "iPad Air", "pixel 8")
PHONES = ("+33 6 12 34 56 78", "+1 (555) 010-0199", "0612345678", "12", "+33 6 12")
CODES = (SIMULATED_CODE, "246 810", "000000", "")

roles = st.sampled_from(Role)
_mostly = st.sampled_from((True, True, True, False))
emails = st.sampled_from(EMAILS)
any_emails = st.sampled_from(EMAILS + BAD_EMAILS)


def _unique(items: list[Any], key: Any) -> list[Any]:
    seen: set[str] = set()
    kept = []
    for item in items:
        if key(item).casefold() not in seen:
            seen.add(key(item).casefold())
            kept.append(item)
    return kept


@st.composite
def devices(draw: st.DrawFn) -> tuple[Device, ...]:
    """Devices with distinct names and at most one linked mobile."""
    drawn = draw(
        st.lists(
            st.builds(Device, st.sampled_from(DEVICE_NAMES), st.sampled_from(DeviceKind),
                      st.booleans()),
            max_size=4,
        )
    )
    kept: list[Device] = []
    mobile_linked = False
    for device in _unique(drawn, lambda d: d.name):
        if device.linked and device.kind is DeviceKind.MOBILE:
            if mobile_linked:
                device = Device(device.name, device.kind, linked=False)
            mobile_linked = True
        kept.append(device)
    return tuple(kept)


@st.composite
def tiktoks(draw: st.DrawFn, username: str) -> TikTok:
    """A valid TikTok account called ``username``."""
    collaborators = _unique(
        draw(st.lists(st.sampled_from(USERNAMES + ("c.one", "c.two", "c.three")), max_size=6)),
        str,
    )[:MAX_COLLABORATORS]
    return TikTok(
        username=username,
        type=draw(st.sampled_from(AccountType)),
        email=draw(st.none() | emails),
        phone=draw(st.none() | st.sampled_from(PHONES[:3])),
        two_factor=draw(st.booleans()),
        password_shared_with=draw(st.integers(0, 5)),
        collaborators=tuple(collaborators),
        devices=draw(devices()),
    )


@st.composite
def businesses(draw: st.DrawFn, username: str, owner: str) -> Business:
    """A valid TikTok For Business login; ``owner`` is usually an admin member."""
    members = draw(st.lists(st.builds(Member, emails, roles, st.booleans()), max_size=4))
    if draw(_mostly):
        members.insert(0, Member(owner, Role.ADMIN))
    invitations = draw(
        st.lists(
            st.builds(
                Invitation, any_emails, roles, st.sampled_from(InvitationStatus),
                st.none() | emails, st.booleans(),
            ),
            max_size=3,
        )
    )
    return Business(
        email=owner,
        linking_available=draw(st.booleans()),
        linked_tiktok=draw(st.sampled_from((None, username, username, "maison.lune.shop"))),
        members=tuple(_unique(members, lambda m: m.email)),
        invitations=tuple(_unique(invitations, lambda i: i.email)),
    )


@st.composite
def snapshots(draw: st.DrawFn) -> Snapshot:
    """A random snapshot that the validator accepts."""
    username = draw(st.sampled_from(USERNAMES))
    owner = draw(emails)
    business = draw(businesses(username, owner)) if draw(_mostly) else None
    actor = owner if draw(_mostly) else draw(emails)
    return Snapshot(
        tiktok=draw(tiktoks(username)),
        business=business,
        session=Session(
            actor=actor,
            business_profile=draw(st.sampled_from((None, owner, owner, "perso@mail.example"))),
            online=draw(_mostly),
            browser_cache_stale=not draw(_mostly),
            verification_code=draw(st.sampled_from(CodeState)),
        ),
        intent=draw(st.none() | st.sampled_from(Intent)),
        target=draw(st.none() | any_emails),
    )


_ARG_VALUES: dict[str, st.SearchStrategy[str]] = {
    "email": any_emails,
    "signed_in_as": any_emails,
    "profile": emails,
    "name": st.sampled_from(USERNAMES + DEVICE_NAMES + ("c.one",)),
    "code": st.sampled_from(CODES),
    "phone": st.sampled_from(PHONES),
    **{arg: st.sampled_from(values) for arg, values in ARG_CHOICES.items()},
}


@st.composite
def action_calls(draw: st.DrawFn) -> tuple[str, dict[str, str]]:
    """A registered action name and valid arguments for it (optional ones sometimes left out)."""
    name = draw(st.sampled_from(sorted(ACTIONS)))
    args = {}
    for arg, required in ACTIONS[name].params:
        if required or draw(st.booleans()):
            args[arg] = draw(_ARG_VALUES[arg])
    return name, args
