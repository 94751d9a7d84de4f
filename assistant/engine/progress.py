"""Saving a run and resuming it, stamped with the content hash of the guides it uses.

Progress is the starting snapshot and the answers given: replaying them rebuilds the
exact place, account, transcript and back history (the runner is deterministic). A
guide changed since is not replayed: the run starts again, with a :class:`Notice`.
"""

from __future__ import annotations

from typing import Any

from assistant.account.snapshot import SnapshotError, dump_snapshot, snapshot_from_data
from assistant.engine.library import GuideLibrary
from assistant.engine.runner import ChoiceError, Runner
from assistant.engine.typed import InputError
from assistant.engine.view import Notice
from assistant.i18n.translator import N_, Translator

FORMAT = "progress/1"
"""The ``format`` of saved progress."""

GUIDE_CHANGED = N_(
    "This guide was updated since you left: it starts again from the beginning."
)
ANSWERS_CHANGED = N_(
    "Your saved place no longer fits this guide: it starts again from the beginning."
)


class ProgressError(ValueError):
    """Saved progress that cannot be used at all: drop it and start fresh."""


def to_progress(runner: Runner) -> dict[str, Any]:
    """The run as JSON-ready data: guide, content hashes, initial snapshot, answers (choice
    numbers, and the text typed at ``input`` steps)."""
    library = runner.library
    return {
        "format": FORMAT,
        "guide": runner.guide_id,
        "digests": {g: library.guides[g].digest for g in library.called_by(runner.guide_id)},
        "snapshot": dump_snapshot(runner.initial),
        "answers": list(runner.answers),
        **({"start": runner.start} if runner.start else {}),
    }


def from_progress(
    data: Any, library: GuideLibrary, translator: Translator
) -> tuple[Runner, Notice | None]:
    """Resume saved progress: the runner at the saved place, or restarted with a notice.

    Raises :class:`ProgressError` when the data is not progress, names an unknown guide
    or holds a snapshot that is no longer valid.
    """
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ProgressError(f"not saved progress (expected format {FORMAT!r})")
    guide_id = data.get("guide")
    if not isinstance(guide_id, str) or guide_id not in library.guides:
        raise ProgressError(f"unknown guide {guide_id!r}")
    try:
        snapshot = snapshot_from_data(data.get("snapshot"), "progress")
    except SnapshotError as error:
        raise ProgressError(str(error)) from None
    start = data.get("start")
    if start is not None and (not isinstance(start, str)
                              or start not in library.guides[guide_id].steps):
        raise ProgressError(f"unknown step {start!r}")
    runner = Runner(library, guide_id, snapshot, translator, start=start)
    digests = data.get("digests")
    current = {g: library.guides[g].digest for g in library.called_by(guide_id)}
    if digests != current:
        return runner, Notice(GUIDE_CHANGED)
    answers = data.get("answers")
    if not isinstance(answers, list) or not all(
        isinstance(a, str) or (isinstance(a, int) and not isinstance(a, bool)) for a in answers
    ):
        return runner, Notice(ANSWERS_CHANGED)
    try:
        for answer in answers:
            runner.give(answer)
    except (ChoiceError, InputError):
        runner.restart()
        return runner, Notice(ANSWERS_CHANGED)
    return runner, None
