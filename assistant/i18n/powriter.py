"""Writing ``.po`` files byte for byte as GNU ``msgmerge`` and ``msgcat`` write them.

Translators' tools (Poedit, Weblate, Lokalize) run GNU gettext on the catalogue: if
the project wrote it another way, every merge would rewrap hundreds of lines. This
writer follows ``write-po.c`` of GNU gettext 0.21: a page width of 79 columns, a
string that does not fit (or holds a ``\\n`` before its end) starts with ``""``, lines
break where the Unicode line-breaking algorithm (UAX #14, as gnulib implements it)
allows, the header fields in msgmerge's order, ``fuzzy`` first among the flags.

Only the line-break classes of the characters catalogues use are told apart; any
other character counts as a letter (class AL), which is what it is for most scripts.
A test compares the result with ``msgcat`` and ``msgmerge`` where they are installed.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

from babel.messages.catalog import Catalog, Message

PAGE_WIDTH = 79
"""GNU gettext's default page width."""

HEADER_ORDER = (
    "Project-Id-Version", "Report-Msgid-Bugs-To", "POT-Creation-Date", "PO-Revision-Date",
    "Last-Translator", "Language-Team", "Language", "MIME-Version", "Content-Type",
    "Content-Transfer-Encoding", "Plural-Forms",
)
"""The header fields in the order msgmerge writes them; others follow as they came."""

FORMAT_FLAGS = (
    "c-format", "objc-format", "c++-format", "python-format", "python-brace-format",
    "java-format", "java-printf-format", "csharp-format", "javascript-format",
    "scheme-format", "lisp-format", "elisp-format", "librep-format", "ruby-format",
    "sh-format", "awk-format", "lua-format", "object-pascal-format", "smalltalk-format",
    "qt-format", "qt-plural-format", "kde-format", "kde-kuit-format", "boost-format",
    "tcl-format", "perl-format", "perl-brace-format", "php-format", "gcc-internal-format",
    "gfc-internal-format", "ycp-format",
)
"""The format flags GNU gettext knows, in the order it writes them."""

_ESCAPES = {"\a": "a", "\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t", "\v": "v",
            "\\": "\\", '"': '"'}

# Line-break classes (UAX #14) of the characters that matter in Latin-script text.
_CLASSES = {
    " ": "SP", "\u00a0": "GL", "\u202f": "GL", "\u2007": "GL", "\u2060": "WJ", "\ufeff": "WJ",
    "\u200b": "ZW", "-": "HY", "\u2010": "BA", "\u2012": "BA", "\u2013": "BA", "|": "BA",
    "\u2022": "BA", "\u2014": "B2", ",": "IS", ".": "IS", ":": "IS", ";": "IS",
    "!": "EX", "?": "EX", ")": "CP", "]": "CP", "}": "CL", "(": "OP", "[": "OP", "{": "OP",
    "«": "QU", "»": "QU", '"': "QU", "'": "QU", "\u2018": "QU", "\u2019": "QU",
    "\u201c": "QU", "\u201d": "QU", "\u2039": "QU", "\u203a": "QU",
    "\\": "PR", "$": "PR", "+": "PR", "£": "PR", "€": "PR", "¥": "PR", "%": "PO",
    "°": "PO", "/": "SY", "\u2026": "IN",
}
_NUMERIC_BEFORE = {"PR", "PO", "HY", "IS", "NU", "SY"}  # x × NU (LB25)


def _class(char: str) -> str:
    found = _CLASSES.get(char)
    if found:
        return found
    if "0" <= char <= "9":
        return "NU"
    if unicodedata.combining(char):
        return "CM"
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return "ID"
    return "AL"


def _pair(before: str, after: str) -> str:
    """The gnulib pair table: ``D`` break, ``I`` break only across spaces, ``P`` never."""
    if after in ("CL", "CP", "EX", "IS", "SY") or after == "WJ" or before == "WJ":
        return "P"  # LB13, LB11
    if before == "OP":
        return "P"  # LB14
    if before == "QU" and after == "OP":
        return "P"  # LB15
    if before in ("CL", "CP") and after == "NS":
        return "P"  # LB16
    if before == "B2" and after == "B2":
        return "P"  # LB17
    if after == "GL":
        return "D" if before in ("BA", "HY") else "I"  # LB12a
    if before == "GL":
        return "I"  # LB12
    if before == "QU" or after == "QU":
        return "I"  # LB19
    if after in ("BA", "HY", "NS", "CM"):
        return "I"  # LB21
    if after == "IN":
        return "I"  # LB22
    if (before, after) in {("AL", "NU"), ("NU", "AL"), ("PR", "ID"), ("ID", "PO"),
                           ("PR", "AL"), ("PO", "AL"), ("AL", "PR"), ("AL", "PO"),
                           ("NU", "PO"), ("NU", "PR"), ("CL", "PO"), ("CP", "PO"),
                           ("CL", "PR"), ("CP", "PR"), ("PR", "OP"), ("PO", "OP"),
                           ("AL", "AL"), ("AL", "OP"), ("NU", "OP"),
                           ("CP", "AL"), ("CP", "NU")}:
        return "I"  # LB23-LB30
    if after == "NU" and before in _NUMERIC_BEFORE:
        return "I"  # LB25
    return "D"  # LB31


def _possible_breaks(text: str) -> list[bool]:
    """Where a line may break: ``breaks[i]`` is a break before ``text[i]``."""
    breaks = [False] * len(text)
    last: str | None = None
    seen_space = False
    for index, char in enumerate(text):
        kind = _class(char)
        if kind == "SP":
            seen_space = True
            continue
        if kind == "CM" and last is not None and not seen_space:
            continue  # LB9: a combining mark belongs to its base
        if last is None:
            last = "AL" if kind == "CM" else kind
            seen_space = False
            continue
        if kind == "ZW" or last == "ZW":
            breaks[index] = last == "ZW"
        else:
            rule = _pair(last, "AL" if kind == "CM" else kind)
            breaks[index] = rule == "D" or (rule == "I" and seen_space)
        last, seen_space = ("AL" if kind == "CM" else kind), False
    return breaks


def _width(char: str) -> int:
    if unicodedata.combining(char) or char in "\u200b\u2060\ufeff":
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def _lines(portion: str, allowed: list[bool], width: int, start: int) -> list[int]:
    """Greedy wrapping as gnulib's ``u8_width_linebreaks``: the indexes to break before."""
    chosen: list[int] = []
    last_break: int | None = None
    column, piece = start, 0
    for index, char in enumerate(portion):
        if allowed[index]:
            if last_break is not None and column + piece > width:
                chosen.append(last_break)
                column = 0
            last_break = index
            column += piece
            piece = 0
        piece += _width(char)
    if last_break is not None and column + piece > width:
        chosen.append(last_break)
    return chosen


def _escaped(portion: str) -> tuple[str, list[bool]]:
    """The portion with C escapes, and where its original line breaking applies."""
    out: list[str] = []
    forbid: list[bool] = []
    for char in portion:
        name = _ESCAPES.get(char)
        if name is None:
            out.append(char)
            forbid.append(False)
        else:
            out += ["\\", name]
            forbid += [False, True]
    if portion.endswith("\n"):
        forbid[-2] = True  # never break just before the final \n
    return "".join(out), forbid


def wrap(name: str, value: str, prefix: str = "") -> list[str]:
    """The lines of ``name "value"`` (``msgid``, ``msgstr[0]``…), each with ``prefix``."""
    portions: list[str] = []
    rest = value
    while True:
        cut = rest.find("\n")
        if cut < 0:
            portions.append(rest)
            break
        portions.append(rest[: cut + 1])
        rest = rest[cut + 1:]
        if not rest:
            break
    after_break = len(prefix) + 1
    width = PAGE_WIDTH - 1 - after_break
    lines: list[str] = []
    first = True
    for number, portion in enumerate(portions):
        text, forbid = _escaped(portion)
        allowed = [ok and not no for ok, no in zip(_possible_breaks(text), forbid, strict=True)]
        start = (len(prefix) + len(name) + 1 + 1 - after_break) if first else 0
        breaks = _lines(text, allowed, width, start)
        more = number + 1 < len(portions)
        if first and text and (more or start > width or breaks):
            lines.append(f'{prefix}{name} ""')
            first = False
            start = 0
            breaks = _lines(text, allowed, width, start)
        pieces = [text[a:b] for a, b in zip([0, *breaks], [*breaks, len(text)], strict=True)]
        for piece_number, piece in enumerate(pieces):
            head = f"{prefix}{name} " if first and piece_number == 0 else prefix
            lines.append(f'{head}"{piece}"')
        first = False
    return lines


def _locations(locations: Iterable[tuple[str, int | None]]) -> list[str]:
    lines: list[str] = []
    current = "#:"
    for filename, lineno in locations:
        text = f"{filename}:{lineno}" if lineno is not None else filename
        if len(current) > 2 and len(current) + len(text) + 1 > PAGE_WIDTH:
            lines.append(current)
            current = "#:"
        current += " " + text
    if len(current) > 2:
        lines.append(current)
    return lines


def _flags(message: Message, translated: bool) -> list[str]:
    flags = [flag for flag in FORMAT_FLAGS if flag in message.flags]
    flags += [f"no-{flag}" for flag in FORMAT_FLAGS if f"no-{flag}" in message.flags]
    if "fuzzy" in message.flags and translated:
        flags.insert(0, "fuzzy")
    if "no-wrap" in message.flags:
        flags.append("no-wrap")
    return ["#, " + ", ".join(flags)] if flags else []


def _strings(message: Message) -> tuple[str, str | None, list[str]]:
    if isinstance(message.id, list | tuple):
        singular, plural = str(message.id[0]), str(message.id[1])
        forms = list(message.string) if isinstance(message.string, list | tuple) else [
            str(message.string or "")]
        return singular, plural, [str(form or "") for form in forms]
    return str(message.id), None, [str(message.string or "")]


def _entry(message: Message, prefix: str, *, locations: bool, nplurals: int) -> list[str]:
    singular, plural, forms = _strings(message)
    if plural is not None and len(forms) < nplurals:
        forms += [""] * (nplurals - len(forms))
    translated = any(forms)
    lines = ["#" + (" " + c if c else "") for comment in message.user_comments
             for c in comment.split("\n")]
    if not prefix:
        lines += ["#." + (" " + c if c else "") for comment in message.auto_comments
                  for c in comment.split("\n")]
    if locations:
        lines += _locations(message.locations)
    lines += _flags(message, translated)
    previous = list(message.previous_id or [])
    if previous and "fuzzy" in message.flags:
        mark = "#~| " if prefix else "#| "
        lines += wrap("msgid", str(previous[0]), mark)
        if len(previous) > 1:
            lines += wrap("msgid_plural", str(previous[1]), mark)
    if message.context is not None:
        lines += wrap("msgctxt", str(message.context), prefix)
    lines += wrap("msgid", singular, prefix)
    if plural is None:
        lines += wrap("msgstr", forms[0], prefix)
    else:
        lines += wrap("msgid_plural", plural, prefix)
        for index, form in enumerate(forms):
            lines += wrap(f"msgstr[{index}]", form, prefix)
    return lines


def header_text(fields: Sequence[tuple[str, str]]) -> str:
    """The header's ``msgstr``: known fields in msgmerge's order, then the others."""
    known = {name: value for name, value in fields if name in HEADER_ORDER}
    ordered = [(name, known[name]) for name in HEADER_ORDER if name in known]
    ordered += [(name, value) for name, value in fields if name not in HEADER_ORDER]
    return "".join(f"{name}: {value}\n" for name, value in ordered)


def write_po(catalog: Catalog, header_fields: Sequence[tuple[str, str]]) -> bytes:
    """The ``.po`` bytes of ``catalog`` as msgmerge would write them.

    ``header_fields`` replaces Babel's header (so the caller decides every field).
    """
    blocks: list[list[str]] = []
    head = [line if line.startswith("#") else f"# {line}"
            for line in catalog.header_comment.split("\n") if line]
    head = [line.rstrip() if line.strip() == "#" else line for line in head]
    head += wrap("msgid", "")
    head += wrap("msgstr", header_text(header_fields))
    blocks.append(head)
    nplurals = catalog.num_plurals
    for message in catalog:
        if not message.id:
            continue
        blocks.append(_entry(message, "", locations=True, nplurals=nplurals))
    for message in catalog.obsolete.values():
        blocks.append(_entry(message, "#~ ", locations=False, nplurals=nplurals))
    return ("\n\n".join("\n".join(block) for block in blocks) + "\n").encode("utf-8")
