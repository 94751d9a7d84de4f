"""Batch triage of a support queue: one snapshot per line (JSON Lines).

Each line gets its own result; a line that is not a valid snapshot gets an error
result naming its line number, and the lines after it are still diagnosed. A
summary counts how many snapshots had each code.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from assistant.account.model import Intent
from assistant.account.snapshot import SnapshotError, load_snapshot
from assistant.diagnose.codes import listed_codes
from assistant.diagnose.doctor import diagnose, effective_intent
from assistant.diagnose.finding import Finding
from assistant.diagnose.report import FORMAT, diagnosis_json, has_errors
from assistant.i18n.translator import Translator

SUMMARY_FORMAT = "diagnosis-summary/1"
"""The ``format`` of the summary that ends a batch."""


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
    lines: Iterable[str | bytes],
    source: str,
    t: Translator,
    intent: Intent | None = None,
) -> Iterator[LineResult]:
    """Diagnose each non-blank line of ``lines`` (from file ``source``) on its own.

    ``intent`` overrides the intent of every snapshot. Blank lines are skipped
    (they are not snapshots, and files often end with one).
    """
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            snapshot = load_snapshot(line, f"{source}:{number}")
        except SnapshotError as error:
            yield LineResult(number, error=error)
            continue
        wanted = effective_intent(snapshot, intent)
        yield LineResult(number, wanted, tuple(diagnose(snapshot, wanted, t)))
