"""``assistant diagnose --batch`` against hostile input and failing output.

- every line is read with a bounded read: a line far over 1 MiB (200 MB here, made
  on the fly) is refused with file and line while memory stays bounded, and the
  lines after it are still diagnosed; a line that never ends (``/dev/zero``) stops
  the batch with one line;
- a full disk or a closed pipe while the results are written is said to be that,
  never blamed on the input file.
"""

from __future__ import annotations

import errno
import io
import json
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
from security_support import raw_controls, snapshot_json

import assistant.cli
from assistant.account.jsonread import MAX_SNAPSHOT_BYTES
from assistant.diagnose import batch
from assistant.diagnose.batch import TOO_LONG, LineNeverEnds, read_lines

GOOD = snapshot_json()
MIB = 1024 * 1024


class LongLine(io.RawIOBase):
    """A stream of ``size`` bytes of ``x``, a newline, then ``after``: never held whole."""

    def __init__(self, size: int, after: bytes = b"") -> None:
        self.left = size
        self.after = after

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        if self.left > 0:
            n = min(len(buffer), self.left)
            buffer[:n] = b"x" * n
            self.left -= n
            return n
        if self.left == 0:
            self.left = -1
            data = b"\n" + self.after
            buffer[: len(data)] = data
            return len(data)
        return 0


def _run(capsys, *args: str) -> tuple[int, list[str], list[str]]:
    code = assistant.cli.main(["diagnose", "--batch", *args])
    out, err = capsys.readouterr()
    return code, out.splitlines(), err.splitlines()


def test_a_200_mb_line_is_refused_with_its_number_and_memory_stays_bounded():
    stream = io.BufferedReader(LongLine(200 * MIB, after=GOOD.encode() + b"\n"))
    tracemalloc.start()
    try:
        lines = list(read_lines(stream))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert lines[0] is TOO_LONG
    assert lines[1].rstrip(b"\n") == GOOD.encode()
    assert peak < 8 * MIB, f"peak {peak / MIB:.1f} MiB while skipping a 200 MB line"


def test_an_over_long_line_in_a_file_is_refused_and_the_next_lines_are_diagnosed(
    capsys, tmp_path, monkeypatch
):
    monkeypatch.setenv("LC_ALL", "C")
    path = tmp_path / "queue.jsonl"
    path.write_bytes(b'{"pad": "' + b"x" * (MAX_SNAPSHOT_BYTES + 10) + b'"}\n' + GOOD.encode())
    code, out, err = _run(capsys, str(path))
    assert code == 2
    first, second, summary = (json.loads(line) for line in out)
    assert first == {"format": "diagnosis/1", "line": 1,
                     "error": f"{path}:1: larger than 1 MiB; is this a snapshot?"}
    assert second["line"] == 2 and second["format"] == "diagnosis/1"
    assert (summary["snapshots"], summary["invalid"]) == (1, 1)
    assert err == [f"assistant: {path}:1: larger than 1 MiB; is this a snapshot?"]


def test_a_line_of_exactly_the_limit_is_read():
    line = b" " * (MAX_SNAPSHOT_BYTES - len(GOOD)) + GOOD.encode()
    assert list(read_lines(io.BytesIO(line + b"\n" + line))) == [line + b"\n", line]


def test_reads_are_bounded_whatever_the_line():
    sizes = []

    class Watched(io.BytesIO):
        def readline(self, size: int | None = -1) -> bytes:  # type: ignore[override]
            sizes.append(size)
            return super().readline(size)

    list(read_lines(Watched(b"x" * (3 * MIB) + b"\n" + GOOD.encode()), limit=1000))
    assert sizes and all(size is not None and 0 < size <= MIB for size in sizes)


def test_dev_zero_stops_the_batch_with_one_line(capsys, monkeypatch):
    monkeypatch.setenv("LC_ALL", "C")
    monkeypatch.setattr(batch, "MAX_LINE_SKIP", 8 * MIB)
    code, out, err = _run(capsys, "/dev/zero")
    assert (code, out) == (2, [])
    assert err == [
        "assistant: /dev/zero:1: a line that does not end (more than 8 MiB); "
        "the rest of the file was not read"
    ]


def test_a_line_that_never_ends_raises_after_the_skip_limit():
    with open("/dev/zero", "rb") as zeros, pytest.raises(LineNeverEnds) as caught:
        list(read_lines(zeros, limit=1024, max_skip=4 * MIB))
    assert caught.value.line == 1


class Failing(io.RawIOBase):
    """An output whose writes fail with ``error``."""

    def __init__(self, error: OSError) -> None:
        self.error = error

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:  # type: ignore[no-untyped-def]
        raise self.error


@pytest.mark.parametrize(
    ("error", "reason"),
    [(BrokenPipeError(errno.EPIPE, "Broken pipe"), "Broken pipe"),
     (OSError(errno.ENOSPC, "No space left on device"), "No space left on device")],
)
def test_a_failed_write_is_not_blamed_on_the_input(capsys, monkeypatch, tmp_path, error, reason):
    monkeypatch.setenv("LC_ALL", "C")
    path = tmp_path / "queue.jsonl"
    path.write_text(GOOD + "\n", encoding="utf-8")
    failing = io.TextIOWrapper(io.BufferedWriter(Failing(error)), encoding="utf-8")
    monkeypatch.setattr(sys, "stdout", failing)
    code = assistant.cli.main(["diagnose", "--batch", str(path)])
    err = capsys.readouterr().err.splitlines()
    assert code == 74
    assert err == [f"assistant: cannot write the results to standard output ({reason})"]
    assert str(path) not in err[0] and "read" not in err[0]


def test_a_full_disk_in_a_real_process_is_one_line_in_french(tmp_path):
    path = tmp_path / "queue.jsonl"
    path.write_text((GOOD + "\n") * 2000, encoding="utf-8")
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [sys.executable, "-m", "assistant", "diagnose", "--batch", str(path), "--lang", "fr"],
            stdout=full, stderr=subprocess.PIPE,
            env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        )
    err = result.stderr.decode("utf-8")
    assert result.returncode == 74, err
    assert err.splitlines() == [
        "assistant: impossible d’écrire les résultats sur la sortie standard "
        "(No space left on device)"
    ]
    assert "Traceback" not in err and raw_controls(err) == []


def test_a_closed_pipe_in_a_real_process_leaves_no_traceback(tmp_path):
    path = tmp_path / "queue.jsonl"
    path.write_text((GOOD + "\n") * 3000, encoding="utf-8")
    reader = subprocess.Popen(["head", "-c", "10"], stdin=subprocess.PIPE,
                              stdout=subprocess.DEVNULL)
    assert reader.stdin is not None
    result = subprocess.run(
        [sys.executable, "-m", "assistant", "diagnose", "--batch", str(path)],
        stdout=reader.stdin, stderr=subprocess.PIPE, env={**os.environ, "LC_ALL": "C"},
    )
    reader.stdin.close()
    reader.wait()
    err = result.stderr.decode("utf-8")
    assert result.returncode == 74, err
    assert err.splitlines() == [
        "assistant: cannot write the results to standard output (Broken pipe)"
    ]


def test_an_unreadable_input_is_still_blamed_on_the_input(capsys, tmp_path: Path):
    code, out, err = _run(capsys, str(tmp_path))
    assert (code, out) == (2, [])
    assert len(err) == 1 and f"{tmp_path}: cannot read it" in err[0]
