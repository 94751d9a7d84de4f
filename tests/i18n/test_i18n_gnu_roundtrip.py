"""Catalogues round-trip through the tools translators use (issue 14, item 3).

The project writes ``.po`` files exactly as GNU ``msgmerge`` / ``msgcat`` do, so
Poedit, Weblate and Lokalize change nothing; fuzzy entries keep their ``#| msgid``;
files written by Poedit, ``pybabel update`` (with and without ``--previous``) and
``msgmerge`` are read. The GNU tools run where they are installed (CI installs them).
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po as babel_write_po

from assistant.i18n.catalogue import read_po_messages
from assistant.i18n.pofile import parse_po
from assistant.i18n.powriter import wrap, write_po

ROOT = Path(__file__).resolve().parents[2]
FRENCH = ROOT / "locales" / "fr" / "LC_MESSAGES" / "assistant.po"
TEMPLATE = ROOT / "locales" / "assistant.pot"
needs_gettext = pytest.mark.skipif(
    shutil.which("msgmerge") is None or shutil.which("msgcat") is None,
    reason="GNU gettext (msgmerge, msgcat) is not installed",
)


def _gnu(*command: str) -> bytes:
    return subprocess.run(command, check=True, capture_output=True, timeout=120).stdout


@needs_gettext
def test_msgmerge_on_the_committed_catalogue_changes_nothing():
    merged = _gnu("msgmerge", "--quiet", str(FRENCH), str(TEMPLATE), "-o", "-")
    assert merged == FRENCH.read_bytes()


@needs_gettext
def test_msgcat_on_the_committed_catalogue_changes_nothing():
    assert _gnu("msgcat", str(FRENCH)) == FRENCH.read_bytes()


def _catalogue() -> Catalog:
    catalog = Catalog(locale="fr", charset="utf-8", fuzzy=False)
    long_english = ("This TikTok account is not in the list: you are signed in to another "
                    "TikTok For Business profile. Sign in to the right one and refresh.")
    catalog.add("Hello", "Bonjour", locations=[("a.py", 1)])
    catalog.add(long_english, "Ce compte TikTok n’est pas dans la liste\u00a0: connectez-vous "
                "au bon profil TikTok For Business, puis actualisez la page.",
                locations=[("guides/very-long-file-name-for-wrapping.toml", n) for n in
                           range(10, 200, 37)], auto_comments=["guide / step"])
    catalog.add("Line one\nLine two with a \"quote\" and a tab\there\n", "Ligne un\nLigne deux\n",
                locations=[("b.py", 2)], flags=["python-brace-format"])
    fuzzy = catalog.add("Unlink the account now, from the Business Center settings page",
                        "Dissocier {account}", locations=[("c.py", 3)], flags=["fuzzy"],
                        user_comments=["Translators: reviewed"])
    fuzzy.previous_id = ["Unlink {account} now, from the Business Center settings page, "
                         "before you do anything else"]
    catalog.add(("{n} guide", "{n} guides"), ("{n} guide", "{n} guides"),
                locations=[("d.py", 4)], context="count")
    catalog.obsolete["Gone"] = catalog.__class__(locale="fr").add("Gone", "Parti")
    return catalog


@needs_gettext
@pytest.mark.parametrize("tool", ["msgcat", "msgmerge"])
def test_the_writer_matches_gnu_on_every_kind_of_entry(tmp_path, tool):
    path = tmp_path / "fr.po"
    data = write_po(_catalogue(), [("Content-Type", "text/plain; charset=UTF-8"),
                                   ("Language", "fr"),
                                   ("Plural-Forms", "nplurals=2; plural=(n > 1);")])
    path.write_bytes(data)
    if tool == "msgcat":
        assert _gnu("msgcat", str(path)).decode() == data.decode()
    else:
        pot = tmp_path / "t.pot"
        template = _catalogue()
        for message in template:
            if message.id:
                message.string = ("", "") if isinstance(message.id, tuple) else ""
                message.flags.discard("fuzzy")
        template.obsolete.clear()
        pot.write_bytes(write_po(template, [("Content-Type", "text/plain; charset=UTF-8")]))
        merged = _gnu("msgmerge", "--quiet", "--previous", str(path), str(pot), "-o", "-")
        assert merged.decode() == data.decode()


def test_fuzzy_entries_keep_their_previous_msgid():
    text = write_po(_catalogue(), [("Content-Type", "text/plain; charset=UTF-8")]).decode()
    assert '#, fuzzy, python-brace-format\n#| msgid ""\n#| "Unlink {account} now' in text or (
        "#, fuzzy\n#| msgid" in text)
    [entry] = [e for e in parse_po(text.encode()).entries if e.fuzzy]
    assert entry.previous == ("Unlink {account} now, from the Business Center settings page, "
                              "before you do anything else",)


def test_the_line_width_is_gnu_s_79_columns():
    lines = wrap("msgid", "word " * 40)
    assert lines[0] == 'msgid ""'
    assert all(len(line) <= 79 for line in lines)
    assert max(len(line) for line in lines) >= 75


def test_a_file_written_by_pybabel_update_previous_is_read(tmp_path):
    # Babel 2.18 wraps a long "#| msgid" without re-quoting its pieces.
    catalog = _catalogue()
    buffer = io.BytesIO()
    babel_write_po(buffer, catalog, include_previous=True)
    data = buffer.getvalue()
    assert b'#| "' in data or b"#| msgid" in data
    path = tmp_path / "assistant.po"
    path.write_bytes(data.replace(b'"Language-Team', b'"Plural-Forms: nplurals=2; '
                                  b'plural=(n > 1);\\n"\n"Language-Team'))
    messages = read_po_messages(path)
    assert messages.entries[(None, "Hello")] == ("Bonjour",)
    [fuzzy] = [e for e in parse_po(data).entries if e.fuzzy]
    assert fuzzy.previous and fuzzy.previous[0].startswith("Unlink {account} now")


def test_a_file_written_by_pybabel_update_without_previous_is_read(tmp_path):
    buffer = io.BytesIO()
    babel_write_po(buffer, _catalogue())
    assert (None, "Hello") in {e.key for e in parse_po(buffer.getvalue()).entries}


POEDIT = """# Translation as Poedit saves it.
msgid ""
msgstr ""
"Project-Id-Version: tiktok-account-assistant\\n"
"Language: fr\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"
"X-Generator: Poedit 3.4.2\\n"
"X-Poedit-SourceCharset: UTF-8\\n"

#. guide / step
#: guides/a.toml:1
#, fuzzy
#| msgid "Old"
msgid "New"
msgstr "Nouveau"

#: b.py:2
msgctxt "button"
msgid "Back"
msgstr "Retour"

#~ msgid "Gone"
#~ msgstr "Parti"
"""


def test_a_file_written_by_poedit_is_read(tmp_path):
    path = tmp_path / "assistant.po"
    path.write_text(POEDIT, encoding="utf-8")
    messages = read_po_messages(path)
    assert messages.entries == {("button", "Back"): ("Retour",)}
    [fuzzy] = [e for e in parse_po(POEDIT.encode()).entries if e.fuzzy]
    assert fuzzy.previous == ("Old",)


@needs_gettext
def test_a_file_written_by_msgmerge_is_read(tmp_path):
    po, pot = tmp_path / "fr.po", tmp_path / "t.pot"
    po.write_text(POEDIT, encoding="utf-8")
    pot.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                   'msgctxt "button"\nmsgid "Back"\nmsgstr ""\n\nmsgid "Newer"\nmsgstr ""\n',
                   encoding="utf-8")
    merged = tmp_path / "assistant.po"
    merged.write_bytes(_gnu("msgmerge", "--quiet", "--previous", str(po), str(pot), "-o", "-"))
    assert read_po_messages(merged).entries[("button", "Back")] == ("Retour",)
