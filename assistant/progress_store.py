"""Where a guide in progress is kept between runs, so quitting never loses the place.

The progress object comes from :meth:`assistant.engine.Runner.to_progress`; this
module only stores it. It lives in the user's state directory (the platform's
convention, through :mod:`platformdirs`; ``XDG_STATE_HOME`` on Linux) and is written
atomically — temporary file, ``fsync``, rename — so a crash or a ``kill -9`` between
steps leaves either the old file or the new one, never half of one. A file that cannot
be read back (corrupt, foreign, from another version) is set aside next to it, never
deleted, and reported once as a warning; it is never fatal.

The file keeps one place per account (the :data:`MAX_PLACES` most recent), so two
sessions at once, on the same account or on two, never wipe each other's place: every
change reads the file, changes its own account's place and writes it back, under a
lock (``flock`` on a lock file beside it, where the platform has one). Temporary
files a killed session left behind are removed under that lock: they hold a snapshot.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from platformdirs import user_state_path

if TYPE_CHECKING:
    from assistant.account.model import Snapshot

APP_NAME = "tiktok-account-assistant"
"""The directory name used under the platform's state and data directories."""

PROGRESS_FORMAT = "progress-file/1"
"""The ``format`` of the envelope written around the runner's progress object (a file
of one place, as older versions wrote it and as a place set aside is written)."""

PLACES_FORMAT = "progress-places/1"
"""The ``format`` of the progress file: ``places``, one envelope per account, the most
recent first."""

MAX_PLACES = 20
"""How many accounts' places are kept; the least recently saved go first."""

MAX_PROGRESS_BYTES = 1024 * 1024
"""A larger file is not progress this program wrote: it is set aside unread."""


def default_progress_path() -> Path:
    """The progress file in the user's state directory."""
    return user_state_path(APP_NAME, appauthor=False) / "progress.json"


ACCOUNT_FIELD = "account"
"""The envelope field naming the account a saved place belongs to (:func:`account_digest`)."""


def account_digest(snapshot: Snapshot) -> str:
    """A digest of the snapshot's content: which customer's account a saved place is for.

    Two files with the same content are the same account (whatever their name); any
    difference in the content is another account, so a place saved for customer A is
    never offered on customer B's file.
    """
    import hashlib

    from assistant.account.snapshot import dump_snapshot

    data = json.dumps(dump_snapshot(snapshot), sort_keys=True, ensure_ascii=False,
                      separators=(",", ":"))
    return "sha256:" + hashlib.sha256(data.encode("utf-8")).hexdigest()


def belongs_to(envelope: dict[str, Any], digest: str) -> bool:
    """Whether the saved ``envelope`` is for the account of ``digest``.

    An envelope written before places had an owner is judged by the snapshot its run
    started from; one with no usable snapshot is let through, so that it is checked
    (and set aside if broken) rather than left to linger.
    """
    owner = envelope.get(ACCOUNT_FIELD)
    if isinstance(owner, str):
        return owner == digest
    progress = envelope.get("progress")
    snapshot = progress.get("snapshot") if isinstance(progress, dict) else None
    if snapshot is None:
        return True
    try:
        from assistant.account.snapshot import snapshot_from_data

        return account_digest(snapshot_from_data(snapshot, "progress")) == digest
    except Exception:  # noqa: BLE001 - a broken snapshot is for the replay to report
        return True


@dataclass(frozen=True)
class SetAside:
    """A progress file that could not be read, and whether it was moved out of the way."""

    path: Path
    """Where the unreadable place is now (where it still is, when it could not move)."""
    reason: str
    """Why it could not be read (English, technical: for the log and the warning)."""
    moved: bool = True
    """Whether it was moved aside; ``False`` when the move failed and it stays."""
    problem: str = ""
    """Why it could not be moved (empty when it was)."""


class ProgressStore:
    """Saves, loads and forgets the place of each account's guide in progress."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else default_progress_path()
        """The progress file."""
        self._one_place_file = False

    @property
    def _temporary_prefix(self) -> str:
        # ``.progress-`` for ``progress.json``: the stale ones are found by it.
        return f".{self.path.stem}-"

    @property
    def lock_path(self) -> Path:
        """The file locked while the progress file is read and rewritten."""
        return self.path.with_name(f".{self.path.name}.lock")

    def save(self, progress: dict[str, Any], **extra: Any) -> None:
        """Write ``progress`` (and ``extra`` fields: ``account``, a label…) as the place
        of its account, keeping every other account's place; atomically.

        Raises :class:`OSError` when the directory cannot be written; callers tell the
        person once and carry on.
        """
        envelope = {"format": PROGRESS_FORMAT, "saved": time.time(), **extra,
                    "progress": progress}
        owner = extra.get(ACCOUNT_FIELD)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._locked():
            places, _set_aside = self._read()
            self._write([envelope, *(p for p in places if not _same_owner(p, owner))])

    def load(self, account: str | None = None) -> tuple[dict[str, Any] | None,
                                                        SetAside | None]:
        """The saved envelope (``progress`` plus any extra fields) of ``account`` (an
        :func:`account_digest`; ``None``: the most recent place, whoever it is for).

        Returns ``(envelope, None)``, ``(None, None)`` when nothing is saved for it, or
        ``(None, SetAside)`` when the file was unreadable and has been set aside.
        """
        with self._locked():
            places, set_aside = self._read()
        if account is None:
            return (places[0] if places else None), set_aside
        mine = next((p for p in places if belongs_to(p, account)), None)
        return mine, set_aside

    def set_aside(self, reason: str, account: str | None = None) -> SetAside | None:
        """Move the place of ``account`` out of the way (its progress no longer fits);
        the other accounts' places stay."""
        with self._locked():
            places, _set_aside = self._read()
            theirs = [p for p in places if not _same_owner(p, account)]
            if len(theirs) == len(places):
                return None
            if not theirs and self._one_place_file:
                # A file of that place alone: moved whole, exactly as it was.
                return self._move_aside(reason)
            mine = next(p for p in places if _same_owner(p, account))
            set_aside = self._write_aside(mine, reason)
            if set_aside.moved:
                self._write(theirs)
            return set_aside

    def clear(self, account: str | None = None) -> None:
        """Forget the place of ``account`` (the guide ended, or the person started
        afresh); the other accounts' places stay."""
        try:
            with self._locked():
                places, _set_aside = self._read()
                theirs = [p for p in places if not _same_owner(p, account)]
                if len(theirs) != len(places):
                    self._write(theirs)
        except OSError:
            # Nothing to protect: a stale place only leads to a resume offer.
            pass

    # -- the file ----------------------------------------------------------------------

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the lock of the progress file (no lock where the platform or the
        directory gives none: a single session still works), with the temporary files
        of killed sessions removed."""
        if not self.path.parent.is_dir():
            yield
            return
        try:
            import fcntl
        except ImportError:  # Windows: no flock; one session at a time there
            fcntl = None  # type: ignore[assignment]
        try:
            descriptor = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            descriptor = None
        try:
            if descriptor is not None and fcntl is not None:
                fcntl.flock(descriptor, fcntl.LOCK_EX)
            self._remove_stale_temporaries()
            yield
        finally:
            if descriptor is not None:
                os.close(descriptor)  # closing releases the lock

    def _remove_stale_temporaries(self) -> None:
        """Remove the temporary files left by a session killed while saving.

        Every save writes and renames (or removes) its temporary file while holding
        the lock, so one found while the lock is held belongs to no live save.
        """
        for stale in self.path.parent.glob(f"{self._temporary_prefix}*.tmp"):
            try:
                stale.unlink()
            except OSError:
                pass

    def _read(self) -> tuple[list[dict[str, Any]], SetAside | None]:
        """The places in the file, most recent first; an unreadable file is set aside."""
        try:
            with self.path.open("rb") as stream:
                raw = stream.read(MAX_PROGRESS_BYTES + 1)
        except FileNotFoundError:
            return [], None
        except OSError as problem:
            return [], self._move_aside(f"cannot read it ({problem.strerror})")
        if len(raw) > MAX_PROGRESS_BYTES:
            return [], self._move_aside("larger than any progress file")
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError) as problem:
            return [], self._move_aside(f"not JSON ({type(problem).__name__})")
        places = _places_in(data)
        if places is None:
            return [], self._move_aside(f"not a {PROGRESS_FORMAT} object")
        self._one_place_file = data.get("format") == PROGRESS_FORMAT
        return places, None

    def _write(self, places: list[dict[str, Any]]) -> None:
        """Write ``places`` (at most :data:`MAX_PLACES`, and what fits the size limit),
        or remove the file when there is none."""
        places = places[:MAX_PLACES]
        if not places:
            self.path.unlink(missing_ok=True)
            return
        while True:
            data = json.dumps({"format": PLACES_FORMAT, "places": places},
                              ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            if len(data) <= MAX_PROGRESS_BYTES or len(places) == 1:
                break
            places = places[:-1]
        self._write_atomically(data)

    def _write_atomically(self, data: bytes) -> None:
        handle, temporary = tempfile.mkstemp(
            prefix=self._temporary_prefix, suffix=".tmp", dir=self.path.parent
        )  # created 0600: it holds a snapshot
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        _sync_directory(self.path.parent)

    # -- setting aside -----------------------------------------------------------------

    def _aside_name(self) -> Path:
        """A new, reserved name beside the file: ``NAME.unreadable-<time>`` (``-2``,
        ``-3``… after it when that one is taken); never one that exists."""
        stamp = time.strftime("%Y%m%d-%H%M%S")
        for attempt in range(1, 1000):
            suffix = "" if attempt == 1 else f"-{attempt}"
            target = self.path.with_name(f"{self.path.name}.unreadable-{stamp}{suffix}")
            try:
                os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            except FileExistsError:
                continue
            return target
        raise FileExistsError(f"{self.path.name}.unreadable-{stamp}")

    def _move_aside(self, reason: str) -> SetAside:
        """Move the whole file to a new name; said honestly when it cannot move."""
        try:
            target = self._aside_name()
        except OSError as problem:
            return SetAside(self.path, reason, moved=False, problem=_why(problem))
        try:
            os.replace(self.path, target)
        except OSError as problem:
            target.unlink(missing_ok=True)
            return SetAside(self.path, reason, moved=False, problem=_why(problem))
        return SetAside(target, reason)

    def _write_aside(self, envelope: dict[str, Any], reason: str) -> SetAside:
        """Write one place to a new name of its own, as a file of one place."""
        data = json.dumps(envelope, ensure_ascii=False, separators=(",", ":"))
        try:
            target = self._aside_name()
            with target.open("wb") as stream:
                stream.write(data.encode("utf-8"))
        except OSError as problem:
            return SetAside(self.path, reason, moved=False, problem=_why(problem))
        return SetAside(target, reason)


def _why(problem: OSError) -> str:
    """The system's reason, short."""
    return problem.strerror or type(problem).__name__


def _is_place(value: Any) -> bool:
    """Whether ``value`` looks like one saved place."""
    return isinstance(value, dict) and isinstance(value.get("progress"), dict)


def _places_in(data: Any) -> list[dict[str, Any]] | None:
    """The places of a progress file's ``data`` (a file of one place, as older versions
    wrote, is a list of one); ``None`` when it is not a progress file."""
    if not isinstance(data, dict):
        return None
    if data.get("format") == PROGRESS_FORMAT and _is_place(data):
        return [data]
    places = data.get("places")
    if (data.get("format") == PLACES_FORMAT and isinstance(places, list)
            and all(_is_place(place) for place in places)):
        return places
    return None


def _same_owner(envelope: dict[str, Any], account: str | None) -> bool:
    """Whether ``envelope`` is the place of ``account`` (``None``: a place saved with
    no account)."""
    if account is None:
        return not isinstance(envelope.get(ACCOUNT_FIELD), str)
    return belongs_to(envelope, account)


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable where the platform allows it."""
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
