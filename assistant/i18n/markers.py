"""Markers for strings translated later: ``pybabel extract`` finds them, nothing else happens."""

from __future__ import annotations


def N_(message: str) -> str:
    """Mark ``message`` for extraction; it is translated later with ``t.gettext(message)``."""
    return message


def NC_(context: str, message: str) -> str:
    """Mark ``message`` with a ``context`` for extraction; translate with ``pgettext``."""
    return message
