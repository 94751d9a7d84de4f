"""``python -m assistant.i18n.update`` on a small project: extract, merge, fill, compile."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from i18n_support import NB, Entry, po_text

from assistant.i18n.catalogue import read_mo_messages
from assistant.i18n.pofile import read_po_file
from assistant.i18n.update import Update, main

SOURCE_V1 = '''
def show(t, n):
    # Translators: the title of the home screen.
    t.gettext("Welcome")
    t.pgettext("button", "Back")
    t.ngettext("{n} guide", "{n} guides", n)
    t.gettext("Unlink {account}?", account="x")
'''

FRAGMENT = po_text([
    Entry("Welcome", ["Bienvenue"]),
    Entry("Back", ["Précédent"], ctx="button"),
    Entry("{n} guide", ["{n} guide", "{n} guides"], plural="{n} guides"),
    Entry("Unlink {account}?", [f"Dissocier {{account}}{NB}?"]),
    Entry("Not in the code", ["Pas dans le code"]),
])


def project(root: Path, source: str = SOURCE_V1, fragment: str = FRAGMENT) -> Path:
    """A project root with babel.cfg, one source file and a French fragment."""
    (root / "babel.cfg").write_text(
        "[python: app/**.py]\nkeywords = N_ NC_:1c,2\nadd_comments = Translators:\n",
        encoding="utf-8",
    )
    (root / "app").mkdir(exist_ok=True)
    (root / "app" / "screens.py").write_text(source, encoding="utf-8")
    fragments = root / "locales" / "fr" / "fragments"
    fragments.mkdir(parents=True, exist_ok=True)
    (fragments / "app.po").write_text(fragment, encoding="utf-8")
    return root


def run(root: Path, *options: str) -> tuple[int, str]:
    out = io.StringIO()
    update = Update(root, check="--check" in options,
                    prefer_fragments="--prefer-fragments" in options, out=out)
    return update.run(), out.getvalue()


def po(root: Path) -> Path:
    return root / "locales" / "fr" / "LC_MESSAGES" / "assistant.po"


def test_it_builds_template_catalogue_and_compiled_catalogue(tmp_path):
    root = project(tmp_path)
    code, output = run(root)
    assert code == 0, output
    template = read_po_file(root / "locales" / "assistant.pot")
    assert {e.key for e in template.entries} == {
        (None, "Welcome"), ("button", "Back"), (None, "{n} guide"), (None, "Unlink {account}?")}
    welcome = next(e for e in template.entries if e.msgid == "Welcome")
    assert welcome.comments == ["Translators: the title of the home screen."]
    catalogue = read_po_file(po(root))
    assert all(entry.translated for entry in catalogue.entries)
    fields = catalogue.header_fields()
    assert fields["Language"] == "fr"
    assert fields["Plural-Forms"] == "nplurals=2; plural=(n > 1);"
    assert not catalogue.header.fuzzy
    compiled = read_mo_messages(po(root).with_suffix(".mo"))
    assert compiled.entries[("button", "Back")] == ("Précédent",)
    assert "Not in the code" in output and "not in the template" in output


def test_a_second_run_changes_nothing(tmp_path):
    root = project(tmp_path)
    run(root)
    files = [root / "locales" / "assistant.pot", po(root), po(root).with_suffix(".mo")]
    before = [(f.read_bytes(), f.stat().st_mtime_ns) for f in files]
    code, output = run(root)
    assert code == 0
    assert [(f.read_bytes(), f.stat().st_mtime_ns) for f in files] == before
    assert run(root, "--check")[0] == 0


def test_check_mode_writes_nothing_and_fails_when_out_of_date(tmp_path):
    root = project(tmp_path)
    code, output = run(root, "--check")
    assert code == 1 and "out of date" in output
    assert not (root / "locales" / "assistant.pot").exists()


def test_a_vanished_message_becomes_obsolete_and_a_near_match_stays_fuzzy(tmp_path):
    root = project(tmp_path)
    run(root)
    source = SOURCE_V1.replace('"Welcome"', '"Welcome back"').replace(
        't.gettext("Unlink {account}?", account="x")', "")
    project(root, source, fragment=po_text([]))
    run(root)
    catalogue = read_po_file(po(root))
    near = next(e for e in catalogue.entries if e.msgid == "Welcome back")
    assert near.fuzzy and near.msgstr == ["Bienvenue"]
    assert {e.msgid for e in catalogue.obsolete} >= {"Unlink {account}?"}
    compiled = read_mo_messages(po(root).with_suffix(".mo"))
    assert (None, "Welcome back") not in compiled.entries


def test_a_fragment_never_silently_replaces_a_translation(tmp_path):
    root = project(tmp_path)
    run(root)
    changed = FRAGMENT.replace('msgstr "Bienvenue"', 'msgstr "Salut"')
    project(root, fragment=changed)
    code, output = run(root)
    assert "differs from the catalogue's translation" in output
    assert next(e for e in read_po_file(po(root)).entries if e.msgid == "Welcome").msgstr == [
        "Bienvenue"]
    run(root, "--prefer-fragments")
    assert next(e for e in read_po_file(po(root)).entries if e.msgid == "Welcome").msgstr == [
        "Salut"]


def test_a_broken_catalogue_is_not_overwritten(tmp_path):
    root = project(tmp_path)
    run(root)
    broken = po(root).read_bytes() + b'\nmsgid "x"\nmsgstr "y\n'
    po(root).write_bytes(broken)
    code, output = run(root)
    assert code == 1 and "unterminated string" in output
    assert po(root).read_bytes() == broken


def test_a_broken_fragment_is_skipped_with_a_message(tmp_path):
    root = project(tmp_path, fragment='msgid "Welcome"\nmsgstr "Bienvenue\n')
    code, output = run(root)
    assert code == 0 and "app.po" in output and "file skipped" in output


def test_a_source_file_that_does_not_parse_is_named(tmp_path):
    root = project(tmp_path, source='t.gettext("Welcome"\n')
    code, output = run(root)
    assert code == 1 and "app/screens.py" in output


def test_without_babel_cfg_it_says_so(tmp_path, capsys):
    assert main(["--root", str(tmp_path)]) == 2
    assert "babel.cfg" in capsys.readouterr().err


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext is not installed")
def test_the_written_catalogue_passes_msgfmt(tmp_path):
    root = project(tmp_path)
    run(root)
    result = subprocess.run(
        ["msgfmt", "--check-format", "--check-header", "-o", "/dev/null", str(po(root))],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr


def test_obsolete_entries_can_be_dropped(tmp_path):
    root = project(tmp_path)
    run(root)
    project(root, SOURCE_V1.replace('t.gettext("Welcome")', ""), fragment=po_text([]))
    update = Update(root, drop_obsolete=True, out=io.StringIO())
    assert update.run() == 0
    assert read_po_file(po(root)).obsolete == []


def test_a_run_after_a_near_match_changes_nothing(tmp_path):
    root = project(tmp_path)
    run(root)
    # "Unlink {account}?" becomes a text without a placeholder: a near match whose old
    # translation still carries one (and Babel would copy its format flag along).
    project(root, SOURCE_V1.replace('"Unlink {account}?", account="x"', '"Unlink the account?"'),
            fragment=po_text([]))
    run(root)
    assert run(root, "--check")[0] == 0
