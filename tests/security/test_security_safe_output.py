"""No line the commands print carries a terminal control, whatever the input said."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from security_support import (
    CLICK,
    HOSTILE,
    OSC52,
    raw_controls,
    run_cli,
    small_guide,
    snapshot_json,
    use_hostile_catalogue,
)

from assistant.commands.common import CommandError
from assistant.safetext import SafeStream, dumps

LINKED = Path(__file__).resolve().parents[1] / "engine" / "data" / "switch-blocked-by-link.json"

COMMANDS = [
    ["guides"],
    ["guides", "--json"],
    ["run", "unlink-business"],
    ["run", "unlink-business", "--json"],
    ["run", "switch-to-personal", "--state", str(LINKED), "--choose", "2"],
    ["run", "switch-to-personal", "--state", str(LINKED), "--choose", "1", "1", "--json"],
    ["export", "unlink-business"],
    ["check"],
    ["run", "no-such-guide"],
    ["run", "unlink-business", "--choose", "9"],
]


@pytest.fixture
def no_catalogue_check(monkeypatch):
    """Only the guide half of ``assistant check`` (the catalogues are another layer's)."""
    monkeypatch.setattr("assistant.commands.check._catalogue_problems", lambda t: [])
    # The per-language coverage lines are the catalogue half too.
    monkeypatch.setattr("assistant.commands.check._coverage_lines", lambda t: [], raising=False)


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_hostile_catalogue_never_reaches_the_terminal_raw(
    capsys, monkeypatch, no_catalogue_check, args
):
    use_hostile_catalogue(monkeypatch)
    code, out, err = run_cli(capsys, *args)
    assert code in (0, 1, 2)
    assert "evil" in out + err, "the hostile translation was printed (cleaned)"
    assert raw_controls(out) == [] and raw_controls(err) == []
    if "--json" in args:
        json.loads(out)


def test_json_keeps_a_hostile_title_exactly_but_escaped(capsys, monkeypatch):
    use_hostile_catalogue(monkeypatch)
    _, out, _ = run_cli(capsys, "guides", "--json")
    titles = [g["title"] for g in json.loads(out)["guides"]]
    assert titles and all(t.startswith(HOSTILE) for t in titles)
    assert "\\u001b" in out and "\\u009b" in out and "\\u202e" in out


def test_interactive_mode_prints_no_terminal_control(capsys, monkeypatch):
    use_hostile_catalogue(monkeypatch)
    monkeypatch.setattr(sys, "stdin", io.StringIO("x\n1\nb\n2\n"))
    code, out, err = run_cli(capsys, "run", "switch-to-personal", "--state", str(LINKED),
                             "--interactive")
    assert code == 0 and "evil" in out
    assert raw_controls(out) == [] and raw_controls(err) == []


@pytest.mark.parametrize("command", ["run", "diagnose"])
def test_an_osc52_username_is_refused_in_one_clean_line(capsys, tmp_path, command):
    path = tmp_path / "osc52.json"
    path.write_text(snapshot_json(username=OSC52))
    args = ["run", "unlink-business", "--state", str(path)] if command == "run" else [
        "diagnose", str(path)]
    code, out, err = run_cli(capsys, *args)
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1 and raw_controls(err) == []
    assert "tiktok.username: contains a control character" in err


def test_a_raw_escape_byte_in_the_file_is_refused_in_one_clean_line(capsys, tmp_path):
    path = tmp_path / "raw.json"
    path.write_bytes(snapshot_json(username="x").replace('"x"', '"\x1b]52;c;SGVsbG8=\x07"')
                     .encode())
    code, out, err = run_cli(capsys, "run", "unlink-business", "--state", str(path))
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1 and raw_controls(err) == []
    assert "not valid JSON" in err


def test_a_file_name_with_an_escape_sequence_is_not_echoed_raw(capsys, tmp_path):
    path = tmp_path / "snap\x1b[2J\u202e.json"
    path.write_text("{")
    code, _, err = run_cli(capsys, "run", "unlink-business", "--state", str(path))
    assert code == 2 and len(err.splitlines()) == 1 and raw_controls(err) == []


def _text_of(markdown: str) -> str:
    tokens = MarkdownIt("commonmark").parse(markdown)
    return "".join(child.content for token in tokens for child in token.children or []
                   if child.type == "text")


def test_a_click_markup_username_is_kept_and_shown_as_plain_text(capsys, tmp_path):
    path = tmp_path / "click.json"
    path.write_text(snapshot_json(username=CLICK))
    code, out, err = run_cli(capsys, "run", "unlink-business", "--state", str(path), "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["state"]["tiktok"]["username"] == CLICK
    bodies = [step["body"] for step in data["steps"] if CLICK in _text_of(step["body"])]
    assert bodies, "the username is shown in some body, as text"


def _guide_dir(tmp_path: Path, monkeypatch, text: str, name: str = "small") -> Path:
    path = tmp_path / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("ASSISTANT_GUIDES_DIR", str(tmp_path))
    return path


@pytest.mark.parametrize(
    ("field", "char"),
    [("title", "\x1b"), ("body", "\x9b"), ("label", "\u202e"), ("step_title", "\x7f")],
)
def test_check_reports_a_terminal_control_in_guide_text_with_file_and_line(
    capsys, tmp_path, monkeypatch, no_catalogue_check, field, char
):
    path = _guide_dir(tmp_path, monkeypatch, small_guide(**{field: f"Hi {char}[2J there"}))
    code, out, _ = run_cli(capsys, "check")
    assert code == 1 and raw_controls(out) == []
    assert f"{path}:" in out
    assert f"contains the terminal control character U+{ord(char):04X}" in out


def test_check_output_stays_clean_when_a_bad_value_is_quoted(
    capsys, tmp_path, monkeypatch, no_catalogue_check
):
    guide = small_guide().replace('topic = "linking"', f'topic = "{HOSTILE[:6]}\\u001b[2J"')
    _guide_dir(tmp_path, monkeypatch, guide.replace("\x1b", "\\u001b").replace("\x9b", ""))
    (tmp_path / "odd\u202ename.toml").write_text("not toml [", encoding="utf-8")
    code, out, _ = run_cli(capsys, "check")
    assert code == 1 and raw_controls(out) == []
    assert "field 'topic'" in out and "not valid TOML" in out
    assert all(line.count(": error: ") == 1 for line in out.splitlines()[:-1])


def test_guides_and_run_fall_back_safely_when_a_guide_is_broken(capsys, tmp_path, monkeypatch):
    # Listing reads only the top of each file (guides on demand): a guide whose steps
    # are broken is listed, refused when played, and reported by `assistant check`.
    broken = small_guide().replace('next = "done"', 'next = "nowhere"')
    _guide_dir(tmp_path, monkeypatch, broken)
    code, out, _ = run_cli(capsys, "guides")
    assert code == 0 and "small" in out
    code, _, err = run_cli(capsys, "run", "small")
    assert code == 2 and "has problems" in err
    code, out, _ = run_cli(capsys, "check")
    assert code == 1 and "nowhere" in out


def test_raw_html_in_a_guide_is_refused_by_check_and_never_shown(capsys, tmp_path, monkeypatch):
    text = small_guide(body="<script>x</script>").replace(
        'title = "First"', 'title = "First"\nsingle_answer = "a test guide: reading only"')
    _guide_dir(tmp_path, monkeypatch, text)
    code, out, _ = run_cli(capsys, "check")
    assert code == 1 and "raw HTML" in out
    code, out, _ = run_cli(capsys, "run", "small", "--json")
    assert "<script>" not in out


def test_dumps_escapes_what_json_leaves_raw_and_round_trips():
    value = {"k": "a\x1b\x7f\x85\u202e\u2066\u2028\ud800é«\u00a0»"}
    text = dumps(value, indent=2)
    assert raw_controls(text) == []
    assert "\u2028" not in text and "\ud800" not in text
    text.encode("utf-8")  # a lone surrogate could not be written to a UTF-8 stream
    assert "é«\u00a0»" in text
    assert json.loads(text) == value


def test_safe_stream_removes_controls_from_everything_written():
    target = io.StringIO()
    SafeStream(target).write(f"a{HOSTILE}b\n")
    assert target.getvalue() == "a[2J31mevil]52;c;SGVsbG8=[/]b\n"


def test_a_command_error_is_one_clean_line():
    error = CommandError("bad\n\x1b[2Jthing\u202e")
    assert str(error) == "bad [2Jthing"
