"""``assistant diagnose``: findings for an account snapshot (SPEC §4).

- ``assistant diagnose FILE`` (``-`` reads standard input) prints the findings in the
  doctor style, emails and phone numbers masked unless ``--show-personal-data``;
  ``--json`` prints the ``diagnosis/1`` object instead (never masked: it goes to the
  agent's own tools). Exit 1 if any finding is an error, else 0; 2 on bad input.
- ``--batch FILE.jsonl`` (``-`` reads standard input) prints one JSON result per line
  of the file, each with its ``line`` number; a line that is not a valid snapshot
  gets ``{"format", "line", "error"}`` on standard output and the same message on
  standard error, and the next lines are still diagnosed. The last line of standard
  output is the summary ``{"format": "diagnosis-summary/1", "snapshots", "invalid",
  "with_errors", "codes": {code: snapshots that had it}}``. Exit 2 if any line was
  refused, else 1 if any snapshot had an error finding, else 0.
- ``--list-codes`` prints every code with its severity and guide (``--json`` too).

Text for people goes through :class:`~assistant.safetext.SafeStream`; JSON through
:func:`assistant.safetext.dumps`, so a control character in a translated title reaches
the terminal escaped, never raw. A refused snapshot is reported on standard error with
its emails and phone numbers masked (a key can be an address), unless
``--show-personal-data``; the file name is kept as given, so the line still says which
file it is about. JSON keeps every value as it is.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from typing import IO, Any

from assistant.account.model import Intent
from assistant.account.snapshot import STDIN, SnapshotError, read_snapshot
from assistant.commands.common import CommandError, Context
from assistant.diagnose import diagnose, effective_intent
from assistant.diagnose import batch
from assistant.diagnose.batch import (
    BatchSummary,
    LineNeverEnds,
    TooLong,
    diagnose_lines,
    encode,
    read_lines,
)
from assistant.diagnose.report import (
    codes_json,
    codes_lines,
    diagnosis_json,
    has_errors,
    human_report,
)
from assistant.i18n.translator import Translator
from assistant.privacy import mask_refusal
from assistant.safetext import SafeStream, clean_line, dumps


def main(args: argparse.Namespace, context: Context) -> int:
    """Run ``assistant diagnose`` with parsed ``args``; return the exit code."""
    t = context.translator
    modes = [bool(args.file), bool(args.batch), bool(args.list_codes)]
    if sum(modes) != 1:
        raise CommandError(
            t.gettext(
                "diagnose: give one snapshot FILE ('-' reads standard input), "
                "or --batch FILE.jsonl, or --list-codes"
            )
        )
    if args.list_codes:
        return _list_codes(args, context)
    intent = _intent(args.intent, t)
    if args.batch:
        return _batch(args.batch, intent, context, mask=not args.show_personal_data)
    return _one(args, intent, context)


def _intent(value: str | None, t: Translator) -> Intent | None:
    if value is None:
        return None
    try:
        return Intent(value)
    except ValueError:
        raise CommandError(
            t.gettext(
                "--intent: unknown intent {intent}; expected one of: {choices}",
                intent=repr(value),
                choices=", ".join(intent.value for intent in Intent),
            )
        ) from None


def _write_json(stream: IO[str], data: object) -> None:
    stream.write(dumps(data) + "\n")


def refusal_line(error: SnapshotError, t: Translator, *, mask: bool) -> str:
    """Why a snapshot was refused, on one clean line, for people.

    With ``mask``, emails and phone numbers after the file name are masked: the
    problem may quote a key or a field path holding an address. The file name is the
    agent's own and stays as given.
    """
    text = error.message(t)
    if not mask:
        return clean_line(text)
    return clean_line(mask_refusal(text, error.source, error.field))


def _list_codes(args: argparse.Namespace, context: Context) -> int:
    if args.json:
        _write_json(context.stdout, codes_json())
    else:
        SafeStream(context.stdout).write("\n".join(codes_lines(context.translator)) + "\n")
    return 0


def _one(args: argparse.Namespace, intent: Intent | None, context: Context) -> int:
    t = context.translator
    try:
        snapshot = read_snapshot(args.file)
    except SnapshotError as error:
        raise CommandError(
            refusal_line(error, t, mask=not args.show_personal_data)
        ) from None
    wanted = effective_intent(snapshot, intent)
    findings = diagnose(snapshot, wanted, t)
    if args.json:
        _write_json(context.stdout, diagnosis_json(wanted, findings))
        return 1 if has_errors(findings) else 0
    mask = not args.show_personal_data
    shown = [finding.rendered(t, mask=True) for finding in findings] if mask else findings
    hidden = mask and shown != findings
    lines = human_report(
        shown, snapshot.tiktok.username, wanted, t, masked=mask, hidden_personal_data=hidden,
        state_file=None if args.file in (None, STDIN) else args.file,
    )
    SafeStream(context.stdout).write("\n".join(lines) + "\n")
    return 1 if has_errors(findings) else 0


def _batch(path: str, intent: Intent | None, context: Context, *, mask: bool) -> int:
    t = context.translator
    summary = BatchSummary()
    source = "<stdin>" if path == STDIN else path
    output = _Output(context.stdout)
    try:
        with _open_lines(path) as stream:
            for result in diagnose_lines(_Read(read_lines(stream)), source, t, intent):
                summary.add(result)
                output.write(encode(result.to_json(t)))
                if result.error is not None:
                    line = refusal_line(result.error, t, mask=mask)
                    context.stderr.write(f"assistant: {line}\n")
        output.write(encode(summary.to_json()))
        output.flush()
    except _ReadFailed as failed:
        raise CommandError(
            t.gettext(
                "{file}: cannot read it ({reason})", file=path, reason=_reason(failed.problem)
            )
        ) from None
    except LineNeverEnds as stopped:
        raise CommandError(
            t.gettext(
                "{file}:{line}: a line that does not end (more than {limit} MiB); "
                "the rest of the file was not read",
                file=path, line=stopped.line, limit=batch.MAX_LINE_SKIP // 1024**2,
            )
        ) from None
    except OSError as problem:
        # Only writes are left in the try: the results could not be written.
        output.silence()
        raise CommandError(
            t.gettext(
                "cannot write the results to {output} ({reason})",
                output=t.gettext("standard output"), reason=_reason(problem),
            ),
            exit_code=WRITE_FAILED,
        ) from None
    if summary.invalid:
        return 2
    return 1 if summary.with_errors else 0


WRITE_FAILED = 74
"""Exit code when the batch results could not be written (``EX_IOERR``): the input
was not at fault, so not 2."""


def _reason(problem: OSError) -> str:
    return problem.strerror or type(problem).__name__


class _ReadFailed(Exception):
    """Reading the batch input failed (as opposed to writing its results)."""

    def __init__(self, problem: OSError) -> None:
        super().__init__(problem)
        self.problem = problem


class _Read:
    """The lines of the input, with a read error told apart from a write error."""

    def __init__(self, lines: Iterator[bytes | TooLong]) -> None:
        self.lines = lines

    def __iter__(self) -> Iterator[bytes | TooLong]:
        return self

    def __next__(self) -> bytes | TooLong:
        try:
            return next(self.lines)
        except OSError as problem:
            raise _ReadFailed(problem) from None


class _Output:
    """Standard output as the batch writes it: encoded lines, in UTF-8, as they come.

    JSON Lines are UTF-8 whatever the terminal's encoding, so the bytes go to the
    stream's binary buffer when it has one.
    """

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.binary: IO[bytes] | None = getattr(stream, "buffer", None)
        if self.binary is not None:
            stream.flush()

    def write(self, line: bytes) -> None:
        if self.binary is not None:
            self.binary.write(line + b"\n")
        else:
            self.stream.write(line.decode("utf-8", "surrogateescape") + "\n")

    def flush(self) -> None:
        (self.binary or self.stream).flush()

    def silence(self) -> None:
        """After a failed write: point the stream's file at /dev/null, so that the
        flush at exit does not fail a second time with a traceback."""
        try:
            fd = self.stream.fileno()
            devnull = os.open(os.devnull, os.O_WRONLY)
        except (OSError, ValueError, AttributeError):
            return
        try:
            os.dup2(devnull, fd)
        except OSError:
            pass
        finally:
            os.close(devnull)


def _open_lines(path: str) -> Any:
    """The batch file as a context manager over a binary stream (each line is decoded
    and checked as UTF-8 by the snapshot loader)."""
    if path == STDIN:
        stream = getattr(sys.stdin, "buffer", sys.stdin)
        return _Borrowed(stream)
    try:
        return open(path, "rb")
    except OSError as problem:
        raise _ReadFailed(problem) from None


class _Borrowed:
    """Standard input as a context manager that does not close it."""

    def __init__(self, stream: IO[Any]) -> None:
        self.stream = stream

    def __enter__(self) -> IO[Any]:
        return self.stream

    def __exit__(self, *exc: object) -> None:
        return None
