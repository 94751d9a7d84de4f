"""Bad snapshots are refused with one line naming the field and what was expected."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from assistant.account.jsonread import MAX_SNAPSHOT_BYTES
from assistant.account.snapshot import (
    SnapshotError,
    default_snapshot,
    dump_snapshot,
    load_snapshot,
    snapshot_to_json,
)
from assistant.i18n.catalogue import read_po_messages
from assistant.i18n.translator import Translator

FRAGMENT = Path(__file__).resolve().parents[2] / "locales" / "fr" / "fragments" / "account.po"


def _good() -> dict[str, Any]:
    return dump_snapshot(default_snapshot())


def _refusal(data: str | bytes) -> str:
    with pytest.raises(SnapshotError) as caught:
        load_snapshot(data, "x.json")
    message = str(caught.value)
    assert "\n" not in message and "\r" not in message
    assert message.startswith("x.json: ")
    return message


def _changed(change) -> str:
    data = _good()
    change(data)
    return json.dumps(data)


def _set(path: str, value: Any):
    """A change that sets the field at dotted ``path`` (``a.b[1].c``) to ``value``."""

    def change(data: dict[str, Any]) -> None:
        target: Any = data
        parts = path.replace("[", ".").replace("]", "").split(".")
        for part in parts[:-1]:
            target = target[int(part)] if part.isdigit() else target[part]
        last = parts[-1]
        if value is _DELETE:
            del target[last]
        elif last.isdigit():
            target[int(last)] = value
        else:
            target[last] = value

    return change


_DELETE = object()

WRONG_FIELDS = [
    # (path, bad value, expected wording)
    ("format", "account-state/2", 'expected "account-state/1"'),
    ("intent", "unlink-everything", "expected one of link, unlink, switch-to-personal"),
    ("target", 3, "expected a non-empty string or null"),
    ("tiktok", [], "expected an object"),
    ("tiktok.username", "", "expected a non-empty string"),
    ("tiktok.username", "   ", "expected a non-empty string"),
    ("tiktok.username", None, "expected a non-empty string"),
    ("tiktok.type", "creator", "expected one of personal, business"),
    ("tiktok.email", False, "expected a non-empty string or null"),
    ("tiktok.two_factor", "yes", "expected true or false"),
    ("tiktok.two_factor", 1, "expected true or false"),
    ("tiktok.password_shared_with", True, "expected a whole number, 0 or more"),
    ("tiktok.password_shared_with", -1, "expected a whole number, 0 or more"),
    ("tiktok.password_shared_with", 1.5, "expected a whole number, 0 or more"),
    ("tiktok.password_shared_with", 2.0, "expected a whole number, 0 or more"),
    ("tiktok.password_shared_with", "2", "expected a whole number, 0 or more"),
    ("tiktok.collaborators", "studio.ana", "expected a list"),
    ("tiktok.collaborators[0]", 7, "expected a non-empty string"),
    ("tiktok.devices[0]", "Pixel 8", "expected an object"),
    ("tiktok.devices[0].kind", "watch", "expected one of mobile, desktop, tablet"),
    ("tiktok.devices[0].linked", None, "expected true or false"),
    ("business", "owner@maisonlune.example", "expected an object or null"),
    ("business.linking_available", "true", "expected true or false"),
    ("business.members[0].role", "owner", "expected one of admin, editor, analyst, moderator"),
    ("business.members[0].departed", 0, "expected true or false"),
    ("business.invitations[0].status", "sent", "expected one of pending, accepted, expired"),
    ("business.invitations[0].accepted_with", "", "expected a non-empty string or null"),
    ("session.online", "false", "expected true or false"),
    ("session.verification_code", None, "expected one of none, sent, expired"),
    ("session.verification_code", "valid", "expected one of none, sent, expired"),
    ("session.actor", "a\nb", "contains a control character, a line break"),
    ("tiktok.username", "x" * 300, "too long (at most 256 characters)"),
]


@pytest.mark.parametrize(("path", "value", "expected"), WRONG_FIELDS)
def test_a_wrong_value_is_refused_naming_its_field(path, value, expected):
    message = _refusal(_changed(_set(path, value)))
    assert message.startswith(f"x.json: {path}: {expected}")


MISSING = [
    "format", "tiktok", "session", "tiktok.username", "tiktok.type", "session.actor",
    "business.email", "business.members[0].email", "business.members[0].role",
    "business.invitations[0].email", "business.invitations[0].role",
    "business.invitations[0].status", "tiktok.devices[0].name", "tiktok.devices[0].kind",
]


@pytest.mark.parametrize("path", MISSING)
def test_a_missing_required_field_is_refused_naming_it(path):
    message = _refusal(_changed(_set(path, _DELETE)))
    assert message == f"x.json: {path}: required field is missing"


def test_an_unknown_key_is_refused_with_the_likely_spelling():
    message = _refusal(_changed(_set("tiktok.two_factors", True)))
    assert message == "x.json: tiktok.two_factors: unknown field; did you mean two_factor?"


def test_an_unknown_key_far_from_any_field_lists_the_fields():
    message = _refusal(_changed(_set("session.zzz", 1)))
    assert message.startswith("x.json: session.zzz: unknown field; expected one of actor, ")


def test_an_unknown_key_with_a_line_break_stays_on_one_line():
    message = _refusal(_changed(_set("tiktok.a\nb", 1)))
    assert "tiktok.a\\u000ab: unknown field" in message


def test_a_password_field_is_refused_by_design():
    message = _refusal(_changed(_set("tiktok.password", "hunter2")))
    assert message.startswith("x.json: tiktok.password: unknown field")
    assert "hunter2" not in message


def test_five_collaborators_are_refused():
    names = ["c.one", "c.two", "c.three", "c.four", "c.five"]
    message = _refusal(_changed(_set("tiktok.collaborators", names)))
    assert message == (
        "x.json: tiktok.collaborators: 5 collaborators; at most 4 may be added "
        "(the owner plus 4 people)"
    )


def test_four_collaborators_are_fine():
    data = _changed(_set("tiktok.collaborators", ["c.one", "c.two", "c.three", "c.four"]))
    assert len(load_snapshot(data).tiktok.collaborators) == 4


def test_two_linked_mobiles_are_refused_naming_the_second():
    devices = [
        {"name": "Pixel 8", "kind": "mobile", "linked": True},
        {"name": "Office iMac", "kind": "desktop", "linked": True},
        {"name": "iPhone 15", "kind": "mobile", "linked": True},
    ]
    message = _refusal(_changed(_set("tiktok.devices", devices)))
    assert message == (
        "x.json: tiktok.devices[2]: a second linked mobile device; only one may be linked"
    )


def test_two_mobiles_of_which_one_is_linked_are_fine():
    devices = [
        {"name": "Pixel 8", "kind": "mobile", "linked": True},
        {"name": "iPhone 15", "kind": "mobile", "linked": False},
    ]
    assert len(load_snapshot(_changed(_set("tiktok.devices", devices))).tiktok.devices) == 2


def test_duplicate_collaborators_are_refused_whatever_the_case():
    message = _refusal(_changed(_set("tiktok.collaborators", ["studio.ana", "Studio.Ana"])))
    assert message == (
        "x.json: tiktok.collaborators[1]: the same collaborator as tiktok.collaborators[0]"
    )


def test_duplicate_member_emails_are_refused_whatever_the_case():
    members = [
        {"email": "owner@maisonlune.example", "role": "admin"},
        {"email": "ana@studio.example", "role": "editor"},
        {"email": "Owner@MaisonLune.example", "role": "analyst"},
    ]
    message = _refusal(_changed(_set("business.members", members)))
    assert message == (
        "x.json: business.members[2].email: the same email as business.members[0].email"
    )


def test_duplicate_invitations_and_device_names_are_refused():
    invitation = {"email": "ana@studio.example", "role": "editor", "status": "pending"}
    message = _refusal(_changed(_set("business.invitations", [invitation, invitation])))
    assert message.startswith("x.json: business.invitations[1].email: the same email as")
    device = {"name": "Pixel 8", "kind": "desktop"}
    message = _refusal(_changed(_set("tiktok.devices", [device, device])))
    assert message.startswith("x.json: tiktok.devices[1].name: the same device name as")


# --- not a snapshot at all ---------------------------------------------------------------


def test_text_that_is_not_json_gives_line_and_column():
    message = _refusal('{\n  "format": "account-state/1",\n  "tiktok": }')
    assert message.startswith("x.json: not valid JSON: Expecting value at line 3, column 13")


def test_empty_input_is_not_json():
    assert _refusal("").startswith("x.json: not valid JSON:")


@pytest.mark.parametrize("text", ["[]", '"account-state/1"', "42", "null", "true"])
def test_a_json_value_other_than_an_object_is_refused(text):
    assert _refusal(text) == "x.json: expected a JSON object at the top level"


def test_bytes_that_are_not_utf8_are_refused_with_the_offset():
    data = snapshot_to_json(default_snapshot()).encode("utf-8").replace(b"maison", b"ma\xefson", 1)
    message = _refusal(data)
    assert message.startswith("x.json: not UTF-8 text (invalid byte at offset ")


def test_utf16_is_refused_with_a_hint():
    data = snapshot_to_json(default_snapshot()).encode("utf-16")
    assert _refusal(data) == "x.json: UTF-16 text; save the file as UTF-8"


def test_a_utf8_byte_order_mark_is_accepted():
    text = snapshot_to_json(default_snapshot())
    assert load_snapshot(b"\xef\xbb\xbf" + text.encode("utf-8")) == default_snapshot()
    assert load_snapshot("\ufeff" + text) == default_snapshot()


def test_a_key_given_twice_is_refused_naming_the_object():
    text = snapshot_to_json(default_snapshot()).replace(
        '"two_factor": false,', '"two_factor": false,\n    "two_factor": true,'
    )
    assert _refusal(text) == 'x.json: tiktok: the key "two_factor" appears twice'


def test_a_key_given_twice_at_the_top_is_refused():
    assert _refusal('{"format": "account-state/1", "format": "account-state/1"}') == (
        'x.json: the key "format" appears twice'
    )


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_refused_naming_the_field(constant):
    text = snapshot_to_json(default_snapshot()).replace(
        '"password_shared_with": 0', f'"password_shared_with": {constant}'
    )
    assert _refusal(text) == (
        f"x.json: tiktok.password_shared_with: {constant} is not a JSON number"
    )


@pytest.mark.parametrize("digits", [16, 5000, 100_000])
def test_a_huge_number_is_refused_naming_the_field(digits):
    text = snapshot_to_json(default_snapshot()).replace(
        '"password_shared_with": 0', '"password_shared_with": ' + "9" * digits
    )
    assert _refusal(text) == (
        "x.json: tiktok.password_shared_with: number too large (at most 15 digits)"
    )


def test_a_huge_float_is_refused_naming_the_field():
    text = snapshot_to_json(default_snapshot()).replace(
        '"password_shared_with": 0', '"password_shared_with": 1e999'
    )
    assert _refusal(text) == (
        "x.json: tiktok.password_shared_with: expected a whole number, 0 or more"
    )


def test_deep_nesting_is_refused_without_a_traceback():
    assert _refusal("[" * 200_000 + "]" * 200_000) == "x.json: not a snapshot: nested too deeply"


def test_deep_nesting_in_an_unknown_field_is_refused():
    text = '{"format": "account-state/1", "extra": ' + "[" * 500 + "]" * 500 + "}"
    assert _refusal(text).startswith("x.json: extra: unknown field")


def test_a_lone_surrogate_escape_is_refused_naming_the_field():
    text = snapshot_to_json(default_snapshot()).replace("studio.ana", "studio\\ud800ana")
    assert _refusal(text) == (
        "x.json: tiktok.collaborators[0]: contains a control character, a line break "
        "or an unpaired surrogate"
    )


def test_an_escaped_emoji_pair_is_accepted():
    text = snapshot_to_json(default_snapshot()).replace("studio.ana", "studio\\ud83c\\udf19")
    assert load_snapshot(text).tiktok.collaborators == ("studio\U0001f319",)


def test_a_lone_surrogate_in_a_python_string_is_refused():
    text = snapshot_to_json(default_snapshot()).replace("studio.ana", "studio\ud800")
    assert _refusal(text).startswith("x.json: tiktok.collaborators[0]: contains")


def test_input_over_one_mebibyte_is_refused():
    text = snapshot_to_json(default_snapshot())
    big = text[:-1] + " " * (MAX_SNAPSHOT_BYTES - len(text) + 1) + "}"
    assert _refusal(big) == "x.json: larger than 1 MiB; is this a snapshot?"
    assert _refusal(big.encode()) == "x.json: larger than 1 MiB; is this a snapshot?"


def test_input_of_one_mebibyte_exactly_is_read():
    text = snapshot_to_json(default_snapshot())
    padded = text[:-1] + " " * (MAX_SNAPSHOT_BYTES - len(text)) + "}"
    assert len(padded.encode()) == MAX_SNAPSHOT_BYTES
    assert load_snapshot(padded) == default_snapshot()


def test_the_message_is_translated_while_paths_and_values_are_not():
    french = Translator("fr", read_po_messages(FRAGMENT))
    with pytest.raises(SnapshotError) as caught:
        load_snapshot(_changed(_set("business.members[0].role", "boss")), "x.json")
    assert caught.value.message(french) == (
        "x.json: business.members[0].role: valeur attendue parmi admin, editor, analyst, "
        "moderator"
    )
    assert str(caught.value).endswith("expected one of admin, editor, analyst, moderator")


def test_the_error_keeps_its_parts_for_callers():
    with pytest.raises(SnapshotError) as caught:
        load_snapshot(_changed(_set("tiktok.type", "creator")), "switch.json")
    error = caught.value
    assert (error.source, error.field) == ("switch.json", "tiktok.type")
    assert error.expected == "expected one of {choices}"
    assert isinstance(error, ValueError)


BAD_JSON = {
    "Expecting value": '{"format": }',
    "Expecting property name enclosed in double quotes": "{\n",
    "Expecting ',' delimiter": "[1 2]",
    "Expecting ':' delimiter": '{"a" 1}',
    "Unterminated string starting at": '{"a": "abc',
    "Invalid control character at": '{"a": "a\x01"}',
    "Invalid \\escape": '{"a": "\\q"}',
    "Invalid \\uXXXX escape": '{"a": "\\u12"}',
    "Extra data": "{} {}",
    "Unexpected UTF-8 BOM (decode using utf-8-sig)": "\ufeff\ufeff{}",
}


@pytest.mark.parametrize("reason", sorted(BAD_JSON))
def test_what_the_json_reader_says_is_quoted_in_english_and_translated_in_french(reason):
    from assistant.account.jsonread import JSON_REASONS

    assert reason in JSON_REASONS
    with pytest.raises(SnapshotError) as caught:
        load_snapshot(BAD_JSON[reason], "x.json")
    assert str(caught.value).startswith(f"x.json: not valid JSON: {reason} at line ")
    french = caught.value.message(Translator("fr", read_po_messages(FRAGMENT)))
    assert french.startswith("x.json: JSON non valide\u00a0: ") and " à la ligne " in french
    assert reason not in french
