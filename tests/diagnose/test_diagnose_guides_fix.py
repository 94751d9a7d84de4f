"""SPEC §2 "A finding's guide fixes it", for the guides SPEC 0.2 changed.

Every path of the guide a finding names is walked on the snapshot that produced it:
one path reaches ``success`` with an account that no longer has the finding, or, for
``not-admin``, the guide ends in ``escalate``.
"""

from __future__ import annotations

import pytest
from diagnose_support import OWNER, change, healthy, team

from assistant.account.model import Intent, Member, Role, Snapshot
from assistant.diagnose import diagnose
from assistant.diagnose.rules.linking import NEEDS_BUSINESS
from assistant.engine import Runner, load_guides
from assistant.i18n.translator import Translator

LEA = "lea@maisonlune.example"
TYPED = {"email": "new.person@example.com", "phone": "+33 6 12 34 56 78",
         "username": "studio.nina"}
"""What a person types at an ``input`` step, by kind (the invitee's address…)."""


@pytest.fixture(scope="module")
def library():
    return load_guides()


def _ends(library, guide: str, snapshot: Snapshot) -> list[tuple[str, Snapshot]]:
    """The outcome and final account of every path of ``guide`` (each state once);
    at an ``input`` step the person types a valid answer (:data:`TYPED`)."""
    runner = Runner(library, guide, snapshot, Translator("en"))
    seen: set[object] = set()
    ends: list[tuple[str, Snapshot]] = []

    def explore() -> None:
        state = (runner.place, runner.snapshot)
        if state in seen:
            return
        seen.add(state)
        view = runner.view()
        if view.finished:
            ends.append((str(runner.outcome), runner.snapshot))
            return
        if view.input is not None:
            runner.answer_text(TYPED[view.input])
            explore()
            runner.back()
        for number in range(1, len(view.choices) + 1):
            runner.answer(number)
            explore()
            runner.back()

    explore()
    return ends


def _fixed(library, snapshot: Snapshot, intent: Intent, code: str) -> bool:
    [finding] = [f for f in diagnose(snapshot, intent) if f.code == code]
    assert finding.guide is not None
    ends = _ends(library, finding.guide, snapshot)
    if code == "not-admin":
        return any(outcome == "escalate" for outcome, _ in ends)
    return any(
        outcome == "success" and code not in [f.code for f in diagnose(after, intent)]
        for outcome, after in ends
    )


def test_collaborator_limit_is_fixed_by_share_account(library):
    snapshot = change(healthy(), tiktok={"collaborators": ("c.1", "c.2", "c.3", "c.4")})
    assert _fixed(library, snapshot, Intent.SHARE, "collaborator-limit")


@pytest.mark.parametrize("intent", sorted(NEEDS_BUSINESS))
def test_no_business_account_is_fixed_by_the_intent_guide(library, intent):
    snapshot = change(healthy(), business=None)
    assert _fixed(library, snapshot, intent, "no-business-account")


def test_not_admin_on_switch_to_personal_ends_in_escalate(library):
    snapshot = change(healthy(),
                      business=team(Member(OWNER, Role.EDITOR), Member(LEA, Role.ADMIN)))
    assert _fixed(library, snapshot, Intent.SWITCH_TO_PERSONAL, "not-admin")


@pytest.mark.parametrize("profile", [LEA, None])
def test_a_link_held_by_another_persons_login_can_end_in_escalate(library, profile):
    snapshot = change(healthy(), session={"actor": LEA, "business_profile": profile},
                      business=team(Member(OWNER, Role.ADMIN), Member(LEA, Role.ADMIN)))
    [finding] = [f for f in diagnose(snapshot, Intent.UNLINK)
                 if f.code == "wrong-business-profile"]
    assert "escalate" in [outcome for outcome, _ in _ends(library, finding.guide, snapshot)]
