"""Hostile Markdown and terminal controls in a translation.

``assistant check`` holds every translation to the policy guide text obeys (no raw
HTML, only ``https`` links, a size cap, no terminal control) and names the ``.po``
file and line; at run time such a translation never reaches the output of
``assistant run``, in text or JSON.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from i18n_support import NB, Entry, compile_mo, po_path, write_po, write_template

import assistant.cli
from assistant.engine import load_guides
from assistant.engine.markdown_policy import MAX_BODY_CHARS, MAX_LINE_CHARS
from assistant.i18n.checks import check_catalogues
from assistant.i18n.textchecks import check_translation
from assistant.i18n.translator import get_translator
from assistant.problems import Severity

RAW_CONTROL = "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
OSC52 = "\x1b]52;c;SGVsbG8=\x07"

SOURCE = "Open **Settings and privacy**, then tap the button."

HOSTILE = {
    "script": ("Ouvrez **Paramètres et confidentialité** <script>alert(1)</script>.",
               "raw HTML <script> is not allowed"),
    "javascript-link": ("Ouvrez **Paramètres et confidentialité**, [x](javascript:alert(1)).",
                        "link to javascript:alert(1): only https:// links are allowed"),
    "file-image": ("Ouvrez **Paramètres et confidentialité** ![x](file:///etc/passwd).",
                   "link to file:///etc/passwd: only https:// links are allowed"),
    "http-autolink": ("Ouvrez **Paramètres et confidentialité** <http://evil.example>.",
                      "link to http://evil.example: only https:// links are allowed"),
    "reference-link": ("Ouvrez **Paramètres et confidentialité** [ici][r].\n\n"
                       "[r]: javascript:alert(1)",
                       "link to javascript:alert(1): only https:// links are allowed"),
    "escape-sequence": (f"Ouvrez **Paramètres et confidentialité**{OSC52}.",
                        "contains the terminal control character U+001B"),
    "c1-control": ("Ouvrez **Paramètres et confidentialité**\x9b2J.",
                   "contains the terminal control character U+009B"),
    "bidi-control": ("Ouvrez **Paramètres et \u202econfidentialité**.",
                     "contains the terminal control character U+202E"),
    "too-long": ("Ouvrez **Paramètres et confidentialité** " + "bla " * (MAX_BODY_CHARS // 4),
                 f"more than the {MAX_BODY_CHARS} allowed"),
}


def _root(tmp_path: Path, entries: list[Entry]) -> Path:
    write_template(tmp_path, entries)
    compile_mo(write_po(tmp_path, entries))
    return tmp_path


def _msgid_line(root: Path, msgid: str) -> int:
    lines = po_path(root).read_text(encoding="utf-8").splitlines()
    return lines.index('msgid "' + msgid.replace("\n", "\\n") + '"') + 1


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_check_reports_hostile_markdown_in_a_translation_with_file_and_line(tmp_path, case):
    translation, expected = HOSTILE[case]
    root = _root(tmp_path, [Entry(SOURCE, [translation])])
    found = [p for p in check_catalogues(root) if expected in p.message]
    assert [(Path(p.file).name, p.line, p.severity) for p in found] == [
        ("assistant.po", _msgid_line(root, SOURCE), Severity.ERROR)]


def test_check_reports_hostile_markdown_in_every_plural_form(tmp_path):
    root = _root(tmp_path, [Entry("{n} step", ["{n} étape", "{n} <b>étapes</b>"],
                                  plural="{n} steps")])
    assert any("raw HTML <b>" in p.message and p.line == _msgid_line(root, "{n} step")
               for p in check_catalogues(root))


def test_what_the_english_text_already_holds_is_not_blamed_on_the_translation():
    sources = ("Reading <stdin> (see [the help](http://old.example))",)
    translation = "Lecture de <stdin> (voir [l'aide](http://old.example))"
    messages = [p.reason for p in check_translation("fr", sources, [translation])]
    assert not any("raw HTML" in m or "only https" in m for m in messages)


def test_a_long_translation_of_a_one_line_text_is_a_warning(tmp_path):
    title = "Unlink your account"
    root = _root(tmp_path, [Entry(title, ["Dissocier " + "très " * MAX_LINE_CHARS])])
    found = [p for p in check_catalogues(root) if f"the {MAX_LINE_CHARS} allowed" in p.message]
    assert [(p.line, p.severity) for p in found] == [(_msgid_line(root, title), Severity.WARNING)]


def test_ordinary_markdown_in_a_translation_passes(tmp_path):
    root = _root(tmp_path, [Entry(
        "See [the help](https://support.tiktok.example/unlink) and `assistant check`.",
        ["Voir [l’aide](https://support.tiktok.example/unlink) et `assistant check`."],
    )])
    assert check_catalogues(root) == []


def test_the_problems_read_in_french(tmp_path):
    root = _root(tmp_path, [Entry(SOURCE, [HOSTILE["script"][0]]),
                            Entry("Back", [f"Retour{OSC52}"])])
    french = " ".join(p.message for p in check_catalogues(root, get_translator("fr")))
    assert f"HTML brut <script> interdit{NB}: utilisez Markdown" in french
    assert f"contient le caractère de contrôle de terminal U+001B{NB}: supprimez-le" in french


# -- at run time: the output of `assistant run` never carries them ---------------------

RUN_BODY = (
    "Bonjour <script>alert(1)</script> et [cliquez](javascript:alert(1)), "
    f"![img](file:///etc/passwd) {OSC52}\x1b[2J\x9b31m\u202efin.\n\n<div>bloc</div>"
)


@pytest.fixture
def hostile_french(tmp_path, monkeypatch, capsys):
    """A French catalogue whose first shown step of unlink-business is hostile in title
    and body."""
    assistant.cli.main(["run", "unlink-business", "--lang", "en", "--json"])
    shown = json.loads(capsys.readouterr().out)["steps"][0]["id"]
    step = load_guides().guides["unlink-business"].steps[shown]
    entries = [Entry(step.body, [RUN_BODY]), Entry(step.title, [f"Avant{OSC52} de dissocier"])]
    root = _root(tmp_path / "locales", entries)
    monkeypatch.setattr(assistant.cli, "get_translator", lambda lang: get_translator(lang, root))
    return step


@pytest.mark.parametrize("mode", [[], ["--json"]])
def test_a_hostile_translation_never_reaches_the_run_output(capsys, hostile_french, mode):
    code = assistant.cli.main(["run", "unlink-business", "--lang", "fr", *mode])
    out, err = capsys.readouterr()
    assert code == 0 and err == ""
    assert "Bonjour" in out and "cliquez" in out, "the translation was used"
    assert re.search(RAW_CONTROL, out) is None
    for gone in ("<script", "javascript:", "file:", "<div"):
        assert gone not in out
    if mode:
        [first, *_] = json.loads(out)["steps"]
        assert re.search(RAW_CONTROL, first["body"]) is None
        assert first["title"] == f"Avant{OSC52} de dissocier", "JSON keeps titles exact"
