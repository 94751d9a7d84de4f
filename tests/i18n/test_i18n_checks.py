"""Catalogue checks: each problem named with its file and the line of its msgid."""

from __future__ import annotations

from pathlib import Path

import pytest
from i18n_support import NB, Entry, compile_mo, po_path, write_po, write_template

from assistant.i18n.checks import check_catalogues, coverage
from assistant.i18n.translator import get_translator
from assistant.problems import Severity

CLEAN = [
    Entry("Open **Settings and privacy**", ["Ouvrez **Paramètres et confidentialité**"]),
    Entry("Unlink {account}?", [f"Dissocier {{account}}{NB}?"]),
    Entry("Back", ["Précédent"], ctx="button"),
    Entry("{n} collaborator", ["{n} collaborateur", "{n} collaborateurs"],
          plural="{n} collaborators"),
    Entry("TikTok For Business", ["TikTok For Business"]),
]


def make(tmp_path: Path, entries: list[Entry], *, template: list[Entry] | None = None,
         compiled: bool = True, **options) -> Path:
    """A locales folder with a template, a French .po and (by default) its .mo."""
    write_template(tmp_path, template if template is not None else entries)
    po = write_po(tmp_path, entries, **options)
    if compiled:
        compile_mo(po)
    return tmp_path


def problems_at(root: Path, msgid: str) -> list[tuple[str, str]]:
    """(severity, message) of the problems reported on the line of ``msgid``."""
    lines = po_path(root).read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if text.startswith(f'msgid "{msgid}'))
    return [(p.severity, p.message) for p in check_catalogues(root) if p.line == line]


def test_a_clean_catalogue_has_no_problem(tmp_path):
    assert check_catalogues(make(tmp_path, CLEAN)) == []


def test_coverage_counts_translated_fuzzy_missing_and_obsolete(tmp_path):
    entries = CLEAN[:3] + [Entry("Draft", ["Brouillon"], flags="fuzzy"), Entry("Todo"),
                           Entry("Gone", ["Parti"], obsolete=True)]
    root = make(tmp_path, entries)
    [fr] = coverage(root)
    assert (fr.lang, fr.total, fr.translated, fr.fuzzy, fr.missing, fr.obsolete) == (
        "fr", 5, 3, 1, 1, 1)
    line = fr.describe(get_translator("fr"))
    assert line.startswith("fr") and "60" in line


def test_an_incomplete_language_gets_a_coverage_warning(tmp_path):
    root = make(tmp_path, CLEAN + [Entry("Todo")])
    warnings = [p for p in check_catalogues(root) if p.line == 0]
    assert [p.severity for p in warnings] == [Severity.WARNING]
    assert "translated (5 of 6)" in warnings[0].message


def test_problems_name_the_po_file_and_the_msgid_line(tmp_path):
    root = make(tmp_path, [Entry("Unlink {account}?", [f"Dissocier {{compte}}{NB}?"])])
    [problem, *_] = [p for p in check_catalogues(root) if p.severity == Severity.ERROR]
    assert problem.file.endswith("fr/LC_MESSAGES/assistant.po")
    text = po_path(root).read_text(encoding="utf-8").splitlines()
    assert text[problem.line - 1] == 'msgid "Unlink {account}?"'


def test_a_placeholder_mismatch_is_an_error(tmp_path):
    root = make(tmp_path, [Entry("Unlink {account}", ["Dissocier {account} de {business}"]),
                           Entry("Send to {email}", ["Envoyer"])])
    assert (Severity.ERROR, "placeholder {business} is not in the English text") in (
        problems_at(root, "Unlink"))
    assert (Severity.ERROR, "placeholder {email} of the English text is missing") in (
        problems_at(root, "Send to"))


@pytest.mark.parametrize("translation", [
    "Salut {name.__class__}", "Salut {0[name]}", "Salut {name!r}", "Salut {name:>999}",
])
def test_an_unsafe_placeholder_is_an_error(tmp_path, translation):
    root = make(tmp_path, [Entry("Hi {name}", [translation])])
    assert any(severity == Severity.ERROR and message.startswith("unsafe placeholder")
               for severity, message in problems_at(root, "Hi"))


def test_an_unsafe_placeholder_in_the_english_text_is_reported_on_the_template(tmp_path):
    root = make(tmp_path, [Entry("Hi {name!r}", ["Salut {name}"])])
    assert any(p.file.endswith("assistant.pot") and "conversion" in p.message
               for p in check_catalogues(root))


@pytest.mark.parametrize(("source", "translation", "expected"), [
    ("- one\n- two\n- three", "- un\n- deux", "list items: 2 instead of 3"),
    ("See [help](https://example.com/help)", "Voir l'aide", "links: 0 instead of 1"),
    ("Open **Settings**", "Ouvrez Paramètres", "bold passages: 0 instead of 1"),
    ("Press *Save*", "Appuyez sur **Enregistrer**", "italic passages: 0 instead of 1"),
    ("Run `assistant check`", "Lancez assistant check", "inline code: 0 instead of 1"),
])
def test_a_markdown_structure_mismatch_is_an_error(tmp_path, source, translation, expected):
    root = make(tmp_path, [Entry(source, [translation])])
    [(severity, message)] = [p for p in problems_at(root, source.split("\n")[0][:6])
                             if "Markdown" in p[1]]
    assert severity == Severity.ERROR and expected in message


def test_a_link_to_another_address_is_an_error(tmp_path):
    root = make(tmp_path, [Entry("See [help](https://example.com/help)",
                                 ["Voir [l'aide](http://evil.example)"])])
    assert (Severity.ERROR, "link to http://evil.example is not in the English text") in (
        problems_at(root, "See"))


@pytest.mark.parametrize(("translation", "expected"), [
    ("Dissocier ?", "a plain space before “?”"),
    ("Dissocier?", "no space before “?”"),
    ("Attention : lisez", "a plain space before “:”"),
    (f"Le bouton « Dissocier{NB}»", "after “«”"),
    (f"Le bouton «{NB}Dissocier »", "a plain space before “»”"),
])
def test_french_typography_is_an_error(tmp_path, translation, expected):
    root = make(tmp_path, [Entry("Unlink now", [translation])])
    assert any(severity == Severity.ERROR and expected in message
               for severity, message in problems_at(root, "Unlink now"))


@pytest.mark.parametrize("translation", [
    f"Dissocier{NB}?", "Dissocier\u202f?", f"Le bouton «{NB}Dissocier{NB}»", "À 10:30",
    f"Voir https://example.com/a?b=c{NB}!", f"Quoi{NB}?!",
])
def test_correct_french_typography_passes(tmp_path, translation):
    root = make(tmp_path, [Entry("Unlink now", [translation])])
    assert problems_at(root, "Unlink now") == []


def test_typography_is_not_checked_inside_code_or_placeholders(tmp_path):
    root = make(tmp_path, [Entry("Run `a:b` for {x}", [f"Lancez `a:b` pour {{x}}{NB}!"])])
    assert problems_at(root, "Run") == []


def test_a_straight_apostrophe_in_french_is_a_warning(tmp_path):
    root = make(tmp_path, [Entry("Open the team", ["Ouvrez l'équipe"])])
    assert [severity for severity, _ in problems_at(root, "Open the team")] == [Severity.WARNING]
    root = make(tmp_path / "ok", [Entry("Open the team", ["Ouvrez l’équipe"])])
    assert problems_at(root / "", "Open the team") == []


def test_straight_quotes_in_french_are_a_warning(tmp_path):
    root = make(tmp_path, [Entry("Tap Unlink", ['Touchez "Dissocier"'])])
    assert [severity for severity, _ in problems_at(root, "Tap Unlink")] == [Severity.WARNING]


def test_a_translation_equal_to_the_english_is_a_warning_except_for_product_names(tmp_path):
    named = "TikTok For Business ({email})"
    root = make(tmp_path, [Entry("Open settings", ["Open settings"]),
                           Entry("Business Center", ["Business Center"]),
                           Entry(named, [named])])
    assert problems_at(root, "Open settings") == [
        (Severity.WARNING, "the translation is the same as the English text")]
    assert problems_at(root, "Business Center") == []
    assert problems_at(root, "TikTok For Business (") == []


def test_a_wrong_number_of_plural_forms_is_an_error(tmp_path):
    root = make(tmp_path, [Entry("{n} item", ["{n} élément", "{n} éléments", "{n} élémentss"],
                                 plural="{n} items")], compiled=False)
    assert (Severity.ERROR, "3 plural forms; “fr” has 2") in problems_at(root, "{n} item")


def test_a_plural_form_header_other_than_the_pinned_one_is_an_error(tmp_path):
    header = {"Language": "fr", "Content-Type": "text/plain; charset=UTF-8",
              "Plural-Forms": "nplurals=3; plural=(n == 0 ? 0 : n == 1 ? 1 : 2);"}
    root = make(tmp_path, CLEAN[:1], header=header)
    assert any("needs “nplurals=2; plural=(n > 1);”" in p.message
               for p in check_catalogues(root))


@pytest.mark.parametrize(("header", "flags", "expected"), [
    ({"Language": "de", "Content-Type": "text/plain; charset=UTF-8",
      "Plural-Forms": "nplurals=2; plural=(n > 1);"}, "", "the folder says “fr”"),
    ({"Language": "fr", "Content-Type": "text/plain; charset=latin-1",
      "Plural-Forms": "nplurals=2; plural=(n > 1);"}, "", "expected UTF-8"),
    ({"Language": "fr", "Content-Type": "text/plain; charset=UTF-8",
      "Plural-Forms": ""}, "", "Plural-Forms is empty"),
    ({"Language": "fr", "Content-Type": "text/plain; charset=UTF-8",
      "Plural-Forms": "nplurals=2; plural=(n > 1);"}, "fuzzy", "marked fuzzy"),
])
def test_header_problems_are_errors(tmp_path, header, flags, expected):
    root = make(tmp_path, CLEAN[:1], header=header, header_flags=flags, compiled=False)
    header_line = po_path(root).read_text(encoding="utf-8").splitlines().index('msgid ""') + 1
    assert any(p.severity == Severity.ERROR and expected in p.message and p.line == header_line
               for p in check_catalogues(root))


def test_a_syntax_error_is_reported_with_its_line(tmp_path):
    root = make(tmp_path, CLEAN[:1], compiled=False)
    path = po_path(root)
    path.write_text(path.read_text(encoding="utf-8") + '\nmsgid "x"\nmsgstr "y\n', "utf-8")
    last = len(path.read_text(encoding="utf-8").splitlines())
    [problem] = [p for p in check_catalogues(root) if p.file.endswith(".po")]
    assert problem.line == last and "unterminated string" in problem.message


def test_a_missing_compiled_catalogue_is_an_error(tmp_path):
    root = make(tmp_path, CLEAN, compiled=False)
    [problem] = check_catalogues(root)
    assert problem.file.endswith("assistant.mo") and "not compiled" in problem.message


def test_a_stale_compiled_catalogue_is_an_error(tmp_path):
    root = make(tmp_path, CLEAN)
    write_po(root, CLEAN[:-1] + [Entry("TikTok For Business", ["TikTok For Business (FR)"])])
    [problem] = check_catalogues(root)
    assert problem.file.endswith("assistant.mo") and "out of date" in problem.message


def test_a_corrupt_compiled_catalogue_is_an_error(tmp_path):
    root = make(tmp_path, CLEAN)
    mo = po_path(root).with_suffix(".mo")
    mo.write_bytes(b"\x00" * 40)
    [problem] = check_catalogues(root)
    assert problem.file.endswith("assistant.mo") and "bad magic number" in problem.message


def test_a_catalogue_behind_the_template_is_a_warning(tmp_path):
    root = make(tmp_path, CLEAN, template=CLEAN + [Entry("New text")])
    assert any(p.severity == Severity.WARNING and "1 new, 0 gone" in p.message
               for p in check_catalogues(root))


def test_messages_follow_the_translator_language(tmp_path):
    root = make(tmp_path, [Entry("Unlink now", ["Dissocier ?"])])
    french = check_catalogues(root, translator=get_translator("fr"))
    assert any("espace insécable" in p.message for p in french)


def test_the_shipped_catalogues_have_no_errors():
    errors = [str(p) for p in check_catalogues() if p.severity == Severity.ERROR]
    assert errors == []
