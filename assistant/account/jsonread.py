"""Parsing snapshot text as hostile JSON, to name what is wrong with it.

The compiled reader (:mod:`assistant.account.reader`) decodes valid snapshots; the
text it cannot vouch for is parsed here for :mod:`assistant.account.validation`:
its size and encoding are checked with messages that say what is wrong, and values
a snapshot never holds (``NaN``, numbers of more digits than the schema allows, keys
given twice) are kept as markers so that the validator can name the field they sit
in. Python's own parser is used on purpose: it keeps every key, and its errors give
a line and a column.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from assistant.account.errors import SnapshotError
from assistant.account.rules import MAX_NUMBER_DIGITS
from assistant.i18n.translator import N_

MAX_SNAPSHOT_BYTES = 1024 * 1024
"""Largest snapshot accepted, in bytes of UTF-8 (real ones are about 1 KiB)."""


_BOM = "\ufeff"


class JsonObject(dict[str, Any]):
    """A JSON object that remembers the first key it saw twice."""

    duplicate: str | None = None


class Refused:
    """A JSON value the parser had to take but a snapshot never holds."""

    def __init__(self, expected: str, values: Mapping[str, object]) -> None:
        self.expected = expected
        self.values = values


def _pairs(pairs: list[tuple[str, Any]]) -> JsonObject:
    obj = JsonObject()
    for key, value in pairs:
        if key in obj and obj.duplicate is None:
            obj.duplicate = key
        obj[key] = value
    return obj


def _constant(name: str) -> Refused:
    return Refused(N_("{constant} is not a JSON number"), {"constant": name})


def _integer(digits: str) -> int | Refused:
    if len(digits.lstrip("-")) > MAX_NUMBER_DIGITS:
        return Refused(
            N_("number too large (at most {limit} digits)"), {"limit": MAX_NUMBER_DIGITS}
        )
    return int(digits)


def decode_text(data: str | bytes | bytearray | memoryview, source: str) -> str:
    """``data`` as text: at most :data:`MAX_SNAPSHOT_BYTES`, UTF-8, without a BOM."""
    if isinstance(data, str):
        # A character is at most 4 bytes of UTF-8: short texts need no encoding to tell.
        if len(data) > MAX_SNAPSHOT_BYTES or (
            len(data) > MAX_SNAPSHOT_BYTES // 4
            and len(data.encode("utf-8", "surrogatepass")) > MAX_SNAPSHOT_BYTES
        ):
            raise too_large(source)
        return data.removeprefix(_BOM)
    raw = bytes(data)
    if len(raw) > MAX_SNAPSHOT_BYTES:
        raise too_large(source)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SnapshotError(source, "", N_("UTF-16 text; save the file as UTF-8"))
    try:
        return raw.decode("utf-8").removeprefix(_BOM)
    except UnicodeDecodeError as problem:
        raise SnapshotError(
            source, "", N_("not UTF-8 text (invalid byte at offset {offset})"),
            {"offset": problem.start},
        ) from None


def too_large(source: str) -> SnapshotError:
    """The error for an input over :data:`MAX_SNAPSHOT_BYTES`."""
    return SnapshotError(
        source, "", N_("larger than {limit} MiB; is this a snapshot?"),
        {"limit": MAX_SNAPSHOT_BYTES // (1024 * 1024)},
    )


JSON_REASONS = frozenset({
    N_("Expecting value"),
    N_("Expecting property name enclosed in double quotes"),
    N_("Expecting ',' delimiter"),
    N_("Expecting ':' delimiter"),
    N_("Unterminated string starting at"),
    N_("Invalid control character at"),
    N_("Invalid \\escape"),
    N_("Invalid \\uXXXX escape"),
    N_("Extra data"),
    N_("Unexpected UTF-8 BOM (decode using utf-8-sig)"),
})
"""What Python's JSON reader says of bad JSON, word for word (the English refusal
quotes it as it is); each has a translation, so a French refusal is French throughout."""


# Built once: json.loads with hooks builds a new decoder at every call.
_DECODER = json.JSONDecoder(object_pairs_hook=_pairs, parse_constant=_constant, parse_int=_integer)


def parse_json(text: str, source: str) -> Any:
    """Parse ``text``; objects are :class:`JsonObject`, refused values :class:`Refused`."""
    try:
        if text.startswith(_BOM):
            # What json.loads says of a second BOM (decode_text removed the first).
            raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
        return _DECODER.decode(text)
    except json.JSONDecodeError as problem:
        raise SnapshotError(
            source, "", N_("not valid JSON: {reason} at line {line}, column {column}"),
            {"reason": problem.msg, "line": problem.lineno, "column": problem.colno},
            translated=("reason",) if problem.msg in JSON_REASONS else (),
        ) from None
    except RecursionError:
        raise SnapshotError(source, "", N_("not a snapshot: nested too deeply")) from None
    except ValueError as problem:
        # Python's own limit on digits in a number, should a hook let one through.
        raise SnapshotError(
            source, "", N_("not valid JSON: {reason}"), {"reason": str(problem)}
        ) from None
