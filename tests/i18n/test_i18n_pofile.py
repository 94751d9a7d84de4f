"""The strict .po reader: refuses what msgfmt refuses, keeps lines, flags and obsolete entries."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from i18n_support import Entry, po_text

from assistant.i18n.pofile import CatalogueError, parse_po
from assistant.resources import locales_dir

HEAD = po_text([])

BROKEN = {
    "unterminated string": 'msgid "a"\nmsgstr "b\n',
    "text after closing quote": 'msgid "a"\nmsgstr "b" x\n',
    "unknown keyword": 'msgid "a"\nmsgstring "b"\n',
    "msgstr without msgid": 'msgstr "b"\n',
    "msgid without msgstr": 'msgid "a"\n\nmsgid "c"\nmsgstr "d"\n',
    "msgid without msgstr at the end": 'msgid "a"\n',
    "two msgstr": 'msgid "a"\nmsgstr "b"\nmsgstr "c"\n',
    "duplicate": 'msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n',
    "plural without forms": 'msgid "a"\nmsgid_plural "as"\nmsgstr "b"\n',
    "forms out of order": 'msgid "a"\nmsgid_plural "as"\nmsgstr[1] "b"\nmsgstr[0] "c"\n',
    "forms without plural": 'msgid "a"\nmsgstr[0] "b"\n',
    "invalid escape": 'msgid "a"\nmsgstr "\\q"\n',
    "string outside a message": '# a comment\n"orphan"\n',
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_files_are_refused_with_a_line(case):
    with pytest.raises(CatalogueError) as raised:
        parse_po((HEAD + "\n" + BROKEN[case]).encode())
    assert raised.value.line > HEAD.count("\n")


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext is not installed")
@pytest.mark.parametrize("case", sorted(BROKEN))
def test_msgfmt_refuses_the_same_files(tmp_path, case):
    path = tmp_path / "broken.po"
    path.write_text(HEAD + "\n" + BROKEN[case], encoding="utf-8")
    result = subprocess.run(["msgfmt", "-o", "/dev/null", str(path)], capture_output=True)
    assert result.returncode != 0


def test_a_good_file_keeps_contexts_plurals_flags_lines_and_obsolete_entries():
    text = po_text([
        Entry("Back", ["Retour"], ctx="button"),
        Entry("{n} item", ["{n} élément", "{n} éléments"], plural="{n} items"),
        Entry("Draft", ["Brouillon"], flags="fuzzy, python-brace-format"),
        Entry("Gone", ["Parti"], obsolete=True),
    ]) + '\n# a comment\nmsgid ""\n"Long "\n"text"\nmsgstr "Texte "\n"long\\n"\n'
    po = parse_po(text.encode())
    back, item, draft, long = po.entries
    assert back.key == ("button", "Back") and back.msgstr == ["Retour"]
    assert item.msgid_plural == "{n} items" and item.msgstr == ["{n} élément", "{n} éléments"]
    assert draft.fuzzy and not draft.translated
    assert long.msgid == "Long text" and long.msgstr == ["Texte long\n"]
    assert [e.msgid for e in po.obsolete] == ["Gone"]
    lines = text.splitlines()
    assert lines[back.line - 1] == 'msgid "Back"'
    assert lines[long.line - 1] == 'msgid ""'
    assert po.header_fields()["Plural-Forms"] == "nplurals=2; plural=(n > 1);"


def test_it_reads_the_shipped_catalogues_as_babel_does():
    for path in sorted(Path(locales_dir()).glob("**/*.po*")):
        mine = parse_po(path.read_bytes())
        theirs = read_po(io.BytesIO(path.read_bytes()))
        babel_keys = {(m.context, m.id[0] if m.pluralizable else m.id) for m in theirs if m.id}
        assert {e.key for e in mine.entries} == babel_keys, path
