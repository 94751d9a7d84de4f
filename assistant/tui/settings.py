"""What the UI remembers between runs: the language and the contrast.

A small JSON file in the user's config directory (:mod:`platformdirs`;
``XDG_CONFIG_HOME`` on Linux). Anything unreadable is ignored (the defaults apply) and
a write that fails is not an error: remembering is a convenience, never a reason to stop.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from platformdirs import user_config_path

from assistant.progress_store import APP_NAME

MAX_SETTINGS_BYTES = 16 * 1024
"""A larger file is not one this program wrote: ignored unread."""


@dataclass(frozen=True)
class Preferences:
    """The remembered choices (``None``: never chosen)."""

    lang: str | None = None
    high_contrast: bool = False


def default_settings_path() -> Path:
    """The settings file in the user's config directory."""
    return user_config_path(APP_NAME, appauthor=False) / "settings.json"


class Settings:
    """Reads and writes :class:`Preferences`."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else default_settings_path()
        """The settings file."""

    def load(self) -> Preferences:
        """The remembered preferences, or the defaults when there are none (or they are
        unreadable)."""
        try:
            with self.path.open("rb") as stream:
                raw = stream.read(MAX_SETTINGS_BYTES + 1)
            data = json.loads(raw.decode("utf-8")) if len(raw) <= MAX_SETTINGS_BYTES else None
        except (OSError, UnicodeDecodeError, ValueError, RecursionError):
            return Preferences()
        if not isinstance(data, dict):
            return Preferences()
        lang = data.get("lang")
        contrast = data.get("high_contrast")
        return Preferences(
            lang=lang if isinstance(lang, str) and lang.isalpha() and len(lang) <= 8 else None,
            high_contrast=contrast if isinstance(contrast, bool) else False,
        )

    def save(self, preferences: Preferences) -> bool:
        """Remember ``preferences``; ``False`` when the file cannot be written."""
        data = json.dumps(asdict(preferences), indent=2).encode("utf-8")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".settings-", dir=self.path.parent)
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, self.path)
        except OSError:
            return False
        return True
