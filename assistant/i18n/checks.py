"""Catalogue checks for ``assistant check``: what a translator must fix, with file and line.

For every language folder under ``locales/``: the ``.po`` parses strictly, its header
is right (UTF-8, not fuzzy, the pinned ``Plural-Forms``, the right ``Language``), each
translation keeps the placeholders and the Markdown of its English text, uses no
unsafe placeholder, obeys the Markdown policy of guide text (no terminal control, no
raw HTML, only ``https`` links, the size cap), follows French typography, is not the
English text again, has the language's number of plural forms; the compiled ``.mo``
exists and matches the ``.po``. The template's English texts are checked for unsafe
placeholders too.

Errors make ``assistant check`` exit 1 (a user would see English or a broken text);
warnings (fuzzy, untranslated, same as the English) are printed. :func:`coverage`
gives the per-language counts for the summary line.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TypeVar

from assistant.i18n.catalogue import (
    DOMAIN,
    PLURAL_FORMS,
    catalogue_paths,
    check_charset,
    language_folders,
    messages_from_po,
    parse_plural_forms,
    read_mo_messages,
)
from assistant.i18n.glossary import GLOSSARY_FILE, load_glossary
from assistant.i18n.markers import N_
from assistant.i18n.pofile import CatalogueError, PoFile, read_po_file
from assistant.i18n.safeformat import unsafe_placeholders
from assistant.i18n.textchecks import check_translation
from assistant.i18n.translator import (
    SOURCE_LANGUAGE,
    Translator,
    get_translator,
)
from assistant.problems import Problem, Severity
from assistant.resources import locales_dir

UPDATE_COMMAND = "python -m assistant.i18n.update"
"""What a translator or maintainer runs to bring the catalogues up to date."""

MAX_LISTED_UNTRANSLATED = 20
"""Untranslated messages listed one by one; beyond, a single line counts the rest."""

T = TypeVar("T")


@dataclass(frozen=True)
class Coverage:
    """How much of the template one language translates."""

    lang: str
    file: str
    total: int
    translated: int
    fuzzy: int
    missing: int
    obsolete: int

    @property
    def complete(self) -> bool:
        """Every message of the template is translated (and none is fuzzy)."""
        return self.translated == self.total

    @property
    def ratio(self) -> float:
        """Translated share, 0 to 1 (1 for an empty template)."""
        return self.translated / self.total if self.total else 1.0

    def describe(self, t: Translator) -> str:
        """One line: ``fr: 100 % translated (312 of 312); 0 fuzzy, 0 missing, 0 obsolete``."""
        # Rounded down: 99.6 % must not read as 100 %.
        shown = math.floor(self.ratio * 100) / 100
        return t.gettext(
            N_("{lang}: {percent} translated ({translated} of {total}); "
               "{fuzzy} fuzzy, {missing} missing, {obsolete} obsolete"),
            lang=self.lang, percent=t.format_percent(shown), translated=self.translated,
            total=self.total, fuzzy=self.fuzzy, missing=self.missing, obsolete=self.obsolete,
        )


def _display(path: Path) -> str:
    """``path`` relative to the working directory when it is inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@dataclass
class _Report:
    t: Translator
    problems: list[Problem] = field(default_factory=list)

    def add(self, path: Path, line: int, message: str, severity: Severity = Severity.ERROR,
            **fields: object) -> None:
        self.problems.append(
            Problem(_display(path), line, self.t.gettext(message, **fields), severity)
        )

    def error(self, path: Path, error: CatalogueError) -> None:
        self.add(path, error.line, N_("cannot be used: {problem}"),
                 problem=error.render(self.t.gettext))


def _read(path: Path, report: _Report) -> PoFile | None:
    try:
        po = read_po_file(path, recover=True)
        for error in po.errors:
            report.error(path, error)
        return po
    except OSError as error:
        report.add(path, 0, N_("cannot be read: {error}"), error=error.strerror or str(error))
    except CatalogueError as error:
        report.error(path, error)
    return None


def _check_template(root: Path, report: _Report) -> PoFile | None:
    path = root / f"{DOMAIN}.pot"
    if not path.is_file():
        report.add(path, 0, N_("the template is missing: run {command}"), command=UPDATE_COMMAND)
        return None
    template = _read(path, report)
    for entry in template.entries if template else ():
        for source in filter(None, (entry.msgid, entry.msgid_plural)):
            for refused in unsafe_placeholders(source):
                report.add(path, entry.line, N_("English text from {where}: {problem}"),
                           where=", ".join(entry.locations) or "?",
                           problem=refused.render(report.t.gettext))
    return template


def _check_header(lang: str, path: Path, po: PoFile, report: _Report) -> int | None:
    """Report header problems; return the number of plural forms when it is usable."""
    line = po.header.line if po.header else 1
    if po.header is None:
        report.add(path, 1, N_("no header (the first entry, with an empty msgid)"))
        return None
    if po.header.fuzzy:
        report.add(path, line, N_("the header is marked fuzzy: the catalogue is ignored"))
    fields = po.header_fields()
    try:
        check_charset(fields.get("Content-Type"))
    except CatalogueError as error:
        report.error(path, error.at_line(line))
    found = fields.get("Language", "")
    if found.replace("-", "_") != lang:
        report.add(path, line, N_("the header says Language: “{found}”, the folder says “{lang}”"),
                   found=found, lang=lang)
    try:
        rule = parse_plural_forms(fields.get("Plural-Forms"))
    except CatalogueError as error:
        report.error(path, error.at_line(line))
        return None
    expected = PLURAL_FORMS.get(lang)
    value = " ".join(fields.get("Plural-Forms", "").split())
    if expected and value.rstrip(";") != expected.rstrip(";"):
        report.add(path, line, N_("Plural-Forms is “{found}”; {lang} needs “{expected}”"),
                   found=value, lang=lang, expected=expected)
    return rule.nplurals


def _check_compiled(lang: str, root: Path, po: PoFile, report: _Report) -> None:
    po_path, mo_path = catalogue_paths(lang, root)
    if not mo_path.is_file():
        report.add(mo_path, 0, N_("not compiled: run {command}"), command=UPDATE_COMMAND)
        return
    try:
        compiled = read_mo_messages(mo_path)
    except OSError as error:
        report.add(mo_path, 0, N_("cannot be read: {error}"), error=error.strerror or str(error))
        return
    except CatalogueError as error:
        report.error(mo_path, error)
        return
    try:
        source = messages_from_po(po, po_path)
    except CatalogueError:
        return  # the header problem is already reported on the .po
    if dict(compiled.entries) != dict(source.entries) or (
        compiled.plural.expression != source.plural.expression
    ):
        report.add(mo_path, 0, N_("out of date: it does not match {file}; run {command}"),
                   file=po_path.name, command=UPDATE_COMMAND)


def _check_language(
    lang: str, root: Path, template: PoFile | None, report: _Report, path: Path | None = None
) -> Coverage | None:
    po_path = path if path is not None else catalogue_paths(lang, root)[0]
    if not po_path.is_file():
        report.add(po_path, 0, N_("no catalogue for “{lang}”: run {command}"),
                   lang=lang, command=UPDATE_COMMAND)
        return None
    po = _read(po_path, report)
    if po is None:
        return None
    nplurals = _check_header(lang, po_path, po, report)
    glossary = load_glossary(root / lang / GLOSSARY_FILE)
    for line, reason, fields in glossary.problems:
        report.add(root / lang / GLOSSARY_FILE, line, reason, **fields)
    wanted = {entry.key for entry in template.entries} if template else None
    translated = fuzzy = stale = 0
    untranslated = []
    for entry in po.entries:
        if wanted is not None and entry.key not in wanted:
            stale += 1
        elif entry.fuzzy:
            fuzzy += 1
            report.add(po_path, entry.line,
                       N_("needs review (fuzzy): English is shown until the mark is removed"),
                       Severity.WARNING)
        elif not entry.translated:
            untranslated.append(entry)
        else:
            translated += 1
            if entry.msgid_plural is not None and nplurals and len(entry.msgstr) != nplurals:
                report.add(po_path, entry.line, N_("{found} plural forms; “{lang}” has {expected}"),
                           found=len(entry.msgstr), lang=lang, expected=nplurals)
            sources = tuple(filter(None, (entry.msgid, entry.msgid_plural)))
            # Search words are the words people type, not the product's: no glossary.
            terms = None if entry.context == "symptom synonym" else glossary
            for problem in check_translation(lang, sources, entry.msgstr, terms):
                report.problems.append(Problem(
                    _display(po_path), entry.line, problem.render(report.t.gettext),
                    problem.severity,
                ))
    for entry in untranslated[:MAX_LISTED_UNTRANSLATED]:
        report.add(po_path, entry.line, N_("not translated yet"), Severity.WARNING)
    if len(untranslated) > MAX_LISTED_UNTRANSLATED:
        report.add(po_path, 0, N_("… and {count} more messages not translated yet"),
                   Severity.WARNING, count=len(untranslated) - MAX_LISTED_UNTRANSLATED)
    present = {entry.key for entry in po.entries}
    new = len(wanted - present) if wanted is not None else 0
    if new or stale:
        report.add(po_path, 0,
                   N_("does not match the template ({new} new, {gone} gone): run {command}"),
                   Severity.WARNING, new=new, gone=stale, command=UPDATE_COMMAND)
    if path is None or path == catalogue_paths(lang, root)[0]:
        _check_compiled(lang, root, po, report)
    total = len(wanted) if wanted is not None else len(po.entries)
    return Coverage(
        lang=lang, file=_display(po_path), total=total, translated=translated, fuzzy=fuzzy,
        missing=total - translated - fuzzy, obsolete=len(po.obsolete) + stale,
    )


@dataclass(frozen=True)
class CheckedTree:
    """The guides and catalogues ``assistant check`` (and the translator preview) read."""

    guides: Path | None
    """``None``: the guides the program itself uses (the installed ones)."""
    locales: Path
    checkout: bool
    """True for a checkout being edited (the current directory or ``--root``)."""

    def describe(self, t: Translator) -> str:
        """One line saying which files are checked."""
        if self.checkout:
            return t.gettext("Checking the guides and catalogues under {dir}",
                             dir=_display(self.locales.parent) or ".")
        return t.gettext("Checking the installed guides and catalogues ({dir})",
                         dir=str(self.locales.parent))


def checked_tree(root: Path | None = None, cwd: Path | None = None) -> CheckedTree:
    """``root``'s ``guides/`` and ``locales/``; without it, the current directory's when
    it holds both (a checkout being edited), else the installed ones (SPEC §4)."""
    installed = locales_dir()
    if root is None:
        here = cwd if cwd is not None else Path.cwd()
        if ((here / "guides").is_dir() and (here / "locales").is_dir()
                and (here / "locales").resolve() != installed.resolve()):
            root = here
    if root is not None:
        return CheckedTree(root / "guides", root / "locales", True)
    # The program's own files: a source checkout (editable install) is one being edited.
    return CheckedTree(None, installed, (installed.parent / "babel.cfg").is_file())


def _language_of_file(path: Path) -> str:
    """The language of a lone ``.po``: its ``<lang>/LC_MESSAGES`` folder, else its header."""
    if path.parent.name == "LC_MESSAGES":
        return path.parent.parent.name
    try:
        language = read_po_file(path).header_fields().get("Language", "")
    except (OSError, CatalogueError):
        language = ""
    return language.replace("-", "_") or path.stem


def _run(
    locales_root: Path | None, translator: Translator | None, only: Path | None = None
) -> tuple[list[Coverage], list[Problem]]:
    root = locales_root if locales_root is not None else locales_dir()
    report = _Report(translator or get_translator(SOURCE_LANGUAGE))
    template = _guarded(report, root, partial(_check_template, root, report))
    if only is not None:
        lang = _language_of_file(only)
        result = _guarded(report, only,
                          partial(_check_language, lang, root, template, report, only))
        return ([result] if result is not None else []), report.problems
    coverages = []
    for lang in language_folders(root, ()):
        result = _guarded(report, root / lang,
                          partial(_check_language, lang, root, template, report))
        if result is not None:
            coverages.append(result)
    return coverages, report.problems


def _guarded(report: _Report, where: Path, check: Callable[[], T]) -> T | None:
    """Run one check; a crash becomes a problem and the other checks still run."""
    try:
        return check()
    except Exception as error:  # noqa: BLE001 - one broken check must not hide the others
        report.add(where, 0, N_("internal error while checking: {error}"),
                   error=f"{type(error).__name__}: {error}")
        return None


def coverage(locales_root: Path | None = None, only: Path | None = None) -> list[Coverage]:
    """Per-language counts: translated, fuzzy, missing, obsolete (against the template)."""
    return _run(locales_root, None, only)[0]


def check_catalogues(
    locales_root: Path | None = None, translator: Translator | None = None,
    only: Path | None = None,
) -> list[Problem]:
    """Every problem of every catalogue, messages in ``translator``'s language.

    A language that is not completely translated also gets one warning with its
    coverage line (see :func:`coverage` for the counts themselves).
    """
    return check_and_count(locales_root, translator, only)[0]


def check_and_count(
    locales_root: Path | None = None, translator: Translator | None = None,
    only: Path | None = None,
) -> tuple[list[Problem], list[Coverage]]:
    """:func:`check_catalogues` and :func:`coverage` from one reading of the catalogues."""
    coverages, problems = _run(locales_root, translator, only)
    t = translator or get_translator(SOURCE_LANGUAGE)
    for item in coverages:
        if not item.complete:
            problems.append(Problem(item.file, 0, item.describe(t), Severity.WARNING))
    return problems, coverages
