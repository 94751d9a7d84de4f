"""A broken catalogue: English for that language with one warning; check names file and line.

Each case is a real file in a temporary ``locales/`` folder: the translator falls back
to English with exactly one warning naming the file (and the line, for a ``.po``),
``assistant check`` reports the same file and line, and the command line prints the
warning once on standard error, never a traceback.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from i18n_support import (
    HEADER,
    Entry,
    compile_mo,
    header_text,
    po_path,
    po_text,
    write_mo,
    write_po,
)

import assistant.cli
from assistant.i18n.checks import check_catalogues
from assistant.i18n.translator import get_translator
from assistant.problems import Severity

GOOD = [
    Entry("Back", ["Retour"]),
    Entry("Unlink {account}", ["Dissocier {account}"]),
    Entry("{n} collaborator", ["{n} collaborateur", "{n} collaborateurs"],
          plural="{n} collaborators"),
]
GOOD_TEXT = po_text(GOOD)


def _header(**changes: str) -> dict[str, str]:
    return {**HEADER, **changes}


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


@dataclass(frozen=True)
class BrokenPo:
    """A ``.po`` that cannot be used, and the line its problem is on."""

    data: bytes
    line: int
    reason: str


def _truncated() -> BrokenPo:
    cut = GOOD_TEXT.index('msgstr "Dissocier') + len('msgstr "Dissoc')
    return BrokenPo(GOOD_TEXT[:cut].encode(), _line_of(GOOD_TEXT, 'msgstr "Dissocier'),
                    "unterminated string")


def _latin1() -> BrokenPo:
    text = GOOD_TEXT + '\nmsgid "Next"\nmsgstr "Étape suivante"\n'
    return BrokenPo(text.encode("latin-1"), _line_of(text, 'msgstr "Étape'), "not UTF-8")


def _header_case(reason: str, flags: str = "", **changes: str) -> BrokenPo:
    text = po_text(GOOD, header=_header(**changes), header_flags=flags)
    return BrokenPo(text.encode(), _line_of(text, 'msgid ""'), reason)


BROKEN_PO: dict[str, Callable[[], BrokenPo]] = {
    "not-utf-8": _latin1,
    "byte-order-mark": lambda: BrokenPo(b"\xef\xbb\xbf" + GOOD_TEXT.encode(), 1,
                                        "byte-order mark"),
    "empty-plural-forms": lambda: _header_case("Plural-Forms is empty",
                                               **{"Plural-Forms": ""}),
    "unknown-charset": lambda: _header_case(
        "unknown charset “KLINGON”", **{"Content-Type": "text/plain; charset=KLINGON"}),
    "latin-1-charset": lambda: _header_case(
        "expected UTF-8", **{"Content-Type": "text/plain; charset=ISO-8859-1"}),
    "fuzzy-header": lambda: _header_case("fuzzy", flags="fuzzy"),
}


def _use_everywhere(translator_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands and ``assistant check`` read the catalogues of ``translator_root``."""
    monkeypatch.setattr(assistant.cli, "get_translator",
                        lambda lang: get_translator(lang, translator_root))
    monkeypatch.setattr("assistant.i18n.checks.locales_dir", lambda: translator_root)
    monkeypatch.chdir(translator_root)  # not inside a checkout: check reads the installed


def test_a_truncated_po_keeps_what_comes_before_the_cut(tmp_path):
    broken = _truncated()
    path = po_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_bytes(broken.data)
    t = get_translator("fr", tmp_path)
    assert t.lang == "fr"
    assert t.gettext("Unlink {account}", account="maison.lune") == "Unlink maison.lune"
    [warning] = t.warnings
    assert f"assistant.po:{broken.line}: " in warning and broken.reason in warning
    assert warning.endswith("shown in English")


@pytest.mark.parametrize("case", sorted(BROKEN_PO))
def test_a_broken_po_is_english_with_one_warning_naming_file_and_line(tmp_path, case):
    broken = BROKEN_PO[case]()
    path = po_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_bytes(broken.data)
    t = get_translator("fr", tmp_path)
    for _ in range(3):
        assert t.gettext("Back") == "Back"
        assert t.gettext("Unlink {account}", account="maison.lune") == "Unlink maison.lune"
        assert t.ngettext("{n} collaborator", "{n} collaborators", 2) == "2 collaborators"
    assert (t.lang, t.requested) == ("en", "fr")
    [warning] = t.warnings
    assert f"assistant.po:{broken.line}: " in warning and broken.reason in warning
    assert warning.endswith("using English")


@pytest.mark.parametrize("case", sorted(BROKEN_PO))
def test_check_names_the_po_and_the_line_of_a_broken_catalogue(tmp_path, case):
    broken = BROKEN_PO[case]()
    path = po_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_bytes(broken.data)
    found = [p for p in check_catalogues(tmp_path)
             if p.file.endswith("fr/LC_MESSAGES/assistant.po") and broken.reason in p.message]
    assert found, check_catalogues(tmp_path)
    assert all(p.severity == Severity.ERROR and p.line == broken.line for p in found)


def _mo_header(**changes: str) -> bytes:
    return header_text(_header(**changes)).encode()


MO_MESSAGES = {b"Back": b"Retour", b"Unlink {account}": b"Dissocier {account}"}

BROKEN_MO: dict[str, tuple[Callable[[bytes], bytes] | dict[bytes, bytes], str]] = {
    "truncated-in-the-tables": (lambda data: data[:24], "truncated"),
    "truncated-in-the-strings": (lambda data: data[: len(data) - 30], "truncated"),
    "bad-magic": (lambda data: b"\xde\xad\xbe\xef" + data[4:], "bad magic number"),
    "empty": (lambda data: b"", "truncated"),
    "empty-plural-forms": ({b"": _mo_header(**{"Plural-Forms": ""}), **MO_MESSAGES},
                           "Plural-Forms is empty"),
    "unknown-charset": ({b"": _mo_header(**{"Content-Type": "text/plain; charset=KLINGON"}),
                         **MO_MESSAGES}, "unknown charset “KLINGON”"),
    "header-dropped-as-fuzzy": (dict(MO_MESSAGES), "no header entry"),
    "message-not-utf-8": ({b"": _mo_header(), b"Back": "Précédent".encode("latin-1")},
                          "not UTF-8"),
}


def _write_broken_mo(root: Path, case: str) -> Path:
    """A good ``.po`` and, newer than it (so it is the one read), a broken ``.mo``."""
    damage, _ = BROKEN_MO[case]
    po = write_po(root, GOOD)
    if isinstance(damage, dict):
        return write_mo(root, damage)
    mo = compile_mo(po)
    stamp = mo.stat().st_mtime_ns
    mo.write_bytes(damage(mo.read_bytes()))
    os.utime(mo, ns=(stamp, stamp))
    return mo


@pytest.mark.parametrize("case", sorted(BROKEN_MO))
def test_a_broken_mo_is_english_with_one_warning_naming_it(tmp_path, case):
    _write_broken_mo(tmp_path, case)
    t = get_translator("fr", tmp_path)
    assert t.gettext("Back") == "Back" and t.gettext("Back") == "Back"
    assert (t.lang, t.requested) == ("en", "fr")
    [warning] = t.warnings
    assert "assistant.mo: " in warning and BROKEN_MO[case][1] in warning


@pytest.mark.parametrize("case", sorted(BROKEN_MO))
def test_check_names_a_broken_mo(tmp_path, case):
    mo = _write_broken_mo(tmp_path, case)
    found = [p for p in check_catalogues(tmp_path) if p.file.endswith("assistant.mo")]
    assert [(p.severity, p.line) for p in found] == [(Severity.ERROR, 0)]
    assert "cannot be used" in found[0].message and BROKEN_MO[case][1] in found[0].message
    assert Path(found[0].file).name == mo.name


def test_the_command_line_prints_the_warning_once_and_goes_on_in_english(
    tmp_path, monkeypatch, capsys
):
    broken = _truncated()
    path = po_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_bytes(broken.data)
    _use_everywhere(tmp_path, monkeypatch)
    code = assistant.cli.main(["guides", "--lang", "fr"])
    out, err = capsys.readouterr()
    assert code == 0 and "Link your TikTok account" in out
    [line] = err.splitlines()
    assert line.startswith("assistant: ") and f"assistant.po:{broken.line}: " in line
    assert "Traceback" not in err


def test_assistant_check_prints_the_file_and_line_of_a_broken_catalogue(
    tmp_path, monkeypatch, capsys
):
    broken = BROKEN_PO["fuzzy-header"]()
    path = po_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_bytes(broken.data)
    _use_everywhere(tmp_path, monkeypatch)
    code = assistant.cli.main(["check", "--lang", "en"])
    out, _ = capsys.readouterr()
    assert code == 1
    assert any(f"assistant.po:{broken.line}: error: " in line and "fuzzy" in line
               for line in out.splitlines()), out


def test_a_good_mo_written_by_the_test_helper_is_read(tmp_path):
    # The helper that writes broken .mo files writes good ones too: the cases above
    # fail for the damage they carry, not for the way they were written.
    write_mo(tmp_path, {b"": _mo_header(), **MO_MESSAGES})
    t = get_translator("fr", tmp_path)
    assert t.warnings == [] and t.gettext("Back") == "Retour"
