"""Loading one language's translations, from the compiled ``.mo`` or the ``.po``.

Whatever the file, the result is :class:`Messages`: the usable translations (no fuzzy
or empty ones) and the plural rule of the header. Anything that makes a catalogue
unusable raises :class:`CatalogueError` with a one-line reason and, when known, the
line: a syntax error, a truncated or corrupt ``.mo``, a charset that is not UTF-8, a
fuzzy header, a missing or broken ``Plural-Forms``.
"""

from __future__ import annotations

import codecs
import gettext
import re
import struct
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from assistant.i18n.markers import N_
from assistant.i18n.pofile import CatalogueError, PoFile, header_fields, parse_po, read_po_file

DOMAIN = "assistant"
"""The gettext domain: ``assistant.pot``, ``<lang>/LC_MESSAGES/assistant.po``."""

SOURCE_LANGUAGE = "en"
"""The language of the source text (and the fallback for everything)."""

PLURAL_FORMS = {"fr": "nplurals=2; plural=(n > 1);"}
"""The ``Plural-Forms`` header each language must carry, pinned.

Written out rather than taken from Babel: Babel's next release gives French three
forms (CLDR's "many"), which would silently change what translators must write.
"""

DIGEST_FIELD = "X-PO-Digest"
"""The ``.mo`` header field naming the SHA-256 of the ``.po`` it was compiled from."""

_MO_MAGIC = 0x950412DE
_LANGUAGE_FOLDER = re.compile(r"[a-z]{2,3}(?:_[A-Z]{2})?")
_PLURAL_FORMS = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*$")
_MAX_PLURAL_LENGTH = 200

Key = tuple[str | None, str]
"""A message's context (or ``None``) and English text."""


@dataclass(frozen=True)
class PluralRule:
    """How many forms a language has and which one a number takes."""

    nplurals: int
    expression: str
    choose: Callable[[int], int]

    def index(self, n: int) -> int:
        """The form for ``n`` (clamped, so a wild rule never indexes out of range)."""
        return min(max(self.choose(n), 0), self.nplurals - 1)


def parse_plural_forms(value: str | None) -> PluralRule:
    """Parse a ``Plural-Forms`` header value; raises :class:`CatalogueError`."""
    if value is None:
        raise CatalogueError(N_("the header has no Plural-Forms"))
    if not value.strip():
        raise CatalogueError(N_("the header's Plural-Forms is empty"))
    match = _PLURAL_FORMS.match(value)
    if not match:
        raise CatalogueError(
            N_("Plural-Forms “{value}”: expected `nplurals=N; plural=EXPR;`"), value=value
        )
    nplurals, expression = int(match.group(1)), match.group(2)
    if not 1 <= nplurals <= 6 or len(expression) > _MAX_PLURAL_LENGTH:
        raise CatalogueError(N_("Plural-Forms “{value}”: unreasonable"), value=value)
    try:
        # gettext.c2py tokenises the C expression and refuses anything but C
        # arithmetic on n: it never evaluates arbitrary Python.
        choose = gettext.c2py(expression)
        forms = {choose(n) for n in (*range(0, 201), 1000, 1_000_000)}
    except Exception as error:  # noqa: BLE001 - any failure means a broken header
        raise CatalogueError(
            N_("Plural-Forms “{value}”: {problem}"), value=value, problem=str(error)
        ) from None
    if not forms <= set(range(nplurals)):
        raise CatalogueError(
            N_("Plural-Forms “{value}”: the rule gives a form beyond nplurals"), value=value
        )
    return PluralRule(nplurals, expression, choose)


def check_charset(content_type: str | None) -> None:
    """Refuse a catalogue that does not declare UTF-8 (or declares nothing usable)."""
    found = re.search(r"charset\s*=\s*([^\s;]+)", content_type or "")
    if not found:
        raise CatalogueError(N_("the header's Content-Type names no charset (expected UTF-8)"))
    charset = found.group(1)
    try:
        name = codecs.lookup(charset).name
    except LookupError:
        raise CatalogueError(
            N_("unknown charset “{charset}” (expected UTF-8)"), charset=charset
        ) from None
    if name != "utf-8":
        raise CatalogueError(N_("charset “{charset}”: expected UTF-8"), charset=charset)


@dataclass(frozen=True)
class Messages:
    """The usable translations of one catalogue file."""

    path: Path
    entries: Mapping[Key, tuple[str, ...]]
    """Translated forms by (context, English singular): one, or ``nplurals``."""
    plural: PluralRule
    digest: str | None = None
    """For a ``.mo``: the digest of the ``.po`` it was compiled from, when it says."""
    skipped: tuple[CatalogueError, ...] = ()
    """Messages of a ``.po`` that could not be read (shown in English), with their line."""


def po_digest(data: bytes) -> str:
    """The digest that ties a ``.mo`` to the exact bytes of its ``.po``."""
    import hashlib

    return hashlib.sha256(data).hexdigest()


def messages_from_po(po: PoFile, path: Path) -> Messages:
    """The usable translations of a parsed ``.po`` (header checked)."""
    if po.header is None:
        raise CatalogueError(N_("no header (the first entry, with an empty msgid)"), 1)
    line = po.header.line
    if po.header.fuzzy:
        raise CatalogueError(N_("the header is marked fuzzy"), line)
    fields = po.header_fields()
    try:
        check_charset(fields.get("Content-Type"))
        rule = parse_plural_forms(fields.get("Plural-Forms"))
    except CatalogueError as error:
        raise error.at_line(line) from None
    entries: dict[Key, tuple[str, ...]] = {}
    for entry in po.entries:
        if not entry.translated:
            continue
        if entry.msgid_plural is not None and len(entry.msgstr) != rule.nplurals:
            continue  # the checks report it; English is shown meanwhile
        entries[entry.key] = tuple(entry.msgstr)
    return Messages(path, entries, rule, skipped=tuple(po.errors))


def read_po_messages(path: Path) -> Messages:
    """Load ``path`` (a ``.po``); raises :class:`CatalogueError` or ``OSError``."""
    return messages_from_po(read_po_file(path, recover=True), path)


def read_mo_messages(path: Path) -> Messages:
    """Load ``path`` (a compiled ``.mo``); raises :class:`CatalogueError` or ``OSError``."""
    data = path.read_bytes()
    if len(data) < 20:
        raise CatalogueError(N_("truncated: too short for a .mo file"))
    for order in ("<", ">"):
        if struct.unpack(f"{order}I", data[:4])[0] == _MO_MAGIC:
            break
    else:
        raise CatalogueError(N_("not a .mo file (bad magic number)"))
    revision, count, ids_at, strs_at = struct.unpack(f"{order}4I", data[4:20])
    if revision >> 16 not in (0, 1):
        raise CatalogueError(N_("unsupported .mo revision {revision}"), revision=revision >> 16)
    if max(ids_at, strs_at) + 8 * count > len(data):
        raise CatalogueError(N_("truncated: the string tables run past the end"))

    def string(table: int, index: int) -> bytes:
        length, offset = struct.unpack(f"{order}2I", data[table + 8 * index: table + 8 * index + 8])
        if offset + length > len(data):
            raise CatalogueError(N_("truncated: a string runs past the end"))
        return data[offset: offset + length]

    raw = [(string(ids_at, i), string(strs_at, i)) for i in range(count)]
    header = next((value for key, value in raw if key == b""), None)
    if header is None:
        raise CatalogueError(N_("no header entry (was the header fuzzy when it was compiled?)"))
    try:
        fields = header_fields(header.decode("utf-8"))
    except UnicodeDecodeError:
        raise CatalogueError(N_("the header is not UTF-8")) from None
    check_charset(fields.get("Content-Type"))
    rule = parse_plural_forms(fields.get("Plural-Forms"))
    digest = fields.get(DIGEST_FIELD)
    entries: dict[Key, tuple[str, ...]] = {}
    try:
        for key, value in raw:
            if key == b"":
                continue
            text = key.decode("utf-8")
            context, sep, msgid = text.rpartition("\x04")
            forms = tuple(value.decode("utf-8").split("\x00"))
            singular, _, plural = msgid.partition("\x00")
            if plural and len(forms) != rule.nplurals:
                continue
            if all(forms):
                entries[(context if sep else None, singular)] = forms
    except UnicodeDecodeError:
        raise CatalogueError(N_("a message is not UTF-8")) from None
    return Messages(path, entries, rule, digest)


def language_folders(root: Path, languages: tuple[str, ...]) -> list[str]:
    """The languages to translate into: each of ``languages`` and every folder under ``root``
    named like a language (``fr``, ``pt_BR``)."""
    found = {path.name for path in root.iterdir() if path.is_dir()} if root.is_dir() else set()
    return sorted(set(languages) | {name for name in found if _LANGUAGE_FOLDER.fullmatch(name)})


def available_languages(root: Path) -> tuple[str, ...]:
    """English, then every language that has a catalogue (``.po`` or ``.mo``) under ``root``.

    Adding a language is creating its catalogue (``pybabel init``, or the update tool
    after ``mkdir locales/<code>``): no code names the languages.
    """
    found = [
        lang for lang in language_folders(root, ())
        if lang != SOURCE_LANGUAGE and any(path.is_file() for path in catalogue_paths(lang, root))
    ]
    return (SOURCE_LANGUAGE, *found)


def language_name(lang: str) -> str:
    """The language's name in itself (``Français``, ``Deutsch``), for pickers and headings."""
    try:
        from babel import Locale

        name = Locale.parse(lang).get_display_name(lang) or lang
    except Exception:  # noqa: BLE001 - an unknown code is shown as itself
        return lang
    return name[:1].upper() + name[1:]


def catalogue_paths(lang: str, root: Path) -> tuple[Path, Path]:
    """The ``.po`` and ``.mo`` of ``lang`` under the locales directory ``root``."""
    folder = root / lang / "LC_MESSAGES"
    return folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"


def load_messages(lang: str, root: Path) -> Messages:
    """The translations of ``lang``: the ``.mo``, unless the ``.po`` was edited since.

    Decided by content, never by file times (a fresh clone writes files in any order):
    a ``.mo`` compiled by the update tool names the digest of its ``.po``; when the
    ``.po`` no longer has it, the ``.po`` is read. A ``.mo`` from another compiler
    (msgfmt, Poedit) is trusted. Raises :class:`CatalogueError` (``OSError`` too).
    """
    po, mo = catalogue_paths(lang, root)
    if not mo.is_file() and not po.is_file():
        raise CatalogueError(
            N_("no catalogue (neither assistant.po nor assistant.mo)"), 0, po.parent
        )
    path = mo if mo.is_file() else po
    try:
        if path == mo:
            compiled = read_mo_messages(mo)
            if compiled.digest is None or not po.is_file():
                return compiled
            data = po.read_bytes()
            if po_digest(data) == compiled.digest:
                return compiled
            path = po
            return messages_from_po(parse_po(data, recover=True), po)
        return read_po_messages(po)
    except OSError as error:
        raise CatalogueError(
            N_("cannot read the file ({error})"), 0, path, error=error.strerror or str(error)
        ) from None
    except CatalogueError as error:
        error.path = path
        raise
