"""The catalogue half of ``assistant check``, remembered for catalogues that did not change.

Checking the catalogues is most of what ``assistant check`` costs (every translation
parsed as Markdown, checked for placeholders, typography, the glossary…), and most runs
check catalogues that did not change since the last run. The result is kept in the
user's cache directory under a key derived from *content only*: every byte of every
file under the locales folder (and of the one ``.po`` asked for), the language the
problems are written in, and the program that checked them (its version, every one of
its source files by size and modification time, Python's and markdown-it's versions).
Any difference is a new key, and the catalogues are checked again.

Nothing is trusted from the cache file: it is JSON (never pickle), its size is capped,
and every value is checked for its type when read back; anything unexpected is a
miss. Failing to read or write it is never an error. ``assistant check --no-cache``
(and ``ASSISTANT_NO_CHECK_CACHE=1``) check everything afresh.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from assistant.i18n.checks import Coverage
from assistant.problems import Problem, Severity

FORMAT = "check-cache/1"
"""The ``format`` of the cache file."""

MAX_BYTES = 4 * 1024 * 1024
"""A larger cache file is not ours: it is ignored (and replaced on the next store)."""

MAX_ENTRIES = 8
"""Results kept (the most recent first): a few checkouts or languages side by side."""

NO_CACHE_VARIABLE = "ASSISTANT_NO_CHECK_CACHE"
"""Set (to anything but empty) to check without the cache."""

_COVERAGE_FIELDS = ("lang", "file", "total", "translated", "fuzzy", "missing", "obsolete")


def default_cache_path() -> Path:
    """The cache file in the user's cache directory."""
    from platformdirs import user_cache_path

    from assistant.progress_store import APP_NAME

    return user_cache_path(APP_NAME, appauthor=False) / "check-catalogues.json"


def enabled() -> bool:
    """Whether the cache may be used (``ASSISTANT_NO_CHECK_CACHE`` unset or empty)."""
    return not os.environ.get(NO_CACHE_VARIABLE)


@cache
def _program() -> bytes:
    """What identifies the checking program: its version and every source file of it."""
    import markdown_it

    from assistant import __version__

    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256(
        f"{FORMAT}\0{__version__}\0{sys.version}\0{markdown_it.__version__}".encode()
    )
    for source in sorted(package.rglob("*.py")):
        info = source.stat()
        digest.update(f"\0{source.relative_to(package)}\0{info.st_size}\0{info.st_mtime_ns}"
                      .encode("utf-8", "surrogateescape"))
    return digest.digest()


def _files(root: Path) -> Iterable[Path]:
    return sorted(path for path in root.rglob("*") if path.is_file())


def catalogue_key(root: Path, lang: str, only: Path | None = None) -> str | None:
    """The key of checking ``root`` (and ``only``) with problems in ``lang``: a digest
    of their content, of the catalogue the problems are written with, and of the
    program; ``None`` when a file cannot be read (then nothing is cached)."""
    from assistant.resources import locales_dir

    digest = hashlib.sha256(_program())
    digest.update(f"\0{lang}\0{only is not None}".encode())
    speaking = locales_dir() / lang / "LC_MESSAGES" / "assistant.mo"
    try:
        files = [*_files(root), *([only] if only is not None else []),
                 *([speaking] if speaking.is_file() else [])]
        for path in files:
            data = path.read_bytes()
            name = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
            digest.update(f"\0{name}\0{len(data)}\0".encode("utf-8", "surrogateescape"))
            digest.update(data)
    except (OSError, ValueError):
        return None
    return "sha256:" + digest.hexdigest()


class CheckCache:
    """Remembered catalogue results, by :func:`catalogue_key`."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else default_cache_path()
        """The cache file."""

    def get(self, key: str) -> tuple[list[Problem], list[Coverage]] | None:
        """The problems and coverages stored under ``key``; ``None`` for anything else."""
        for entry in self._entries():
            if entry.get("key") == key:
                return _result(entry)
        return None

    def put(self, key: str, problems: list[Problem], coverages: list[Coverage]) -> None:
        """Remember a result under ``key`` (the oldest go); failing is harmless."""
        entry = {
            "key": key,
            "problems": [[str(p.file), p.line, p.message, p.severity.value] for p in problems],
            "coverages": [[getattr(c, name) for name in _COVERAGE_FIELDS] for c in coverages],
        }
        others = [e for e in self._entries() if e.get("key") != key]
        data = json.dumps({"format": FORMAT, "entries": [entry, *others][:MAX_ENTRIES]},
                          ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        if len(data) > MAX_BYTES:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".check-", suffix=".tmp",
                                                 dir=self.path.parent)
            try:
                with os.fdopen(handle, "wb") as stream:
                    stream.write(data)
                os.replace(temporary, self.path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError:
            pass

    def _entries(self) -> list[dict[str, Any]]:
        try:
            with self.path.open("rb") as stream:
                raw = stream.read(MAX_BYTES + 1)
            if len(raw) > MAX_BYTES:
                return []
            data = json.loads(raw.decode("utf-8"))
        except (OSError, UnicodeDecodeError, ValueError, RecursionError):
            return []
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return []
        entries = data.get("entries")
        if not isinstance(entries, list):
            return []
        return [entry for entry in entries if isinstance(entry, dict)]


def _result(entry: dict[str, Any]) -> tuple[list[Problem], list[Coverage]] | None:
    """The stored result, each value checked; ``None`` when anything is not as written."""
    problems_data, coverages_data = entry.get("problems"), entry.get("coverages")
    if not isinstance(problems_data, list) or not isinstance(coverages_data, list):
        return None
    problems: list[Problem] = []
    for item in problems_data:
        if not (isinstance(item, list) and len(item) == 4 and isinstance(item[0], str)
                and type(item[1]) is int and isinstance(item[2], str)
                and item[3] in (Severity.ERROR.value, Severity.WARNING.value)):
            return None
        problems.append(Problem(item[0], item[1], item[2], Severity(item[3])))
    coverages: list[Coverage] = []
    for item in coverages_data:
        if not (isinstance(item, list) and len(item) == len(_COVERAGE_FIELDS)
                and isinstance(item[0], str) and isinstance(item[1], str)
                and all(type(n) is int and n >= 0 for n in item[2:])):
            return None
        coverages.append(Coverage(*item))
    return problems, coverages
