"""Checking parsed JSON against format ``account-state/1`` and building a Snapshot.

The first wrong field is reported as a :class:`SnapshotError` naming its path
(``business.members[2].role``). Unknown keys are refused too: it is the only way to
catch a misspelt optional field, which would otherwise silently take its default.
"""

from __future__ import annotations

import difflib
from enum import StrEnum
from typing import Any, TypeVar

from assistant.account import rules
from assistant.account.errors import SnapshotError, shorten, show
from assistant.account.jsonread import JsonObject, Refused
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
from assistant.i18n.translator import N_

_E = TypeVar("_E", bound=StrEnum)

OBJECT_FIELDS: dict[str, tuple[str, ...]] = {
    "snapshot": ("format", "intent", "target", "tiktok", "business", "session"),
    "tiktok": (
        "username", "type", "email", "phone", "two_factor", "password_shared_with",
        "collaborators", "devices",
    ),
    "device": ("name", "kind", "linked"),
    "business": (
        "email", "linking_available", "linked_tiktok", "members", "invitations", "phone",
        "in_other_business",
    ),
    "member": ("email", "role", "departed"),
    "invitation": ("email", "role", "status", "accepted_with", "invitee_other_business"),
    "session": ("actor", "business_profile", "online", "browser_cache_stale", "verification_code"),
}
"""The keys each kind of object in a snapshot may have; any other key is refused."""

REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {
    "snapshot": ("format", "tiktok", "session"),
    "tiktok": ("username", "type"),
    "device": ("name", "kind"),
    "business": ("email",),
    "member": ("email", "role"),
    "invitation": ("email", "role", "status"),
    "session": ("actor",),
}
"""The keys each kind of object must have."""

_TOP = OBJECT_FIELDS["snapshot"]
_TIKTOK = OBJECT_FIELDS["tiktok"]
_DEVICE = OBJECT_FIELDS["device"]
_BUSINESS = OBJECT_FIELDS["business"]
_MEMBER = OBJECT_FIELDS["member"]
_INVITATION = OBJECT_FIELDS["invitation"]
_SESSION = OBJECT_FIELDS["session"]


def _at(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


class _Reader:
    """Turns parsed JSON into a :class:`Snapshot`, or names the first wrong field."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, path: str, expected: str, **values: object) -> SnapshotError:
        return SnapshotError(self.source, path, expected, values)

    def refused(self, value: Any, path: str) -> None:
        if isinstance(value, Refused):
            raise SnapshotError(self.source, path, value.expected, value.values)

    def obj(
        self, value: Any, path: str, keys: tuple[str, ...], required: tuple[str, ...]
    ) -> JsonObject:
        self.refused(value, path)
        if not isinstance(value, dict):
            if not path:
                raise self.fail(path, N_("expected a JSON object at the top level"))
            raise self.fail(path, N_("expected an object"))
        assert isinstance(value, JsonObject)
        if value.duplicate is not None:
            raise self.fail(path, N_("the key {key} appears twice"), key=show(value.duplicate))
        for key in value:
            if key not in keys:
                close = difflib.get_close_matches(key, keys, n=1)
                if close:
                    raise self.fail(
                        _at(path, shorten(key)),
                        N_("unknown field; did you mean {suggestion}?"), suggestion=close[0],
                    )
                raise self.fail(
                    _at(path, shorten(key)),
                    N_("unknown field; expected one of {choices}"), choices=", ".join(keys),
                )
        for key in required:
            if key not in value:
                raise self.fail(_at(path, key), N_("required field is missing"))
        return value

    def text(self, obj: JsonObject, key: str, path: str) -> str:
        value = obj[key]
        where = _at(path, key)
        self.refused(value, where)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, N_("expected a non-empty string"))
        return self.check_text(value, where)

    def check_text(self, value: str, where: str) -> str:
        if rules.has_unsafe_character(value):
            raise self.fail(
                where, N_("contains a control character, a line break or an unpaired surrogate")
            )
        if len(value) > rules.MAX_TEXT_LENGTH:
            raise self.fail(
                where, N_("too long (at most {limit} characters)"), limit=rules.MAX_TEXT_LENGTH
            )
        return value

    def text_item(self, value: Any, where: str) -> str:
        """One non-empty string of a list of texts."""
        self.refused(value, where)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, N_("expected a non-empty string"))
        return self.check_text(value, where)

    def optional_text(self, obj: JsonObject, key: str, path: str) -> str | None:
        value = obj.get(key)
        where = _at(path, key)
        self.refused(value, where)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, N_("expected a non-empty string or null"))
        return self.check_text(value, where)

    def flag(self, obj: JsonObject, key: str, path: str, default: bool) -> bool:
        value = obj.get(key, default)
        self.refused(value, _at(path, key))
        if not isinstance(value, bool):
            raise self.fail(_at(path, key), N_("expected true or false"))
        return value

    def count(self, obj: JsonObject, key: str, path: str) -> int:
        value = obj.get(key, 0)
        self.refused(value, _at(path, key))
        # bool is a subclass of int in Python, but true is not a number of people.
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise self.fail(_at(path, key), N_("expected a whole number, 0 or more"))
        return value

    def choice(self, obj: JsonObject, key: str, path: str, kind: type[_E]) -> _E:
        value = obj.get(key)
        self.refused(value, _at(path, key))
        if isinstance(value, str) and value in {member.value for member in kind}:
            return kind(value)
        raise self.fail(
            _at(path, key), N_("expected one of {choices}"),
            choices=", ".join(member.value for member in kind),
        )

    def items(self, obj: JsonObject, key: str, path: str) -> list[Any]:
        value = obj.get(key, [])
        self.refused(value, _at(path, key))
        if not isinstance(value, list):
            raise self.fail(_at(path, key), N_("expected a list"))
        return value

    def unique(self, names: list[str], path: str, suffix: str, expected: str) -> None:
        seen: dict[str, int] = {}
        for index, name in enumerate(names):
            folded = name.casefold()
            if folded in seen:
                other = _at(_at(path, seen[folded]), suffix) if suffix else _at(path, seen[folded])
                where = _at(_at(path, index), suffix) if suffix else _at(path, index)
                raise self.fail(where, expected, other=other)
            seen[folded] = index

    # --- sections ----------------------------------------------------------------------

    def snapshot(self, data: Any) -> Snapshot:
        # The format first: a file of another kind should be named as such, not for
        # the fields it lacks.
        top = self.obj(data, "", _TOP, ("format",))
        form = top["format"]
        self.refused(form, "format")
        if form != FORMAT:
            raise self.fail("format", N_("expected {format}"), format=f'"{FORMAT}"')
        self.obj(top, "", _TOP, REQUIRED_FIELDS["snapshot"])
        intent = None
        if top.get("intent") is not None:
            intent = self.choice(top, "intent", "", Intent)
        business_data = top.get("business")
        return Snapshot(
            intent=intent,
            target=self.optional_text(top, "target", ""),
            tiktok=self.tiktok(top["tiktok"]),
            business=None if business_data is None else self.business(business_data),
            session=self.session(top["session"]),
        )

    def tiktok(self, data: Any) -> TikTok:
        path = "tiktok"
        obj = self.obj(data, path, _TIKTOK, REQUIRED_FIELDS["tiktok"])
        return TikTok(
            username=self.text(obj, "username", path),
            type=self.choice(obj, "type", path, AccountType),
            email=self.optional_text(obj, "email", path),
            phone=self.optional_text(obj, "phone", path),
            two_factor=self.flag(obj, "two_factor", path, False),
            password_shared_with=self.count(obj, "password_shared_with", path),
            collaborators=self.collaborators(obj, path),
            devices=self.devices(obj, path),
        )

    def collaborators(self, obj: JsonObject, parent: str) -> tuple[str, ...]:
        path = _at(parent, "collaborators")
        names = []
        for index, name in enumerate(self.items(obj, "collaborators", parent)):
            where = _at(path, index)
            self.refused(name, where)
            if not isinstance(name, str) or not name.strip():
                raise self.fail(where, N_("expected a non-empty string"))
            names.append(self.check_text(name, where))
        self.unique(names, path, "", N_("the same collaborator as {other}"))
        if len(names) > MAX_COLLABORATORS:
            raise self.fail(
                path,
                N_("{count} collaborators; at most {limit} may be added "
                   "(the owner plus {limit} people)"),
                count=len(names), limit=MAX_COLLABORATORS,
            )
        return tuple(names)

    def devices(self, obj: JsonObject, parent: str) -> tuple[Device, ...]:
        path = _at(parent, "devices")
        devices = [
            self.device(item, _at(path, index))
            for index, item in enumerate(self.items(obj, "devices", parent))
        ]
        self.unique([d.name for d in devices], path, "name", N_("the same device name as {other}"))
        linked_mobiles = 0
        for index, device in enumerate(devices):
            if device.linked and device.kind is DeviceKind.MOBILE:
                linked_mobiles += 1
                if linked_mobiles > MAX_LINKED_MOBILES:
                    raise self.fail(
                        _at(path, index),
                        N_("a second linked mobile device; only one may be linked"),
                    )
        return tuple(devices)

    def device(self, data: Any, path: str) -> Device:
        obj = self.obj(data, path, _DEVICE, REQUIRED_FIELDS["device"])
        return Device(
            name=self.text(obj, "name", path),
            kind=self.choice(obj, "kind", path, DeviceKind),
            linked=self.flag(obj, "linked", path, False),
        )

    def business(self, data: Any) -> Business:
        path = "business"
        if not isinstance(data, dict):
            self.refused(data, path)
            raise self.fail(path, N_("expected an object or null"))
        obj = self.obj(data, path, _BUSINESS, REQUIRED_FIELDS["business"])
        members = [
            self.member(item, _at(_at(path, "members"), index))
            for index, item in enumerate(self.items(obj, "members", path))
        ]
        self.unique(
            [m.email for m in members], _at(path, "members"), "email",
            N_("the same email as {other}"),
        )
        invitations = [
            self.invitation(item, _at(_at(path, "invitations"), index))
            for index, item in enumerate(self.items(obj, "invitations", path))
        ]
        self.unique(
            [i.email for i in invitations], _at(path, "invitations"), "email",
            N_("the same email as {other}"),
        )
        return Business(
            email=self.text(obj, "email", path),
            linking_available=self.flag(obj, "linking_available", path, True),
            linked_tiktok=self.optional_text(obj, "linked_tiktok", path),
            phone=self.optional_text(obj, "phone", path),
            in_other_business=tuple(
                self.text_item(item, _at(_at(path, "in_other_business"), index))
                for index, item in enumerate(self.items(obj, "in_other_business", path))
            ),
            members=tuple(members),
            invitations=tuple(invitations),
        )

    def member(self, data: Any, path: str) -> Member:
        obj = self.obj(data, path, _MEMBER, REQUIRED_FIELDS["member"])
        return Member(
            email=self.text(obj, "email", path),
            role=self.choice(obj, "role", path, Role),
            departed=self.flag(obj, "departed", path, False),
        )

    def invitation(self, data: Any, path: str) -> Invitation:
        obj = self.obj(data, path, _INVITATION, REQUIRED_FIELDS["invitation"])
        return Invitation(
            email=self.text(obj, "email", path),
            role=self.choice(obj, "role", path, Role),
            status=self.choice(obj, "status", path, InvitationStatus),
            accepted_with=self.optional_text(obj, "accepted_with", path),
            invitee_other_business=self.flag(obj, "invitee_other_business", path, False),
        )

    def session(self, data: Any) -> Session:
        path = "session"
        obj = self.obj(data, path, _SESSION, REQUIRED_FIELDS["session"])
        code = CodeState.NONE
        if "verification_code" in obj:
            code = self.choice(obj, "verification_code", path, CodeState)
        return Session(
            actor=self.text(obj, "actor", path),
            business_profile=self.optional_text(obj, "business_profile", path),
            online=self.flag(obj, "online", path, True),
            browser_cache_stale=self.flag(obj, "browser_cache_stale", path, False),
            verification_code=code,
        )


def snapshot_from_data(data: Any, source: str = "<snapshot>") -> Snapshot:
    """Check already-parsed JSON ``data`` and build the :class:`Snapshot` it describes.

    Objects must come from :func:`json.loads` or plain dicts; raises
    :class:`SnapshotError` naming the first wrong field.
    """
    try:
        objects = _as_objects(data)
    except RecursionError:
        raise SnapshotError(source, "", N_("not a snapshot: nested too deeply")) from None
    return _Reader(source).snapshot(objects)


def _as_objects(data: Any) -> Any:
    """Plain dicts (not parsed by us) as :class:`JsonObject`, which the reader expects."""
    if isinstance(data, JsonObject):
        return data
    if isinstance(data, dict):
        return JsonObject({key: _as_objects(value) for key, value in data.items()})
    if isinstance(data, list):
        return [_as_objects(item) for item in data]
    return data
