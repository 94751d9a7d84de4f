"""Fixtures for the served-mode and browser tests.

Every test gets its own user directories and working directory, so nothing a test
does reaches the real ones, and the guides are the small ones in ``data/``: what the
page must show does not move with the shipped guides.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)  # for ``browser_support``

GUIDES = Path(__file__).resolve().parent / "data"
"""The browser-check guide."""


@pytest.fixture(autouse=True)
def isolated_session(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """User directories and the working directory inside the test's own folder."""
    for name in ("XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.setenv(name, str(tmp_path / "user" / name.lower()))
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE", "ASSISTANT_SERVED"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ASSISTANT_GUIDES_DIR", str(GUIDES))
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    return work
