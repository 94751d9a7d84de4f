"""``assistant diagnose`` with a hostile catalogue: no terminal control reaches the terminal.

Text goes out cleaned; JSON (one object, or one per line with ``--batch``) goes out
through :func:`assistant.safetext.dumps`, so C1 and bidi controls in a translated
title are written ``\\uXXXX`` and a script still reads the exact title.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from security_support import HOSTILE, raw_controls, run_cli, use_hostile_catalogue

from assistant.account.snapshot import default_snapshot, dump_snapshot

EXAMPLES = Path(__file__).resolve().parents[1] / "data" / "examples"
TROUBLE = str(EXAMPLES / "invitation-trouble.json")


@pytest.fixture
def batch_file(tmp_path: Path) -> str:
    """Three lines: two snapshots with findings and one refused line."""
    lines = [json.dumps(json.loads((EXAMPLES / "invitation-trouble.json").read_text("utf-8"))),
             "{not json", json.dumps(dump_snapshot(default_snapshot()))]
    path = tmp_path / "queue.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("args", [
    [TROUBLE], [TROUBLE, "--show-personal-data"], [TROUBLE, "--json"],
    ["--list-codes"], ["--list-codes", "--json"], ["BATCH"], ["BATCH", "--json"],
    [TROUBLE, "--intent", "nope"],
], ids=" ".join)
def test_a_hostile_catalogue_never_reaches_the_terminal_from_diagnose(
    capsys, monkeypatch, batch_file, args
):
    use_hostile_catalogue(monkeypatch)
    argv = ["--batch", batch_file, *args[1:]] if args[0] == "BATCH" else args
    code, out, err = run_cli(capsys, "diagnose", *argv)
    assert code in (0, 1, 2)
    if args != ["--list-codes", "--json"]:  # the only output with no translated text
        assert "evil" in out + err, "the hostile translation was printed (cleaned)"
    assert raw_controls(out) == [] and raw_controls(err) == []


def test_diagnose_json_keeps_a_hostile_title_exactly_but_escaped(capsys, monkeypatch):
    use_hostile_catalogue(monkeypatch)
    _, out, _ = run_cli(capsys, "diagnose", TROUBLE, "--json")
    titles = [finding["title"] for finding in json.loads(out)["findings"]]
    assert titles and all(title.startswith(HOSTILE) and title.endswith(HOSTILE)
                          for title in titles)
    assert "\\u009b" in out and "\\u202e" in out and "\\u007f" in out


def test_batch_json_lines_keep_hostile_titles_exactly_but_escaped(
    capsys, monkeypatch, batch_file
):
    use_hostile_catalogue(monkeypatch)
    code, out, err = run_cli(capsys, "diagnose", "--batch", batch_file)
    assert code == 2 and len(err.splitlines()) == 1
    first, refused, *_ = [json.loads(line) for line in out.splitlines()]
    assert all(f["title"].startswith(HOSTILE) for f in first["findings"])
    # A refusal escapes what it quotes itself (SnapshotError), so it reads the same anywhere.
    assert "queue.jsonl:2: " in refused["error"] and raw_controls(refused["error"]) == []
    assert "\\u009b" in out and "\\u202e" in out
