"""Every rule of the diagnosis, each an isolated, named function.

A rule looks at a snapshot and the intent and returns the :class:`Symptom` objects
of its one code (usually none). Rules never translate and never decide the order of the report; the
diagnosis runs each of them on its own, so one that raises cannot stop the others.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from assistant.account.model import Intent, Snapshot
from assistant.diagnose.finding import Symptom
from assistant.diagnose.rules import linking, sharing, team

Check = Callable[[Snapshot, "Intent | None"], Iterable[Symptom]]
"""A rule's function: ``check(snapshot, intent)`` returns the symptoms it finds."""


@dataclass(frozen=True)
class Rule:
    """A named check that reports one finding code."""

    name: str
    """The rule's name, shown when it crashes."""
    code: str
    """The code of the findings it reports."""
    check: Check
    """The function that looks at the snapshot."""


def _rule(code: str, check: Check) -> Rule:
    return Rule(name=getattr(check, "__name__", code), code=code, check=check)


RULES: tuple[Rule, ...] = (
    _rule("linked-to-business", linking.linked_to_business),
    _rule("nothing-to-do", linking.nothing_to_do),
    _rule("no-business-account", linking.no_business_account),
    _rule("not-admin", linking.not_admin),
    _rule("wrong-business-profile", linking.wrong_business_profile),
    _rule("linking-unavailable", linking.linking_unavailable),
    _rule("already-linked", linking.already_linked),
    _rule("verification-code-expired", linking.verification_code_expired),
    _rule("network-offline", linking.network_offline),
    _rule("stale-browser-cache", linking.stale_browser_cache),
    _rule("personal-account-no-team", team.personal_account_no_team),
    _rule("invite-invalid-email", team.invite_invalid_email),
    _rule("invite-email-mismatch", team.invite_email_mismatch),
    _rule("invitee-in-other-business", team.invitee_in_other_business),
    _rule("invite-expired", team.invite_expired),
    _rule("invite-pending", team.invite_pending),
    _rule("target-not-member", team.target_not_member),
    _rule("last-admin", team.last_admin),
    _rule("collaborator-limit", sharing.collaborator_limit),
    _rule("mobile-device-limit", sharing.mobile_device_limit),
    _rule("credentials-shared", sharing.credentials_shared),
    _rule("former-member-access", team.former_member_access),
    _rule("excess-admins", team.excess_admins),
    _rule("no-two-factor", sharing.no_two_factor),
)
"""Every rule, in the order of SPEC §2's table (the report sorts its findings)."""
