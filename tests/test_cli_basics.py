"""The command line's public basics: version and usage errors."""

from __future__ import annotations

import subprocess
import sys

from assistant import __version__


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args], capture_output=True, text=True
    )


def test_version_via_python_m():
    result = _run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"assistant {__version__}"


def test_unknown_option_is_one_line_exit_2():
    result = _run("guides", "--no-such-option")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_an_unexpected_error_is_one_line_not_a_traceback(monkeypatch, capsys):
    from assistant import cli
    from assistant.commands import guides

    def broken(args, context):
        raise RuntimeError("boom")

    monkeypatch.setattr(guides, "main", broken)
    monkeypatch.delenv("ASSISTANT_DEBUG", raising=False)
    assert cli.main(["guides", "--lang", "en"]) == 70
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "internal error (RuntimeError: boom)" in err
