"""Every guide of a directory, loaded and checked together.

A broken guide is reported and left out; the others still load (a guide that calls a
broken one is left out too, with its own problem).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from assistant.engine.graph import call_problems, remaining_steps, shape_problems
from assistant.engine.loader import read_guide, read_header
from assistant.engine.model import TOPICS, CallStep, Guide
from assistant.i18n.translator import Translator
from assistant.problems import Problem
from assistant.resources import guides_dir

GUIDES_DIR_VARIABLE = "ASSISTANT_GUIDES_DIR"
"""Environment variable naming another guides directory (tests, writers' drafts)."""


@dataclass
class GuideLibrary:
    """The loaded guides and the problems of the ones that could not load."""

    guides: Mapping[str, Guide]
    """Guides that passed every check, by id (read on demand with :func:`open_guides`)."""
    problems: list[Problem] = field(default_factory=list)
    """Problems of the guides left out, in file order."""
    directory: Path | None = None
    remaining: dict[tuple[str, str], int] = field(default_factory=dict)
    """Fewest shown steps from ``(guide, step)`` (included) to an end step."""
    to_success: dict[tuple[str, str], int] = field(default_factory=dict)
    """Fewest shown steps from ``(guide, step)`` (included) to a ``success`` end step."""

    def _header(self, guide_id: str) -> GuideHeader | Guide:
        if isinstance(self.guides, _OnDemand):
            header = self.guides._header(guide_id)
            if header is not None:
                return header
        return self.guides[guide_id]

    def title(self, guide_id: str, translator: Translator) -> str:
        """The translated title of a guide (from its header alone when on demand)."""
        return translator.gettext(self._header(guide_id).title)

    def summary(self, guide_id: str, translator: Translator) -> str:
        """The translated one-line summary of a guide."""
        return translator.gettext(self._header(guide_id).summary)

    headers: list[GuideHeader] | None = None
    on_demand: bool = False
    """Opened with :func:`open_guides`: :attr:`headers` are read when first listed."""
    """With :func:`open_guides`: the header of every guide file, in topic order."""

    def in_topic_order(self) -> list[Guide]:
        """The guides grouped by topic (in :data:`TOPICS` order), then by id."""
        return sorted(self.guides.values(), key=lambda g: (TOPICS.index(g.topic), g.id))

    def index(self) -> list[GuideHeader]:
        """What listing needs (id, title, topic, summary) in topic order, without loading
        the steps when the library was opened with :func:`open_guides`."""
        if self.on_demand and self.headers is None:
            self.headers = read_headers(self.directory)[0]
        if self.headers is not None:
            return list(self.headers)
        return [GuideHeader(g.id, g.title, g.topic, g.summary, g.path)
                for g in self.in_topic_order()]

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

    Everything is checked: every text's Markdown and placeholders, every graph, every
    call (what ``assistant check`` and the tests use). Problem messages are written
    through ``translator`` (English when not given). To play or list guides, use
    :func:`open_guides`, which reads only what it needs.
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


@dataclass(frozen=True)
class GuideHeader:
    """What listing a guide needs: read from the top of its file only."""

    id: str
    title: str
    topic: str
    summary: str
    path: Path


class _OnDemand(Mapping[str, Guide]):
    """The guides of a directory, each read and checked the first time it is asked for.

    Keys are the ids of the files whose header reads; a guide that turns out to have
    problems (or calls one that has) is left out from then on, its problems recorded.
    """

    def __init__(self, library: GuideLibrary, root: Path, translator: Translator) -> None:
        self._library = library
        self._root = root
        self._ids = sorted(p.stem for p in root.glob("*.toml")) if root.is_dir() else []
        """Every guide file's id (the directory listing only: nothing is read)."""
        self._known: dict[str, GuideHeader | None] = {}
        self._t = translator
        self._loaded: dict[str, Guide] = {}
        self._broken: set[str] = set()

    def _load(self, guide_id: str) -> Guide | None:
        if guide_id in self._loaded:
            return self._loaded[guide_id]
        if guide_id in self._broken or self._header(guide_id) is None:
            return None
        # The guide and every guide it calls, read and shape-checked once each.
        closure: dict[str, Guide] = {}
        todo = [guide_id]
        failed = False
        while todo:
            current = todo.pop()
            if current in closure or current in self._loaded:
                continue
            header = self._header(current)
            if header is None or current in self._broken:
                failed = True
                continue
            guide, found = read_guide(header.path, self._t, texts=False)
            if guide is not None:
                found = found + shape_problems(guide, self._t)
            if guide is None or found:
                self._broken.add(current)
                self._library.problems.extend(found)
                failed = True
                continue
            closure[current] = guide
            todo.extend(s.guide for s in guide.steps.values() if isinstance(s, CallStep))
        everything = {**self._loaded, **closure}
        known_broken = self._broken | ({guide_id} if failed else set())
        for bad, found in call_problems(everything, known_broken - {guide_id}, self._t,
                                        known=set(self._ids)).items():
            if bad in closure:
                self._library.problems.extend(found)
                self._broken.add(bad)
                del closure[bad]
        if guide_id not in closure:
            self._broken.add(guide_id)
            return None
        self._loaded.update(closure)
        self._library.remaining.update(remaining_steps(self._loaded))
        self._library.to_success.update(remaining_steps(self._loaded, "success"))
        return closure[guide_id]

    def _header(self, guide_id: str) -> GuideHeader | None:
        """The header of one guide file, read the first time it is needed."""
        if guide_id not in self._known:
            found = None
            if guide_id in self._ids:
                path = self._root / f"{guide_id}.toml"
                fields = read_header(path)
                found = None if fields is None else GuideHeader(path=path, **fields)
            self._known[guide_id] = found
        return self._known[guide_id]

    def __getitem__(self, guide_id: str) -> Guide:
        guide = self._load(guide_id)
        if guide is None:
            raise KeyError(guide_id)
        return guide

    def __contains__(self, guide_id: object) -> bool:
        return isinstance(guide_id, str) and self._load(guide_id) is not None

    def __iter__(self) -> Iterator[str]:
        return iter([g for g in self._ids if self._load(g) is not None])

    def __len__(self) -> int:
        return sum(1 for _ in self)


def read_headers(
    directory: str | os.PathLike[str] | None = None,
) -> tuple[list[GuideHeader], Path]:
    """The header of every guide file of ``directory``, in topic order, then by id."""
    root = Path(directory) if directory is not None else default_directory()
    headers: list[GuideHeader] = []
    for path in sorted(root.glob("*.toml")) if root.is_dir() else []:
        found = read_header(path)
        if found is not None:
            headers.append(GuideHeader(path=path, **found))
    headers.sort(key=lambda h: (TOPICS.index(h.topic), h.id))
    return headers, root


def open_guides(
    directory: str | os.PathLike[str] | None = None, translator: Translator | None = None
) -> GuideLibrary:
    """The guides of ``directory``, loaded on demand: what listing and playing use.

    Listing (:meth:`GuideLibrary.index`) reads only the top of each file; playing a
    guide reads and checks that guide and the ones it calls, once. The Markdown and
    placeholder checks of every text are left to ``assistant check`` (text is
    sanitised when shown anyway).
    """
    t = translator if translator is not None else Translator("en")
    root = Path(directory) if directory is not None else default_directory()
    library = GuideLibrary({}, [], root, {}, {})
    library.on_demand = True
    library.guides = _OnDemand(library, root, t)
    return library
