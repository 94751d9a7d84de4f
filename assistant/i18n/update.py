"""``python -m assistant.i18n.update``: extract, merge, fill from fragments, compile.

1. Extract ``locales/assistant.pot`` from the sources and guides with ``babel.cfg``
   (the same result as ``pybabel extract -F babel.cfg -o locales/assistant.pot .``).
2. Update each ``locales/<lang>/LC_MESSAGES/assistant.po`` from it: translations are
   kept, vanished messages become obsolete (``#~``; ``--drop-obsolete`` removes them),
   near matches are proposed but marked fuzzy (so ``assistant check`` flags them and
   they are never shown).
3. Fill what is still untranslated or fuzzy from ``locales/<lang>/fragments/*.po``
   (same ``msgctxt`` and ``msgid``). A fragment that disagrees with a translation
   already in the catalogue is reported, not applied (``--prefer-fragments`` applies it).
4. Write an explicit header (``Language``, the pinned ``Plural-Forms``) and compile
   the ``.mo``.

Files are rewritten only when their content changes (dates aside), so running it
twice changes nothing. Run from a source checkout; ``--check`` writes nothing and
exits 1 when something is out of date. Messages are for maintainers, in English.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from babel import Locale
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from assistant import __version__
from assistant.i18n.catalogue import (
    DIGEST_FIELD,
    DOMAIN,
    PLURAL_FORMS,
    catalogue_paths,
    language_folders,
    po_digest,
)
from assistant.i18n.fragments import read_fragments
from assistant.i18n.pofile import CatalogueError, PoFile, read_po_file
from assistant.i18n.powriter import write_po
from assistant.i18n.template import (
    PROJECT,
    ExtractionError,
    extract_template,
    render_template,
)

_REVISION = re.compile(rb'^"PO-Revision-Date: [^"]*"\n', re.MULTILINE)


class Update:
    """One run over the project: what changed, and what the maintainer should know."""

    def __init__(self, root: Path, *, check: bool = False, prefer_fragments: bool = False,
                 drop_obsolete: bool = False, out: TextIO = sys.stdout) -> None:
        self.root = root
        self.locales = root / "locales"
        self.check = check
        self.prefer_fragments = prefer_fragments
        self.drop_obsolete = drop_obsolete
        self.out = out
        self.stale: list[Path] = []
        self.failed = False

    def say(self, text: str) -> None:
        """One line for the maintainer."""
        self.out.write(text + "\n")

    def write(self, path: Path, data: bytes) -> None:
        """Write ``data`` unless ``--check`` (then remember the file is out of date)."""
        self.stale.append(path)
        if not self.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)

    def relative(self, path: Path) -> str:
        """``path`` as seen from the project root."""
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)

    # -- the steps ---------------------------------------------------------------------

    def template(self) -> Catalog:
        """Extract the template; rewrite ``assistant.pot`` only when its messages changed."""
        path = self.locales / f"{DOMAIN}.pot"
        template = extract_template(self.root)
        previous = path.read_bytes() if path.is_file() else None
        if previous is not None:
            old = read_po(io.BytesIO(previous))
            template.creation_date = old.creation_date
            if render_template(template) == previous:
                self.say(f"{self.relative(path)}: {len(template)} messages, unchanged")
                return _as_written(previous)
        template.creation_date = datetime.now(UTC)
        data = render_template(template)
        self.write(path, data)
        self.say(f"{self.relative(path)}: {len(template)} messages, updated")
        return _as_written(data)

    def languages(self) -> list[str]:
        """Every language with a folder under ``locales/``, and every one we speak."""
        return language_folders(self.locales, ())

    def catalogue(self, lang: str, template: Catalog) -> None:
        """Update, fill and compile the catalogue of ``lang``."""
        po_path, mo_path = catalogue_paths(lang, self.locales)
        previous = po_path.read_bytes() if po_path.is_file() else None
        if previous is not None:
            try:
                strict = read_po_file(po_path)  # strict: never rewrite a file we misread
            except CatalogueError as error:
                error.path = Path(self.relative(po_path))
                self.say(f"{error}; not updated, fix it first")
                self.failed = True
                return
            catalog = read_po(io.BytesIO(previous), locale=lang)
        else:
            strict = None
            catalog = Catalog(locale=lang, charset="utf-8")
        self.header(catalog, lang)
        catalog.update(template, update_creation_date=True)
        if strict is not None:
            _keep_previous(catalog, strict)
        if self.drop_obsolete:
            catalog.obsolete.clear()
        self.header(catalog, lang)
        self.fill(lang, catalog)
        _settle_format_flags(catalog)
        catalog.msgid_bugs_address = template.msgid_bugs_address
        data = self.render(catalog, previous)
        if data != previous:
            self.write(po_path, data)
        self.summary(po_path, catalog, changed=data != previous)
        compiled = compile_catalogue(data)
        old_mo = mo_path.read_bytes() if mo_path.is_file() else None
        # By content only: a fresh clone may write the .mo before the .po.
        if compiled != old_mo:
            self.write(mo_path, compiled)
            self.say(f"{self.relative(mo_path)}: compiled")

    def header(self, catalog: Catalog, lang: str) -> None:
        """The explicit header: project, language, team, the pinned plural forms."""
        catalog.project = PROJECT
        catalog.version = __version__
        catalog.fuzzy = False
        catalog.charset = "utf-8"
        name = Locale.parse(lang).english_name or lang
        if "FIRST AUTHOR" in catalog.header_comment or not catalog.header_comment.strip("#\n "):
            catalog.header_comment = (
                f"# {name} translation of {PROJECT}.\n"
                f"# This file is distributed under the same license as {PROJECT}.\n#"
            )
        if not catalog.last_translator or "EMAIL@ADDRESS" in catalog.last_translator:
            catalog.last_translator = f"{name} translators of {PROJECT}"
        if not catalog.language_team or "LL@li.org" in catalog.language_team:
            catalog.language_team = name
        plural_forms = PLURAL_FORMS.get(lang)
        if plural_forms:
            catalog.mime_headers = [("Plural-Forms", plural_forms)]

    def fill(self, lang: str, catalog: Catalog) -> None:
        """Take translations from the fragments for messages still untranslated or fuzzy."""
        fragments, problems = read_fragments(self.locales / lang / "fragments", self.root)
        for problem in problems:
            self.say(problem)
        used: set[tuple[str | None, str]] = set()
        filled = conflicts = 0
        for message in catalog:
            if not message.id:
                continue
            key = (message.context, _singular(message))
            fragment = fragments.get(key)
            if fragment is None:
                continue
            used.add(key)
            strings = fragment.strings(message.pluralizable, catalog.num_plurals)
            if strings is None:
                self.say(f"{fragment.where}: its forms do not fit the template's; skipped")
                continue
            current = message.string
            translated = _complete(message)
            if translated and not message.fuzzy and current != strings:
                if not self.prefer_fragments:
                    conflicts += 1
                    self.say(f"{fragment.where}: differs from the catalogue's translation; "
                             "kept the catalogue's (--prefer-fragments to take it)")
                    continue
            elif translated and not message.fuzzy:
                continue
            message.string = strings
            message.flags.discard("fuzzy")
            message.previous_id = []
            filled += 1
        unused = [f for key, f in fragments.items() if key not in used]
        for fragment in unused:
            self.say(f"{fragment.where}: “{_excerpt(fragment.key[1])}” is not in the template "
                     "(obsolete, or the msgid differs)")
        if fragments:
            self.say(f"{lang}: {filled} filled from fragments, {conflicts} conflicts, "
                     f"{len(unused)} unused fragment entries")

    def render(self, catalog: Catalog, previous: bytes | None) -> bytes:
        """The ``.po`` bytes; the revision date moves only when something else changed."""
        if previous is not None:
            old = read_po(io.BytesIO(previous))
            catalog.revision_date = old.revision_date
            data = _write(catalog)
            if _REVISION.sub(b"", data) == _REVISION.sub(b"", previous):
                return previous
        catalog.revision_date = datetime.now(UTC)
        return _write(catalog)

    def summary(self, path: Path, catalog: Catalog, changed: bool) -> None:
        """One line: how complete the catalogue is."""
        messages = [m for m in catalog if m.id]
        fuzzy = sum(1 for m in messages if m.fuzzy)
        done = sum(1 for m in messages if not m.fuzzy and _complete(m))
        self.say(
            f"{self.relative(path)}: {done} of {len(messages)} translated, "
            f"{fuzzy} fuzzy (near matches to review), "
            f"{len(catalog.obsolete)} obsolete, {'updated' if changed else 'unchanged'}"
        )

    def run(self) -> int:
        """Every step; the exit code (1: something failed, or is out of date with --check)."""
        try:
            template = self.template()
        except ExtractionError as error:
            self.say(f"{error}; nothing written")
            return 1
        for lang in self.languages():
            self.catalogue(lang, template)
        if self.check and self.stale:
            self.say("out of date: " + ", ".join(self.relative(p) for p in self.stale))
            return 1
        return 1 if self.failed else 0


def _keep_previous(catalog: Catalog, strict: PoFile) -> None:
    """The ``#| msgid`` of fuzzy entries, which Babel reads as a translator comment."""
    previous = {entry.key: entry.previous for entry in [*strict.entries, *strict.obsolete]}
    for message in [*catalog, *catalog.obsolete.values()]:
        message.user_comments = [c for c in message.user_comments if not c.startswith("|")]
        found = previous.get((message.context, _singular(message)))
        if found and message.fuzzy and not message.previous_id:
            message.previous_id = list(found)


def _as_written(data: bytes) -> Catalog:
    """The template as msgmerge reads it from ``assistant.pot`` (locations in file order)."""
    return read_po(io.BytesIO(data))


def _settle_format_flags(catalog: Catalog) -> None:
    """Format flags that follow the English text, as Babel sets them when reading.

    A near match copies the old message's flags onto the new one; reading the file
    back then drops those that no longer apply. Settling them now keeps a second run
    from changing the file.
    """
    for message in catalog:
        if not message.id:
            continue
        for flag, applies in (("python-format", message.python_format),
                              ("python-brace-format", message.python_brace_format)):
            if applies:
                message.flags.add(flag)
            else:
                message.flags.discard(flag)


def _singular(message: Message) -> str:
    """The English singular of a message (its key with the context)."""
    return str(message.id[0] if isinstance(message.id, tuple | list) else message.id)


def _complete(message: Message) -> bool:
    """Every form of the message has a translation."""
    if isinstance(message.string, tuple | list):
        return all(message.string)
    return bool(message.string)


def _excerpt(text: str, limit: int = 50) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


class _Stamped:
    """A catalogue whose header, in the ``.mo`` only, names the digest of its ``.po``."""

    def __init__(self, catalog: Catalog, digest: str) -> None:
        self.catalog, self.digest = catalog, digest
        self.charset = catalog.charset

    def __iter__(self):  # type: ignore[no-untyped-def]
        messages = iter(self.catalog)
        header = next(messages).clone()
        header.string = f"{str(header.string).rstrip(chr(10))}\n{DIGEST_FIELD}: {self.digest}\n"
        yield header
        yield from messages


def compile_catalogue(po_data: bytes) -> bytes:
    """The ``.mo`` bytes of a ``.po``: complete, non-fuzzy translations only.

    Its header carries the digest of the ``.po`` (:data:`DIGEST_FIELD`), so whether the
    ``.mo`` is up to date is decided by content, never by file times.
    """
    catalog = read_po(io.BytesIO(po_data))
    for message in list(catalog)[1:]:
        if message.fuzzy or not _complete(message):
            catalog.delete(message.id, message.context)
    buffer = io.BytesIO()
    stamped = _Stamped(catalog, po_digest(po_data))
    write_mo(buffer, stamped, use_fuzzy=False)  # type: ignore[arg-type]
    return buffer.getvalue()


def _write(catalog: Catalog) -> bytes:
    """The catalogue as GNU msgmerge writes it (so Poedit and Weblate change nothing)."""
    fields = []
    for name, value in catalog.mime_headers:
        if name == "Content-Type":
            value = "text/plain; charset=UTF-8"
        fields.append((name, value.strip()))
    return write_po(catalog, fields)


def project_root() -> Path:
    """The source checkout this package runs from (where ``babel.cfg`` is)."""
    return Path(__file__).resolve().parents[2]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the update; return the exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m assistant.i18n.update",
        description="Extract the template, update and compile every catalogue.",
    )
    parser.add_argument("--root", type=Path, default=None,
                        help="project root (default: this checkout)")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if out of date")
    parser.add_argument("--prefer-fragments", action="store_true",
                        help="let fragments replace translations already in the catalogue")
    parser.add_argument("--drop-obsolete", action="store_true",
                        help="remove obsolete (#~) entries instead of keeping them")
    args = parser.parse_args(argv)
    root = (args.root or project_root()).resolve()
    if not (root / "babel.cfg").is_file():
        sys.stderr.write(f"{root}: no babel.cfg here; run from a source checkout or pass --root\n")
        return 2
    return Update(root, check=args.check, prefer_fragments=args.prefer_fragments,
                  drop_obsolete=args.drop_obsolete).run()


if __name__ == "__main__":
    raise SystemExit(main())

