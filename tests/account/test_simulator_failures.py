"""Every failure code each action declares is raised in a plausible situation.

The table below holds one case per (action, code) pair declared in ``ACTIONS``; a test
checks that the table and the registry list exactly the same pairs, so a new code
cannot be declared without a case, nor raised without being declared (see also the
property test, which collects the codes actually raised).
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from builders import ANA, LEA, MARC, OWNER, business, invitation, session, tiktok

from assistant.account.model import (
    AccountType,
    CodeState,
    Device,
    DeviceKind,
    InvitationStatus,
    Member,
    Role,
    Snapshot,
)
from assistant.account.simulator import ACTIONS, FAILURE_MESSAGES, ActionFailed, perform
from assistant.account.snapshot import default_snapshot

D = default_snapshot()
NO_BUSINESS = replace(D, business=None)
OFFLINE = session(D, online=False)
ANALYST = session(
    business(D, members=(Member(OWNER, Role.ADMIN), Member(MARC, Role.ANALYST))), actor=MARC,
    business_profile=MARC,
)
SHARED_LOGIN = session(ANALYST, business_profile=OWNER)
"""An analyst signed in with the owner's login (what one login per person forbids)."""
STALE = session(D, browser_cache_stale=True)
SIGNED_OUT = session(D, business_profile=None)
UNLINKED = business(D, linked_tiktok=None)
PERSONAL = tiktok(UNLINKED, type=AccountType.PERSONAL)
CODE_SENT = session(D, verification_code=CodeState.SENT)
TEAM = business(D, members=(Member(OWNER, Role.ADMIN), Member(LEA, Role.EDITOR)))

FAILURE_CASES: list[tuple[str, dict[str, str], Snapshot, str]] = [
    ("sign_in_business", {}, NO_BUSINESS, "no-business-account"),
    ("sign_in_business", {}, OFFLINE, "offline"),
    ("link_tiktok", {}, NO_BUSINESS, "no-business-account"),
    ("link_tiktok", {}, session(UNLINKED, online=False), "offline"),
    ("link_tiktok", {}, session(UNLINKED, business_profile=None), "not-signed-in"),
    ("link_tiktok", {}, business(UNLINKED, linking_available=False), "linking-unavailable"),
    ("link_tiktok", {}, business(D, linked_tiktok="maison.lune.shop"), "already-linked"),
    ("request_unlink_code", {}, NO_BUSINESS, "no-business-account"),
    ("request_unlink_code", {}, OFFLINE, "offline"),
    ("request_unlink_code", {}, session(D, business_profile=None), "not-signed-in"),
    ("request_unlink_code", {}, session(D, business_profile="perso@mail.example"),
     "wrong-profile"),
    ("request_unlink_code", {}, SHARED_LOGIN, "not-admin"),
    ("request_unlink_code", {}, UNLINKED, "not-linked"),
    ("request_unlink_code", {}, session(D, browser_cache_stale=True), "browser-error"),
    ("resend_code", {}, session(CODE_SENT, online=False), "offline"),
    ("resend_code", {}, D, "code-not-requested"),
    ("confirm_unlink", {"code": "246810"}, session(CODE_SENT, online=False), "offline"),
    ("confirm_unlink", {"code": "246810"}, D, "code-not-requested"),
    ("confirm_unlink", {"code": "246810"}, session(D, verification_code=CodeState.EXPIRED),
     "code-expired"),
    ("confirm_unlink", {"code": "246801"}, CODE_SENT, "code-wrong"),
    ("switch_to_personal", {}, PERSONAL, "already-personal"),
    ("switch_to_personal", {}, D, "linked-to-business"),
    ("switch_to_business", {}, D, "already-business"),
    ("invite_member", {"email": LEA, "role": "editor"}, NO_BUSINESS, "no-business-account"),
    ("invite_member", {"email": LEA, "role": "editor"}, OFFLINE, "offline"),
    ("invite_member", {"email": LEA, "role": "editor"}, PERSONAL, "personal-account"),
    ("invite_member", {"email": LEA, "role": "editor"}, ANALYST, "not-admin"),
    ("invite_member", {"email": "lea@maisonlune", "role": "editor"}, D, "invalid-email"),
    ("invite_member", {"email": "Owner@MaisonLune.example", "role": "admin"}, D,
     "already-member"),
    ("invite_member", {"email": LEA, "role": "editor"}, session(D, browser_cache_stale=True),
     "browser-error"),
    ("resend_invitation", {"email": ANA}, NO_BUSINESS, "no-business-account"),
    ("resend_invitation", {"email": ANA}, OFFLINE, "offline"),
    ("resend_invitation", {"email": ANA}, ANALYST, "not-admin"),
    ("resend_invitation", {"email": LEA}, D, "no-invitation"),
    ("cancel_invitation", {"email": ANA}, NO_BUSINESS, "no-business-account"),
    ("cancel_invitation", {"email": ANA}, OFFLINE, "offline"),
    ("cancel_invitation", {"email": ANA}, ANALYST, "not-admin"),
    ("cancel_invitation", {"email": LEA}, D, "no-invitation"),
    ("accept_invitation", {"email": ANA}, NO_BUSINESS, "no-business-account"),
    ("accept_invitation", {"email": ANA}, OFFLINE, "offline"),
    ("accept_invitation", {"email": LEA}, D, "no-invitation"),
    ("accept_invitation", {"email": ANA}, invitation(D, status=InvitationStatus.EXPIRED),
     "invitation-expired"),
    ("accept_invitation", {"email": ANA, "signed_in_as": "ana.perso@mail.example"}, D,
     "email-mismatch"),
    ("accept_invitation", {"email": ANA}, invitation(D, invitee_other_business=True),
     "other-business"),
    ("confirm_member", {"email": ANA}, NO_BUSINESS, "no-business-account"),
    ("confirm_member", {"email": ANA}, OFFLINE, "offline"),
    ("confirm_member", {"email": ANA}, ANALYST, "not-admin"),
    ("confirm_member", {"email": LEA}, D, "no-invitation"),
    ("confirm_member", {"email": ANA}, D, "not-accepted"),
    ("confirm_member", {"email": ANA},
     invitation(D, status=InvitationStatus.ACCEPTED, accepted_with="ana.perso@mail.example"),
     "email-mismatch"),
    ("change_role", {"email": LEA, "role": "analyst"}, NO_BUSINESS, "no-business-account"),
    ("change_role", {"email": LEA, "role": "analyst"}, session(TEAM, online=False), "offline"),
    ("change_role", {"email": OWNER, "role": "analyst"}, ANALYST, "not-admin"),
    ("change_role", {"email": "nobody@maisonlune.example", "role": "analyst"}, TEAM,
     "not-member"),
    ("change_role", {"email": OWNER, "role": "editor"}, TEAM, "last-admin"),
    ("remove_member", {"email": LEA}, NO_BUSINESS, "no-business-account"),
    ("remove_member", {"email": LEA}, session(TEAM, online=False), "offline"),
    ("remove_member", {"email": OWNER}, ANALYST, "not-admin"),
    ("remove_member", {"email": "nobody@maisonlune.example"}, TEAM, "not-member"),
    ("remove_member", {"email": OWNER.upper()}, TEAM, "last-admin"),
    ("update_login_email", {"email": "hello@maisonlune.example"}, NO_BUSINESS,
     "no-business-account"),
    ("update_login_email", {"email": "hello@maisonlune.example"}, OFFLINE, "offline"),
    ("update_login_email", {"email": "hello@"}, D, "invalid-email"),
    ("update_login_email", {"email": LEA}, TEAM, "email-in-use"),
    ("add_collaborator", {"name": "c.five"},
     tiktok(D, collaborators=("c.one", "c.two", "c.three", "c.four")), "collaborator-limit"),
    ("add_collaborator", {"name": "Studio.Ana"}, D, "already-collaborator"),
    ("remove_collaborator", {"name": "paul.films"}, D, "not-collaborator"),
    ("link_device", {"name": "iPhone 15"}, D, "mobile-device-limit"),
    ("unlink_device", {"name": "Nokia 3310"}, D, "no-such-device"),
    ("add_phone", {"phone": "12 34"}, D, "invalid-phone"),
    # 0.2: offline, a stale cache, one login per person, the same role
    ("link_tiktok", {}, session(UNLINKED, browser_cache_stale=True), "browser-error"),
    ("expire_code", {}, D, "code-not-requested"),
    ("confirm_unlink", {"code": "246810"}, session(CODE_SENT, browser_cache_stale=True),
     "browser-error"),
    ("switch_to_personal", {}, OFFLINE, "offline"),
    ("switch_to_business", {}, session(PERSONAL, online=False), "offline"),
    ("invite_member", {"email": LEA, "role": "editor"}, SIGNED_OUT, "not-signed-in"),
    ("resend_invitation", {"email": ANA}, SIGNED_OUT, "not-signed-in"),
    ("resend_invitation", {"email": ANA}, STALE, "browser-error"),
    ("cancel_invitation", {"email": ANA}, SIGNED_OUT, "not-signed-in"),
    ("cancel_invitation", {"email": ANA}, STALE, "browser-error"),
    ("confirm_member", {"email": ANA}, SIGNED_OUT, "not-signed-in"),
    ("confirm_member", {"email": ANA}, STALE, "browser-error"),
    ("confirm_member", {"email": ANA},
     business(invitation(D, status=InvitationStatus.ACCEPTED, accepted_with=ANA),
              in_other_business=(ANA,)), "other-business"),
    ("change_role", {"email": LEA, "role": "analyst"}, session(TEAM, business_profile=None),
     "not-signed-in"),
    ("change_role", {"email": LEA, "role": "analyst"}, session(TEAM, browser_cache_stale=True),
     "browser-error"),
    ("change_role", {"email": LEA, "role": "editor"}, TEAM, "same-role"),
    ("remove_member", {"email": LEA}, session(TEAM, business_profile=None), "not-signed-in"),
    ("remove_member", {"email": LEA}, session(TEAM, browser_cache_stale=True), "browser-error"),
    ("update_login_email", {"email": "hello@maisonlune.example"}, SIGNED_OUT, "not-signed-in"),
    ("update_login_email", {"email": "hello@maisonlune.example"}, STALE, "browser-error"),
    ("add_login_phone", {"phone": "+33 6 12 34 56 78"}, NO_BUSINESS, "no-business-account"),
    ("add_login_phone", {"phone": "+33 6 12 34 56 78"}, OFFLINE, "offline"),
    ("add_login_phone", {"phone": "+33 6 12 34 56 78"}, SIGNED_OUT, "not-signed-in"),
    ("add_login_phone", {"phone": "+33 6 12 34 56 78"}, STALE, "browser-error"),
    ("add_login_phone", {"phone": "12 34"}, D, "invalid-phone"),
    ("add_collaborator", {"name": "c.five"}, OFFLINE, "offline"),
    ("remove_collaborator", {"name": "studio.ana"}, OFFLINE, "offline"),
    ("remove_all_collaborators", {}, OFFLINE, "offline"),
    ("link_device", {"name": "iPhone 15"}, OFFLINE, "offline"),
    ("unlink_device", {"name": "Pixel 8"}, OFFLINE, "offline"),
    ("change_password", {}, OFFLINE, "offline"),
    ("log_out_all_devices", {}, OFFLINE, "offline"),
    ("enable_two_factor", {}, OFFLINE, "offline"),
    ("add_phone", {"phone": "+33 6 12 34 56 78"}, OFFLINE, "offline"),
]


def test_every_declared_failure_has_a_case_and_every_case_is_declared():
    declared = {(name, code) for name, action in ACTIONS.items() for code in action.failures}
    tested = {(name, code) for name, _args, _snapshot, code in FAILURE_CASES}
    assert tested == declared


def test_every_failure_code_has_a_message():
    codes = {code for action in ACTIONS.values() for code in action.failures}
    assert codes == set(FAILURE_MESSAGES)


@pytest.mark.parametrize(
    ("name", "args", "snapshot", "code"),
    FAILURE_CASES,
    ids=[f"{name}-{code}" for name, _a, _s, code in FAILURE_CASES],
)
def test_action_fails_with_its_code(name, args, snapshot, code):
    with pytest.raises(ActionFailed) as caught:
        perform(snapshot, name, args)
    assert caught.value.code == code
    assert caught.value.action == name
    assert str(caught.value) == f"{name}: {code}"


def test_a_failure_message_is_one_sentence_of_product_text():
    failure = ActionFailed("linked-to-business", "switch_to_personal")
    assert failure.message() == (
        "This account is linked to TikTok For Business. Unlink it in User Settings first, "
        "then switch again."
    )


def test_an_unknown_failure_code_cannot_be_raised():
    with pytest.raises(ValueError):
        ActionFailed("something-else", "reconnect")


def test_two_linked_mobiles_cannot_happen_even_through_a_known_device():
    two_phones = tiktok(D, devices=(
        Device("Pixel 8", DeviceKind.MOBILE, linked=True),
        Device("iPhone 15", DeviceKind.MOBILE, linked=False),
    ))
    with pytest.raises(ActionFailed) as caught:
        perform(two_phones, "link_device", {"name": "iphone 15", "kind": "desktop"})
    assert caught.value.code == "mobile-device-limit"
