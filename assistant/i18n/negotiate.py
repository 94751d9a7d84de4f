"""Choosing the language: ``--lang``, then the environment, then English.

A locale name is only ever compared with the known languages; it is never used to
build a path.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from assistant.i18n.translator import LANGUAGES, SOURCE_LANGUAGE

ENV_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")
"""Where the language is looked up, in this order (SPEC §4)."""

_LANGUAGE_PART = re.compile(r"[A-Za-z]{2,3}")


def language_of(locale_name: str) -> str | None:
    """The known language a locale name asks for (``fr_CA.UTF-8`` → ``fr``), or ``None``."""
    head = re.split(r"[_.@\-]", locale_name.strip(), maxsplit=1)[0]
    if not _LANGUAGE_PART.fullmatch(head):
        return None
    head = head.lower()
    return head if head in LANGUAGES else None


def _candidates(env: Mapping[str, str]) -> Iterable[tuple[str, bool]]:
    """Each locale name of the environment, and whether it alone decides."""
    for name in ENV_VARIABLES:
        value = env.get(name, "")
        if name == "LANGUAGE":
            # A colon-separated list of preferences (GNU gettext): try each in turn.
            for part in value.split(":"):
                yield part, False
        else:
            yield value, True


def negotiate(requested: str | None, env: Mapping[str, str]) -> str:
    """The language to use: ``requested`` if known, else the environment's, else English."""
    if requested:
        chosen = language_of(requested)
        if chosen:
            return chosen
    for candidate, decides in _candidates(env):
        if not candidate or candidate in ("C", "POSIX") or candidate.startswith("C."):
            continue
        chosen = language_of(candidate)
        if chosen:
            return chosen
        if decides:
            # A real locale we have no catalogue for (de_DE): English, not a guess.
            return SOURCE_LANGUAGE
    return SOURCE_LANGUAGE
