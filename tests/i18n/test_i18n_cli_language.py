"""The command line speaks the reader's language and never garbles the terminal.

argparse's usage, help and errors are translated; options come before or after the
command; no argument reaches the terminal raw (escapes, bidi controls: issue 17); an
output encoding that is not UTF-8 never crashes ``diagnose``, ``guides`` or ``run``.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from i18n_guides import GUIDE_ID, write_guide

import assistant.cli
from assistant.account.scenarios import scenario_path
from assistant.cli import split_command
from assistant.i18n.argparse_text import raw, speaking
from assistant.i18n.translator import get_translator

NB = "\u00a0"


def _main(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = assistant.cli.main(list(argv))
    except SystemExit as stop:
        code = int(stop.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(autouse=True)
def _no_locale(monkeypatch):
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)


def test_help_in_french(capsys):
    code, out, _ = _main(capsys, "--lang", "fr", "--help")
    assert code == 0
    assert out.startswith(f"utilisation{NB}: assistant")
    assert "affiche cette aide et quitte" in out and "Aide guidée pour TikTok" in out
    assert "show this help" not in out


def test_a_command_s_help_in_french_lists_the_languages(capsys):
    code, out, _ = _main(capsys, "guides", "--help", "--lang", "fr")
    assert code == 0 and "Liste les guides." in out
    assert f"la langue{NB}: en, fr" in " ".join(out.split(" \n"))


def test_an_argparse_error_is_french_on_one_line(capsys):
    code, _, err = _main(capsys, "--lang", "fr", "guides", "--bogus")
    assert code == 2
    assert err == f"assistant guides: arguments non reconnus{NB}: --bogus (--help)\n"


def test_a_missing_argument_is_reported_in_french(capsys):
    code, _, err = _main(capsys, "run", "--lang", "fr")
    assert code == 2 and f"ces arguments sont obligatoires{NB}: GUIDE" in err


def test_options_before_the_command_are_the_command_s(capsys):
    before = _main(capsys, "--lang", "fr", "guides", "--json")
    after = _main(capsys, "guides", "--json", "--lang", "fr")
    assert before == after and before[0] == 0 and '"lang": "fr"' in before[1]


@pytest.mark.parametrize(("argv", "command", "rest"), [
    (["--lang", "fr", "guides"], "guides", ["--lang", "fr"]),
    (["--lang=fr", "run", "x"], "run", ["x", "--lang=fr"]),
    (["--state", "guides", "run"], "run", ["--state", "guides"]),  # a value, not a command
    (["--translator"], None, ["--translator"]),
    (["--lang", "fr"], None, ["--lang", "fr"]),
])
def test_the_command_is_found_among_the_options(argv, command, rest):
    assert split_command(argv) == (command, rest)


@pytest.mark.parametrize("hostile", [
    "b\x1b]52;c;cm0gLXJmIH4K\x07.json", "\x1b[2J\u202e", "x\u2066y\x9bz",
])
def test_arguments_never_reach_the_terminal_raw(capsys, hostile):
    code, out, err = _main(capsys, "guides", hostile)
    assert code == 2 and out == ""
    assert "\x1b" not in err and "\x07" not in err and "\u202e" not in err
    assert "\u2066" not in err and "\x9b" not in err
    assert err.count("\n") == 1


def test_a_broken_argparse_translation_falls_back_to_english():
    t = get_translator("fr")
    assert raw(t, "unrecognized arguments: %s") == f"arguments non reconnus{NB}: %s"

    class Fake:
        class messages:  # noqa: N801 - a stand-in for Messages
            entries = {(None, "unrecognized arguments: %s"): ("arguments: %s %s",)}
            plural = t.messages.plural

    assert raw(Fake(), "unrecognized arguments: %s") == "unrecognized arguments: %s"


def test_argparse_speaks_english_again_after_the_parse():
    import argparse

    with speaking(get_translator("fr")):
        assert argparse._("options") == "options"
        assert argparse._("usage: ") == f"utilisation{NB}: "
    assert argparse._("usage: ") == "usage: "


STATE = str(scenario_path("switch-blocked-by-link"))


@pytest.mark.parametrize("environment", [
    {"PYTHONIOENCODING": "ascii"}, {"PYTHONIOENCODING": "cp1252"},
    {"PYTHONIOENCODING": "latin-1"}, {"LC_ALL": "fr_FR.ISO-8859-1", "PYTHONIOENCODING": ""},
], ids=["ascii", "cp1252", "latin-1", "LC_ALL=fr_FR.ISO-8859-1"])
@pytest.mark.parametrize("command", [
    ["diagnose", STATE, "--lang", "fr"], ["guides", "--lang", "fr"],
    ["run", GUIDE_ID, "--state", STATE, "--lang", "fr"],
], ids=["diagnose", "guides", "run"])
def test_an_output_encoding_that_is_not_utf8_never_crashes(environment, command, tmp_path):
    env = {k: v for k, v in os.environ.items()
           if k not in ("LC_ALL", "LANG", "LANGUAGE", "PYTHONIOENCODING", "PYTHONUTF8")}
    # The tests' own guide, whose text has ’ « » U+00A0 U+202F ✗ …
    env["ASSISTANT_GUIDES_DIR"] = str(write_guide(tmp_path / "guides"))
    env.update({k: v for k, v in environment.items() if v})
    result = subprocess.run([sys.executable, "-m", "assistant", *command],
                            capture_output=True, env=env, timeout=120)
    assert result.returncode in (0, 1), result.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in result.stderr and b"UnicodeEncodeError" not in result.stderr
    assert result.stdout.strip()
    # The encoding Python chose (LC_ALL names a locale that may not be installed here).
    encoding = subprocess.run(
        [sys.executable, "-c", "import sys; print(sys.stdout.encoding)"],
        capture_output=True, text=True, env=env, timeout=60).stdout.strip().lower()
    text = result.stdout.decode(encoding, "strict")  # every byte in that encoding
    if encoding == "ascii" and command[0] == "run":
        assert "D'abord" in text and '"' in text and "..." in text  # ’ « » … transliterated
