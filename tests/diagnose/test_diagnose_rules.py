"""Each finding code fires where SPEC §2 says, and narrowly does not just beside it."""

from __future__ import annotations

import pytest
from diagnose_support import OWNER, USERNAME, change, codes, healthy, team

from assistant.account.model import (
    AccountType,
    CodeState,
    Device,
    DeviceKind,
    Intent,
    Invitation,
    InvitationStatus,
    Member,
    Role,
)
from assistant.diagnose import CODES, RULE_CRASHED, diagnose

IN = Intent
ANA = "ana@studio.example"
PAUL = "paul@studio.example"
LEA = "lea@maisonlune.example"


def invited(**fields: object) -> dict[str, object]:
    """Business changes: one invitation to Ana, with ``fields`` changed."""
    values: dict[str, object] = {
        "email": ANA, "role": Role.EDITOR, "status": InvitationStatus.ACCEPTED,
        "accepted_with": None, "invitee_other_business": False,
    }
    values.update(fields)
    return {"invitations": (Invitation(**values),)}  # type: ignore[arg-type]


def collaborators(n: int) -> dict[str, object]:
    """TikTok changes: ``n`` collaborators."""
    return {"collaborators": tuple(f"c.{i}" for i in range(n))}


H = healthy
PERSONAL = {"type": AccountType.PERSONAL}
UNLINKED = {"linked_tiktok": None}

# (code, snapshot, intent, why) — the code is among the findings.
FIRES = [
    ("linked-to-business", H(), IN.SWITCH_TO_PERSONAL, "business and linked"),
    ("nothing-to-do", change(H(), tiktok=PERSONAL, business=UNLINKED), IN.SWITCH_TO_PERSONAL,
     "already personal"),
    ("nothing-to-do", H(), IN.SWITCH_TO_BUSINESS, "already business"),
    ("nothing-to-do", H(), IN.LINK, "already linked"),
    ("nothing-to-do", change(H(), business=UNLINKED), IN.UNLINK, "not linked"),
    ("no-business-account", change(H(), business=None), IN.LINK, "link without a login"),
    ("no-business-account", change(H(), business=None), IN.CHANGE_ROLE, "team without a login"),
    ("not-admin", change(H(), business=team(Member(OWNER, Role.EDITOR), Member(LEA, Role.ADMIN))),
     IN.ADD_MEMBER, "actor is an editor"),
    ("not-admin", change(H(), session={"actor": PAUL}), IN.UNLINK, "actor not in the team"),
    ("not-admin", change(H(), business=team(Member(OWNER, Role.ADMIN, departed=True))),
     IN.REMOVE_MEMBER, "actor is a departed admin"),
    ("wrong-business-profile", change(H(), session={"business_profile": "perso@mail.example"}),
     IN.UNLINK, "signed in to another login"),
    ("wrong-business-profile", change(H(), session={"business_profile": None}), IN.UNLINK,
     "not signed in"),
    ("linking-unavailable", change(H(), business={"linking_available": False, **UNLINKED}),
     IN.LINK, "linking not open"),
    ("already-linked", change(H(), business={"linked_tiktok": "other.account"}), IN.LINK,
     "login linked to another account"),
    ("verification-code-expired", change(H(), session={"verification_code": CodeState.EXPIRED}),
     IN.UNLINK, "code expired"),
    ("network-offline", change(H(), session={"online": False}), IN.SHARE, "offline, any intent"),
    ("stale-browser-cache", change(H(), session={"browser_cache_stale": True}), IN.UPDATE_LOGIN,
     "web intent"),
    ("personal-account-no-team", change(H(), tiktok=PERSONAL), IN.ADD_MEMBER, "personal"),
    ("invite-invalid-email", change(H(), business=invited(email="ana@studio")), IN.ADD_MEMBER,
     "no top-level domain"),
    ("invite-invalid-email", change(H(), business=invited(email="ana @studio.example")), None,
     "a space, no intent"),
    ("invite-email-mismatch", change(H(), business=invited(accepted_with="ana.perso@mail.example")),
     IN.ADD_MEMBER, "accepted with another email"),
    ("invitee-in-other-business", change(H(), business=invited(invitee_other_business=True)),
     IN.ADD_MEMBER, "invitee elsewhere"),
    ("invite-expired", change(H(), business=invited(status=InvitationStatus.EXPIRED)), None,
     "expired, no intent"),
    ("invite-pending", change(H(), business=invited(status=InvitationStatus.PENDING)),
     IN.ADD_MEMBER, "pending"),
    ("target-not-member", H(), IN.REMOVE_MEMBER, "no target"),
    ("target-not-member", change(H(), target=PAUL), IN.CHANGE_ROLE, "target not in the team"),
    ("last-admin", change(H(), target=OWNER, business=team(
        Member(OWNER, Role.ADMIN), Member(LEA, Role.ADMIN, departed=True))),
     IN.REMOVE_MEMBER, "the other admin has departed"),
    ("last-admin", change(H(), target=OWNER), IN.CHANGE_ROLE, "only admin, changing role"),
    ("collaborator-limit", change(H(), tiktok=collaborators(4)), IN.SHARE, "4 collaborators"),
    ("mobile-device-limit", change(H(), tiktok={"devices": (Device("Pixel 8", DeviceKind.MOBILE,
     linked=True),)}), IN.SHARE, "a linked phone"),
    ("credentials-shared", change(H(), tiktok={"password_shared_with": 1}), None, "shared once"),
    ("former-member-access", change(H(), business=team(Member(OWNER, Role.ADMIN),
     Member(LEA, Role.EDITOR, departed=True))), IN.SHARE, "a departed editor"),
    ("excess-admins", change(H(), business=team(Member(OWNER, Role.ADMIN), Member(LEA, Role.ADMIN),
     Member(ANA, Role.EDITOR))), None, "2 admins of 3"),
    ("no-two-factor", change(H(), tiktok={"two_factor": False}), IN.LINK, "any intent"),
]

# (code, snapshot, intent, why) — the code is NOT among the findings.
NEAR_MISSES = [
    ("linked-to-business", change(H(), business={"linked_tiktok": "other.account"}),
     IN.SWITCH_TO_PERSONAL, "the login is linked to another account"),
    ("nothing-to-do", change(H(), business=UNLINKED), IN.SWITCH_TO_PERSONAL,
     "business, not linked: there is something to switch"),
    ("nothing-to-do", H(), IN.UNLINK, "unlink while linked"),
    ("no-business-account", change(H(), business=None), IN.UNLINK,
     "unlink is not among the intents that need a login"),
    ("not-admin", change(H(), session={"actor": OWNER.upper()}), IN.ADD_MEMBER,
     "the admin, email in another case"),
    ("not-admin", change(H(), business=team(Member(OWNER, Role.EDITOR))), IN.SHARE,
     "an editor sharing does not need admin rights"),
    ("wrong-business-profile", change(H(), session={"business_profile": OWNER.upper()}),
     IN.UNLINK, "the right login in another case"),
    ("wrong-business-profile", change(H(), session={"business_profile": None}, business=UNLINKED),
     IN.UNLINK, "not linked: nothing to unlink from the wrong profile"),
    ("linking-unavailable", change(H(), business={"linking_available": False}), IN.UNLINK,
     "unavailable linking does not matter to unlink"),
    ("already-linked", change(H(), business=UNLINKED), IN.LINK, "the login is free"),
    ("verification-code-expired", change(H(), session={"verification_code": CodeState.SENT}),
     IN.UNLINK, "code sent, not expired"),
    ("network-offline", change(H(), session={"online": False}), None, "offline but no intent"),
    ("stale-browser-cache", change(H(), session={"browser_cache_stale": True}),
     IN.SWITCH_TO_PERSONAL, "switching happens in the app, not on the web"),
    ("personal-account-no-team", change(H(), tiktok=PERSONAL), IN.SWITCH_TO_BUSINESS,
     "personal, not adding a member"),
    ("invite-invalid-email", change(H(), business=invited(email="a@b.co")), IN.ADD_MEMBER,
     "shortest valid address"),
    ("invite-invalid-email", change(H(), business=invited(email="ana@studio")), IN.SHARE,
     "invitations are not checked when sharing"),
    ("invite-email-mismatch", change(H(), business=invited(accepted_with=ANA.upper())),
     IN.ADD_MEMBER, "accepted with the same email in another case"),
    ("invitee-in-other-business", change(H(), business=invited()), IN.ADD_MEMBER, "flag off"),
    ("invite-expired", change(H(), business=invited(status=InvitationStatus.PENDING)),
     IN.ADD_MEMBER, "pending, not expired"),
    ("invite-pending", change(H(), business=invited(status=InvitationStatus.PENDING)),
     IN.REMOVE_MEMBER, "invitations are not checked when removing a member"),
    ("target-not-member", change(H(), target=OWNER.upper()), IN.REMOVE_MEMBER,
     "a member, email in another case"),
    ("target-not-member", H(), IN.ADD_MEMBER, "adding needs no target"),
    ("last-admin", change(H(), target=OWNER, business=team(
        Member(OWNER, Role.ADMIN), Member(LEA, Role.ADMIN))), IN.REMOVE_MEMBER,
     "two admins who have not departed"),
    ("last-admin", change(H(), target=OWNER), IN.ADD_MEMBER, "not removing nor changing a role"),
    ("collaborator-limit", change(H(), tiktok=collaborators(3)), IN.SHARE, "3 collaborators"),
    ("collaborator-limit", change(H(), tiktok=collaborators(4)), IN.REVOKE_ACCESS,
     "4 collaborators but not sharing"),
    ("mobile-device-limit", change(H(), tiktok={"devices": (Device("iPad Air", DeviceKind.TABLET,
     linked=True), Device("Pixel 8", DeviceKind.MOBILE, linked=False))}), IN.SHARE,
     "a linked tablet and an unlinked phone"),
    ("credentials-shared", H(), None, "shared with nobody"),
    ("former-member-access", change(H(), business=team(Member(OWNER, Role.ADMIN),
     Member(LEA, Role.EDITOR))), None, "everyone still in the team"),
    ("excess-admins", change(H(), business=team(Member(OWNER, Role.ADMIN), Member(LEA, Role.ADMIN),
     Member(ANA, Role.EDITOR), Member(PAUL, Role.ANALYST))), None, "exactly half: 2 of 4"),
    ("excess-admins", change(H(), business=team(Member(OWNER, Role.ADMIN),
     Member(LEA, Role.ADMIN))), None, "2 of 2, but fewer than 3 members"),
    ("excess-admins", change(H(), business=team(Member(OWNER, Role.ADMIN), Member(LEA, Role.ADMIN),
     Member(ANA, Role.EDITOR, departed=True))), None,
     "the departed member does not count: 2 active, not 2 of 3"),
    ("excess-admins", change(H(), business=team(Member(OWNER, Role.ADMIN), Member(ANA, Role.EDITOR),
     Member(PAUL, Role.EDITOR), Member(LEA, Role.ADMIN, departed=True),
     Member("zoe@studio.example", Role.ADMIN, departed=True))), None,
     "departed admins do not count: 1 of 3 active, not 3 of 5"),
    ("no-two-factor", H(), None, "2-step verification on"),
]


def _ids(table: list[tuple[object, ...]]) -> list[str]:
    return [f"{code}: {why}" for code, _s, _i, why in table]


@pytest.mark.parametrize(("code", "snapshot", "intent", "why"), FIRES, ids=_ids(FIRES))
def test_code_fires(code, snapshot, intent, why):
    assert code in codes(snapshot, intent)


@pytest.mark.parametrize(("code", "snapshot", "intent", "why"), NEAR_MISSES, ids=_ids(NEAR_MISSES))
def test_code_narrowly_does_not_fire(code, snapshot, intent, why):
    assert code not in codes(snapshot, intent)


def test_every_code_has_a_firing_and_a_near_miss_case():
    spec_codes = set(CODES) - {RULE_CRASHED}
    assert {row[0] for row in FIRES} == spec_codes
    assert {row[0] for row in NEAR_MISSES} == spec_codes


def test_healthy_account_has_nothing_to_report_for_any_intent_but_the_no_ops():
    no_ops = {IN.SWITCH_TO_BUSINESS, IN.LINK}  # already business, already linked
    for intent in [None, *Intent]:
        found = codes(healthy(), intent)
        if intent in no_ops:
            assert found == ["nothing-to-do"]
        elif intent in (IN.REMOVE_MEMBER, IN.CHANGE_ROLE):
            assert found == ["target-not-member"]
        elif intent is IN.SWITCH_TO_PERSONAL:
            assert found == ["linked-to-business"]
        else:
            assert found == [], intent


def test_each_invitation_is_reported_once_and_named():
    snapshot = change(healthy(), business={"invitations": (
        Invitation(ANA, Role.EDITOR, InvitationStatus.PENDING),
        Invitation(PAUL, Role.ANALYST, InvitationStatus.PENDING),
        Invitation(LEA, Role.MODERATOR, InvitationStatus.ACCEPTED),
    )})
    pending = [f for f in diagnose(snapshot, IN.ADD_MEMBER) if f.code == "invite-pending"]
    assert len(pending) == 2
    assert ANA in pending[0].title and PAUL in pending[1].title


def test_one_invitation_can_fail_several_checks():
    snapshot = change(healthy(), business=invited(
        email="ana@studio", status=InvitationStatus.EXPIRED, invitee_other_business=True))
    assert codes(snapshot, IN.ADD_MEMBER) == [
        "invite-expired", "invite-invalid-email", "invitee-in-other-business"]


@pytest.mark.parametrize(
    ("intent", "guide"),
    [(IN.SHARE, "share-account"), (IN.UNLINK, "unlink-business"), (IN.CHANGE_ROLE, "manage-roles"),
     (IN.SECURE_ACCOUNT, "secure-account")],
)
def test_offline_points_to_the_guide_of_the_intent(intent, guide):
    snapshot = change(healthy(), session={"online": False})
    offline = [f for f in diagnose(snapshot, intent) if f.code == "network-offline"]
    assert [f.guide for f in offline] == [guide]


def test_stale_cache_points_to_the_guide_of_the_intent():
    snapshot = change(healthy(), session={"browser_cache_stale": True})
    [stale] = [f for f in diagnose(snapshot, IN.CHANGE_ROLE) if f.code == "stale-browser-cache"]
    assert stale.guide == "manage-roles"


def test_every_finding_carries_the_severity_and_guide_of_its_code():
    snapshot = change(healthy(), tiktok={"two_factor": False, "password_shared_with": 2})
    for finding in diagnose(snapshot, IN.SWITCH_TO_PERSONAL):
        assert finding.severity is CODES[finding.code].severity
        assert finding.guide == CODES[finding.code].guide


def test_intent_argument_overrides_the_snapshot_intent():
    snapshot = healthy(intent=IN.SWITCH_TO_PERSONAL)
    assert codes(snapshot) == ["linked-to-business"]
    assert codes(snapshot, IN.SHARE) == []
    assert codes(snapshot, "share") == []


def test_unknown_intent_string_is_refused():
    with pytest.raises(ValueError):
        diagnose(healthy(), "dance")


def test_username_is_named_in_the_title():
    [finding] = diagnose(healthy(), IN.SWITCH_TO_PERSONAL)
    assert USERNAME in finding.title
