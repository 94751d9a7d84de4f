"""The domain layers never import Textual: they are pure and testable without a terminal."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import assistant

DOMAIN_PACKAGES = ("assistant.account", "assistant.engine", "assistant.diagnose", "assistant.i18n")


def _domain_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(assistant.__path__, "assistant."):
        if info.name.startswith(DOMAIN_PACKAGES) or info.name in ("assistant.cli",):
            names.append(info.name)
    return names


def test_domain_modules_exist():
    modules = _domain_modules()
    for package in DOMAIN_PACKAGES:
        assert package in modules


def test_domain_layers_do_not_import_textual():
    modules = _domain_modules()
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "leaked = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(leaked))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"textual imported by domain code: {result.stdout}"


def test_commands_other_than_ui_do_not_import_textual():
    code = (
        "import sys\n"
        "from assistant import cli\n"
        "try:\n"
        "    cli.main(['--version'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('textual' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip().splitlines()[-1] == "False"
