"""Where a guide in progress is kept between runs, so quitting never loses the place.

The progress object comes from :meth:`assistant.engine.Runner.to_progress`; this
module only stores it. It lives in the user's state directory (the platform's
convention, through :mod:`platformdirs`; ``XDG_STATE_HOME`` on Linux) and is written
atomically — temporary file, ``fsync``, rename — so a crash or a ``kill -9`` between
steps leaves either the old file or the new one, never half of one. A file that cannot
be read back (corrupt, foreign, from another version) is set aside next to it, never
deleted, and reported once as a warning; it is never fatal.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from platformdirs import user_state_path

if TYPE_CHECKING:
    from assistant.account.model import Snapshot

APP_NAME = "tiktok-account-assistant"
"""The directory name used under the platform's state and data directories."""

PROGRESS_FORMAT = "progress-file/1"
"""The ``format`` of the envelope written around the runner's progress object."""

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
    """A progress file that could not be read and was moved out of the way."""

    path: Path
    """Where the unreadable file is now."""
    reason: str
    """Why it could not be read (English, technical: for the log and the warning)."""


class ProgressStore:
    """Saves, loads and forgets the progress of the guide in progress."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else default_progress_path()
        """The progress file."""

    def save(self, progress: dict[str, Any], **extra: Any) -> None:
        """Write ``progress`` (and ``extra`` fields such as a label) atomically.

        Raises :class:`OSError` when the directory cannot be written; callers tell the
        person once and carry on.
        """
        envelope = {"format": PROGRESS_FORMAT, "saved": time.time(), **extra,
                    "progress": progress}
        data = json.dumps(envelope, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(
            prefix=".progress-", suffix=".tmp", dir=self.path.parent
        )
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

    def load(self) -> tuple[dict[str, Any] | None, SetAside | None]:
        """The saved envelope (``progress`` plus any extra fields), if there is one.

        Returns ``(envelope, None)``, ``(None, None)`` when nothing is saved, or
        ``(None, SetAside)`` when the file was unreadable and has been moved aside.
        """
        try:
            with self.path.open("rb") as stream:
                raw = stream.read(MAX_PROGRESS_BYTES + 1)
        except FileNotFoundError:
            return None, None
        except OSError as problem:
            return None, self._set_aside(f"cannot read it ({problem.strerror})")
        if len(raw) > MAX_PROGRESS_BYTES:
            return None, self._set_aside("larger than any progress file")
        try:
            envelope = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError) as problem:
            return None, self._set_aside(f"not JSON ({type(problem).__name__})")
        if (
            not isinstance(envelope, dict)
            or envelope.get("format") != PROGRESS_FORMAT
            or not isinstance(envelope.get("progress"), dict)
        ):
            return None, self._set_aside(f"not a {PROGRESS_FORMAT} object")
        return envelope, None

    def set_aside(self, reason: str) -> SetAside | None:
        """Move the current file out of the way (its progress no longer fits)."""
        if not self.path.exists():
            return None
        return self._set_aside(reason)

    def clear(self) -> None:
        """Forget the saved progress (the guide ended, or the person started afresh)."""
        try:
            self.path.unlink(missing_ok=True)
        except OSError:
            # Nothing to protect: a stale file only leads to a resume offer.
            pass

    def _set_aside(self, reason: str) -> SetAside:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.unreadable-{stamp}")
        try:
            os.replace(self.path, target)
        except OSError:
            # Cannot move it: remove it so it does not fail again on every start.
            self.clear()
            target = self.path
        return SetAside(target, reason)


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
