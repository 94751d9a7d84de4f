"""Every guide of a directory, loaded and checked together.

A broken guide is reported and left out; the others still load (a guide that calls a
broken one is left out too, with its own problem).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from assistant.engine.graph import call_problems, remaining_steps, shape_problems
from assistant.engine.loader import read_guide
from assistant.engine.model import TOPICS, CallStep, Guide
from assistant.i18n.translator import Translator
from assistant.problems import Problem
from assistant.resources import guides_dir

GUIDES_DIR_VARIABLE = "ASSISTANT_GUIDES_DIR"
"""Environment variable naming another guides directory (tests, writers' drafts)."""


@dataclass
class GuideLibrary:
    """The loaded guides and the problems of the ones that could not load."""

    guides: dict[str, Guide]
    """Guides that passed every check, by id."""
    problems: list[Problem] = field(default_factory=list)
    """Problems of the guides left out, in file order."""
    directory: Path | None = None
    remaining: dict[tuple[str, str], int] = field(default_factory=dict)
    """Fewest shown steps from ``(guide, step)`` (included) to an end step."""
    to_success: dict[tuple[str, str], int] = field(default_factory=dict)
    """Fewest shown steps from ``(guide, step)`` (included) to a ``success`` end step."""

    def title(self, guide_id: str, translator: Translator) -> str:
        """The translated title of a guide."""
        return translator.gettext(self.guides[guide_id].title)

    def summary(self, guide_id: str, translator: Translator) -> str:
        """The translated one-line summary of a guide."""
        return translator.gettext(self.guides[guide_id].summary)

    def in_topic_order(self) -> list[Guide]:
        """The guides grouped by topic (in :data:`TOPICS` order), then by id."""
        return sorted(self.guides.values(), key=lambda g: (TOPICS.index(g.topic), g.id))

    def called_by(self, guide_id: str) -> list[str]:
        """The guide and every guide it calls, directly or not, each once."""
        order: list[str] = []
        todo = [guide_id]
        while todo:
            current = todo.pop(0)
            if current in order or current not in self.guides:
                continue
            order.append(current)
            for step in self.guides[current].steps.values():
                if isinstance(step, CallStep):
                    todo.append(step.guide)
        return order


def default_directory() -> Path:
    """``$ASSISTANT_GUIDES_DIR`` if set, else the shipped guides."""
    override = os.environ.get(GUIDES_DIR_VARIABLE)
    return Path(override) if override else guides_dir()


def load_guides(
    directory: str | os.PathLike[str] | None = None, translator: Translator | None = None
) -> GuideLibrary:
    """Load and check every ``*.toml`` guide of ``directory`` (see :func:`default_directory`).

    Problem messages are written through ``translator`` (English when not given).
    """
    t = translator if translator is not None else Translator("en")
    root = Path(directory) if directory is not None else default_directory()
    problems: list[Problem] = []
    loaded: dict[str, Guide] = {}
    broken: set[str] = set()
    paths = sorted(root.glob("*.toml")) if root.is_dir() else []
    if not root.is_dir():
        problems.append(Problem(str(root), 0, t.gettext("the guides directory does not exist")))
    for path in paths:
        guide, found = read_guide(path, t)
        if guide is not None:
            found = found + shape_problems(guide, t)
        if guide is None or found:
            broken.add(path.stem)
            problems.extend(found)
        else:
            loaded[guide.id] = guide
    for guide_id, found in call_problems(loaded, broken, t).items():
        problems.extend(found)
        del loaded[guide_id]
    problems.sort(key=lambda p: (p.file, p.line))
    return GuideLibrary(
        loaded, problems, root, remaining_steps(loaded), remaining_steps(loaded, "success")
    )
