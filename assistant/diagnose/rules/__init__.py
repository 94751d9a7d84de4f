"""Every rule of the diagnosis, each an isolated, named function.

A rule looks at a snapshot and the intent and returns the :class:`Symptom` objects
of its one code (usually none). Rules never translate and never decide the order of the report; the
diagnosis runs each of them on its own, so one that raises cannot stop the others.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from assistant.account.model import WEB_INTENTS, Intent, Snapshot
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
    intents: frozenset[Intent | None] | None = None
    """The intents (``None`` among them: no intent given) it can report anything for,
    or ``None`` for every intent.

    A promise the diagnosis keeps by not running the rule for other intents; the
    check still tests the intent itself, and a test holds the two together.
    """

    def applies_to(self, intent: Intent | None) -> bool:
        """Whether the rule may find something when the person wants ``intent``."""
        return self.intents is None or intent in self.intents


def _rule(code: str, check: Check, intents: Iterable[Intent | None] | None = None) -> Rule:
    return Rule(
        name=getattr(check, "__name__", code),
        code=code,
        check=check,
        intents=None if intents is None else frozenset(intents),
    )


_I = Intent

# The third item is the rule's intents (see Rule.intents): a rule without one runs
# for every intent, so a new rule is never skipped by mistake.

RULES: tuple[Rule, ...] = (
    _rule("linked-to-business", linking.linked_to_business, {_I.SWITCH_TO_PERSONAL}),
    _rule("nothing-to-do", linking.nothing_to_do,
          {_I.SWITCH_TO_PERSONAL, _I.SWITCH_TO_BUSINESS, _I.LINK, _I.UNLINK}),
    _rule("no-business-account", linking.no_business_account, linking.NEEDS_BUSINESS),
    _rule("not-admin", linking.not_admin, linking.ADMIN_CHECKED),
    _rule("wrong-business-profile", linking.wrong_business_profile, {_I.UNLINK}),
    _rule("linking-unavailable", linking.linking_unavailable, {_I.LINK}),
    _rule("already-linked", linking.already_linked, {_I.LINK}),
    _rule("verification-code-expired", linking.verification_code_expired, {_I.UNLINK}),
    _rule("network-offline", linking.network_offline, Intent),
    _rule("stale-browser-cache", linking.stale_browser_cache, WEB_INTENTS),
    _rule("personal-account-no-team", team.personal_account_no_team, {_I.ADD_MEMBER}),
    _rule("invite-invalid-email", team.invite_invalid_email, team.INVITATION_INTENTS),
    _rule("invite-email-mismatch", team.invite_email_mismatch, team.INVITATION_INTENTS),
    _rule("invitee-in-other-business", team.invitee_in_other_business,
          team.INVITATION_INTENTS),
    _rule("invite-expired", team.invite_expired, team.INVITATION_INTENTS),
    _rule("invite-pending", team.invite_pending, team.INVITATION_INTENTS),
    _rule("target-not-member", team.target_not_member, team.MEMBER_INTENTS),
    _rule("last-admin", team.last_admin, team.MEMBER_INTENTS),
    _rule("collaborator-limit", sharing.collaborator_limit, {_I.SHARE}),
    _rule("mobile-device-limit", sharing.mobile_device_limit, {_I.SHARE}),
    _rule("credentials-shared", sharing.credentials_shared),
    _rule("former-member-access", team.former_member_access),
    _rule("excess-admins", team.excess_admins),
    _rule("no-two-factor", sharing.no_two_factor),
)
"""Every rule, in the order of SPEC §2's table (the report sorts its findings)."""

RULES_FOR_INTENT: dict[Intent | None, tuple[Rule, ...]] = {
    intent: tuple(rule for rule in RULES if rule.applies_to(intent))
    for intent in (None, *Intent)
}
"""The rules of :data:`RULES` that may find something for each intent, in order."""
