"""Every message of the account layer has a French translation in its fragment."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from assistant.i18n.catalogue import read_po_messages
from assistant.i18n.safeformat import placeholders

ROOT = Path(__file__).resolve().parents[2]
FRAGMENT = ROOT / "locales" / "fr" / "fragments" / "account.po"
MODULES = sorted((ROOT / "assistant" / "account").glob("*.py"))


def _marked_messages() -> set[str]:
    found = set()
    for module in MODULES:
        for node in ast.walk(ast.parse(module.read_text("utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "N_":
                found.add(ast.literal_eval(node.args[0]))
    return found


MESSAGES = sorted(_marked_messages())
FRENCH = read_po_messages(FRAGMENT).entries


def test_the_account_layer_marks_its_messages():
    assert len(MESSAGES) > 80


@pytest.mark.parametrize("message", MESSAGES)
def test_message_has_a_french_translation_with_the_same_placeholders(message):
    forms = FRENCH.get((None, message))
    assert forms, f"no French for {message!r}"
    assert placeholders(forms[0]) == placeholders(message)


# High punctuation, and a colon used as punctuation (not in 10:30 or https://).
_HIGH_PUNCTUATION = re.compile(r"[;?!»]|:(?=\s|$)")


@pytest.mark.parametrize("message", MESSAGES)
def test_french_high_punctuation_has_a_no_break_space_before_it(message):
    french = (FRENCH.get((None, message)) or ("",))[0]
    for mark in _HIGH_PUNCTUATION.finditer(french):
        assert french[mark.start() - 1] == "\u00a0", f"{french!r} at {mark.start()}"


def test_no_translation_is_left_over():
    assert {msgid for _context, msgid in FRENCH} - {""} <= set(MESSAGES)


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="msgfmt is not installed")
def test_the_fragment_passes_msgfmt_check(tmp_path):
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "account.mo"), str(FRAGMENT)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
