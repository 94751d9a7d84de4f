"""The finding codes of SPEC §2: each code's severity and the guide that fixes it.

Codes, severities and guides are public (scripts and ticket systems match on them):
they are defined here once and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from assistant.account.model import INTENT_GUIDES, Intent


class Severity(StrEnum):
    """How much a finding matters; findings are ordered by it, errors first."""

    ERROR = "error"
    """It blocks the intent."""
    WARNING = "warning"
    """A risk, or a likely cause of trouble."""
    INFO = "info"
    """Nothing to do."""

    @property
    def rank(self) -> int:
        """Position in the report: errors (0), then warnings (1), then info (2)."""
        return _RANKS[self]


_RANKS = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True)
class Code:
    """One finding code: its severity and the guide that fixes it."""

    code: str
    severity: Severity
    guide: str | None = None
    """The guide id, or ``None`` when no guide can fix it."""
    guide_from_intent: bool = False
    """When true, the fixing guide is the one that carries out the intent."""

    def guide_for(self, intent: Intent | None) -> str | None:
        """The guide to run for this finding when the person wants ``intent``."""
        if self.guide_from_intent:
            return INTENT_GUIDES[intent] if intent is not None else None
        return self.guide


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO

RULE_CRASHED = "rule-crashed"
"""The code of a finding that reports a rule which raised instead of answering."""

CODES: dict[str, Code] = {
    code.code: code
    for code in (
        Code("linked-to-business", _E, "unlink-business"),
        Code("nothing-to-do", _I),
        Code("no-business-account", _E, guide_from_intent=True),
        Code("not-admin", _E, "request-admin-access"),
        Code("wrong-business-profile", _E, "unlink-business"),
        Code("linking-unavailable", _E),
        Code("already-linked", _E, "unlink-business"),
        Code("verification-code-expired", _E, "unlink-business"),
        Code("network-offline", _E, guide_from_intent=True),
        Code("stale-browser-cache", _W, guide_from_intent=True),
        Code("personal-account-no-team", _E, "switch-to-business"),
        Code("invite-invalid-email", _E, "add-member"),
        Code("invite-email-mismatch", _E, "add-member"),
        Code("invitee-in-other-business", _E, "add-member"),
        Code("invite-expired", _E, "add-member"),
        Code("invite-pending", _W, "add-member"),
        Code("target-not-member", _E),
        Code("last-admin", _E, "manage-roles"),
        Code("collaborator-limit", _E, "share-account"),
        Code("mobile-device-limit", _W, "share-account"),
        Code("credentials-shared", _W, "revoke-access"),
        Code("former-member-access", _W, "remove-member"),
        Code("excess-admins", _W, "manage-roles"),
        Code("no-two-factor", _W, "secure-account"),
        Code(RULE_CRASHED, _E),
    )
}
"""Every finding code (SPEC §2 and ``rule-crashed``), in the SPEC's table order."""


def listed_codes() -> list[Code]:
    """Every code in report order: by severity, then by code."""
    return sorted(CODES.values(), key=lambda code: (code.severity.rank, code.code))
