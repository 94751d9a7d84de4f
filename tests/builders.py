"""Small helpers to derive test snapshots from another one (importable from any test dir).

    from builders import business, session, tiktok
    offline = session(default_snapshot(), online=False)
"""

from __future__ import annotations

from dataclasses import replace

from assistant.account.model import Snapshot

OWNER = "owner@maisonlune.example"
"""The login, admin and actor of :func:`default_snapshot`."""
ANA = "ana@studio.example"
"""The person with a pending invitation in :func:`default_snapshot`."""
MARC = "marc@maisonlune.example"
LEA = "lea@maisonlune.example"


def tiktok(s: Snapshot, **changes: object) -> Snapshot:
    """``s`` with these TikTok fields changed."""
    return replace(s, tiktok=replace(s.tiktok, **changes))  # type: ignore[arg-type]


def business(s: Snapshot, **changes: object) -> Snapshot:
    """``s`` with these business fields changed (``s`` must have a business)."""
    assert s.business is not None
    return replace(s, business=replace(s.business, **changes))  # type: ignore[arg-type]


def session(s: Snapshot, **changes: object) -> Snapshot:
    """``s`` with these session fields changed."""
    return replace(s, session=replace(s.session, **changes))  # type: ignore[arg-type]


def invitation(s: Snapshot, **changes: object) -> Snapshot:
    """``s`` with its only invitation changed (as in :func:`default_snapshot`)."""
    assert s.business is not None and len(s.business.invitations) == 1
    return business(s, invitations=(replace(s.business.invitations[0], **changes),))  # type: ignore[arg-type]
