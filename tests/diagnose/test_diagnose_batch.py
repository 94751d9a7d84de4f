"""``assistant diagnose --batch``: one result per line, bad lines reported, a summary."""

from __future__ import annotations

import io
import json
import sys

import pytest
from diagnose_support import EXAMPLES, change, healthy
from hypothesis import given, settings
from hypothesis import strategies as st

import assistant.cli
from assistant.account.model import Invitation, InvitationStatus, Role
from assistant.account.snapshot import snapshot_to_json
from assistant.diagnose.batch import BatchSummary, diagnose_lines, encode
from assistant.i18n.translator import get_translator
from assistant.safetext import dumps


def _line(snapshot) -> str:
    return json.dumps(json.loads(snapshot_to_json(snapshot)))


def _example_line(name: str) -> str:
    return json.dumps(json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8")))


@pytest.fixture
def batch(tmp_path, capsys, monkeypatch):
    """Run ``--batch`` on ``lines``: returns (code, JSON objects printed, stderr lines)."""
    monkeypatch.setenv("LC_ALL", "C")

    def _batch(lines: list[str], *argv: str, stdin: bool = False):
        path = tmp_path / "queue.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        if stdin:
            data = path.read_bytes()
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
        code = assistant.cli.main(["diagnose", "--batch", "-" if stdin else str(path), *argv])
        out, err = capsys.readouterr()
        return code, [json.loads(line) for line in out.splitlines()], err.splitlines()

    return _batch


def test_each_line_gets_a_result_with_its_line_number(batch):
    code, results, err = batch([_example_line("share-at-limit"), _line(healthy())])
    assert (code, err) == (1, [])
    assert [r["line"] for r in results[:2]] == [1, 2]
    assert results[0]["format"] == "diagnosis/1"
    assert results[0]["findings"][0]["code"] == "collaborator-limit"
    assert results[1]["findings"] == []


def test_bad_line_is_reported_and_the_rest_continue(batch):
    code, results, err = batch(["{not json", _line(healthy()), '{"format": "other"}'])
    assert code == 2
    assert [r["line"] for r in results[:3]] == [1, 2, 3]
    assert "error" in results[0] and "queue.jsonl:1" in results[0]["error"]
    assert results[1]["findings"] == []
    assert "queue.jsonl:3" in results[2]["error"] and "format" in results[2]["error"]
    assert len(err) == 2 and "queue.jsonl:1" in err[0] and "queue.jsonl:3" in err[1]


def test_summary_is_the_last_line_and_counts_snapshots_per_code(batch):
    two_pending = change(healthy(), business={"invitations": (
        Invitation("ana@studio.example", Role.EDITOR, InvitationStatus.PENDING),
        Invitation("paul@studio.example", Role.EDITOR, InvitationStatus.PENDING),
    )})
    lines = [_line(two_pending), _example_line("invitation-trouble"), "[]",
             _example_line("switch-blocked-by-link")]
    _, results, _ = batch(lines)
    summary = results[-1]
    assert summary == {
        "format": "diagnosis-summary/1",
        "snapshots": 3,
        "invalid": 1,
        "with_errors": 2,
        "codes": {
            "invite-email-mismatch": 1,
            "linked-to-business": 1,
            "invite-pending": 2,
            "no-two-factor": 1,
        },
    }


def test_blank_lines_are_skipped_but_line_numbers_stay_physical(batch):
    code, results, _ = batch(["", _line(healthy()), "   ", _line(healthy())])
    assert code == 0
    assert [r["line"] for r in results[:-1]] == [2, 4]


def test_intent_option_applies_to_every_line(batch):
    _, results, _ = batch([_example_line("share-at-limit")] * 2, "--intent", "secure-account")
    assert [r["intent"] for r in results[:-1]] == ["secure-account"] * 2
    assert results[-1]["codes"] == {"credentials-shared": 2, "no-two-factor": 2}


def test_batch_reads_standard_input(batch):
    code, results, _ = batch([_example_line("unlink-wrong-profile")], stdin=True)
    assert code == 1
    assert results[0]["findings"][0]["code"] == "wrong-business-profile"


def test_unreadable_batch_file_is_one_line_exit_2(tmp_path, capsys):
    code = assistant.cli.main(["diagnose", "--batch", str(tmp_path / "missing.jsonl")])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1 and "missing.jsonl" in err


def test_diagnose_lines_accepts_bytes_and_refuses_invalid_utf8():
    results = list(diagnose_lines([b"\xff\xfe{}\n", _line(healthy()).encode()], "q",
                                  get_translator("en")))
    assert results[0].error is not None and "q:1" in str(results[0].error)
    assert results[1].findings == ()
    summary = BatchSummary()
    for result in results:
        summary.add(result)
    assert (summary.snapshots, summary.invalid) == (1, 1)


_TERMINAL = "\x7f\x85\x9b\u061c\u200e\u200f\u2028\u2029\u202a\u202e\u2066\u2069"


@settings(max_examples=200, deadline=None)
@given(st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6)
    | st.text(alphabet=st.characters(blacklist_categories=["Cs"]) | st.sampled_from(_TERMINAL)),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                max_size=3),
    max_leaves=12,
))
def test_encoded_results_read_back_exactly_and_hold_no_terminal_control(data):
    line = encode(data)
    assert b"\n" not in line
    assert json.loads(line) == data
    text = line.decode("utf-8")
    assert not any(char in text for char in _TERMINAL)
    assert json.loads(dumps(data)) == json.loads(line)


def test_a_lone_surrogate_in_a_result_is_written_escaped():
    assert json.loads(encode({"title": "a\ud800b"})) == {"title": "a\ud800b"}


def test_the_batch_writes_one_compact_utf8_line_per_result(batch, tmp_path, capsys):
    path = tmp_path / "fr.jsonl"
    path.write_text(_example_line("share-at-limit") + "\n", encoding="utf-8")
    assistant.cli.main(["diagnose", "--batch", str(path), "--lang", "fr"])
    out = capsys.readouterr().out
    first = out.splitlines()[0]
    assert first.startswith('{"line":1,"format":"diagnosis/1"')
    assert "’" in first or "é" in first  # French kept as UTF-8, not \u escapes
