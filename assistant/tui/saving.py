"""Writing the guide in progress after every step, off the UI thread and in order.

The write itself (:meth:`assistant.progress_store.ProgressStore.save`: temporary file,
``fsync``, rename) can take a while on a slow disk, so it runs on one background
thread: a step never waits for the disk, and saves reach the disk in the order they
were asked for. A kill right after a step loses at most that step, the one in flight.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assistant.progress_store import ProgressStore

if TYPE_CHECKING:
    from concurrent.futures import ThreadPoolExecutor


class ProgressSaver:
    """Saves and forgets progress on one thread; remembers the first failure."""

    def __init__(self, store: ProgressStore) -> None:
        self.store = store
        """Where progress goes."""
        self._thread: ThreadPoolExecutor | None = None
        self._failure: OSError | None = None

    def _worker(self) -> ThreadPoolExecutor:
        # Started with the first save: nothing to start before the first screen.
        if self._thread is None:
            from concurrent.futures import ThreadPoolExecutor

            self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="progress")
        return self._thread

    def save(self, progress: dict[str, Any] | None, **extra: Any) -> None:
        """Write ``progress`` (with ``extra`` envelope fields), or forget the saved place
        of ``extra``'s ``account`` when it is ``None``."""
        self._worker().submit(self._write, progress, extra)

    def _write(self, progress: dict[str, Any] | None, extra: dict[str, Any]) -> None:
        """On the saving thread: write or clear, remember a failure for the UI."""
        try:
            if progress is None:
                self.store.clear(extra.get("account"))
            else:
                self.store.save(progress, **extra)
        except OSError as problem:
            self._failure = problem

    def failure(self) -> OSError | None:
        """The last failure since this was asked (then forgotten)."""
        failure, self._failure = self._failure, None
        return failure

    def flush(self) -> None:
        """Wait until every save asked for is on disk."""
        self._worker().submit(lambda: None).result()

    def close(self) -> None:
        """Finish every save asked for, then stop the thread."""
        if self._thread is not None:
            self._thread.shutdown(wait=True)
