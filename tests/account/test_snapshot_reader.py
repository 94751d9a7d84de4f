"""The compiled reader agrees with the validator, and is really taken.

:mod:`assistant.account.reader` (the schema compiled into a msgspec decoder and a
builder) may only say "valid, here is the snapshot" when the validator would build
the very same snapshot; for everything else load_snapshot must answer exactly as the
validator does (same snapshot, or the same one-line error). Each test compares
load_snapshot with the validator alone.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from dataclasses import fields, is_dataclass
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import snapshots

from assistant.account import reader, rules
from assistant.account.jsonread import MAX_SNAPSHOT_BYTES, decode_text, parse_json
from assistant.account.snapshot import (
    SnapshotError,
    default_snapshot,
    dump_snapshot,
    load_snapshot,
)
from assistant.account.validation import validate
from assistant.safetext import BIDI_CONTROLS

FUZZ = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


class Pairs(list[tuple[str, Any]]):
    """A JSON object written pair by pair, so that a key can be given twice."""


def _dumps(value: Any) -> str:
    if isinstance(value, Pairs):
        return "{" + ", ".join(f"{json.dumps(k)}: {_dumps(v)}" for k, v in value) + "}"
    if isinstance(value, dict):
        return _dumps(Pairs(value.items()))
    if isinstance(value, list):
        return "[" + ", ".join(_dumps(item) for item in value) + "]"
    if isinstance(value, Raw):
        return str.__str__(value)
    return json.dumps(value)


class Raw(str):
    """JSON text written as is (NaN, a number of 16 digits...)."""


def _precise(text: str) -> Any:
    """What the validator alone makes of ``text``: a snapshot or the error line."""
    try:
        return validate(parse_json(decode_text(text, "t.json"), "t.json"), "t.json")
    except SnapshotError as error:
        return str(error)


def quick_snapshot(text: str | bytes) -> Any:
    """What the compiled reader alone makes of ``text`` (``None``: it is unsure)."""
    return reader.decode(text, MAX_SNAPSHOT_BYTES)


def _loaded(text: str) -> Any:
    try:
        return load_snapshot(text, "t.json")
    except SnapshotError as error:
        return str(error)


def _same_objects(a: Any, b: Any) -> None:
    """Equal, and built alike all the way down: same types, same instance dicts."""
    assert type(a) is type(b)
    if is_dataclass(a):
        assert vars(a) == vars(b) and list(vars(a)) == list(vars(b))
        assert hash(a) == hash(b) and repr(a) == repr(b)
        for field in fields(a):
            _same_objects(getattr(a, field.name), getattr(b, field.name))
    elif isinstance(a, tuple):
        assert len(a) == len(b)
        for x, y in zip(a, b, strict=True):
            _same_objects(x, y)
    else:
        assert a == b


@settings(max_examples=150, deadline=None)
@given(snapshots())
def test_valid_snapshots_take_the_fast_path_and_come_out_identical(snapshot):
    text = json.dumps(dump_snapshot(snapshot))
    fast = quick_snapshot(text)
    assert fast is not None, "a valid snapshot fell back to the slow reader"
    _same_objects(fast, _precise(text))
    _same_objects(fast, snapshot)


def test_optional_keys_left_out_take_the_model_defaults_on_both_paths():
    text = json.dumps({
        "format": "account-state/1",
        "tiktok": {"username": "maison.lune", "type": "business"},
        "business": {"email": "owner@maisonlune.example",
                     "members": [{"email": "a@b.example", "role": "admin"}],
                     "invitations": [{"email": "c@d.example", "role": "editor",
                                      "status": "pending"}]},
        "session": {"actor": "owner@maisonlune.example"},
    })
    fast = quick_snapshot(text)
    assert fast is not None
    _same_objects(fast, _precise(text))


# -- hostile variations: the fast path never accepts what the validator refuses --------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8)
    | st.sampled_from(["business", "mobile", "admin", "pending", "sent", "link", "x" * 257,
                       "a\u2028b", "a\u202eb", "a\u00a0b", " ", "\ud800", "tab\there", "é"])
    | st.sampled_from([Raw("NaN"), Raw("-Infinity"), Raw("1" * 16), Raw("1" * 15), Raw("-0"),
                       Raw("1e3"), Raw("2.0")]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner,
                                                                max_size=3),
    max_leaves=10,
)


def _objects(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Where the objects of ``data`` sit."""
    found = [path] if isinstance(data, dict) else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += _objects(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _objects(value, (*path, index))
    return found


def _lists(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Where the non-empty lists of ``data`` sit."""
    found = [path] if isinstance(data, list) and data else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += _lists(value, (*path, key))
    return found


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        data = data[key]
    return data


@st.composite
def variations(draw: st.DrawFn) -> str:
    """A valid snapshot as JSON text, changed in one place the way pasted ones are."""
    data: Any = dump_snapshot(draw(snapshots()))
    lists = _lists(data)
    if lists and draw(st.booleans()):
        # One more of something already there: the same device, member or invitation
        # (a second linked phone, a sixth person...), in upper case or not.
        items = _at(data, draw(st.sampled_from(lists)))
        item = json.loads(json.dumps(draw(st.sampled_from(items))))
        if draw(st.booleans()):
            item = json.loads(json.dumps(item).upper()) if isinstance(item, str) else {
                key: value.upper() if key in ("name", "email") else value
                for key, value in item.items()
            }
        if isinstance(item, dict) and "name" in item and draw(st.booleans()):
            item.update(name=draw(st.text(min_size=1, max_size=3)), kind="mobile", linked=True)
        items.append(item)
        return _dumps(data)
    path = draw(st.sampled_from(_objects(data)))
    obj = _at(data, path)
    key = draw(st.sampled_from([*obj, "Email", "usernme", "extra"]))
    how = draw(st.sampled_from(["replace", "remove", "twice", "wrap", "text"]))
    if how == "replace":
        obj[key] = draw(json_values)
    elif how == "remove":
        obj.pop(key, None)
    elif how == "twice":
        replaced = Pairs(obj.items())
        replaced.append((key, obj.get(key, draw(json_values))))
        if path:
            _at(data, path[:-1])[path[-1]] = replaced
        else:
            data = replaced
    elif how == "wrap" and path:
        # An object written as an array of [key, value] pairs.
        _at(data, path[:-1])[path[-1]] = [[k, v] for k, v in obj.items()]
    elif how == "text":
        obj[key] = draw(st.text(max_size=6)) + draw(
            st.sampled_from(["\x00", "\x1b", "\x7f", "\x85", "\u2028", "\u2029",
                             "\ud800", "\u00a0", "\u200b", "🌙", *BIDI_CONTROLS])
        )
    return _dumps(data)


@FUZZ
@given(variations())
def test_changed_snapshots_load_exactly_as_the_validator_says(text):
    expected = _precise(text)
    got = _loaded(text)
    if isinstance(expected, str):
        assert got == expected
        assert quick_snapshot(text) is None
    else:
        _same_objects(got, expected)


@pytest.mark.parametrize(
    "text",
    [
        "", "null", "[]", "{}", "\ufeff\ufeff{}", '{"format": "account-state/1"',
        '{"format": "account-state/1", "format": "account-state/1"}',
        "[[\"format\", \"account-state/1\"]]",
    ],
)
def test_texts_that_are_no_snapshot_get_the_validators_message(text):
    assert _loaded(text) == _precise(text)
    assert isinstance(_loaded(text), str)


@pytest.mark.parametrize(
    ("where", "value"),
    [
        (("tiktok", "password_shared_with"), Raw("1" * 16)),
        (("tiktok", "password_shared_with"), Raw("NaN")),
        (("tiktok", "password_shared_with"), True),
        (("tiktok", "password_shared_with"), -1),
        (("tiktok", "password_shared_with"), Raw("3.0")),
        (("tiktok", "two_factor"), None),
        (("tiktok", "two_factor"), 1),
        (("tiktok", "collaborators"), ["a", "b", "c", "d", "e"]),
        (("tiktok", "collaborators"), ["Ana", "ana"]),
        (("tiktok", "collaborators"), None),
        (("tiktok", "username"), "  "),
        (("tiktok", "username"), "x" * 257),
        (("tiktok", "username"), "maison\u202elune"),
        (("tiktok", "type"), "Business"),
        (("session", "verification_code"), None),
        (("business",), []),
        (("intent",), 3),
    ],
)
def test_each_wrong_value_is_refused_with_the_validators_message(where, value):
    data: Any = dump_snapshot(default_snapshot())
    _at(data, where[:-1])[where[-1]] = value
    text = _dumps(data)
    assert isinstance(_precise(text), str)
    assert _loaded(text) == _precise(text)


@pytest.mark.parametrize(
    ("where", "item"),
    [
        (("tiktok", "devices"), {"name": "PIXEL 8", "kind": "tablet"}),
        (("tiktok", "devices"), {"name": "iPhone", "kind": "mobile", "linked": True}),
        (("tiktok", "collaborators"), "STUDIO.ANA"),
        (("business", "members"), {"email": "OWNER@maisonlune.example", "role": "editor"}),
        (("business", "invitations"),
         {"email": "Ana@Studio.example", "role": "editor", "status": "expired"}),
    ],
)
def test_one_thing_too_many_in_a_list_is_refused_with_the_validators_message(where, item):
    data: Any = dump_snapshot(default_snapshot())
    _at(data, where).append(item)
    text = _dumps(data)
    assert isinstance(_precise(text), str)
    assert _loaded(text) == _precise(text)


def test_a_key_given_twice_deep_inside_is_refused_like_the_validator_does():
    data: Any = dump_snapshot(default_snapshot())
    data["business"]["members"][0] = Pairs(
        [("email", "a@b.example"), ("role", "admin"), ("role", "editor")]
    )
    text = _dumps(data)
    assert "twice" in _loaded(text)
    assert _loaded(text) == _precise(text)


def test_text_with_a_no_break_space_is_valid_on_both_paths():
    data: Any = dump_snapshot(default_snapshot())
    data["tiktok"]["devices"][0]["name"] = "Pixel\u00a08 de Léa 🌙"
    text = _dumps(data)
    assert quick_snapshot(text) is not None
    _same_objects(_loaded(text), _precise(text))


def test_unsafe_characters_are_exactly_the_unicode_categories_and_bidi_controls():
    unsafe = {"Cc", "Cs", "Zl", "Zp"}
    wrong = [
        hex(code)
        for code in range(sys.maxunicode + 1)
        if rules.has_unsafe_character(chr(code))
        != (unicodedata.category(chr(code)) in unsafe or chr(code) in BIDI_CONTROLS)
    ]
    assert wrong == []
    assert rules.has_unsafe_character("fine text then \x1b[31m")
    assert not rules.has_unsafe_character("Café crème\u00a0🌙")
