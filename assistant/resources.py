"""Where the shipped data lives: guides and catalogues.

In a wheel they are copied into ``assistant/_data/``; in a source checkout (or an
editable install) they sit at the top of the repository.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """Return the directory of shipped data ``name`` (``"guides"`` or ``"locales"``)."""
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def guides_dir() -> Path:
    """The directory holding the guide files."""
    return data_dir("guides")


def locales_dir() -> Path:
    """The directory holding ``assistant.pot`` and ``<lang>/LC_MESSAGES/assistant.po``."""
    return data_dir("locales")
