"""Batch triage of a support queue: one snapshot per line (JSON Lines).

Each line gets its own result; a line that is not a valid snapshot gets an error
result naming its line number, and the lines after it are still diagnosed. A
summary counts how many snapshots had each code.

A queue holds thousands of lines, so each one costs its own work and no more: it is
read with a bounded read (a line longer than a snapshot may be is refused without
being held whole), decoded by the compiled reader, diagnosed once, and its result
encoded by one compiled JSON encoder (:func:`encode`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Final

import msgspec

from assistant.account.jsonread import MAX_SNAPSHOT_BYTES, too_large
from assistant.account.model import Intent
from assistant.account.snapshot import SnapshotError, load_snapshot
from assistant.diagnose.codes import listed_codes
from assistant.diagnose.doctor import diagnose, effective_intent
from assistant.diagnose.finding import Finding
from assistant.diagnose.report import FORMAT, diagnosis_json, has_errors
from assistant.i18n.translator import Translator
from assistant.safetext import dumps

SUMMARY_FORMAT = "diagnosis-summary/1"
"""The ``format`` of the summary that ends a batch."""

MAX_LINE_SKIP = 1024 * 1024 * 1024
"""How far past its limit an over-long line is skipped before the batch stops: input
whose line never ends (``/dev/zero``) is no queue of snapshots."""

_CHUNK = 1024 * 1024


class TooLong:
    """Stands for a line longer than :data:`~assistant.account.jsonread.MAX_SNAPSHOT_BYTES`
    (read no further than that)."""


TOO_LONG: Final = TooLong()
"""What :func:`read_lines` yields for a line too long to be a snapshot."""


class LineNeverEnds(Exception):
    """A line went on past :data:`MAX_LINE_SKIP` bytes: the batch cannot go on."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line
        """The 1-based number of that line."""


def read_lines(
    stream: IO[bytes], limit: int = MAX_SNAPSHOT_BYTES, max_skip: int | None = None
) -> Iterator[bytes | TooLong]:
    """The lines of ``stream``, each read with a bounded read.

    A line of more than ``limit`` bytes (its line break aside) is :data:`TOO_LONG`:
    the rest of it is skipped a chunk at a time, so memory stays bounded whatever the
    line's length. One that goes on for ``max_skip`` bytes more raises
    :class:`LineNeverEnds` (``max_skip`` is :data:`MAX_LINE_SKIP` unless given).
    """
    if max_skip is None:
        max_skip = MAX_LINE_SKIP
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        skipped = 0
        while True:
            chunk = stream.readline(_CHUNK)
            if not chunk or chunk.endswith(b"\n"):
                break
            skipped += len(chunk)
            if skipped > max_skip:
                raise LineNeverEnds(number)
        yield TOO_LONG


@dataclass(frozen=True)
class LineResult:
    """The diagnosis of one line: its findings, or why the line was refused."""

    line: int
    """1-based line number in the batch file."""
    intent: Intent | None = None
    findings: tuple[Finding, ...] = ()
    error: SnapshotError | None = None

    def to_json(self, t: Translator) -> dict[str, object]:
        """``diagnosis/1`` with the line number, or ``{format, line, error}``."""
        if self.error is not None:
            return {"format": FORMAT, "line": self.line, "error": self.error.message(t)}
        return {"line": self.line, **diagnosis_json(self.intent, self.findings)}


@dataclass
class BatchSummary:
    """How a batch went: lines read, lines refused, snapshots per code."""

    snapshots: int = 0
    """Lines that held a valid snapshot."""
    invalid: int = 0
    """Lines refused (each reported with its line number)."""
    with_errors: int = 0
    """Snapshots with at least one error finding."""
    codes: Counter[str] = field(default_factory=Counter)
    """For each code, how many snapshots had it (once per snapshot)."""

    def add(self, result: LineResult) -> None:
        """Count one line's result."""
        if result.error is not None:
            self.invalid += 1
            return
        self.snapshots += 1
        if result.findings:
            self.with_errors += has_errors(result.findings)
            self.codes.update({finding.code for finding in result.findings})

    def to_json(self) -> dict[str, object]:
        """The summary line: counts, then snapshots per code in report order."""
        return {
            "format": SUMMARY_FORMAT,
            "snapshots": self.snapshots,
            "invalid": self.invalid,
            "with_errors": self.with_errors,
            "codes": {
                code.code: self.codes[code.code] for code in listed_codes() if self.codes[code.code]
            },
        }


def diagnose_lines(
    lines: Iterable[str | bytes | TooLong],
    source: str,
    t: Translator,
    intent: Intent | None = None,
) -> Iterator[LineResult]:
    """Diagnose each non-blank line of ``lines`` (from file ``source``) on its own.

    ``intent`` overrides the intent of every snapshot. Blank lines are skipped
    (they are not snapshots, and files often end with one); a :data:`TOO_LONG` line
    is refused as too large.
    """
    for number, line in enumerate(lines, start=1):
        if line.__class__ is TooLong:
            yield LineResult(number, error=too_large(f"{source}:{number}"))
            continue
        assert not isinstance(line, TooLong)
        # isspace stops at the first other character; strip would copy the line.
        if not line or line.isspace():
            continue
        try:
            snapshot = load_snapshot(line, f"{source}:{number}")
        except SnapshotError as error:
            yield LineResult(number, error=error)
            continue
        wanted = effective_intent(snapshot, intent)
        yield LineResult(number, wanted, tuple(diagnose(snapshot, wanted, t)))


# What msgspec writes raw but a terminal would act on (it escapes C0 itself), as
# UTF-8: DEL, C1, bidirectional controls, line and paragraph separators; the same set
# as safetext.dumps. Each is a byte sequence no other character's encoding holds.
_RAW_IN_JSON = re.compile(
    rb"\x7f|\xc2[\x80-\x9f]|\xd8\x9c|\xe2\x80[\x8e\x8f\xa8-\xae]|\xe2\x81[\xa6-\xa9]"
)
_LEADS = b"\x7f\xc2\xd8\xe2"
_ENCODER = msgspec.json.Encoder()


def _escape(found: re.Match[bytes]) -> bytes:
    return b"\\u%04x" % ord(found.group().decode("utf-8"))


def encode(data: object) -> bytes:
    """``data`` as one line of JSON in UTF-8, the way :func:`assistant.safetext.dumps`
    writes it (non-ASCII kept, terminal controls written ``\\uXXXX``), but compiled.

    The result decodes to exactly ``data``.
    """
    try:
        line = _ENCODER.encode(data)
    except UnicodeEncodeError:  # a lone surrogate, which only Python's encoder can write
        return dumps(data).encode("utf-8", "surrogatepass")
    # Every sequence sought starts with one of these bytes; most lines hold none.
    if len(line.translate(None, _LEADS)) != len(line):
        line = _RAW_IN_JSON.sub(_escape, line)
    return line

