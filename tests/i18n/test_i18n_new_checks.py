"""The checks translators asked for (issue 14, item 6), each with the mistake made and
caught with its file and line; and staleness decided by content, never by file time.

Every test builds its own catalogue in a temporary folder: none depends on the
shipped French.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from i18n_support import NB, Entry, compile_mo, po_path, write_po, write_template

from assistant.i18n.checks import check_catalogues
from assistant.i18n.glossary import GLOSSARY_FILE
from assistant.problems import Severity


def make(tmp_path: Path, entries: list[Entry], glossary: str | None = None) -> Path:
    write_template(tmp_path, entries)
    compile_mo(write_po(tmp_path, entries))
    if glossary is not None:
        (tmp_path / "fr" / GLOSSARY_FILE).write_text(glossary, encoding="utf-8")
    return tmp_path


def reported(root: Path, msgid: str) -> list[tuple[str, str, Severity]]:
    """``(file, message, severity)`` of the problems on the line of ``msgid``."""
    lines = po_path(root).read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if text.startswith(f'msgid "{msgid}'))
    return [(Path(p.file).name, p.message, p.severity)
            for p in check_catalogues(root) if p.line == line]


@pytest.mark.parametrize(("translation", "expected", "severity"), [
    ("Ouvrez «Paramètres»", "after “«”", Severity.ERROR),
    ("Attention: lisez", "no space before “:”", Severity.ERROR),
    (f"Le bouton “Dissocier”{NB}!", "English quotation marks", Severity.ERROR),
    ("Chargement...", "three dots", Severity.WARNING),
    ("Dissocier le compte ", "a space at the end of a line", Severity.ERROR),
    ("Première ligne \nseconde", "a space at the end of a line", Severity.ERROR),
    ("Tu peux dissocier le compte", "addresses the reader as “tu” (“Tu”)", Severity.ERROR),
    ("Connecte-toi d’abord", "addresses the reader as “tu”", Severity.ERROR),
    ("Ouvre ton application", "addresses the reader as “tu” (“ton”)", Severity.ERROR),
    ("Vérifie que t’es connecté", "addresses the reader as “tu” (“t’”)", Severity.ERROR),
])
def test_each_french_mistake_is_caught_with_file_and_line(tmp_path, translation, expected,
                                                          severity):
    root = make(tmp_path, [Entry("Unlink now", [translation])])
    found = reported(root, "Unlink now")
    assert any(file == "assistant.po" and expected in message and level == severity
               for file, message, level in found), found


@pytest.mark.parametrize("translation", [
    f"Ouvrez «{NB}Paramètres{NB}» puis touchez «{NB}Gérer le compte{NB}»{NB}!",
    "Vous pouvez dissocier le compte.", "Chargement…", "Entrez votre code. Ensuite, notez-le.",
    "Votre équipe, tes… non : « tes » n’apparaît que cité",  # quoted word: still prose
])
def test_correct_french_passes_the_new_checks(tmp_path, translation):
    root = make(tmp_path, [Entry("Unlink now", [translation])])
    found = [m for _, m, _ in reported(root, "Unlink now")
             if "tu" in m or "quotation" in m or "three dots" in m or "end of a line" in m]
    if "tes" in translation.split():
        assert found, "the register check reads the words as written"
    else:
        assert found == []


def test_an_english_text_that_ends_with_a_space_may_keep_it(tmp_path):
    root = make(tmp_path, [Entry("usage: ", [f"utilisation{NB}: "])])
    assert not any("end of a line" in m for _, m, _ in reported(root, "usage: "))


GLOSSARY = """
[[term]]
english = "Settings and privacy"
translation = "Paramètres et confidentialité"
kind = "screen"

[[term]]
english = "two-step verification"
translation = "vérification en deux étapes"
avoid = ["authentification à deux facteurs"]

[[term]]
english = "business account"
translation = "compte professionnel"
unless = ["For Business account"]
"""


def test_a_screen_name_that_differs_from_the_glossary_is_reported(tmp_path):
    root = make(tmp_path, [Entry("Open Settings and privacy",
                                 ["Ouvrez Réglages et confidentialité"])], GLOSSARY)
    [(file, message, severity)] = reported(root, "Open Settings")
    assert file == "assistant.po" and severity == Severity.WARNING
    assert "“Paramètres et confidentialité”" in message and "glossary.toml:3" in message


def test_a_wording_to_avoid_is_reported(tmp_path):
    root = make(tmp_path, [Entry("Turn on two-step verification",
                                 ["Activez l’authentification à deux facteurs"])], GLOSSARY)
    messages = [m for _, m, _ in reported(root, "Turn on")]
    assert any("“authentification à deux facteurs”" in m and "glossary.toml:8" in m
               for m in messages), messages


def test_the_glossary_is_followed_and_its_exceptions_are_respected(tmp_path):
    root = make(tmp_path, [
        Entry("Open Settings and privacy", [f"Ouvrez Paramètres et confidentialité{NB}!"]),
        Entry("Ask an admin of the TikTok For Business account",
              ["Demandez à un administrateur du compte TikTok For Business"]),
    ], GLOSSARY)
    assert reported(root, "Open Settings") == []
    assert reported(root, "Ask an admin") == []


def test_a_broken_glossary_is_reported_with_its_line_and_the_rest_is_checked(tmp_path):
    root = make(tmp_path, [Entry("Unlink now", ["Dissocier?"])],
                "[[term]]\nenglish = \"Back\"\n\n[[term]]\nenglish = \"Next\"\n"
                "translation = \"Suivant\"\n")
    problems = check_catalogues(root)
    assert any(Path(p.file).name == GLOSSARY_FILE and p.line == 2 and "needs" in p.message
               for p in problems), problems
    assert any("no space before “?”" in p.message for p in problems)


# -- staleness by content ---------------------------------------------------------------


def test_a_po_newer_than_its_mo_makes_no_check_fail(tmp_path):
    root = make(tmp_path, [Entry("Unlink now", [f"Dissocier maintenant{NB}!"])])
    po, mo = po_path(root), po_path(root).with_suffix(".mo")
    later = mo.stat().st_mtime_ns + 10_000_000_000
    os.utime(po, ns=(later, later))  # what a fresh clone may do
    assert check_catalogues(root) == []


def test_a_po_edited_after_compiling_is_reported_whatever_the_times(tmp_path):
    root = make(tmp_path, [Entry("Unlink now", [f"Dissocier maintenant{NB}!"])])
    mo = po_path(root).with_suffix(".mo")
    stamp = mo.stat().st_mtime_ns
    write_po(root, [Entry("Unlink now", [f"Dissocier tout de suite{NB}!"])])
    os.utime(po_path(root), ns=(stamp - 10_000_000_000,) * 2)  # older, yet edited
    assert any("out of date" in p.message for p in check_catalogues(root))
