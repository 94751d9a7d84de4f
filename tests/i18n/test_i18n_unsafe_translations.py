"""Attribute or index access, conversions and format specs in a translation.

At run time the message is shown in English with one warning (never evaluated);
``assistant check`` reports the ``.po`` file and the line of the message.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from i18n_support import NB, Entry, compile_mo, po_path, write_po, write_template

import assistant.cli
from assistant.account.snapshot import default_snapshot, dump_snapshot
from assistant.i18n.checks import check_catalogues
from assistant.i18n.translator import get_translator
from assistant.problems import Severity

HEADING = "Diagnosis of {username} (no intent given):"

UNSAFE = {
    "attribute": ("{username.__class__}", "is not a plain name"),
    "index": ("{username[0]}", "is not a plain name"),
    "positional-index": ("{0[username]}", "is not a plain name"),
    "positional": ("{0}", "is positional"),
    "conversion": ("{username!r}", "has a conversion"),
    "width": ("{username:>9999}", "has a format spec"),
    "precision": ("{username:.3}", "has a format spec"),
}


def _catalogue(root: Path, placeholder: str) -> Path:
    entries = [Entry(HEADING, [f"Diagnostic de {placeholder} (sans intention){NB}:"]),
               Entry("Summary: {errors}, {warnings}, {notes}.",
                     [f"Bilan{NB}: {{errors}}, {{warnings}}, {{notes}}."])]
    write_template(root, entries)
    po = write_po(root, entries)
    compile_mo(po)
    return po


@pytest.mark.parametrize("case", sorted(UNSAFE))
def test_check_reports_an_unsafe_placeholder_with_the_po_file_and_line(tmp_path, case):
    placeholder, reason = UNSAFE[case]
    po = _catalogue(tmp_path, placeholder)
    line = po.read_text(encoding="utf-8").splitlines().index(f'msgid "{HEADING}"') + 1
    found = [p for p in check_catalogues(tmp_path) if "unsafe placeholder" in p.message]
    assert [(Path(p.file).name, p.line, p.severity) for p in found] == [
        ("assistant.po", line, Severity.ERROR)]
    assert placeholder in found[0].message and reason in found[0].message


@pytest.fixture
def snapshot_file(tmp_path: Path) -> str:
    """A snapshot with no intent and nothing to report, as a file."""
    path = tmp_path / "snapshot.json"
    snapshot = replace(default_snapshot(), intent=None)
    path.write_text(json.dumps(dump_snapshot(snapshot)), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("case", sorted(UNSAFE))
def test_the_command_line_shows_english_for_that_message_with_one_warning(
    tmp_path, monkeypatch, capsys, snapshot_file, case
):
    placeholder, reason = UNSAFE[case]
    root = tmp_path / "locales"
    _catalogue(root, placeholder)
    monkeypatch.setattr(assistant.cli, "get_translator",
                        lambda lang: get_translator(lang, root))
    code = assistant.cli.main(["diagnose", snapshot_file, "--lang", "fr"])
    out, err = capsys.readouterr()
    username = default_snapshot().tiktok.username
    assert out.splitlines()[0] == f"Diagnosis of {username} (no intent given):"
    assert f"Bilan{NB}: " in out, "the other messages stay French"
    [warning] = err.splitlines()
    assert HEADING in warning and placeholder in warning and reason in warning
    assert code in (0, 1)


def test_assistant_check_prints_the_unsafe_placeholder_on_its_line(
    tmp_path, monkeypatch, capsys
):
    po = _catalogue(tmp_path, "{username!r}")
    line = po.read_text(encoding="utf-8").splitlines().index(f'msgid "{HEADING}"') + 1
    monkeypatch.setattr("assistant.i18n.checks.locales_dir", lambda: tmp_path)
    monkeypatch.chdir(tmp_path)  # not inside a checkout: check reads the installed
    code = assistant.cli.main(["check", "--lang", "en"])
    out, _ = capsys.readouterr()
    assert code == 1
    assert any(f"assistant.po:{line}: error: unsafe placeholder" in text
               and "{username!r}" in text for text in out.splitlines()), out


def test_a_po_path_of_the_check_is_the_french_catalogue(tmp_path):
    _catalogue(tmp_path, "{username!r}")
    [problem] = [p for p in check_catalogues(tmp_path) if p.severity == Severity.ERROR]
    assert Path(problem.file).resolve() == po_path(tmp_path).resolve()
