"""Reading and writing snapshots: defaults, field order, round trips, the examples."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from strategies import snapshots

from assistant.account.model import (
    FORMAT,
    AccountType,
    CodeState,
    DeviceKind,
    Intent,
    InvitationStatus,
    Role,
)
from assistant.account.snapshot import (
    SnapshotError,
    check_snapshot,
    default_snapshot,
    dump_snapshot,
    load_snapshot,
    read_snapshot,
    snapshot_from_data,
    snapshot_to_json,
)

EXAMPLES = Path(__file__).resolve().parent.parent / "data" / "examples"
EXAMPLE_NAMES = sorted(p.stem for p in EXAMPLES.glob("*.json") if p.stem != "expected-findings")

MINIMAL = {
    "format": FORMAT,
    "tiktok": {"username": "maison.lune", "type": "business"},
    "business": {
        "email": "owner@maisonlune.example",
        "members": [{"email": "owner@maisonlune.example", "role": "admin"}],
        "invitations": [{"email": "ana@studio.example", "role": "editor", "status": "pending"}],
    },
    "session": {"actor": "owner@maisonlune.example"},
}


def test_the_four_examples_are_there():
    assert EXAMPLE_NAMES == [
        "invitation-trouble", "share-at-limit", "switch-blocked-by-link", "unlink-wrong-profile",
    ]


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_examples_load_and_write_back_unchanged(name):
    text = (EXAMPLES / f"{name}.json").read_text(encoding="utf-8")
    snapshot = load_snapshot(text, f"{name}.json")
    assert snapshot_to_json(snapshot) == text.rstrip("\n")
    assert dump_snapshot(snapshot) == json.loads(text)


def test_example_values_are_read_as_written():
    snapshot = read_snapshot(EXAMPLES / "invitation-trouble.json")
    assert snapshot.intent is Intent.ADD_MEMBER
    assert snapshot.tiktok.type is AccountType.BUSINESS
    assert snapshot.tiktok.devices[0].kind is DeviceKind.MOBILE
    assert snapshot.business is not None
    accepted = snapshot.business.invitations[0]
    assert accepted.status is InvitationStatus.ACCEPTED
    assert accepted.accepted_with == "ana.perso@mail.example"
    assert snapshot.business.invitations[1].role is Role.ANALYST


def test_left_out_fields_take_the_defaults_of_the_spec():
    snapshot = load_snapshot(json.dumps(MINIMAL))
    tiktok, business, session = snapshot.tiktok, snapshot.business, snapshot.session
    assert snapshot.intent is None and snapshot.target is None
    assert (tiktok.email, tiktok.phone, tiktok.two_factor) == (None, None, False)
    assert tiktok.password_shared_with == 0
    assert tiktok.collaborators == () and tiktok.devices == ()
    assert business is not None
    assert business.linking_available is True and business.linked_tiktok is None
    assert business.members[0].departed is False
    invitation = business.invitations[0]
    assert invitation.accepted_with is None and invitation.invitee_other_business is False
    assert session.business_profile is None
    assert session.online is True and session.browser_cache_stale is False
    assert session.verification_code is CodeState.NONE


def test_business_may_be_left_out_or_null():
    without = {k: v for k, v in MINIMAL.items() if k != "business"}
    assert load_snapshot(json.dumps(without)).business is None
    assert load_snapshot(json.dumps({**without, "business": None})).business is None


def test_a_device_left_unlinked_by_default():
    data = json.loads(json.dumps(MINIMAL))
    data["tiktok"]["devices"] = [{"name": "Pixel 8", "kind": "mobile"}]
    assert load_snapshot(json.dumps(data)).tiktok.devices[0].linked is False


def test_dump_writes_every_field_in_the_order_of_the_spec():
    data = dump_snapshot(load_snapshot(json.dumps(MINIMAL)))
    assert list(data) == ["format", "intent", "target", "tiktok", "business", "session"]
    assert list(data["tiktok"]) == [
        "username", "type", "email", "phone", "two_factor", "password_shared_with",
        "collaborators", "devices",
    ]
    assert list(data["business"]) == [
        "email", "linking_available", "linked_tiktok", "members", "invitations",
    ]
    assert list(data["business"]["members"][0]) == ["email", "role", "departed"]
    assert list(data["business"]["invitations"][0]) == [
        "email", "role", "status", "accepted_with", "invitee_other_business",
    ]
    assert list(data["session"]) == [
        "actor", "business_profile", "online", "browser_cache_stale", "verification_code",
    ]


def test_non_ascii_text_is_written_as_is():
    snapshot = replace(
        default_snapshot(), tiktok=replace(default_snapshot().tiktok, username="café.crème")
    )
    text = snapshot_to_json(snapshot)
    assert "café.crème" in text
    assert load_snapshot(text.encode("utf-8")) == snapshot


def test_default_snapshot_is_a_linked_business_run_by_its_admin():
    snapshot = check_snapshot(default_snapshot())
    assert snapshot.tiktok.type is AccountType.BUSINESS
    assert snapshot.is_linked and snapshot.is_admin and snapshot.on_right_profile
    assert snapshot.session.online


@settings(max_examples=200, deadline=None)
@given(snapshots())
def test_load_dump_load_gives_the_same_snapshot(snapshot):
    text = snapshot_to_json(snapshot)
    again = load_snapshot(text)
    assert again == snapshot
    assert snapshot_to_json(again) == text
    assert snapshot_from_data(json.loads(text)) == snapshot


def test_read_snapshot_reads_standard_input_for_a_dash():
    text = snapshot_to_json(default_snapshot())
    assert read_snapshot("-", stdin=io.BytesIO(text.encode())) == default_snapshot()
    assert read_snapshot("-", stdin=io.StringIO(text)) == default_snapshot()


def test_read_snapshot_names_stdin_in_errors():
    with pytest.raises(SnapshotError) as caught:
        read_snapshot("-", stdin=io.BytesIO(b"[]"))
    assert str(caught.value).startswith("<stdin>: ")


def test_read_snapshot_reports_a_missing_file_in_one_line(tmp_path):
    missing = tmp_path / "nope.json"
    with pytest.raises(SnapshotError) as caught:
        read_snapshot(missing)
    message = str(caught.value)
    assert message.startswith(f"{missing}: cannot read it")
    assert "\n" not in message


def test_read_snapshot_reports_a_directory_in_one_line(tmp_path):
    with pytest.raises(SnapshotError) as caught:
        read_snapshot(tmp_path)
    assert str(caught.value).startswith(f"{tmp_path}: cannot read it")


def test_the_business_login_phone_is_optional_and_written_only_when_set():
    data = json.loads(json.dumps(MINIMAL))
    without = snapshot_from_data(data, "t.json")
    assert without.business is not None and without.business.phone is None
    assert "phone" not in dump_snapshot(without)["business"]
    data["business"]["phone"] = "+33 6 12 34 56 78"
    with_phone = snapshot_from_data(data, "t.json")
    assert with_phone.business is not None and with_phone.business.phone == "+33 6 12 34 56 78"
    assert with_phone.tiktok.phone is None
    assert load_snapshot(snapshot_to_json(with_phone), "t.json") == with_phone


def test_usernames_compare_case_insensitively_for_the_link():
    data = json.loads(json.dumps(MINIMAL))
    data["tiktok"]["username"] = "Maison.Lune"
    data["business"]["linked_tiktok"] = "maison.lune"
    assert snapshot_from_data(data, "t.json").is_linked
