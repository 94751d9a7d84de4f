"""Closed streams, a full disk, no terminal, SIGTERM and Ctrl+C (issue 17).

Each command, given a closed standard stream, a full disk behind its output, no
terminal for the full-screen UI, SIGTERM or Ctrl+C, ends with at most one line in the
person's language and an honest exit code; never a traceback, never "internal error",
never a process spinning forever, and the terminal is given back as it was.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tui"))

from tmux_terminal import (  # noqa: E402
    child_pids, console_script, isolated_environment, needs_tmux, terminals, wait_until,
)

from assistant import cli  # noqa: E402
from assistant.account.scenarios import scenario_path  # noqa: E402

STATE = str(scenario_path("add-member-ready"))
COMMANDS = {
    "guides": ["guides"],
    "guides-json": ["guides", "--json"],
    "diagnose": ["diagnose", STATE],
    "diagnose-json": ["diagnose", "--json", STATE],
    "run": ["run", "switch-to-personal", "--state", STATE],
    "export": ["export", "switch-to-personal"],
    "check": ["check"],
    # argparse writes these itself, and its own writer swallows a failed write.
    "version": ["--version"],
    "help": ["--help"],
    "command-help": ["diagnose", "--help"],
}
WAIT = 120
"""Seconds a command may take before it counts as hanging (generous: CI is busy)."""


def shell(redirect: str, args: list[str], tmp_path: Path, lang: str = "C.UTF-8",
          stdin: object = subprocess.DEVNULL) -> subprocess.CompletedProcess[str]:
    """``assistant ARGS REDIRECT`` through a shell (to close a descriptor)."""
    env = {**os.environ, **isolated_environment(tmp_path), "LANG": lang}
    env.pop("LC_ALL", None)
    env.pop("LANGUAGE", None)
    return subprocess.run(
        ["bash", "-c", f'"$@" {redirect}', "_", console_script(), *args],
        capture_output=True, text=True, timeout=WAIT, env=env, cwd=tmp_path, stdin=stdin,
    )


def one_clean_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    assert len(lines) == 1, stderr
    return lines[0]


@pytest.mark.parametrize("name", sorted(COMMANDS))
@pytest.mark.parametrize(("redirect", "reason"), [
    (">/dev/full", "No space left on device"),
    (">&-", "it is closed"),
])
def test_an_output_that_cannot_be_written_is_one_line_and_exit_74(tmp_path, name, redirect,
                                                                   reason):
    result = shell(redirect, COMMANDS[name], tmp_path)
    assert result.returncode == 74, result
    errors = [line for line in result.stderr.splitlines() if not line.startswith("Checking")]
    line = one_clean_line("\n".join(errors))
    assert line == f"assistant: cannot write to standard output ({reason})"


def test_the_output_failure_speaks_french(tmp_path):
    result = shell(">/dev/full", ["guides"], tmp_path, lang="fr_FR.UTF-8")
    assert result.returncode == 74
    line = one_clean_line(result.stderr)
    assert line.startswith("assistant: impossible d’écrire sur la sortie standard"), line


def test_help_cut_short_by_its_reader_is_not_an_error(tmp_path):
    result = shell("| head -c 10; exit ${PIPESTATUS[0]}", ["--help"], tmp_path)
    assert result.returncode == 0 and result.stdout == "usage: ass" and result.stderr == ""


def test_a_closed_standard_error_still_gives_the_results(tmp_path):
    result = shell("2>&-", ["guides", "--json"], tmp_path)
    assert result.returncode == 0
    assert '"switch-to-personal"' in result.stdout


def test_a_closed_standard_input_reads_as_empty(tmp_path):
    result = shell("0<&-", ["diagnose", "-"], tmp_path)
    assert result.returncode == 2, result
    assert "<stdin>" in one_clean_line(result.stderr)
    batch = shell("0<&-", ["diagnose", "--batch", "-"], tmp_path)
    assert batch.returncode == 0 and batch.stderr == "", batch
    assert '"snapshots":0' in batch.stdout


@pytest.mark.parametrize(("redirect", "stdin"), [
    ("</dev/null", subprocess.DEVNULL),
    ("", None),  # echo 1 | assistant: a pipe, given below
    ("0<&-", subprocess.DEVNULL),
    (">/dev/null", subprocess.DEVNULL),
])
@pytest.mark.parametrize("args", [[], ["--guide", "switch-to-personal"]])
def test_the_full_screen_ui_without_a_terminal_says_so_and_stops(tmp_path, redirect, stdin,
                                                                 args):
    if stdin is None:
        redirect = ""
        env = {**os.environ, **isolated_environment(tmp_path)}
        result = subprocess.run(
            [console_script(), *args], input="1\n", capture_output=True, text=True,
            timeout=WAIT, env=env, cwd=tmp_path,
        )
    else:
        result = shell(redirect, args, tmp_path, stdin=stdin)
    assert result.returncode == 2, result
    line = one_clean_line(result.stderr)
    assert "needs a terminal" in line and "assistant diagnose" in line, line
    assert "\x1b[?1049h" not in result.stdout, "it must not take over the screen"


def test_ctrl_c_at_any_moment_of_start_up_is_exit_130_without_a_traceback(monkeypatch, capsys):
    def interrupted(*_args, **_kwargs):
        raise KeyboardInterrupt

    for where in ("negotiate", "get_translator", "split_command"):
        with monkeypatch.context() as patch:
            patch.setattr(cli, where, interrupted)
            assert cli.main(["guides"]) == 130
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and captured.err == ""


def test_sigterm_ends_a_batch_reading_a_fifo_without_a_traceback(tmp_path):
    fifo = tmp_path / "lines"
    os.mkfifo(fifo)
    env = {**os.environ, **isolated_environment(tmp_path)}
    process = subprocess.Popen(
        [console_script(), "diagnose", "--batch", str(fifo)], stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path,
    )
    writer = open(fifo, "w", encoding="utf-8")  # noqa: SIM115 (closed below)
    try:
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=WAIT)
    finally:
        writer.close()
    assert process.returncode == -signal.SIGTERM
    assert "Traceback" not in stderr and stderr == ""


@needs_tmux
@pytest.mark.parametrize("args", [[], ["--guide", "switch-to-personal"]])
def test_sigterm_in_the_ui_gives_the_terminal_back(tmp_path, args):
    with terminals(tmp_path) as start:
        screen = start([console_script(), "--lang", "en", *args])
        screen.wait_for_text("Step 1" if args else "TikTok account assistant")
        shell_pid = screen.pane_pid()
        pid = wait_until(lambda: child_pids(shell_pid), "the assistant's process")[0]
        assert screen.tmux("display-message", "-p", "-t", screen.name,
                           "#{alternate_on}").strip() == "1"
        os.kill(pid, signal.SIGTERM)
        screen.wait_for_text("EXITED 143")
        flags = screen.tmux("display-message", "-p", "-t", screen.name,
                            "#{alternate_on} #{mouse_any_flag} #{cursor_flag}").split()
        assert flags == ["0", "0", "1"], flags
