"""What each simulator action does when it succeeds, and the rules it keeps."""

from __future__ import annotations

import pytest
from builders import ANA, LEA, MARC, OWNER, business, invitation, session, tiktok

from assistant.account import simulator as sim
from assistant.account.model import (
    AccountType,
    CodeState,
    Device,
    DeviceKind,
    InvitationStatus,
    Member,
    Role,
)
from assistant.account.simulator import (
    ACTIONS,
    SIMULATED_CODE,
    ActionFailed,
    ArgumentError,
    perform,
)
from assistant.account.snapshot import check_snapshot, default_snapshot

D = default_snapshot()
TEAM = business(D, members=(Member(OWNER, Role.ADMIN), Member(LEA, Role.EDITOR)))


def test_actions_never_change_their_input():
    before = default_snapshot()
    after = perform(before, "remove_all_collaborators", {})
    assert before == default_snapshot()
    assert after.tiktok.collaborators == ()


def test_every_action_is_registered_under_its_function_name():
    for name, action in ACTIONS.items():
        assert action.name == name
        assert getattr(sim, name) is action.function


def test_registry_lists_arguments_with_whether_they_are_required():
    assert ACTIONS["confirm_unlink"].params == (("code", True),)
    assert ACTIONS["accept_invitation"].params == (("email", True), ("signed_in_as", False))
    assert ACTIONS["link_device"].required == frozenset({"name"})
    assert ACTIONS["sign_in_business"].optional == frozenset({"profile"})


# --- the TikTok For Business session -----------------------------------------------------


def test_sign_in_uses_the_account_login_by_default():
    signed_out = session(D, business_profile=None)
    assert perform(signed_out, "sign_in_business", {}).session.business_profile == OWNER


def test_sign_in_to_another_profile_then_sign_out():
    other = perform(D, "sign_in_business", {"profile": "perso@mail.example"})
    assert other.session.business_profile == "perso@mail.example"
    assert not other.on_right_profile
    assert perform(other, "sign_out_business", {}).session.business_profile is None


def test_reconnect_and_clear_cache():
    troubled = session(D, online=False, browser_cache_stale=True)
    fixed = perform(perform(troubled, "reconnect", {}), "clear_browser_cache", {})
    assert fixed.session.online and not fixed.session.browser_cache_stale


# --- linking and unlinking -----------------------------------------------------------------


def test_link_tiktok_links_this_account():
    unlinked = business(D, linked_tiktok=None)
    assert perform(unlinked, "link_tiktok", {}).is_linked


def test_link_tiktok_when_already_linked_to_it_changes_nothing():
    assert perform(D, "link_tiktok", {}) == D


def test_link_tiktok_signed_in_to_another_login_is_not_signed_in():
    wrong = session(business(D, linked_tiktok=None), business_profile="perso@mail.example")
    with pytest.raises(ActionFailed) as caught:
        perform(wrong, "link_tiktok", {})
    assert caught.value.code == "not-signed-in"


def test_unlink_with_the_code_from_the_email():
    sent = perform(D, "request_unlink_code", {})
    assert sent.session.verification_code is CodeState.SENT
    done = perform(sent, "confirm_unlink", {"code": SIMULATED_CODE})
    assert not done.is_linked
    assert done.business is not None and done.business.linked_tiktok is None
    assert done.session.verification_code is CodeState.NONE


def test_the_code_may_be_typed_with_spaces():
    sent = perform(D, "request_unlink_code", {})
    assert not perform(sent, "confirm_unlink", {"code": " 246 810 "}).is_linked


def test_a_wrong_code_leaves_the_account_linked_and_the_code_usable():
    sent = perform(D, "request_unlink_code", {})
    with pytest.raises(ActionFailed):
        perform(sent, "confirm_unlink", {"code": "123456"})
    assert not perform(sent, "confirm_unlink", {"code": SIMULATED_CODE}).is_linked


def test_an_expired_code_is_replaced_by_resending():
    expired = session(D, verification_code=CodeState.EXPIRED)
    fresh = perform(expired, "resend_code", {})
    assert fresh.session.verification_code is CodeState.SENT
    assert not perform(fresh, "confirm_unlink", {"code": SIMULATED_CODE}).is_linked


# --- account type ---------------------------------------------------------------------------


def test_switch_to_personal_after_unlinking():
    with pytest.raises(ActionFailed) as caught:
        perform(D, "switch_to_personal", {})
    assert caught.value.code == "linked-to-business"
    unlinked = perform(perform(D, "request_unlink_code", {}), "confirm_unlink",
                       {"code": SIMULATED_CODE})
    personal = perform(unlinked, "switch_to_personal", {})
    assert personal.tiktok.type is AccountType.PERSONAL


def test_switch_to_personal_when_linked_to_another_account_is_allowed():
    elsewhere = business(D, linked_tiktok="maison.lune.shop")
    assert perform(elsewhere, "switch_to_personal", {}).tiktok.type is AccountType.PERSONAL


def test_switch_to_business():
    personal = tiktok(business(D, linked_tiktok=None), type=AccountType.PERSONAL)
    assert perform(personal, "switch_to_business", {}).tiktok.type is AccountType.BUSINESS


# --- team members -------------------------------------------------------------------------------


def test_invite_accept_confirm_makes_a_member():
    invited = perform(D, "invite_member", {"email": LEA, "role": "editor"})
    assert invited.business is not None
    new = invited.business.invitations[-1]
    assert (new.email, new.role, new.status) == (LEA, Role.EDITOR, InvitationStatus.PENDING)
    accepted = perform(invited, "accept_invitation", {"email": LEA})
    assert accepted.business is not None
    assert accepted.business.invitations[-1].status is InvitationStatus.ACCEPTED
    assert accepted.business.invitations[-1].accepted_with == LEA
    joined = perform(accepted, "confirm_member", {"email": LEA})
    assert joined.business is not None
    assert joined.business.member(LEA) == Member(LEA, Role.EDITOR)
    assert [i.email for i in joined.business.invitations] == [ANA]


def test_accepting_signed_in_as_the_same_email_in_other_case_works():
    accepted = perform(D, "accept_invitation", {"email": ANA, "signed_in_as": ANA.upper()})
    assert accepted.business is not None
    assert accepted.business.invitations[0].status is InvitationStatus.ACCEPTED


def test_accepting_with_another_email_changes_nothing():
    with pytest.raises(ActionFailed) as caught:
        perform(D, "accept_invitation", {"email": ANA, "signed_in_as": "ana.perso@mail.example"})
    assert caught.value.code == "email-mismatch"


def test_resending_fixes_an_invitation_accepted_with_another_email():
    wrong = invitation(D, status=InvitationStatus.ACCEPTED, accepted_with="ana.perso@mail.example")
    again = perform(wrong, "resend_invitation", {"email": ANA})
    assert again.business is not None
    assert again.business.invitations[0].status is InvitationStatus.PENDING
    assert again.business.invitations[0].accepted_with is None
    joined = perform(perform(again, "accept_invitation", {"email": ANA}), "confirm_member",
                     {"email": ANA})
    assert joined.business is not None and joined.business.member(ANA) is not None


def test_inviting_again_replaces_the_old_invitation_in_place():
    expired = invitation(D, status=InvitationStatus.EXPIRED, invitee_other_business=True)
    again = perform(expired, "invite_member", {"email": ANA.upper(), "role": "analyst"})
    assert again.business is not None
    assert len(again.business.invitations) == 1
    renewed = again.business.invitations[0]
    assert (renewed.role, renewed.status) == (Role.ANALYST, InvitationStatus.PENDING)
    assert renewed.invitee_other_business  # still in another business


def test_cancel_invitation_removes_it():
    cancelled = perform(D, "cancel_invitation", {"email": "Ana@Studio.example"})
    assert cancelled.business is not None and cancelled.business.invitations == ()


def test_a_departed_member_invited_back_takes_their_old_place():
    left = business(
        invitation(D, email=LEA, status=InvitationStatus.ACCEPTED),
        members=(Member(OWNER, Role.ADMIN), Member(LEA, Role.EDITOR, True)),
    )
    back = perform(left, "confirm_member", {"email": LEA})
    assert back.business is not None
    assert back.business.members == (Member(OWNER, Role.ADMIN), Member(LEA, Role.EDITOR))


def test_change_role_and_keep_an_admin():
    promoted = perform(TEAM, "change_role", {"email": LEA, "role": "admin"})
    assert promoted.business is not None
    assert promoted.business.member(LEA) == Member(LEA, Role.ADMIN)
    demoted = perform(promoted, "change_role", {"email": OWNER, "role": "editor"})
    assert demoted.business is not None
    assert [m.email for m in demoted.business.active_admins] == [LEA]
    assert not demoted.is_admin
    as_lea = session(demoted, actor=LEA, business_profile=LEA)
    with pytest.raises(ActionFailed) as caught:
        perform(as_lea, "change_role", {"email": LEA, "role": "analyst"})
    assert caught.value.code == "last-admin"


def test_an_admin_keeping_the_admin_role_is_told_there_is_nothing_to_change():
    with pytest.raises(ActionFailed) as caught:
        perform(TEAM, "change_role", {"email": OWNER, "role": "admin"})
    assert caught.value.code == "same-role"


def test_a_departed_admin_does_not_count_as_an_admin():
    ghost = business(D, members=(Member(OWNER, Role.ADMIN), Member(LEA, Role.ADMIN, True)))
    with pytest.raises(ActionFailed) as caught:
        perform(ghost, "remove_member", {"email": OWNER})
    assert caught.value.code == "last-admin"
    gone = perform(ghost, "remove_member", {"email": LEA})
    assert gone.business is not None and gone.business.member(LEA) is None


def test_remove_member():
    removed = perform(TEAM, "remove_member", {"email": "LEA@maisonlune.example"})
    assert removed.business is not None
    assert removed.business.members == (Member(OWNER, Role.ADMIN),)


def test_an_admin_may_remove_themselves_when_another_admin_stays():
    two = business(D, members=(Member(OWNER, Role.ADMIN), Member(LEA, Role.ADMIN)))
    left = perform(two, "remove_member", {"email": OWNER})
    assert not left.is_admin
    with pytest.raises(ActionFailed) as caught:
        perform(left, "remove_member", {"email": LEA})
    assert caught.value.code == "not-admin"


def test_update_login_email_carries_the_member_actor_and_profile_along():
    new = "hello@maisonlune.example"
    moved = perform(TEAM, "update_login_email", {"email": new})
    assert moved.business is not None
    assert moved.business.email == new
    assert moved.business.member(new) == Member(new, Role.ADMIN)
    assert moved.business.member(OWNER) is None
    assert moved.session.actor == new and moved.session.business_profile == new
    assert moved.is_admin and moved.on_right_profile


def test_update_login_email_changes_only_the_persons_own_login():
    three = business(
        D, members=(Member(OWNER, Role.ADMIN), Member(LEA, Role.EDITOR), Member(MARC, Role.ADMIN))
    )
    marc = session(three, actor=MARC, business_profile=MARC)
    moved = perform(marc, "update_login_email", {"email": "marc.new@maisonlune.example"})
    assert moved.business is not None
    assert moved.business.email == OWNER, "the linked login is the owner's, not Marc's"
    assert moved.session.actor == "marc.new@maisonlune.example"
    assert moved.session.business_profile == "marc.new@maisonlune.example"
    assert moved.business.member("marc.new@maisonlune.example") == Member(
        "marc.new@maisonlune.example", Role.ADMIN)
    assert moved.business.member(LEA) == Member(LEA, Role.EDITOR)


def test_nobody_takes_the_linked_login_s_email():
    three = business(D, members=(Member(OWNER, Role.ADMIN), Member(MARC, Role.ADMIN)))
    marc = session(three, actor=MARC, business_profile=MARC)
    with pytest.raises(ActionFailed) as caught:
        perform(marc, "update_login_email", {"email": OWNER.upper()})
    assert caught.value.code == "email-in-use"


def test_the_login_phone_is_not_the_apps_phone():
    added = perform(D, "add_login_phone", {"phone": "+33 6 12 34 56 78"})
    assert added.business is not None and added.business.phone == "+33 6 12 34 56 78"
    assert added.tiktok.phone == D.tiktok.phone
    marc = session(business(D, members=(Member(OWNER, Role.ADMIN), Member(MARC, Role.ADMIN))),
                   actor=MARC, business_profile=MARC)
    assert perform(marc, "add_login_phone", {"phone": "+33 6 12 34 56 78"}) == marc


def test_signing_in_uses_the_persons_own_login():
    marc = session(business(D, members=(Member(OWNER, Role.ADMIN), Member(MARC, Role.ADMIN))),
                   actor=MARC, business_profile=None)
    signed = perform(marc, "sign_in_business", {})
    assert signed.session.business_profile == MARC and not signed.on_right_profile
    with pytest.raises(ActionFailed) as caught:
        perform(signed, "request_unlink_code", {})
    assert caught.value.code == "wrong-profile", "a second admin cannot unlink another's link"


def test_a_withdrawn_invitation_to_another_business_still_cannot_be_accepted():
    other = invitation(D, invitee_other_business=True)
    withdrawn = perform(other, "cancel_invitation", {"email": ANA})
    assert withdrawn.business is not None and withdrawn.business.invitations == ()
    again = perform(withdrawn, "invite_member", {"email": ANA.upper(), "role": "editor"})
    assert again.business is not None and again.business.invitations[0].invitee_other_business
    with pytest.raises(ActionFailed) as caught:
        perform(again, "accept_invitation", {"email": ANA})
    assert caught.value.code == "other-business"
    from assistant.account.snapshot import load_snapshot, snapshot_to_json

    assert load_snapshot(snapshot_to_json(withdrawn), "t.json") == withdrawn


def test_the_code_can_expire_and_a_wrong_code_is_refused():
    sent = perform(D, "request_unlink_code", {})
    expired = perform(sent, "expire_code", {})
    with pytest.raises(ActionFailed) as caught:
        perform(expired, "confirm_unlink", {"code": "246810"})
    assert caught.value.code == "code-expired"
    with pytest.raises(ActionFailed) as caught:
        perform(sent, "confirm_unlink", {"code": "000000"})
    assert caught.value.code == "code-wrong"


def test_usernames_are_the_same_account_whatever_their_case():
    shouted = tiktok(D, username="Maison.Lune")
    assert shouted.is_linked
    with pytest.raises(ActionFailed) as caught:
        perform(shouted, "switch_to_personal", {})
    assert caught.value.code == "linked-to-business"


def test_update_login_email_may_change_only_the_case():
    moved = perform(D, "update_login_email", {"email": OWNER.upper()})
    assert moved.business is not None and moved.business.email == OWNER.upper()
    assert moved.is_admin and moved.on_right_profile


# --- sharing and security -------------------------------------------------------------------


def test_add_and_remove_collaborators():
    added = perform(D, "add_collaborator", {"name": "paul.films"})
    assert added.tiktok.collaborators == ("studio.ana", "paul.films")
    removed = perform(added, "remove_collaborator", {"name": "STUDIO.ANA"})
    assert removed.tiktok.collaborators == ("paul.films",)
    assert perform(added, "remove_all_collaborators", {}).tiktok.collaborators == ()


def test_the_fourth_collaborator_fits_but_not_the_fifth():
    three = tiktok(D, collaborators=("c.one", "c.two", "c.three"))
    four = perform(three, "add_collaborator", {"name": "c.four"})
    assert len(four.tiktok.collaborators) == 4
    with pytest.raises(ActionFailed) as caught:
        perform(four, "add_collaborator", {"name": "c.five"})
    assert caught.value.code == "collaborator-limit"


def test_link_device_adds_a_new_device():
    no_phone = tiktok(D, devices=(Device("Office iMac", DeviceKind.DESKTOP),))
    linked = perform(no_phone, "link_device", {"name": "iPhone 15"})
    assert linked.tiktok.devices[-1] == Device("iPhone 15", DeviceKind.MOBILE, linked=True)


def test_a_desktop_or_tablet_can_be_linked_beside_the_phone():
    linked = perform(D, "link_device", {"name": "iPad Air", "kind": "tablet"})
    assert linked.tiktok.devices[-1] == Device("iPad Air", DeviceKind.TABLET, linked=True)
    known = perform(D, "link_device", {"name": "office imac"})
    assert known.tiktok.devices[1] == Device("Office iMac", DeviceKind.DESKTOP, linked=True)


def test_relinking_the_linked_phone_changes_nothing():
    assert perform(D, "link_device", {"name": "Pixel 8"}) == D


def test_second_phone_after_unlinking_the_first():
    freed = perform(D, "unlink_device", {"name": "pixel 8"})
    assert freed.tiktok.linked_mobiles == ()
    second = perform(freed, "link_device", {"name": "iPhone 15"})
    assert [d.name for d in second.tiktok.linked_mobiles] == ["iPhone 15"]


def test_log_out_of_all_devices_unlinks_every_device():
    both = tiktok(D, devices=(Device("Pixel 8", DeviceKind.MOBILE, True),
                              Device("Office iMac", DeviceKind.DESKTOP, True)))
    out = perform(both, "log_out_all_devices", {})
    assert [d.linked for d in out.tiktok.devices] == [False, False]


def test_change_password_ends_shared_access():
    shared = tiktok(D, password_shared_with=3)
    assert perform(shared, "change_password", {}).tiktok.password_shared_with == 0


def test_enable_two_factor():
    assert perform(D, "enable_two_factor", {}).tiktok.two_factor


@pytest.mark.parametrize("phone", ["+33 6 12 34 56 78", "+1 (555) 010-0199", "0612345678"])
def test_add_phone_accepts_numbers_as_people_write_them(phone):
    assert perform(D, "add_phone", {"phone": f" {phone} "}).tiktok.phone == phone


# --- arguments ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "args", "problem"),
    [
        ("fly_away", {}, "unknown action"),
        ("reconnect", {"fast": "yes"}, "unknown argument 'fast'"),
        ("confirm_unlink", {}, "missing argument 'code'"),
        ("confirm_unlink", {"code": 246810}, "must be a string"),
        ("invite_member", {"email": LEA, "role": "owner"}, "argument 'role'"),
        ("link_device", {"name": "Watch", "kind": "watch"}, "argument 'kind'"),
        ("add_collaborator", {"name": "  "}, "argument 'name'"),
        ("link_device", {"name": "a\nb"}, "argument 'name'"),
        ("sign_in_business", {"profile": ""}, "argument 'profile'"),
    ],
)
def test_wrong_arguments_are_a_mistake_in_the_caller(name, args, problem):
    with pytest.raises(ArgumentError) as caught:
        perform(D, name, args)
    assert problem in str(caught.value)


def test_optional_arguments_may_be_given_as_none():
    assert perform(session(D, business_profile=None), "sign_in_business",
                   {"profile": None}).on_right_profile


def test_results_stay_valid_snapshots():
    state = TEAM
    for name, args in [
        ("invite_member", {"email": MARC, "role": "analyst"}),
        ("accept_invitation", {"email": MARC}),
        ("confirm_member", {"email": MARC}),
        ("add_collaborator", {"name": "paul.films"}),
        ("link_device", {"name": "iPad Air", "kind": "tablet"}),
        ("update_login_email", {"email": "hello@maisonlune.example"}),
    ]:
        state = check_snapshot(perform(state, name, args))
