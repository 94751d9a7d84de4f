"""``assistant`` (the UI command) refuses bad input in one line, before the UI starts."""

from __future__ import annotations

import json

from assistant import cli
from assistant.account.snapshot import default_snapshot, dump_snapshot


def test_a_bad_state_file_is_one_line_and_exit_2(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    data = dump_snapshot(default_snapshot())
    data["tiktok"]["type"] = "creator"
    bad.write_text(json.dumps(data), encoding="utf-8")
    assert cli.main(["--state", str(bad), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "tiktok.type" in err and "Traceback" not in err


def test_a_missing_state_file_is_one_line_and_exit_2(tmp_path, capsys):
    assert cli.main(["--state", str(tmp_path / "nowhere.json")]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_an_unknown_guide_is_one_line_and_exit_2(capsys):
    assert cli.main(["--guide", "no-such-guide", "--lang", "fr"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "no-such-guide" in err and "switch-to-personal" in err


def test_standard_input_cannot_be_the_state_of_the_full_screen_ui(capsys):
    assert cli.main(["--state", "-"]) == 2
    assert "--state -" in capsys.readouterr().err
