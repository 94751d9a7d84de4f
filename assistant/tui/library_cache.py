"""What the home screen lists, kept between runs so the first screen needs no guide engine.

Loading and checking every guide (parsing, graph checks, Markdown policy) takes far
longer than drawing the first screen, yet the home screen only needs each guide's id,
title, summary and topic. Those are kept as plain JSON data in the user's cache
directory (:class:`GuideIndex`), under a key made of the guide files (names, sizes,
modification times) and the program's version. The guides themselves are always
loaded from their files, in the background once the first screen is up: nothing
executable is ever read back from the cache, and a cache file that is damaged, foreign
or hostile is only text to check (and, failing that, to ignore). Once the guides are
loaded the index is compared with them and rewritten if it was out of date, so the
cache is only ever a copy: deleting it changes nothing but the start-up time.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from platformdirs import user_cache_path

import assistant
from assistant.progress_store import APP_NAME
from assistant.resources import guides_dir

if TYPE_CHECKING:
    from assistant.engine import GuideLibrary

GUIDES_DIR_VARIABLE = "ASSISTANT_GUIDES_DIR"
"""Same variable as :data:`assistant.engine.GUIDES_DIR_VARIABLE` (read without importing
the engine)."""

INDEX_FORMAT = "guide-index/1"
"""The ``format`` of the cached index file."""

MAX_INDEX_BYTES = 256 * 1024
"""A larger file is not an index this program wrote: it is ignored unread."""

_MAX_TEXT = 1000
"""Longest id, title, summary or topic accepted from the file (guides allow 300)."""


class GuideEntry(NamedTuple):
    """What the home screen shows of one guide (English source text)."""

    id: str
    title: str
    summary: str
    topic: str


class GuideIndex(NamedTuple):
    """The guides in home-screen order, and the topics with their English labels."""

    topics: tuple[tuple[str, str], ...]
    """``(topic id, English label)`` in display order; labels are ``pgettext("topic")``."""
    guides: tuple[GuideEntry, ...]

    def to_json(self) -> dict[str, Any]:
        """JSON-ready data."""
        return {"topics": [list(topic) for topic in self.topics],
                "guides": [entry._asdict() for entry in self.guides]}

    @classmethod
    def from_json(cls, data: Any) -> GuideIndex:
        """Read back :meth:`to_json`; raises :class:`ValueError` on anything else.

        The file lives where other programs can write, so every value is checked:
        strings only, of a sane length, each guide under a listed topic, no id twice.
        """
        if not isinstance(data, dict):
            raise ValueError("not an object")
        topics = tuple((topic, label) for topic, label in
                       (_strings(pair, 2) for pair in _list(data.get("topics"))))
        known = {topic for topic, _label in topics}
        guides: list[GuideEntry] = []
        for item in _list(data.get("guides")):
            if not isinstance(item, dict) or set(item) != set(GuideEntry._fields):
                raise ValueError("not a guide entry")
            entry = GuideEntry(*_strings([item[name] for name in GuideEntry._fields], 4))
            if entry.topic not in known or any(g.id == entry.id for g in guides):
                raise ValueError(f"guide {entry.id!r} does not fit")
            guides.append(entry)
        return cls(topics, tuple(guides))


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise ValueError("not a list")
    return value


def _strings(values: Any, count: int) -> tuple[str, ...]:
    if (
        not isinstance(values, list)
        or len(values) != count
        or not all(isinstance(v, str) and 0 < len(v) <= _MAX_TEXT for v in values)
    ):
        raise ValueError("not a list of strings")
    return tuple(values)


def index_of(library: GuideLibrary) -> GuideIndex:
    """The home-screen index of a loaded library."""
    from assistant.engine import TOPICS, topic_label
    from assistant.i18n.translator import Translator

    english = Translator("en")
    return GuideIndex(
        topics=tuple((topic, topic_label(topic, english)) for topic in TOPICS),
        guides=tuple(GuideEntry(g.id, g.title, g.summary, g.topic)
                     for g in library.index()),
    )


def guides_directory() -> Path:
    """The guides directory the engine will read (its rule, without importing it)."""
    override = os.environ.get(GUIDES_DIR_VARIABLE)
    return Path(override) if override else guides_dir()


def cache_key(directory: Path) -> str:
    """A key that changes whenever a guide file or the program's version changes.

    The code that checks guides is not part of it: an index it would now judge
    differently is corrected as soon as the guides are loaded.
    """
    parts = [assistant.__version__, str(directory.resolve())]
    guides = sorted(directory.glob("*.toml")) if directory.is_dir() else []
    for path in guides:
        try:
            stat = path.stat()
        except OSError:
            continue
        parts.append(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return "\n".join(parts)


class LibraryCache:
    """The guides of one directory: the cached home-screen index, and their loading."""

    def __init__(self, cache_dir: Path | None = None, directory: Path | None = None) -> None:
        self.directory = directory if directory is not None else guides_directory()
        """The guides directory."""
        self.root = cache_dir if cache_dir is not None else user_cache_path(
            APP_NAME, appauthor=False
        )
        """Where the cache file lives."""
        self.index_path = self.root / "guide-index.json"
        """The cached home-screen index."""
        self.key = cache_key(self.directory)
        """What the cached index must have been made from to be used."""

    def index(self) -> GuideIndex | None:
        """The cached index, if it is current and well-formed."""
        try:
            with self.index_path.open("rb") as stream:
                raw = stream.read(MAX_INDEX_BYTES + 1)
            if len(raw) > MAX_INDEX_BYTES:
                return None
            data = json.loads(raw.decode("utf-8"))
            if data.get("format") != INDEX_FORMAT or data.get("key") != self.key:
                return None
            return GuideIndex.from_json(data)
        except Exception:  # missing, damaged or foreign: the guides are loaded instead
            return None

    def library(self) -> GuideLibrary:
        """Open the guides (each is read when first played: guides on demand), and bring
        the cached index up to date."""
        from assistant.engine import open_guides

        library = open_guides(self.directory)
        self.remember(index_of(library))
        return library

    def remember(self, index: GuideIndex) -> None:
        """Store ``index`` unless the cache already holds exactly it; failing is harmless."""
        if self.index() == index:
            return
        data = {"format": INDEX_FORMAT, "key": self.key, **index.to_json()}
        text = json.dumps(data, ensure_ascii=False, indent=1)
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".index-", dir=self.root)
        except OSError:
            return
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(text)
            os.replace(temporary, self.index_path)
        except OSError:
            Path(temporary).unlink(missing_ok=True)
            return
        # Earlier versions kept pickled guides here: never read again, so removed.
        for old in [*self.root.glob("guides-*.pickle"), *self.root.glob("index-*.json")]:
            try:
                old.unlink()
            except OSError:
                pass
