"""Every shipped catalogue passes GNU msgfmt's own checks (SPEC §5)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from assistant.resources import locales_dir

pytestmark = pytest.mark.skipif(shutil.which("msgfmt") is None,
                                reason="GNU gettext (msgfmt) is not installed")

CATALOGUES = sorted(Path(locales_dir()).glob("*/LC_MESSAGES/*.po"))
FRAGMENTS = sorted(Path(locales_dir()).glob("*/fragments/*.po"))


def _msgfmt(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["msgfmt", *args, "-o", "/dev/null"], capture_output=True, text=True)


def test_there_is_a_french_catalogue():
    assert any(path.parts[-3] == "fr" for path in CATALOGUES)


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: "/".join(p.parts[-3:]))
def test_catalogue_passes_msgfmt_check(path):
    result = _msgfmt("--check-format", "--check-header", "--check-domain", str(path))
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("path", FRAGMENTS, ids=lambda p: "/".join(p.parts[-3:]))
def test_fragment_passes_msgfmt_format_check(path):
    # Fragments may leave the header out, so only the formats are checked here.
    result = _msgfmt("--check-format", str(path))
    assert result.returncode == 0, result.stderr
