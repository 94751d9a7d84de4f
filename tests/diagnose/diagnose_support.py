"""Snapshots and translators for the diagnosis tests.

``healthy()`` is an account with nothing to report; each test changes the one thing
it is about with :func:`change`, so a finding can be shown to fire, and to narrowly
not fire, on the same ground.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from assistant.account.model import (
    AccountType,
    Business,
    Device,
    DeviceKind,
    Intent,
    Member,
    Role,
    Session,
    Snapshot,
    TikTok,
)
from assistant.diagnose import diagnose
from assistant.i18n.catalogue import read_po_messages
from assistant.i18n.translator import Translator

ROOT = Path(__file__).resolve().parents[2]
FRAGMENT = ROOT / "locales" / "fr" / "fragments" / "diagnose.po"
EXAMPLES = ROOT / "tests" / "data" / "examples"

OWNER = "owner@maisonlune.example"
USERNAME = "maison.lune"


def fragment_translator() -> Translator:
    """A French translator built from this area's fragment alone."""
    return Translator("fr", read_po_messages(FRAGMENT))


def healthy(intent: Intent | None = None) -> Snapshot:
    """A linked business account, 2-step verification on, the owner the only admin."""
    return Snapshot(
        tiktok=TikTok(
            username=USERNAME,
            type=AccountType.BUSINESS,
            email=OWNER,
            two_factor=True,
            devices=(Device("Office iMac", DeviceKind.DESKTOP, linked=True),),
        ),
        business=Business(
            email=OWNER, linked_tiktok=USERNAME, members=(Member(OWNER, Role.ADMIN),)
        ),
        session=Session(actor=OWNER, business_profile=OWNER),
        intent=intent,
    )


def change(snapshot: Snapshot, **parts: dict[str, Any]) -> Snapshot:
    """``snapshot`` with some fields of its parts replaced.

    ``change(s, tiktok={"two_factor": False}, session={"online": False})``; top-level
    fields (``intent``, ``target``, ``business=None``) are given directly.
    """
    top: dict[str, Any] = {}
    for name, value in parts.items():
        current = getattr(snapshot, name)
        if isinstance(value, dict) and current is not None:
            top[name] = replace(current, **value)
        else:
            top[name] = value
    return replace(snapshot, **top)


def codes(snapshot: Snapshot, intent: Intent | str | None = None) -> list[str]:
    """The codes the diagnosis finds, in report order."""
    return [finding.code for finding in diagnose(snapshot, intent)]


def team(*members: Member, **business: Any) -> dict[str, Any]:
    """The ``business`` changes that give the team exactly these members."""
    return {"members": members, **business}
