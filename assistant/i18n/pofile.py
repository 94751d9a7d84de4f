"""A strict reader for gettext ``.po`` files, with the line of every message.

Babel's ``read_po`` forgives a lot (an unterminated string, a ``msgstr`` with no
``msgid``, two definitions of one message): fine for merging, not for deciding
whether a volunteer's file is safe to show. This reader refuses what GNU ``msgfmt``
refuses, names the line, and keeps what the checks need (flags, obsolete entries,
the line of each ``msgid``). Writing catalogues is left to Babel.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from assistant.i18n.markers import N_

_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)[ \t]*(\".*)$")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b",
            "f": "\f", "v": "\v"}
_OCTAL = re.compile(r"[0-7]{1,3}")
_HEX = re.compile(r"[0-9A-Fa-f]{1,2}")
_PLAIN = re.compile(r'[^"\\]*')


class CatalogueError(ValueError):
    """A catalogue that cannot be used; ``line`` is 1-based (0: the whole file)."""

    def __init__(
        self, reason: str, line: int = 0, path: Path | None = None, **fields: object
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        """English, marked for translation, with ``{fields}``."""
        self.fields = fields
        self.line = line
        self.path = path
        """The file, when the error is reported away from where it was read."""

    def render(self, gettext: Callable[..., str]) -> str:
        """The reason alone (no file or line) through ``gettext`` (such as ``t.gettext``)."""
        return gettext(self.reason, **self.fields)

    def at_line(self, line: int) -> CatalogueError:
        """The same error, placed on ``line`` (a header problem found in its fields)."""
        moved = copy.copy(self)
        moved.line = line
        return moved

    def __str__(self) -> str:
        reason = self.render(lambda text, **fields: text.format(**fields))
        where = f"{self.path}:{self.line}" if self.path and self.line else str(self.path or "")
        return f"{where}: {reason}" if where else reason


@dataclass
class PoEntry:
    """One message of a ``.po`` file."""

    line: int
    """1-based line of the ``msgid`` keyword."""
    msgid: str = ""
    context: str | None = None
    msgid_plural: str | None = None
    msgstr: list[str] = field(default_factory=list)
    """One string, or one per plural form."""
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False
    comments: list[str] = field(default_factory=list)
    """Translator comments (``# ...``) and extracted comments (``#. ...``)."""
    locations: list[str] = field(default_factory=list)
    """Where the English text comes from (``#: file:line``)."""
    previous: tuple[str, ...] = ()
    """The English a fuzzy entry was translated from (``#| msgid``, ``#| msgid_plural``)."""

    @property
    def key(self) -> tuple[str | None, str]:
        """What identifies the message: its context and its English text."""
        return (self.context, self.msgid)

    @property
    def fuzzy(self) -> bool:
        """Marked as needing review: never used at run time."""
        return "fuzzy" in self.flags

    @property
    def translated(self) -> bool:
        """Every form has a translation and the entry is not fuzzy."""
        return not self.fuzzy and bool(self.msgstr) and all(self.msgstr)


@dataclass
class PoFile:
    """A parsed ``.po`` file: its header and its messages, obsolete ones apart."""

    header: PoEntry | None
    entries: list[PoEntry]
    obsolete: list[PoEntry]
    errors: list[CatalogueError] = field(default_factory=list)
    """Messages that could not be read (``recover=True`` only): each names its line; the
    other messages are still there."""

    def header_fields(self) -> dict[str, str]:
        """The header's ``Name: value`` lines, names as written."""
        return header_fields(self.header.msgstr[0] if self.header and self.header.msgstr else "")

    def header_line(self, name: str) -> int:
        """The line of the header, for problems about the field ``name``."""
        return self.header.line if self.header else 1


def header_fields(text: str) -> dict[str, str]:
    """Parse a header's ``Name: value`` lines."""
    fields: dict[str, str] = {}
    for raw in text.split("\n"):
        name, sep, value = raw.partition(":")
        if sep and name.strip():
            fields[name.strip()] = value.strip()
    return fields


def _unquote(text: str, line: int) -> str:
    """The value of one C-style quoted string (the whole of ``text``)."""
    if not text.startswith('"'):
        raise CatalogueError(N_("expected a quoted string"), line)
    inside = text[1:-1]
    if len(text) > 1 and text[-1] == '"' and '"' not in inside and "\\" not in inside:
        return inside  # no escape: the common case, read without the loop below
    out: list[str] = []
    position = 1
    while position < len(text):
        plain = _PLAIN.match(text, position)
        if plain and plain.end() > position:
            out.append(plain.group())
            position = plain.end()
            continue
        char = text[position]
        if char == '"':
            if text[position + 1:].strip():
                raise CatalogueError(N_("unexpected text after the closing quote"), line)
            return "".join(out)
        if char == "\\":
            position += 1
            if position >= len(text):
                break
            escape = text[position]
            if escape in _ESCAPES:
                out.append(_ESCAPES[escape])
                position += 1
                continue
            number = _OCTAL.match(text, position)
            if number:
                out.append(chr(int(number.group(), 8)))
                position = number.end()
                continue
            if escape == "x" and (number := _HEX.match(text, position + 1)):
                out.append(chr(int(number.group(), 16)))
                position = number.end()
                continue
            raise CatalogueError(N_("invalid escape sequence \\{escape}"), line, escape=escape)
        out.append(char)
        position += 1
    raise CatalogueError(N_("unterminated string (missing closing quote)"), line)


class _Parser:
    def __init__(self) -> None:
        self.entries: list[PoEntry] = []
        self.current: PoEntry | None = None
        self.pending_flags: set[str] = set()
        self.pending_comments: list[str] = []
        self.pending_locations: list[str] = []
        self.pending_previous: list[str] = []
        self.last: str | None = None  # keyword that a continuation line extends
        self.keywords_line = 0

    def finish(self) -> None:
        entry = self.current
        if entry is not None:
            if entry.msgid_plural is not None and len(entry.msgstr) == 0:
                raise CatalogueError(N_("msgid_plural without msgstr[0]"), entry.line)
            if not entry.msgstr:
                raise CatalogueError(N_("msgid without msgstr"), entry.line or self.keywords_line)
            self.entries.append(entry)
        self.current = None
        self.last = None

    def drop(self) -> None:
        """Forget the message being read and what was pending for the next one."""
        self.current = None
        self.last = None
        self.pending_flags, self.pending_comments, self.pending_locations = set(), [], []
        self.pending_previous = []

    def start(self, line: int, obsolete: bool) -> PoEntry:
        entry = PoEntry(line=0, flags=self.pending_flags, obsolete=obsolete,
                        comments=self.pending_comments, locations=self.pending_locations,
                        previous=_previous(self.pending_previous))
        self.pending_flags, self.pending_comments, self.pending_locations = set(), [], []
        self.pending_previous = []
        self.keywords_line = line
        self.current = entry
        return entry

    def comment(self, text: str) -> None:
        if self.current is not None and self.current.msgstr:
            self.finish()
        elif self.current is not None:
            raise CatalogueError(
                N_("comment inside a message (before its msgstr)"), self.keywords_line
            )
        if text.startswith("#,"):
            self.pending_flags |= {f.strip() for f in text[2:].split(",") if f.strip()}
        elif text.startswith("#:"):
            self.pending_locations += text[2:].split()
        elif text.startswith("#."):
            self.pending_comments.append(text[2:].strip())
        elif text.startswith("# ") or text == "#":
            self.pending_comments.append(text[1:].strip())

    def keyword(self, text: str, line: int, obsolete: bool) -> None:
        match = _KEYWORD.match(text)
        if not match:
            raise CatalogueError(N_("unknown or misformatted keyword"), line)
        word, index, quoted = match.group(1), match.group(2), match.group(3)
        value = _unquote(quoted.rstrip(), line)
        entry = self.current
        if entry is not None and entry.msgstr and word in ("msgctxt", "msgid"):
            self.finish()
            entry = None
        if entry is None:
            if word not in ("msgctxt", "msgid"):
                raise CatalogueError(N_("{keyword} without msgid"), line, keyword=word)
            entry = self.start(line, obsolete)
        if entry.obsolete != obsolete:
            raise CatalogueError(N_("a message is partly obsolete (#~)"), line)
        if word == "msgctxt":
            if entry.context is not None or entry.line:
                raise CatalogueError(N_("msgctxt must come first in a message"), line)
            entry.context = value
        elif word == "msgid":
            if entry.line:
                raise CatalogueError(N_("msgid without msgstr"), entry.line)
            entry.line, entry.msgid = line, value
        elif not entry.line:
            raise CatalogueError(N_("{keyword} without msgid"), line, keyword=word)
        elif word == "msgid_plural":
            if entry.msgid_plural is not None or entry.msgstr:
                raise CatalogueError(N_("misplaced msgid_plural"), line)
            entry.msgid_plural = value
        elif index is None:
            if entry.msgid_plural is not None:
                raise CatalogueError(N_("a plural message needs msgstr[0], msgstr[1]..."), line)
            if entry.msgstr:
                raise CatalogueError(N_("two msgstr for one msgid"), line)
            entry.msgstr.append(value)
        else:
            if entry.msgid_plural is None:
                raise CatalogueError(N_("msgstr[N] without msgid_plural"), line)
            if int(index) != len(entry.msgstr):
                raise CatalogueError(N_("expected msgstr[{expected}], found msgstr[{found}]"),
                                     line, expected=len(entry.msgstr), found=index)
            entry.msgstr.append(value)
        self.last = word

    def continuation(self, text: str, line: int) -> None:
        entry = self.current
        if entry is None or self.last is None:
            raise CatalogueError(N_("a string outside any message"), line)
        value = _unquote(text.rstrip(), line)
        if self.last == "msgctxt":
            entry.context = (entry.context or "") + value
        elif self.last == "msgid":
            entry.msgid += value
        elif self.last == "msgid_plural":
            entry.msgid_plural = (entry.msgid_plural or "") + value
        else:
            entry.msgstr[-1] += value


def parse_po(data: bytes, *, recover: bool = False) -> PoFile:
    """Parse the bytes of a ``.po`` file; raises :class:`CatalogueError` naming the line.

    With ``recover``, a message that cannot be read is skipped (up to the next blank
    line) and listed in :attr:`PoFile.errors`: the rest of the catalogue still works.
    A file that is not UTF-8 text is refused whole either way.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        raise CatalogueError(N_("starts with a byte-order mark: save it as UTF-8 without BOM"), 1)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CatalogueError(N_("not UTF-8 text"), line) from None
    parser = _Parser()
    errors: list[CatalogueError] = []
    skipping = False
    for number, raw in enumerate(text.split("\n"), 1):
        stripped = raw.strip()
        if not stripped:
            skipping = False
            continue  # as in GNU gettext, blank lines separate nothing by themselves
        if skipping:
            continue
        try:
            _line(parser, stripped, number)
        except CatalogueError as error:
            if not recover:
                raise
            errors.append(error)
            parser.drop()
            skipping = True
    try:
        parser.finish()
    except CatalogueError as error:
        if not recover:
            raise
        errors.append(error)
    po = _assemble(parser.entries, errors if recover else None)
    po.errors = errors
    return po


def _line(parser: _Parser, stripped: str, number: int) -> None:
    obsolete = stripped.startswith("#~")
    if obsolete:
        stripped = stripped[2:].strip()
        if not stripped:
            return
    if stripped.startswith(("#|", "|")):
        # Only a comment: read leniently (Babel's --previous wraps it without quotes).
        if not obsolete:
            parser.comment("#|")
        parser.pending_previous.append(stripped.lstrip("#").lstrip("|").strip())
    elif stripped.startswith("#"):
        parser.comment(stripped)
    elif stripped.startswith('"'):
        parser.continuation(stripped, number)
    else:
        parser.keyword(stripped, number, obsolete)


_PREVIOUS = re.compile(r'(msgctxt|msgid_plural|msgid)\s*((?:"(?:[^"\\]|\\.)*"\s*)+)')
_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"')


def _previous(lines: list[str]) -> tuple[str, ...]:
    """``(msgid, msgid_plural)`` from the ``#|`` lines of one entry; ``()`` if unreadable.

    The lines are joined with a space: Babel 2.18 wraps ``#| msgid`` at a space inside
    the quotes, and GNU writes one quoted piece a line, so both read back the same.
    """
    found: dict[str, str] = {}
    for match in _PREVIOUS.finditer(" ".join(lines)):
        try:
            found[match.group(1)] = "".join(
                _unquote(piece, 0) for piece in _QUOTED.findall(match.group(2)))
        except CatalogueError:
            return ()
    if "msgid" not in found:
        return ()
    return (found["msgid"], found["msgid_plural"]) if "msgid_plural" in found else (
        found["msgid"],)


def _assemble(entries: list[PoEntry], errors: list[CatalogueError] | None = None) -> PoFile:
    header: PoEntry | None = None
    live: list[PoEntry] = []
    obsolete: list[PoEntry] = []
    seen: dict[tuple[str | None, str], int] = {}
    for entry in entries:
        if entry.obsolete:
            obsolete.append(entry)
            continue
        if entry.msgid == "" and entry.context is None:
            if header is not None or live:
                problem = CatalogueError(
                    N_("empty msgid: only the header (the first entry) may have one"), entry.line
                )
                if errors is None:
                    raise problem
                errors.append(problem)
                continue
            header = entry
            continue
        if entry.key in seen:
            problem = CatalogueError(N_("duplicate message (first defined on line {first})"),
                                     entry.line, first=seen[entry.key])
            if errors is None:
                raise problem
            errors.append(problem)
            continue
        seen[entry.key] = entry.line
        live.append(entry)
    return PoFile(header, live, obsolete)


def read_po_file(path: Path, *, recover: bool = False) -> PoFile:
    """Read and parse ``path``; raises :class:`CatalogueError` (or ``OSError``)."""
    return parse_po(path.read_bytes(), recover=recover)
