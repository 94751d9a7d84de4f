"""The fast path of snapshot validation: valid snapshots in one go, or no answer.

A support queue holds thousands of snapshots, nearly all of them valid, and naming
the wrong field is only needed for the few that are not. :func:`quick_snapshot`
accepts exactly what :mod:`assistant.account.validation` accepts and builds the same
:class:`Snapshot`, but it names nothing: at the first doubt it returns ``None`` and
the caller runs the precise reader, which finds the first wrong field and says what
was expected. So every refusal still comes from one place, and a mistake here can
only make a snapshot slow, never let a wrong one in, as long as every check below
is at least as strict as its twin in the validator (the tests compare the two).
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any, TypeVar, cast

from assistant.account.model import (
    FORMAT,
    MAX_COLLABORATORS,
    MAX_LINKED_MOBILES,
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
from assistant.account.rules import MAX_TEXT_LENGTH, has_unsafe_character
from assistant.account.validation import OBJECT_FIELDS, REQUIRED_FIELDS

_T = TypeVar("_T")


class _Unsure(Exception):
    """Raised at the first doubt; the precise reader takes over."""


_UNSURE = _Unsure()

_KEYS = {kind: frozenset(keys) for kind, keys in OBJECT_FIELDS.items()}
_REQUIRED = {kind: frozenset(keys) for kind, keys in REQUIRED_FIELDS.items()}

_INTENTS = {member.value: member for member in Intent}
_ACCOUNT_TYPES = {member.value: member for member in AccountType}
_DEVICE_KINDS = {member.value: member for member in DeviceKind}
_ROLES = {member.value: member for member in Role}
_STATUSES = {member.value: member for member in InvitationStatus}
_CODE_STATES = {member.value: member for member in CodeState}

_NEW = object.__new__


def _fast_builder(cls: type) -> bool:
    """Whether ``cls`` can be built by filling its ``__dict__`` (see :func:`_build`)."""
    return (
        "__slots__" not in vars(cls)
        and not hasattr(cls, "__post_init__")
        and getattr(cls, "__dataclass_params__", None) is not None
        and all(field.init for field in fields(cls))
    )


# A frozen dataclass sets each field through object.__setattr__, a third of the
# cost of building a snapshot. Filling the instance dict gives the same object
# (same fields, equal, same hash and repr) for plain dataclasses; a model class that
# grows slots or a __post_init__ is built the ordinary way.
_FAST: dict[type, bool] = {
    cls: _fast_builder(cls)
    for cls in (Snapshot, TikTok, Device, Business, Member, Invitation, Session)
}


def _build(cls: type[_T], values: dict[str, Any]) -> _T:
    if _FAST[cls]:
        instance: Any = _NEW(cls)
        instance.__dict__.update(values)
        return cast(_T, instance)
    return cls(**values)


def _object(value: Any, kind: str) -> dict[str, Any]:
    """A JSON object (a tuple of pairs) with no key twice, known keys, required ones."""
    # The type first: dict() would also take an array of two-item arrays.
    if type(value) is not tuple:
        raise _UNSURE
    obj = dict(value)
    if (
        len(obj) != len(value)
        or not _KEYS[kind].issuperset(obj)
        or not _REQUIRED[kind] <= obj.keys()
    ):
        raise _UNSURE
    return obj


def _text(value: Any) -> str:
    """What the validator's ``text`` accepts: a safe, non-blank string, not too long."""
    if (
        type(value) is not str
        or len(value) > MAX_TEXT_LENGTH
        or not value.strip()
        or (not value.isprintable() and has_unsafe_character(value))
    ):
        raise _UNSURE
    return value


def _optional_text(value: Any) -> str | None:
    return None if value is None else _text(value)


def _flag(value: Any) -> bool:
    if value is not True and value is not False:
        raise _UNSURE
    return value


def _choice(value: Any, members: dict[str, Any]) -> Any:
    if type(value) is not str:
        raise _UNSURE
    member = members.get(value)
    if member is None:
        raise _UNSURE
    return member


def _list(obj: dict[str, Any], key: str) -> list[Any]:
    value = obj.get(key, [])
    if type(value) is not list:
        raise _UNSURE
    return value


def _distinct(names: list[str]) -> None:
    if len({name.casefold() for name in names}) != len(names):
        raise _UNSURE


def quick_snapshot(data: Any) -> Snapshot | None:
    """The snapshot that parsed JSON ``data`` describes, or ``None`` when unsure.

    ``data`` comes from :func:`~assistant.account.jsonread.parse_json_pairs` (objects
    as tuples of pairs). ``None`` means "ask the validator", which then either names
    the first wrong field or, if this path was merely cautious, builds the snapshot.
    """
    try:
        return _snapshot(data)
    except Exception:  # _Unsure, or anything unforeseen: the validator is the authority
        return None


def _snapshot(data: Any) -> Snapshot:
    top = _object(data, "snapshot")
    if top["format"] != FORMAT:
        raise _UNSURE
    intent = top.get("intent")
    business = top.get("business")
    return _build(Snapshot, {
        "tiktok": _tiktok(top["tiktok"]),
        "session": _session(top["session"]),
        "business": None if business is None else _business(business),
        "intent": None if intent is None else _choice(intent, _INTENTS),
        "target": _optional_text(top.get("target")),
    })


def _tiktok(data: Any) -> TikTok:
    obj = _object(data, "tiktok")
    shared = obj.get("password_shared_with", 0)
    # type() is int: bool is not a number of people, a refused number is no int.
    if type(shared) is not int or shared < 0:
        raise _UNSURE
    collaborators = [_text(name) for name in _list(obj, "collaborators")]
    _distinct(collaborators)
    if len(collaborators) > MAX_COLLABORATORS:
        raise _UNSURE
    devices = [_device(item) for item in _list(obj, "devices")]
    _distinct([device.name for device in devices])
    mobiles = sum(device.linked and device.kind is DeviceKind.MOBILE for device in devices)
    if mobiles > MAX_LINKED_MOBILES:
        raise _UNSURE
    return _build(TikTok, {
        "username": _text(obj["username"]),
        "type": _choice(obj["type"], _ACCOUNT_TYPES),
        "email": _optional_text(obj.get("email")),
        "phone": _optional_text(obj.get("phone")),
        "two_factor": _flag(obj.get("two_factor", False)),
        "password_shared_with": shared,
        "collaborators": tuple(collaborators),
        "devices": tuple(devices),
    })


def _device(data: Any) -> Device:
    obj = _object(data, "device")
    return _build(Device, {
        "name": _text(obj["name"]),
        "kind": _choice(obj["kind"], _DEVICE_KINDS),
        "linked": _flag(obj.get("linked", False)),
    })


def _business(data: Any) -> Business:
    obj = _object(data, "business")
    members = [_member(item) for item in _list(obj, "members")]
    _distinct([member.email for member in members])
    invitations = [_invitation(item) for item in _list(obj, "invitations")]
    _distinct([invitation.email for invitation in invitations])
    return _build(Business, {
        "email": _text(obj["email"]),
        "linking_available": _flag(obj.get("linking_available", True)),
        "linked_tiktok": _optional_text(obj.get("linked_tiktok")),
        "members": tuple(members),
        "invitations": tuple(invitations),
        "phone": _optional_text(obj.get("phone")),
        "in_other_business": tuple(_text(item) for item in _list(obj, "in_other_business")),
    })


def _member(data: Any) -> Member:
    obj = _object(data, "member")
    return _build(Member, {
        "email": _text(obj["email"]),
        "role": _choice(obj["role"], _ROLES),
        "departed": _flag(obj.get("departed", False)),
    })


def _invitation(data: Any) -> Invitation:
    obj = _object(data, "invitation")
    return _build(Invitation, {
        "email": _text(obj["email"]),
        "role": _choice(obj["role"], _ROLES),
        "status": _choice(obj["status"], _STATUSES),
        "accepted_with": _optional_text(obj.get("accepted_with")),
        "invitee_other_business": _flag(obj.get("invitee_other_business", False)),
    })


def _session(data: Any) -> Session:
    obj = _object(data, "session")
    code = CodeState.NONE
    if "verification_code" in obj:
        code = _choice(obj["verification_code"], _CODE_STATES)
    return _build(Session, {
        "actor": _text(obj["actor"]),
        "business_profile": _optional_text(obj.get("business_profile")),
        "online": _flag(obj.get("online", True)),
        "browser_cache_stale": _flag(obj.get("browser_cache_stale", False)),
        "verification_code": code,
    })
