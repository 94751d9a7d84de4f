"""Hostile snapshot files: one clean line on standard error, exit 2, never a traceback.

Each case goes through the real commands (``assistant run --state`` and ``assistant
diagnose``), so what is pinned is what a support agent sees.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest
from security_support import raw_controls, run_cli, snapshot_json

from assistant.account.jsonread import MAX_SNAPSHOT_BYTES

GOOD = snapshot_json()
ONE_MIB = 1024 * 1024


def _with(field: str, raw_value: str) -> bytes:
    """The good snapshot with ``tiktok.<field>`` set to the raw JSON text ``raw_value``."""
    data = json.loads(GOOD)
    data["tiktok"][field] = "@@VALUE@@"
    return json.dumps(data).replace('"@@VALUE@@"', raw_value).encode()


HOSTILE: dict[str, tuple[bytes, str]] = {
    # name: (file content, what the one line must say)
    "duplicate-key": (b'{"format": "account-state/1", "format": "account-state/1"}',
                      'the key "format" appears twice'),
    "duplicate-nested-key": (GOOD.replace('"two_factor": false', '"two_factor": false, '
                                          '"two_factor": true').encode(),
                             '"two_factor" appears twice'),
    "nan": (_with("password_shared_with", "NaN"), "NaN is not a JSON number"),
    "infinity": (_with("password_shared_with", "Infinity"), "Infinity is not a JSON number"),
    "minus-infinity": (_with("password_shared_with", "-Infinity"),
                       "-Infinity is not a JSON number"),
    "5000-digits": (_with("password_shared_with", "9" * 5000), "number too large"),
    "5000-digit-float": (_with("password_shared_with", "1." + "0" * 5000),
                         "expected a whole number"),
    "huge-exponent": (_with("password_shared_with", "1e999999"), "expected a whole number"),
    "5000-digits-elsewhere": (_with("username", "9" * 5000), "number too large"),
    "deep-lists": (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    "deep-objects": (b'{"a":' * 50_000 + b"1" + b"}" * 50_000, "nested too deeply"),
    "lone-surrogate-value": (_with("username", '"a\\ud800b"'), "tiktok.username: contains"),
    "lone-surrogate-key": (GOOD.replace('"two_factor"', '"\\udc00"').encode(),
                           "unknown field"),
    "escape-in-key": (GOOD.replace('"two_factor"', '"\\u001b]52;c;SGVsbG8=\\u0007"').encode(),
                      "unknown field"),
    "bidi-in-value": (_with("email", '"owner\\u202e@x.example"'), "tiktok.email: contains"),
    "c1-in-value": (_with("username", '"a\\u009b2J"'), "tiktok.username: contains"),
    "over-1-mib": (GOOD[:-1].encode() + b', "pad": "' + b"x" * ONE_MIB + b'"}',
                   "larger than 1 MiB"),
    "over-1-mib-of-spaces": (b" " * (ONE_MIB + 1) + GOOD.encode(), "larger than 1 MiB"),
    "utf-16": (GOOD.encode("utf-16"), "UTF-16"),
    "latin-1": (GOOD.replace("maison.lune", "maisoné").encode("latin-1"), "not UTF-8"),
    "nul-and-csi": (b"\x00\x1b[2J", "not valid JSON"),
    "empty": (b"", "not valid JSON"),
    "two-boms": (b"\xef\xbb\xbf\xef\xbb\xbf" + GOOD.encode(), "not valid JSON"),
    "a-list": (b"[]", "expected a JSON object"),
    "a-string": (b'"account-state/1"', "expected a JSON object"),
    "truncated": (GOOD[: len(GOOD) // 2].encode(), "not valid JSON"),
}


def _check_one_clean_line(code: int, out: str, err: str, expected: str) -> None:
    assert (code, out) == (2, "")
    assert err.startswith("assistant: ") and err.endswith("\n")
    assert len(err.splitlines()) == 1, err
    assert raw_controls(err) == [] and "Traceback" not in err
    err.encode("utf-8")  # no lone surrogate: the line can be written to any UTF-8 stream
    assert expected in err


@pytest.mark.parametrize("name", sorted(HOSTILE))
@pytest.mark.parametrize("command", ["run", "diagnose"])
def test_a_hostile_snapshot_file_is_one_clean_line_and_exit_2(capsys, tmp_path, name, command):
    content, expected = HOSTILE[name]
    path = tmp_path / f"{name}.json"
    path.write_bytes(content)
    args = (["run", "unlink-business", "--state", str(path)] if command == "run"
            else ["diagnose", str(path)])
    _check_one_clean_line(*run_cli(capsys, *args), expected)


@pytest.mark.parametrize("name", ["deep-lists", "5000-digits", "over-1-mib", "lone-surrogate-key"])
def test_a_hostile_snapshot_on_stdin_is_one_clean_line(capsys, monkeypatch, name):
    content, expected = HOSTILE[name]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(content)))
    _check_one_clean_line(*run_cli(capsys, "run", "unlink-business", "--state", "-"), expected)


def test_a_utf8_bom_is_accepted_as_notepad_writes_it(capsys, tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.encode())
    code, out, err = run_cli(capsys, "run", "unlink-business", "--state", str(path), "--json")
    assert (code, err) == (0, "")
    assert json.loads(out)["state"]["tiktok"]["username"] == "maison.lune"


@pytest.mark.parametrize("where", ["a-directory", "missing.json"])
def test_an_unreadable_path_is_one_clean_line(capsys, tmp_path, where):
    (tmp_path / "a-directory").mkdir()
    _check_one_clean_line(
        *run_cli(capsys, "run", "unlink-business", "--state", str(tmp_path / where)),
        "cannot read it",
    )


def test_the_size_cap_is_one_mebibyte():
    assert MAX_SNAPSHOT_BYTES == ONE_MIB


@pytest.mark.parametrize("name", ["deep-lists", "5000-digits", "lone-surrogate-key"])
def test_a_real_process_exits_2_without_a_traceback(tmp_path, name):
    path = tmp_path / f"{name}.json"
    path.write_bytes(HOSTILE[name][0])
    for args in (["run", "unlink-business", "--state", str(path)], ["diagnose", str(path)]):
        result = subprocess.run(
            [sys.executable, "-m", "assistant", *args], capture_output=True,
            env={"PYTHONIOENCODING": "utf-8", "LANG": "C.UTF-8", "PATH": ""},
        )
        assert result.returncode == 2 and result.stdout == b""
        err = result.stderr.decode("utf-8")
        assert len(err.splitlines()) == 1 and "Traceback" not in err
        assert raw_controls(err) == []
