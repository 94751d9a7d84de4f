"""Shared pieces of the security tests: hostile text, a hostile translator, CLI runs.

The set of characters a terminal acts on is written out here again on purpose: the
tests do not trust :mod:`assistant.safetext` to define what it must remove.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from assistant.account.snapshot import default_snapshot, dump_snapshot
from assistant.cli import main
from assistant.i18n.translator import Translator

RAW_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
"""Every character that must never reach a terminal raw (newline and tab aside)."""

OSC52 = "\x1b]52;c;SGVsbG8=\x07[/]"
"""An OSC 52 clipboard write, then an unbalanced Textual markup close."""
CLICK = "[@click=app.quit]x[/]"
"""Textual action markup: a live action if it were ever parsed as markup."""
HOSTILE = "\x1b[2J\x9b31m\u202eevil\u2066\x7f" + OSC52
"""ESC, CSI 2J, a C1 CSI, bidi overrides, DEL and an OSC 52 write, in one string."""


def raw_controls(text: str) -> list[str]:
    """The raw terminal controls in ``text`` (empty when it is safe to print)."""
    return RAW_CONTROL.findall(text)


def snapshot_json(**tiktok: Any) -> str:
    """The default snapshot as JSON, with ``tiktok`` fields replaced."""
    data = dump_snapshot(default_snapshot())
    data["tiktok"].update(tiktok)
    return json.dumps(data)


class HostileTranslator(Translator):
    """English, except that every message comes back wrapped in terminal controls.

    Stands in for a volunteer's catalogue gone bad: every string a command gets from
    the translator carries ESC, C1, DEL and bidi controls.
    """

    def gettext(self, message: str, **fields: object) -> str:
        """The English text, wrapped in :data:`HOSTILE`."""
        return HOSTILE + super().gettext(message, **fields) + HOSTILE

    def pgettext(self, context: str, message: str, **fields: object) -> str:
        """The English text, wrapped in :data:`HOSTILE`."""
        return HOSTILE + super().pgettext(context, message, **fields) + HOSTILE

    def npgettext(
        self, context: str | None, singular: str, plural: str, n: int, **fields: object
    ) -> str:
        """The English text, wrapped in :data:`HOSTILE`."""
        return HOSTILE + super().npgettext(context, singular, plural, n, **fields) + HOSTILE


def use_hostile_catalogue(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on in the test, every command gets a :class:`HostileTranslator`."""
    monkeypatch.setattr("assistant.cli.get_translator", lambda lang: HostileTranslator("en"))


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """``assistant ARGS`` in this process: exit code, standard output, standard error."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def toml_string(text: str) -> str:
    """``text`` as a TOML basic string (ASCII controls escaped, the rest kept raw)."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def small_guide(
    guide_id: str = "small",
    *,
    title: str = "A small guide",
    step_title: str = "First",
    body: str = "Hello {username}.",
    label: str = "Go on",
) -> str:
    """A valid two-step guide file, with the given texts (each escaped for TOML)."""
    return f"""\
id = "{guide_id}"
title = {toml_string(title)}
topic = "linking"
summary = "A guide for the security tests."
start = "first"

[steps.first]
kind = "ask"
title = {toml_string(step_title)}
body = {toml_string(body)}
choices = [{{ label = {toml_string(label)}, next = "done" }}]

[steps.done]
kind = "end"
outcome = "success"
title = "Done"
body = "Done, **{{username}}**."
"""
