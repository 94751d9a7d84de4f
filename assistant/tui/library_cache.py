"""The checked guides, kept between runs so the UI starts without re-checking them.

Loading and checking every guide (parsing, graph checks, Markdown policy) takes far
longer than drawing the first screen. Its result only depends on the guide files and
on the code that reads them, so it is stored in the user's cache directory under a
key made of both (file names, sizes and modification times); anything different, or
a cache that cannot be read back, means loading the guides again. The cache is only
ever a copy: deleting it changes nothing but the start-up time.

Two things are kept: the whole library (for playing guides) and a small JSON
:class:`GuideIndex` (ids, titles, summaries, topics) that is all the home screen
needs, so the first screen is drawn before the guide engine is even imported.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from platformdirs import user_cache_path

import assistant
from assistant.progress_store import APP_NAME
from assistant.resources import guides_dir

if TYPE_CHECKING:
    from assistant.engine import GuideLibrary

GUIDES_DIR_VARIABLE = "ASSISTANT_GUIDES_DIR"
"""Same variable as :data:`assistant.engine.GUIDES_DIR_VARIABLE` (read without importing
the engine)."""

_CODE_PACKAGES = ("account", "engine", "i18n")
"""The packages whose code decides what a loaded guide library holds."""


@dataclass(frozen=True)
class GuideEntry:
    """What the home screen shows of one guide (English source text)."""

    id: str
    title: str
    summary: str
    topic: str


@dataclass(frozen=True)
class GuideIndex:
    """The guides in home-screen order, and the topics with their English labels."""

    topics: tuple[tuple[str, str], ...]
    """``(topic id, English label)`` in display order; labels are ``pgettext("topic")``."""
    guides: tuple[GuideEntry, ...]

    def to_json(self) -> dict[str, Any]:
        """JSON-ready data."""
        return {"topics": [list(topic) for topic in self.topics],
                "guides": [entry.__dict__ for entry in self.guides]}

    @classmethod
    def from_json(cls, data: Any) -> GuideIndex:
        """Read back :meth:`to_json`; raises on anything else."""
        topics = tuple((str(t), str(label)) for t, label in data["topics"])
        guides = tuple(
            GuideEntry(str(g["id"]), str(g["title"]), str(g["summary"]), str(g["topic"]))
            for g in data["guides"]
        )
        return cls(topics, guides)


def index_of(library: GuideLibrary) -> GuideIndex:
    """The home-screen index of a loaded library."""
    from assistant.engine import TOPICS, topic_label
    from assistant.i18n.translator import Translator

    english = Translator("en")
    return GuideIndex(
        topics=tuple((topic, topic_label(topic, english)) for topic in TOPICS),
        guides=tuple(GuideEntry(g.id, g.title, g.summary, g.topic)
                     for g in library.in_topic_order()),
    )


def guides_directory() -> Path:
    """The guides directory the engine will read (its rule, without importing it)."""
    override = os.environ.get(GUIDES_DIR_VARIABLE)
    return Path(override) if override else guides_dir()


def _fingerprint(paths: list[Path]) -> str:
    digest = hashlib.sha256(assistant.__version__.encode())
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            continue
        digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:32]


def cache_key(directory: Path) -> str:
    """A key that changes whenever a guide or the code reading guides changes."""
    package = Path(assistant.__file__).resolve().parent
    code = sorted(package.glob("*.py"))
    for name in _CODE_PACKAGES:
        code += sorted((package / name).rglob("*.py"))
    guides = sorted(directory.glob("*.toml")) if directory.is_dir() else []
    return _fingerprint([directory, *guides, *code])


class LibraryCache:
    """The cache files of one guides directory, in one cache directory."""

    def __init__(self, cache_dir: Path | None = None, directory: Path | None = None) -> None:
        self.directory = directory if directory is not None else guides_directory()
        """The guides directory cached."""
        self.root = cache_dir if cache_dir is not None else user_cache_path(
            APP_NAME, appauthor=False
        )
        """Where the cache files live."""
        key = cache_key(self.directory)
        self.library_path = self.root / f"guides-{key}.pickle"
        """The cached library."""
        self.index_path = self.root / f"index-{key}.json"
        """The cached home-screen index."""

    def index(self) -> GuideIndex | None:
        """The cached index, if it is current and readable."""
        try:
            return GuideIndex.from_json(json.loads(self.index_path.read_text("utf-8")))
        except Exception:  # a missing or damaged cache only means loading the guides
            return None

    def library(self) -> GuideLibrary:
        """The guide library, from the cache when current, else loaded and cached."""
        from assistant.engine import GuideLibrary, load_guides

        try:
            with self.library_path.open("rb") as stream:
                library = pickle.load(stream)
            if isinstance(library, GuideLibrary):
                return library
        except Exception:  # a missing or damaged cache only means loading the guides
            pass
        library = load_guides(self.directory)
        try:
            data = pickle.dumps(library, pickle.HIGHEST_PROTOCOL)
        except Exception:  # something in the library cannot be stored: no cache then
            return library
        self._store(self.library_path, data)
        index = json.dumps(index_of(library).to_json(), ensure_ascii=False)
        self._store(self.index_path, index.encode("utf-8"))
        return library

    def _store(self, path: Path, data: bytes) -> None:
        """Write one cache file atomically and drop its older versions; failing is harmless."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".cache-", dir=self.root)
        except OSError:
            return
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, path)
            prefix = path.name.split("-", 1)[0]
            for old in self.root.glob(f"{prefix}-*{path.suffix}"):
                if old != path:
                    old.unlink(missing_ok=True)
        except OSError:
            Path(temporary).unlink(missing_ok=True)


def cached_library(cache_dir: Path | None = None) -> GuideLibrary:
    """The guide library, from the cache when it is current (see :class:`LibraryCache`)."""
    return LibraryCache(cache_dir).library()
