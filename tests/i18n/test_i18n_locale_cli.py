"""Hostile and odd locale settings, end to end: the real command in a fresh process.

Whatever ``LANG``, ``LC_ALL``, ``LANGUAGE`` or ``--lang`` say, ``assistant guides
--json`` answers in ``fr`` or ``en`` exactly as ``--lang fr`` / ``--lang en`` would,
warns about nothing (but a ``--lang`` without a catalogue: one line, then English),
and never opens a file named after the locale.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from i18n_support import Entry, po_path, write_po

from assistant.i18n.negotiate import negotiate
from assistant.i18n.translator import get_translator

CASES = {
    "LANG=C": ({"LANG": "C"}, [], "en"),
    "LANG=POSIX": ({"LANG": "POSIX"}, [], "en"),
    "LANG empty": ({"LANG": ""}, [], "en"),
    "nothing set": ({}, [], "en"),
    "LANG=xx_YY.UTF-8": ({"LANG": "xx_YY.UTF-8"}, [], "en"),
    "LANG=fr_CA.UTF-8": ({"LANG": "fr_CA.UTF-8"}, [], "fr"),
    "LANG=fr_FR@euro": ({"LANG": "fr_FR@euro"}, [], "fr"),
    "LANGUAGE=fr:en": ({"LANGUAGE": "fr:en"}, [], "fr"),
    "LANGUAGE=fr:en over LANG=en_US": ({"LANGUAGE": "fr:en", "LANG": "en_US.UTF-8"}, [], "fr"),
    "LANGUAGE=fr:en but LC_ALL=C": ({"LANGUAGE": "fr:en", "LC_ALL": "C"}, [], "en"),
    "LC_ALL=fr over LANG=en": ({"LC_ALL": "fr_FR.UTF-8", "LANG": "en_US.UTF-8"}, [], "fr"),
    "LANG is a path": ({"LANG": "../../fr"}, [], "en"),
    "--lang ../../x, LANG=fr": ({"LANG": "fr_FR.UTF-8"}, ["--lang", "../../x"], "en"),
    "--lang xx, LANG=fr": ({"LANG": "fr_FR.UTF-8"}, ["--lang", "xx"], "en"),
    "--lang ../../x, LANG=C": ({"LANG": "C"}, ["--lang", "../../x"], "en"),
    "--lang fr/../../etc": ({}, ["--lang", "fr/../../etc"], "en"),
    "--lang FR": ({"LANG": "C"}, ["--lang", "FR"], "fr"),
}

_LOCALE_VARIABLES = ("LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LC_CTYPE")


def _environment(extra: dict[str, str]) -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if name not in _LOCALE_VARIABLES}
    env.pop("ASSISTANT_GUIDES_DIR", None)
    env["PYTHONIOENCODING"] = "utf-8"  # what the test reads, whatever the locale says
    return {**env, **extra}


def _guides(env: dict[str, str], args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "assistant", "guides", "--json", *args],
        capture_output=True, text=True, encoding="utf-8", env=_environment(env), timeout=60,
    )


@cache
def _reference(lang: str) -> dict[str, object]:
    result = _guides({}, ["--lang", lang])
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("case", list(CASES))
def test_any_locale_setting_gives_french_or_english_through_the_command(case):
    env, args, expected = CASES[case]
    result = _guides(env, args)
    unavailable = bool(args) and args[1].lower() not in ("fr", "en")
    assert result.returncode == 0
    if unavailable:
        assert result.stderr.count("\n") == 1 and "using English" in result.stderr
    else:
        assert result.stderr == ""
    data = json.loads(result.stdout)
    assert data["lang"] == expected
    assert data == _reference(expected)


_WATCH = """
import json, sys
opened = []
def watch(event, args):
    if event in ("open", "os.listdir", "os.scandir", "os.stat"):
        opened.append(str(args[0]))
sys.addaudithook(watch)
from assistant.cli import main
code = main(["guides", "--json", *sys.argv[1:]])
sys.stdout.flush()
sys.stderr.write(json.dumps(opened))
raise SystemExit(code)
"""


@pytest.mark.parametrize(("env", "args", "lang"), [
    ({"LANG": "../../x"}, [], "en"),
    ({"LANGUAGE": "../../x:fr/../../x", "LANG": "fr_FR.UTF-8"}, [], "fr"),
    ({"LANG": "C"}, ["--lang", "../../x"], "en"),
    ({"LANG": "fr_FR.UTF-8"}, ["--lang", "x/LC_MESSAGES/../../../x"], "en"),
])
def test_a_locale_name_is_never_used_as_a_path(env, args, lang):
    result = subprocess.run(
        [sys.executable, "-c", _WATCH, *args], capture_output=True, text=True,
        encoding="utf-8", env=_environment(env), timeout=60,
    )
    assert result.returncode == 0
    opened = json.loads(result.stderr.splitlines()[-1])
    assert any(path.endswith(".toml") for path in opened), "the watch saw the guides read"
    catalogues = [path for path in opened if Path(path).name in ("assistant.mo", "assistant.po")]
    # Listing the languages looks at which catalogues exist; only French ones are read.
    assert bool(catalogues) or lang == "en"
    assert all(Path(path).parent.parent.name == "fr" for path in catalogues)
    touched = [path for path in opened if "../" in path or Path(path).name == "x"
               or "/x/" in path]
    assert touched == []


def test_a_catalogue_planted_where_a_hostile_name_points_is_never_read(tmp_path):
    root = tmp_path / "a" / "b" / "locales"
    write_po(root, [Entry("Back", ["Retour"])])
    planted = tmp_path / "a" / "x"
    write_po(planted.parent, [Entry("Back", ["PLANTED"])], lang="x")
    assert po_path(planted.parent, "x").is_file()
    for name in ("../../x", "../../a/x", "fr/../../x", "x"):
        for env in ({}, {"LANG": name}, {"LANGUAGE": name, "LANG": "fr_FR.UTF-8"}):
            lang = negotiate(name, env)
            assert lang in ("en", "fr")
            assert get_translator(lang, root).gettext("Back") in ("Back", "Retour")
