"""One masking function for every output meant for people (issue 17, "Personal data in clear").

The checks here do not trust :mod:`assistant.privacy` to find what it must hide: a
phone number is looked for by its digits, an address by its local part.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st
from security_support import run_cli

from assistant.account.model import Device, DeviceKind, Invitation, InvitationStatus, Role
from assistant.account.snapshot import default_snapshot, dump_snapshot
from assistant.diagnose import diagnose
from assistant.i18n.translator import get_translator
from assistant.privacy import (
    contains_personal_data,
    mask,
    mask_email,
    mask_phone,
    mask_text,
    mask_value,
    shorten,
)
from assistant.transcript import session_markdown
from assistant.tui.facts import account_facts

SEPARATORS = [" ", "\u00a0", "\u202f", "\u2009", "/", "_", "\u2013", "\u200b", ".", "-", "\u2014",
              "\u2060", "\ufeff"]
"""What people (and their word processors) put between the digits of a phone number."""
NUMBERS = ["06 12 34 56 78", "+33 6 12 34 56 78", "+44 20 7946 0958", "+1 415 555 0100",
           "0033 6 12 34 56 78"]
LONG_EMAIL = "tiktok.jean-christophe.dupont-moretti.87@gmail.com"


def _written_with(number: str, separator: str) -> str:
    return number.replace(" ", separator)


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _shows_number(text: str, number: str) -> bool:
    """Whether ``text`` shows more of ``number`` than its last two digits."""
    digits = _digits(number)
    return re.search(r"\D{0,4}".join(digits[:-2]), text) is not None


# --- phone numbers, whatever separates their digits -------------------------------------


@pytest.mark.parametrize("separator", SEPARATORS)
@pytest.mark.parametrize("number", NUMBERS)
def test_a_number_written_with_any_separator_is_masked(number, separator):
    written = _written_with(number, separator)
    masked = mask(f"Appelez le {written} demain.")
    assert not _shows_number(masked, number), masked
    assert _digits(masked) == _digits(number)[-2:]
    assert masked.startswith("Appelez le ") and masked.endswith(" demain.")


@pytest.mark.parametrize("extension", ["x12", " x12", " ext. 12", " poste 12", " X 12"])
@pytest.mark.parametrize("number", ["+1 415 555 0100", "06 12 34 56 78"])
def test_a_number_with_an_extension_is_masked_extension_included(number, extension):
    masked = mask(f"call {number}{extension} now")
    assert not _shows_number(masked, number) and "12" not in masked
    assert masked.endswith(" now") and _digits(masked) == _digits(number)[-2:]


@given(
    st.lists(st.integers(1, 4), min_size=2, max_size=6).map(
        lambda sizes: ["".join("7" if i % 2 else "3" for i in range(n)) for n in sizes]),
    st.lists(st.sampled_from(SEPARATORS), min_size=5, max_size=5),
    st.sampled_from(["", "+33 ", "+", "00"]),
    st.sampled_from(["", "x12", " ext. 9"]),
)
def test_property_any_separators_between_digit_groups_never_leave_a_number(
    groups, separators, prefix, extension
):
    number = prefix + "".join(
        group + (separators[i % len(separators)] if i < len(groups) - 1 else "")
        for i, group in enumerate(groups)
    )
    digits = len(_digits(number))
    least = 6 if prefix else 8
    text = f"Tel : {number}{extension}."
    masked = mask(text)
    assert mask(masked) == masked
    if least <= digits <= 15:
        assert _digits(masked) == _digits(number)[-2:], (text, masked)
        assert contains_personal_data(text)


@given(st.text(alphabet=st.sampled_from([*SEPARATORS, "0", "6", "1", "a", "@", "x", "+"])))
def test_property_masking_is_idempotent_over_separators(text):
    once = mask(text)
    assert mask(once) == once


@pytest.mark.parametrize("text", [
    "on 2024-01-15 at 12:30", "le 15/01/2024", "Summary: 1 error, 3 warnings, 0 notes.",
    "maison.lune already has 4 collaborators", "Pixel 8 and iPhone 15", "user12345678",
    "pages 12\u201334", "1/2", "x12",
])
def test_ordinary_numbers_are_left_alone(text):
    assert mask(text) == text


# --- addresses, however the at sign is written ------------------------------------------


AT_FORMS = ["@", "\uff20", "\ufe6b", "(at)", "[at]", "{at}", " (at) ", " [AT] "]


@pytest.mark.parametrize("at", AT_FORMS)
def test_an_address_with_any_at_sign_is_masked(at):
    text = f"Invitation envoyée à ana.martin{at}studio.example, hier."
    masked = mask(text)
    assert "ana.martin" not in masked and "a***" in masked and "studio.example" in masked
    assert masked.endswith(", hier.") and mask(masked) == masked


@given(
    st.from_regex(r"[a-z][a-z0-9._+-]{1,20}", fullmatch=True),
    st.from_regex(r"[a-z]{1,10}(\.[a-z]{1,10}){0,2}\.[a-z]{2,6}", fullmatch=True),
    st.sampled_from(AT_FORMS),
    st.sampled_from(["", "«\u00a0", "**", "<", "("]),
)
def test_property_no_local_part_survives_any_address_form(local, domain, at, opening):
    closing = {"«\u00a0": "\u00a0»", "**": "**", "<": ">", "(": ")"}.get(opening, "")
    text = f"write to {opening}{local}{at}{domain}{closing} now"
    masked = mask(text)
    assert f"{local}{at}" not in masked and f" {opening}{local}" not in masked, masked
    assert f"{local[0]}***{at}{domain}" in masked
    assert mask(masked) == masked


def test_a_username_with_an_at_sign_is_not_an_address():
    for name in ["maison.lune@paris", "chef@home", "@maison.lune", "x@y"]:
        assert mask(name) == name
        assert not contains_personal_data(f"Diagnosis of {name}")


def test_a_username_that_is_a_whole_address_is_masked_as_one():
    assert mask("ana@studio.example") == "a***@studio.example"


def test_whole_values_known_to_be_addresses_or_numbers_are_masked_even_malformed():
    assert mask_value("ana@studio") == "a***@studio"
    assert mask_value("ana\uff20studio") == "a***\uff20studio"
    assert mask_value("+33\u00a06\u00a012\u00a034") == "+**\u00a0*\u00a0**\u00a034"
    assert mask_value("06 12 34 56 78 x12") == "** ** ** ** 78 x**"
    assert mask_value("maison.lune") == "maison.lune"


def test_the_older_names_are_the_one_function():
    assert mask_text is mask
    assert mask_email("ana(at)studio.example") == mask("ana(at)studio.example")
    assert mask_phone("06\u00a012\u00a034\u00a056\u00a078") == mask(
        "06\u00a012\u00a034\u00a056\u00a078")


# --- a long address is masked before any cut ----------------------------------------------


def test_shortening_never_cuts_inside_an_address_or_a_number():
    assert shorten(LONG_EMAIL, 40) == LONG_EMAIL
    assert shorten("x" * 50, 40) == "x" * 39 + "…"
    assert shorten("06 12 34 56 78 " + "y" * 40, 8).startswith("06 12 34 56 78")


def test_an_address_cut_short_after_its_at_sign_is_still_masked():
    masked = mask("tiktok.jean-christophe.dupont-moretti.87@gmail…: unknown field")
    assert "jean-christophe" not in masked and "***@gmail…" in masked


def _snapshot_with_key(tmp_path, key: str, where: str | None = "tiktok"):
    data = dump_snapshot(default_snapshot())
    (data[where] if where else data)[key] = 1
    path = tmp_path / "long.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path, data


@pytest.mark.parametrize("where", ["tiktok", None])
def test_a_long_address_used_as_a_key_is_masked_in_diagnose_and_run(capsys, tmp_path, where):
    path, data = _snapshot_with_key(tmp_path, LONG_EMAIL, where)
    for argv in (["diagnose", str(path)], ["run", "unlink-business", "--state", str(path)]):
        code, out, err = run_cli(capsys, *argv)
        assert code == 2 and out == ""
        assert "jean-christophe" not in err and "***@gmail.com" in err, err
        assert str(path) in err, "the file name is the agent's own and stays"
    batch = tmp_path / "queue.jsonl"
    batch.write_text(json.dumps(data) + "\n", encoding="utf-8")
    code, out, err = run_cli(capsys, "diagnose", "--batch", str(batch))
    assert code == 2 and "jean-christophe" not in err and "***@gmail.com" in err
    assert LONG_EMAIL in out, "the JSON line keeps the key whole for the agent's tools"


# --- every output for people: diagnose, run, transcripts, the account panel ------------


def _hostile_snapshot():
    """The default account with personal data in the forms the red team used."""
    s = default_snapshot()
    phone = "06\u00a012\u00a034\u00a056\u00a078"
    tiktok = replace(s.tiktok, phone="+33\u202f6\u202f12\u202f34\u202f56\u202f78",
                     devices=(Device(phone, DeviceKind.MOBILE, linked=True),))
    business = replace(s.business, invitations=(
        Invitation("ana\uff20studio.example", Role.EDITOR, InvitationStatus.PENDING),
        Invitation("paul(at)studio.example", Role.ANALYST, InvitationStatus.PENDING),
    ))
    return replace(s, tiktok=tiktok, business=business)


CLEAR = ["ana\uff20", "paul(at)", "owner@", "12\u00a034", "12\u202f34", "jean-christophe"]


def _leaks(text: str) -> list[str]:
    found = [value for value in CLEAR if value in text]
    found += [n for n in ("0612345678", "33612345678") if _shows_number(text, n)]
    return found


def test_diagnose_text_masks_every_form(capsys, tmp_path):
    path = tmp_path / "s.json"
    path.write_text(json.dumps(dump_snapshot(_hostile_snapshot())), encoding="utf-8")
    for intent in ("add-member", "share"):
        for lang in ("en", "fr"):
            code, out, err = run_cli(capsys, "diagnose", str(path), "--intent", intent,
                                     "--lang", lang)
            assert err == "" and _leaks(out) == [], (intent, lang, _leaks(out))
    code, out, _ = run_cli(capsys, "diagnose", str(path), "--intent", "add-member")
    assert "a***\uff20studio.example" in out and "p***(at)studio.example" in out
    assert "invite-invalid-email" in out


def test_run_text_output_and_its_state_refusals_are_masked(capsys, tmp_path):
    path = tmp_path / "s.json"
    path.write_text(json.dumps(dump_snapshot(_hostile_snapshot())), encoding="utf-8")
    for guide in ("unlink-business", "share-account", "add-member"):
        code, out, err = run_cli(capsys, "run", guide, "--state", str(path), "--choose", "1")
        assert code == 0 and _leaks(out) == [], (guide, _leaks(out))
    code, out, _ = run_cli(capsys, "run", "unlink-business", "--state", str(path))
    assert "o***@maisonlune.example" in out
    code, out, _ = run_cli(capsys, "run", "unlink-business", "--state", str(path), "--json")
    assert "owner@maisonlune.example" in out, "run/1 JSON keeps the data for tools"
    data = dump_snapshot(default_snapshot())
    data["session"]["06\u00a012\u00a034\u00a056\u00a078"] = True
    path.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = run_cli(capsys, "run", "unlink-business", "--state", str(path))
    assert code == 2 and _leaks(err) == [] and "**\u00a0**\u00a078" in err


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_account_panel_and_the_transcript_mask_every_form(lang):
    t = get_translator(lang)
    snapshot = _hostile_snapshot()
    lines = [f"{fact.label}: {fact.value}" for fact in account_facts(snapshot, t)]
    assert _leaks("\n".join(lines)) == [], lines
    assert any("**\u00a0**\u00a078" in line for line in lines), "the linked phone's name"
    text = session_markdown(t, snapshot=snapshot, findings=diagnose(snapshot, "add-member", t))
    assert _leaks(text) == [], _leaks(text)


def test_the_diagnosis_of_a_username_with_an_at_sign_keeps_it(capsys, tmp_path):
    data = dump_snapshot(default_snapshot())
    data["tiktok"]["username"] = "maison.lune@paris"
    data["business"]["linked_tiktok"] = "maison.lune@paris"
    path = tmp_path / "s.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    code, out, _ = run_cli(capsys, "diagnose", str(path), "--intent", "switch-to-personal")
    assert "Diagnosis of maison.lune@paris," in out
    assert "maison.lune@paris is still linked" in out and "m***@paris" not in out
