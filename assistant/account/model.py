"""The simulated account: an immutable model of snapshot format ``account-state/1``.

Every object here is frozen; the simulator builds new snapshots with
:func:`dataclasses.replace` so that a runner can keep old ones to go back to.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

FORMAT = "account-state/1"
"""The ``format`` value of every snapshot this version reads and writes."""

MAX_COLLABORATORS = 4
"""Collaborators an account may have besides its owner (owner + 4 = 5 people)."""

MAX_PEOPLE = MAX_COLLABORATORS + 1
"""People who may manage one account: the owner and the collaborators."""

MAX_LINKED_MOBILES = 1
"""Mobile devices that may be linked to one account at a time."""


class AccountType(StrEnum):
    """Kind of TikTok account."""

    PERSONAL = "personal"
    BUSINESS = "business"


class DeviceKind(StrEnum):
    """Kind of device signed in to the TikTok account."""

    MOBILE = "mobile"
    DESKTOP = "desktop"
    TABLET = "tablet"


class Role(StrEnum):
    """Role of a team member of a TikTok For Business account."""

    ADMIN = "admin"
    EDITOR = "editor"
    ANALYST = "analyst"
    MODERATOR = "moderator"


class InvitationStatus(StrEnum):
    """Where an invitation to join the team stands."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    EXPIRED = "expired"


class CodeState(StrEnum):
    """State of the unlink verification code sent to the login email."""

    NONE = "none"
    SENT = "sent"
    EXPIRED = "expired"


class Intent(StrEnum):
    """What the person is trying to do."""

    LINK = "link"
    UNLINK = "unlink"
    SWITCH_TO_PERSONAL = "switch-to-personal"
    SWITCH_TO_BUSINESS = "switch-to-business"
    UPDATE_LOGIN = "update-login"
    ADD_MEMBER = "add-member"
    REMOVE_MEMBER = "remove-member"
    CHANGE_ROLE = "change-role"
    SHARE = "share"
    REVOKE_ACCESS = "revoke-access"
    SECURE_ACCOUNT = "secure-account"


WEB_INTENTS = frozenset(
    {
        Intent.LINK,
        Intent.UNLINK,
        Intent.ADD_MEMBER,
        Intent.REMOVE_MEMBER,
        Intent.CHANGE_ROLE,
        Intent.UPDATE_LOGIN,
    }
)
"""Intents carried out on the TikTok For Business website."""

INTENT_GUIDES: dict[Intent, str] = {
    Intent.LINK: "link-business",
    Intent.UNLINK: "unlink-business",
    Intent.SWITCH_TO_PERSONAL: "switch-to-personal",
    Intent.SWITCH_TO_BUSINESS: "switch-to-business",
    Intent.UPDATE_LOGIN: "update-login",
    Intent.ADD_MEMBER: "add-member",
    Intent.REMOVE_MEMBER: "remove-member",
    Intent.CHANGE_ROLE: "manage-roles",
    Intent.SHARE: "share-account",
    Intent.REVOKE_ACCESS: "revoke-access",
    Intent.SECURE_ACCOUNT: "secure-account",
}
"""The guide that carries out each intent (SPEC §3)."""

GUIDE_IDS: tuple[str, ...] = (
    "link-business",
    "unlink-business",
    "switch-to-personal",
    "switch-to-business",
    "update-login",
    "add-member",
    "manage-roles",
    "remove-member",
    "share-account",
    "revoke-access",
    "secure-account",
    "request-admin-access",
)
"""Every public guide id (SPEC §3)."""


def same_email(a: str | None, b: str | None) -> bool:
    """Whether two email addresses are the same; emails compare case-insensitively."""
    if a is None or b is None:
        return False
    return a.casefold() == b.casefold()


def same_username(a: str | None, b: str | None) -> bool:
    """Whether two usernames are the same account; usernames compare case-insensitively."""
    return same_email(a, b)


@dataclass(frozen=True)
class Device:
    """A device signed in to the TikTok account."""

    name: str
    kind: DeviceKind
    linked: bool = False


@dataclass(frozen=True)
class TikTok:
    """The TikTok account itself (the phone app side)."""

    username: str
    type: AccountType
    email: str | None = None
    phone: str | None = None
    two_factor: bool = False
    password_shared_with: int = 0
    collaborators: tuple[str, ...] = ()
    devices: tuple[Device, ...] = ()

    @property
    def linked_mobiles(self) -> tuple[Device, ...]:
        """The linked mobile devices (at most :data:`MAX_LINKED_MOBILES`)."""
        return tuple(d for d in self.devices if d.linked and d.kind is DeviceKind.MOBILE)


@dataclass(frozen=True)
class Member:
    """A team member of the TikTok For Business account."""

    email: str
    role: Role
    departed: bool = False


@dataclass(frozen=True)
class Invitation:
    """An invitation to join the team, sent by email."""

    email: str
    role: Role
    status: InvitationStatus
    accepted_with: str | None = None
    invitee_other_business: bool = False


@dataclass(frozen=True)
class Business:
    """The person's TikTok For Business login and its team."""

    email: str
    linking_available: bool = True
    linked_tiktok: str | None = None
    members: tuple[Member, ...] = ()
    invitations: tuple[Invitation, ...] = ()
    phone: str | None = None
    """Phone number of the login ``email`` (not the TikTok app's ``tiktok.phone``)."""
    in_other_business: tuple[str, ...] = ()
    """Emails known to belong to another business account (an invitation withdrawn
    does not make them free to join)."""

    def member(self, email: str | None) -> Member | None:
        """The member with this email, if any."""
        return next((m for m in self.members if same_email(m.email, email)), None)

    @property
    def active_members(self) -> tuple[Member, ...]:
        """Members who have not departed."""
        return tuple(m for m in self.members if not m.departed)

    @property
    def active_admins(self) -> tuple[Member, ...]:
        """Admins who have not departed."""
        return tuple(m for m in self.active_members if m.role is Role.ADMIN)


@dataclass(frozen=True)
class Session:
    """What the person using the assistant is signed in to, and their connection."""

    actor: str
    business_profile: str | None = None
    online: bool = True
    browser_cache_stale: bool = False
    verification_code: CodeState = CodeState.NONE


@dataclass(frozen=True)
class Snapshot:
    """One state of the simulated account (format ``account-state/1``)."""

    tiktok: TikTok
    session: Session
    business: Business | None = None
    intent: Intent | None = None
    target: str | None = None

    @property
    def is_linked(self) -> bool:
        """Whether this TikTok account is linked to the TikTok For Business login."""
        return (
            self.business is not None
            and self.business.linked_tiktok is not None
            and same_username(self.business.linked_tiktok, self.tiktok.username)
        )

    @property
    def actor_member(self) -> Member | None:
        """The team member record of the person using the assistant, if any."""
        if self.business is None:
            return None
        return self.business.member(self.session.actor)

    @property
    def is_admin(self) -> bool:
        """Whether the person is a team member, not departed, with role admin."""
        member = self.actor_member
        return member is not None and not member.departed and member.role is Role.ADMIN

    @property
    def on_right_profile(self) -> bool:
        """Whether the person is signed in to this account's TikTok For Business login."""
        return self.business is not None and same_email(
            self.session.business_profile, self.business.email
        )
