"""Format ``account-state/1`` (SPEC §1), defined once, as typed structures.

Each :class:`msgspec.Struct` below is one kind of object in a snapshot: its fields,
in the order the format lists them, their types, their defaults and their limits.
Everything that reads snapshots comes from here:

- :mod:`assistant.account.reader` compiles these structures into the fast decoder
  (typed JSON decoding and validation in C) and the builder of the domain model
  (:mod:`assistant.account.model`, what the rest of the code uses);
- :mod:`assistant.account.validation` walks the same structures over parsed JSON to
  name the first wrong field, when the decoder refuses a snapshot;
- the defaults a left-out field takes are the defaults written here.

What a type cannot say is declared with it: the checks across the items of a list
(:class:`Distinct`, :class:`AtMostLinkedMobiles`) and the message for a list that is
too long, in each field's :class:`msgspec.Meta` ``extra``.
"""

from dataclasses import dataclass
from operator import attrgetter
from typing import Annotated, Any, ClassVar, Literal

from msgspec import Meta, Struct

from assistant.account import model
from assistant.account.model import (
    MAX_COLLABORATORS,
    MAX_LINKED_MOBILES,
    AccountType,
    CodeState,
    DeviceKind,
    Intent,
    InvitationStatus,
    Role,
)
from assistant.account.rules import MAX_NUMBER_DIGITS, MAX_TEXT_LENGTH
from assistant.i18n.translator import N_

MAX_COUNT = 10**MAX_NUMBER_DIGITS - 1
"""Largest whole number a snapshot may hold (a count of people)."""

Text = Annotated[str, Meta(min_length=1, max_length=MAX_TEXT_LENGTH)]
"""A name, an email or a phone number: not blank, at most :data:`MAX_TEXT_LENGTH`
characters, no control, line break, bidirectional control or invisible character
(:func:`assistant.account.rules.is_valid_text`)."""

Count = Annotated[int, Meta(ge=0, le=MAX_COUNT)]
"""A whole number of people, 0 or more (``true`` is no number)."""


@dataclass(frozen=True)
class Distinct:
    """No two items of the list are the same (ignoring case), by ``key`` if given."""

    message: str
    """Said of the second item; ``{other}`` is the path of the first."""
    key: str | None = None
    """The field of each item that must differ (``None``: the items themselves)."""

    min_items: ClassVar[int] = 2
    """The fewest items the check can fail on."""

    def holds(self, items: tuple[Any, ...]) -> bool:
        """Whether no two items are the same: :meth:`first_repeat` finds none (faster)."""
        names = items if self.key is None else map(attrgetter(self.key), items)
        return len(set(map(str.casefold, names))) == len(items)

    def first_repeat(self, items: tuple[Any, ...]) -> tuple[int, int] | None:
        """The indexes of the first item seen before and of that earlier item."""
        if len(items) < 2:
            return None
        seen: dict[str, int] = {}
        for index, item in enumerate(items):
            name = (item if self.key is None else getattr(item, self.key)).casefold()
            if name in seen:
                return index, seen[name]
            seen[name] = index
        return None


@dataclass(frozen=True)
class AtMostLinkedMobiles:
    """At most ``limit`` of the devices are linked mobile devices."""

    limit: int
    message: str
    """Said of the first device over the limit."""

    @property
    def min_items(self) -> int:
        """The fewest items the check can fail on."""
        return self.limit + 1

    def holds(self, devices: tuple[model.Device, ...]) -> bool:
        """Whether the devices are within the limit: :meth:`first_over` finds none."""
        return list(map(_LINKED_KIND, devices)).count((True, DeviceKind.MOBILE)) <= self.limit

    def first_over(self, devices: tuple[model.Device, ...]) -> int | None:
        """The index of the first linked mobile device over the limit, if any."""
        count = 0
        for index, device in enumerate(devices):
            if device.linked and device.kind is DeviceKind.MOBILE:
                count += 1
                if count > self.limit:
                    return index
        return None


_LINKED_KIND = attrgetter("linked", "kind")

Check = Distinct | AtMostLinkedMobiles
"""A check across the items of one list field."""


def items(
    *checks: Check, at_most: int | None = None, too_many: str | None = None
) -> Meta:
    """The :class:`Meta` of a list field: its checks and its length limit.

    ``too_many`` is the refusal of a list over ``at_most`` items (``{count}`` items,
    ``{limit}`` allowed).
    """
    if (at_most is None) != (too_many is None):
        raise ValueError("a list limit needs the message that refuses a longer list")
    return Meta(max_length=at_most, extra={"checks": checks, "too_many": too_many})


class Device(Struct, kw_only=True, forbid_unknown_fields=True):
    """A device signed in to the TikTok account (``tiktok.devices[]``)."""

    builds: ClassVar[type] = model.Device
    name: Text
    kind: DeviceKind
    linked: bool = False


class TikTok(Struct, kw_only=True, forbid_unknown_fields=True):
    """The TikTok account itself (``tiktok``)."""

    builds: ClassVar[type] = model.TikTok
    username: Text
    type: AccountType
    email: Text | None = None
    phone: Text | None = None
    two_factor: bool = False
    password_shared_with: Count = 0
    collaborators: Annotated[
        list[Text],
        items(
            Distinct(N_("the same collaborator as {other}")),
            at_most=MAX_COLLABORATORS,
            too_many=N_(
                "{count} collaborators; at most {limit} may be added "
                "(the owner plus {limit} people)"
            ),
        ),
    ] = []
    devices: Annotated[
        list[Device],
        items(
            Distinct(N_("the same device name as {other}"), key="name"),
            AtMostLinkedMobiles(
                MAX_LINKED_MOBILES, N_("a second linked mobile device; only one may be linked")
            ),
        ),
    ] = []


class Member(Struct, kw_only=True, forbid_unknown_fields=True):
    """A team member (``business.members[]``)."""

    builds: ClassVar[type] = model.Member
    email: Text
    role: Role
    departed: bool = False


class Invitation(Struct, kw_only=True, forbid_unknown_fields=True):
    """An invitation to join the team (``business.invitations[]``)."""

    builds: ClassVar[type] = model.Invitation
    email: Text
    role: Role
    status: InvitationStatus
    accepted_with: Text | None = None
    invitee_other_business: bool = False


class Business(Struct, kw_only=True, forbid_unknown_fields=True):
    """The TikTok For Business login and its team (``business``)."""

    builds: ClassVar[type] = model.Business
    email: Text
    linking_available: bool = True
    linked_tiktok: Text | None = None
    members: Annotated[
        list[Member], items(Distinct(N_("the same email as {other}"), key="email"))
    ] = []
    invitations: Annotated[
        list[Invitation], items(Distinct(N_("the same email as {other}"), key="email"))
    ] = []
    phone: Text | None = None
    in_other_business: Annotated[
        list[Text], items(Distinct(N_("the same email as {other}")))
    ] = []


class Session(Struct, kw_only=True, forbid_unknown_fields=True):
    """The person using the assistant (``session``)."""

    builds: ClassVar[type] = model.Session
    actor: Text
    business_profile: Text | None = None
    online: bool = True
    browser_cache_stale: bool = False
    verification_code: CodeState = CodeState.NONE


class Snapshot(Struct, kw_only=True, forbid_unknown_fields=True):
    """A whole snapshot: the top-level object."""

    builds: ClassVar[type] = model.Snapshot
    format: Literal["account-state/1"]  # model.FORMAT (a test holds the two together)
    intent: Intent | None = None
    target: Text | None = None
    tiktok: TikTok
    business: Business | None = None
    session: Session


STRUCTS: tuple[type[Struct], ...] = (
    Snapshot, TikTok, Device, Business, Member, Invitation, Session,
)
"""Every kind of object in a snapshot, the top-level one first."""

