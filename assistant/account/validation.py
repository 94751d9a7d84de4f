"""Naming the first wrong field of a snapshot: the schema walked over parsed JSON.

When the compiled reader (:mod:`assistant.account.reader`) cannot vouch for a
snapshot, this module reads it again, slowly, field by field, guided by the same
structures (:mod:`assistant.account.schema`): the first wrong field is reported as a
:class:`SnapshotError` naming its path (``business.members[2].role``) and what was
expected, and a snapshot that is in fact valid is built as the reader would have
built it. Unknown keys are refused too: it is the only way to catch a misspelt
optional field, which would otherwise silently take its default.
"""

from __future__ import annotations

import difflib
from typing import Any

import msgspec
import msgspec.inspect as mi

from assistant.account import rules, schema
from assistant.account.errors import SnapshotError, shorten, show
from assistant.account.jsonread import JsonObject, Refused
from assistant.account.model import Snapshot
from assistant.i18n.translator import N_

_MISSING = object()
_SCHEMA = mi.type_info(schema.Snapshot)


def _at(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def _nullable(t: mi.Type) -> tuple[mi.Type, bool]:
    """``t`` without ``null``, and whether ``null`` was allowed."""
    if isinstance(t, mi.UnionType):
        others = [member for member in t.types if not isinstance(member, mi.NoneType)]
        if len(others) == 1:
            return others[0], len(others) != len(t.types)
    return t, False


class _Reader:
    """Turns parsed JSON into a :class:`Snapshot`, or names the first wrong field."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, path: str, expected: str, **values: object) -> SnapshotError:
        return SnapshotError(self.source, path, expected, values)

    def refused(self, value: Any, path: str) -> None:
        if isinstance(value, Refused):
            raise SnapshotError(self.source, path, value.expected, value.values)

    def value(self, value: Any, path: str, t: mi.Type) -> Any:
        """The model's value for JSON ``value`` of schema type ``t`` at ``path``."""
        self.refused(value, path)
        t, nullable = _nullable(t)
        if nullable and value is None:
            return None
        extra: dict[str, Any] = {}
        if isinstance(t, mi.Metadata):
            extra = t.extra or {}
            t = t.type
        if isinstance(t, mi.StrType):
            return self.text(value, path, t, nullable)
        if isinstance(t, mi.BoolType):
            if not isinstance(value, bool):
                raise self.fail(path, N_("expected true or false"))
            return value
        if isinstance(t, mi.IntType):
            return self.count(value, path, t)
        if isinstance(t, mi.EnumType):
            return self.choice(value, path, t)
        if isinstance(t, mi.LiteralType):
            if value not in t.values:
                shown = ", ".join(msgspec.json.encode(v).decode() for v in t.values)
                raise self.fail(path, N_("expected {format}"), format=shown)
            return value
        if isinstance(t, mi.ListType):
            return self.items(value, path, t, extra)
        if isinstance(t, mi.StructType):
            return self.struct(value, path, t, nullable)
        raise TypeError(f"the schema uses a type the validator does not know: {t!r}")

    def text(self, value: Any, where: str, t: mi.StrType, nullable: bool) -> str:
        if not isinstance(value, str) or rules.is_blank(value):
            if nullable:
                raise self.fail(where, N_("expected a non-empty string or null"))
            raise self.fail(where, N_("expected a non-empty string"))
        if rules.has_unsafe_character(value):
            raise self.fail(
                where, N_("contains a control character, a line break or an unpaired surrogate")
            )
        invisible = rules.invisible_character(value)
        if invisible is not None:
            raise self.fail(
                where, N_("contains an invisible character ({character}); remove it"),
                character=f"U+{ord(invisible):04X}",
            )
        if t.max_length is not None and len(value) > t.max_length:
            raise self.fail(where, N_("too long (at most {limit} characters)"), limit=t.max_length)
        return value

    def count(self, value: Any, where: str, t: mi.IntType) -> int:
        # bool is a subclass of int in Python, but true is not a number of people.
        if (
            not isinstance(value, int)
            or isinstance(value, bool)
            or (t.ge is not None and value < t.ge)
        ):
            raise self.fail(where, N_("expected a whole number, 0 or more"))
        if t.le is not None and value > t.le:
            raise self.fail(
                where, N_("number too large (at most {limit} digits)"), limit=len(str(t.le))
            )
        return value

    def choice(self, value: Any, where: str, t: mi.EnumType) -> Any:
        if isinstance(value, str):
            for member in t.cls:
                if member.value == value:
                    return member
        raise self.fail(
            where, N_("expected one of {choices}"),
            choices=", ".join(member.value for member in t.cls),
        )

    def items(
        self, value: Any, path: str, t: mi.ListType, extra: dict[str, Any]
    ) -> tuple[Any, ...]:
        # A tuple only comes from Python code, never from JSON: it is a list there.
        if not isinstance(value, list | tuple):
            raise self.fail(path, N_("expected a list"))
        built = tuple(
            self.value(item, _at(path, index), t.item_type) for index, item in enumerate(value)
        )
        for check in extra.get("checks", ()):
            if isinstance(check, schema.Distinct):
                repeat = check.first_repeat(built)
                if repeat is not None:
                    index, first = repeat
                    where, other = _at(path, index), _at(path, first)
                    if check.key is not None:
                        where, other = _at(where, check.key), _at(other, check.key)
                    raise self.fail(where, check.message, other=other)
            elif isinstance(check, schema.AtMostLinkedMobiles):
                over = check.first_over(built)
                if over is not None:
                    raise self.fail(_at(path, over), check.message)
        if t.max_length is not None and len(built) > t.max_length:
            raise self.fail(
                path, extra["too_many"], count=len(built), limit=t.max_length
            )
        return built

    def struct(self, value: Any, path: str, t: mi.StructType, nullable: bool = False) -> Any:
        if not isinstance(value, dict):
            if not path:
                raise self.fail(path, N_("expected a JSON object at the top level"))
            if nullable:
                raise self.fail(path, N_("expected an object or null"))
            raise self.fail(path, N_("expected an object"))
        duplicate = value.duplicate if isinstance(value, JsonObject) else None
        if duplicate is not None:
            raise self.fail(path, N_("the key {key} appears twice"), key=show(duplicate))
        keys = [field.name for field in t.fields]
        for key in value:
            if key not in keys:
                key = str(key)  # JSON keys are strings; a Python caller's may not be
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
        # A constant (the format) first: a file of another kind should be named as
        # such, not for the fields it lacks.
        constants = [field for field in t.fields if isinstance(field.type, mi.LiteralType)]
        others = [field for field in t.fields if field not in constants]
        for field in constants + others:
            if field.required and field.name not in value:
                raise self.fail(_at(path, field.name), N_("required field is missing"))
            if field in constants:
                self.value(value[field.name], _at(path, field.name), field.type)
        built = {}
        for field in others:
            item = value.get(field.name, _MISSING)
            if item is _MISSING:
                built[field.name] = () if field.default_factory is list else field.default
            else:
                built[field.name] = self.value(item, _at(path, field.name), field.type)
        return t.cls.builds(**built)  # type: ignore[attr-defined]


def validate(data: Any, source: str = "<snapshot>") -> Snapshot:
    """The :class:`Snapshot` that parsed JSON ``data`` describes, or the first wrong field.

    Objects are :class:`~assistant.account.jsonread.JsonObject` (which remember a key
    given twice) or plain dicts; refused JSON values are
    :class:`~assistant.account.jsonread.Refused` markers. Raises
    :class:`SnapshotError`.
    """
    try:
        snapshot = _Reader(source).struct(data, "", _SCHEMA)
    except RecursionError:
        raise SnapshotError(source, "", N_("not a snapshot: nested too deeply")) from None
    assert isinstance(snapshot, Snapshot)
    return snapshot
