"""Snapshot values that read as something else: invisible characters, huge numbers.

- an invisible character (U+200B, a BOM inside a value, Unicode tag characters, a
  joiner out of place) is refused naming its field, written raw or escaped, in a
  file or in already-parsed data; a value of only invisible characters is empty;
- a number a snapshot cannot hold (≥ 10^15, 10^25, 1e25) is refused by the decoder
  naming its field, also in saved progress, which is then set aside instead of
  crashing the UI at "Continue".
"""

from __future__ import annotations

import json
import sys
import unicodedata

import pytest
from security_support import run_cli, snapshot_json

from assistant.account import rules
from assistant.account.snapshot import (
    SnapshotError,
    default_snapshot,
    dump_snapshot,
    load_snapshot,
    snapshot_from_data,
)
from assistant.engine import from_progress, load_guides
from assistant.engine.progress import ProgressError
from assistant.i18n.translator import Translator
from assistant.safetext import BIDI_CONTROLS


def _refusal(text: str | bytes) -> str:
    with pytest.raises(SnapshotError) as caught:
        load_snapshot(text, "x.json")
    return str(caught.value)


def _with(path: tuple[str, ...], value: object) -> dict:
    data = dump_snapshot(default_snapshot())
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return data


INVISIBLE = [
    # (where, value, the character named)
    (("tiktok", "username"), "maison.lune\u200b", "U+200B"),
    (("business", "linked_tiktok"), "maison\u200b.lune", "U+200B"),
    (("tiktok", "email"), "owner@maison\ufefflune.example", "U+FEFF"),
    (("session", "actor"), "owner@maisonlune.example\U000e0072\U000e006d", "U+E0072"),
    (("tiktok", "collaborators"), ["studio\u2060ana"], "U+2060"),
    (("tiktok", "username"), "maison\u00adlune", "U+00AD"),
    (("tiktok", "username"), "maison\u200dlune", "U+200D"),
    (("tiktok", "username"), "maison\u3164", "U+3164"),
]


@pytest.mark.parametrize(("where", "value", "character"), INVISIBLE)
@pytest.mark.parametrize("ascii_only", [False, True], ids=["raw", "escaped"])
def test_an_invisible_character_is_refused_naming_the_field(where, value, character, ascii_only):
    text = json.dumps(_with(where, value), ensure_ascii=ascii_only)
    field = ".".join(where) + ("[0]" if isinstance(value, list) else "")
    assert _refusal(text) == (
        f"x.json: {field}: contains an invisible character ({character}); remove it"
    )
    assert _refusal(text.encode("utf-8")) == _refusal(text)


@pytest.mark.parametrize(("where", "value", "character"), INVISIBLE)
def test_an_invisible_character_in_parsed_data_is_refused_too(where, value, character):
    with pytest.raises(SnapshotError) as caught:
        snapshot_from_data(_with(where, value), "progress")
    assert f"contains an invisible character ({character})" in str(caught.value)


@pytest.mark.parametrize("value", ["\u200b", "\u200b\u200b", " \ufeff ", "\U000e0041", "\u3164"])
def test_a_username_of_only_invisible_characters_is_empty(value):
    text = json.dumps(_with(("tiktok", "username"), value), ensure_ascii=False)
    assert _refusal(text) == "x.json: tiktok.username: expected a non-empty string"


@pytest.mark.parametrize(
    "name",
    ["Pixel 8 de L\u00e9a \U0001f319", "\U0001f469\u200d\U0001f4bb studio",
     "\u0641\u0627\u0631\u0633\u06cc\u200c\u0647\u0627", "Caf\u00e9\u00a0cr\u00e8me"],
)
def test_visible_text_with_a_joiner_in_place_is_accepted(name):
    data = _with(("tiktok", "devices"), [{"name": name, "kind": "desktop", "linked": False}])
    for text in (json.dumps(data), json.dumps(data, ensure_ascii=False)):
        assert load_snapshot(text).tiktok.devices[0].name == name


def test_a_zero_width_space_no_longer_makes_the_diagnosis_contradict_itself(capsys, tmp_path):
    path = tmp_path / "zwsp.json"
    data = _with(("tiktok", "username"), "maison.lune\u200b")
    data["intent"] = "switch-to-personal"
    path.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = run_cli(capsys, "diagnose", str(path))
    assert (code, out) == (2, "")
    assert "tiktok.username: contains an invisible character (U+200B)" in err


def test_invisible_characters_are_the_format_characters_and_the_hangul_fillers():
    joiners = set(rules.JOINERS)
    fillers = set(rules.HANGUL_FILLERS)
    wrong = []
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        category = unicodedata.category(char)
        caught = rules.invisible_character(f"a{char}b") == char
        expected = (category == "Cf" and char not in BIDI_CONTROLS) or char in fillers
        if char in joiners:
            expected = True  # between two ASCII letters, a joiner is out of place
        # Characters this Python's Unicode does not know yet may be listed ahead.
        if caught != expected and not (caught and category == "Cn"):
            wrong.append(hex(code))
    assert wrong == []


def test_every_invisible_character_but_the_fillers_is_unprintable():
    # The compiled reader looks closer at unprintable strings only.
    listed = [chr(c) for c in range(sys.maxunicode + 1)
              if rules.invisible_character(f"a{chr(c)}b") == chr(c)]
    assert [c for c in listed if c.isprintable()] == sorted(rules.HANGUL_FILLERS)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("10000000000000000000000000", "number too large (at most 15 digits)"),
        ("1000000000000000", "number too large (at most 15 digits)"),
        ("1e25", "expected a whole number, 0 or more"),
        ("-1e400", "expected a whole number, 0 or more"),
    ],
)
def test_a_number_out_of_range_in_a_file_is_refused_naming_the_field(raw, expected):
    text = snapshot_json().replace('"password_shared_with": 0', f'"password_shared_with": {raw}')
    assert _refusal(text) == f"x.json: tiktok.password_shared_with: {expected}"


@pytest.mark.parametrize("value", [10**25, 10**15, 2**64, float("1e25"), float("inf")])
def test_a_number_out_of_range_in_parsed_data_is_refused_naming_the_field(value):
    with pytest.raises(SnapshotError) as caught:
        snapshot_from_data(_with(("tiktok", "password_shared_with"), value), "progress")
    assert str(caught.value).startswith("progress: tiktok.password_shared_with: ")


def test_the_largest_whole_number_is_accepted_everywhere():
    largest = 10**15 - 1
    data = _with(("tiktok", "password_shared_with"), largest)
    assert snapshot_from_data(data).tiktok.password_shared_with == largest
    assert load_snapshot(json.dumps(data)).tiktok.password_shared_with == largest


def test_saved_progress_with_a_number_of_10_to_the_25_is_refused_not_resumed():
    library = load_guides()
    progress = {
        "format": "progress/1", "guide": "unlink-business", "digests": {}, "answers": [],
        "snapshot": _with(("tiktok", "password_shared_with"), 10**25),
    }
    with pytest.raises(ProgressError) as caught:
        from_progress(json.loads(json.dumps(progress)), library, Translator("en"))
    assert "tiktok.password_shared_with: number too large" in str(caught.value)
