"""Shared test setup: let every test directory import ``strategies`` from here.

The tests are not a package, so this directory is put on ``sys.path`` once, before
any test module is imported.
"""

from __future__ import annotations

import sys
from pathlib import Path

_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)

# ``engine_paths`` (every path through a guide) serves the UI and security tests too.
_ENGINE = str(Path(__file__).resolve().parent / "engine")
if _ENGINE not in sys.path:
    sys.path.insert(1, _ENGINE)


import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _check_without_its_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """``assistant check`` checks afresh in tests: a result remembered from another test
    (in the user's cache) would hide what a test changes in the checking code.
    ``tests/i18n/test_i18n_check_cache.py`` turns the cache back on."""
    monkeypatch.setenv("ASSISTANT_NO_CHECK_CACHE", "1")
