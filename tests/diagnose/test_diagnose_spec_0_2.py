"""Every change of SPEC 0.2 §2: a case that fires, and one beside it that narrowly does not."""

from __future__ import annotations

import re

import pytest
from diagnose_support import OWNER, USERNAME, change, codes, fragment_translator, healthy, team
from test_diagnose_catalogue import EXTRACTED, FRAGMENT_ENTRIES

from assistant.account.model import (
    INTENT_GUIDES,
    AccountType,
    CodeState,
    Intent,
    Invitation,
    InvitationStatus,
    Member,
    Role,
)
from assistant.diagnose import CODES, diagnose
from assistant.diagnose.rules.linking import NEEDS_BUSINESS
from assistant.i18n.translator import get_translator

IN = Intent
ANA = "ana@studio.example"
AMY = "amy@studio.example"
PAUL = "paul@studio.example"
LEA = "lea@maisonlune.example"
H = healthy
UNLINKED = {"linked_tiktok": None}
EDITOR_ACTOR = team(Member(OWNER, Role.EDITOR), Member(LEA, Role.ADMIN))


def _found(snapshot, intent, code):
    return [finding for finding in diagnose(snapshot, intent) if finding.code == code]


def _invitations(*invitations: Invitation) -> dict[str, object]:
    return {"invitations": invitations}


def _pending(email: str = ANA, **fields: object) -> Invitation:
    return Invitation(email, Role.EDITOR, InvitationStatus.PENDING, **fields)  # type: ignore[arg-type]


# --- usernames compare case-insensitively ----------------------------------------------

CASED = change(H(), business={"linked_tiktok": "Maison.Lune"})
"""The login is linked to ``Maison.Lune``; the account is ``maison.lune``: the same one."""
OTHER = change(H(), business={"linked_tiktok": "maison.lune2"})


@pytest.mark.parametrize(("intent", "code", "cased", "other"), [
    (IN.LINK, "nothing-to-do", True, False),
    (IN.LINK, "already-linked", False, True),
    (IN.SWITCH_TO_PERSONAL, "linked-to-business", True, False),
    (IN.UNLINK, "nothing-to-do", False, True),
])
def test_usernames_compare_case_insensitively(intent, code, cased, other):
    assert (code in codes(CASED, intent), code in codes(OTHER, intent)) == (cased, other)


def test_a_login_linked_to_the_same_name_in_capitals_is_not_another_account():
    upper = change(H(), tiktok={"username": "MAISON.LUNE"})
    assert codes(upper, IN.LINK) == ["nothing-to-do"]
    assert "verification-code-expired" in codes(
        change(upper, session={"verification_code": CodeState.EXPIRED}), IN.UNLINK)


# --- not-admin also for switch-to-personal on a linked account ------------------------


def test_not_admin_fires_for_switch_to_personal_on_a_linked_account():
    [finding] = _found(change(H(), business=EDITOR_ACTOR), IN.SWITCH_TO_PERSONAL, "not-admin")
    assert finding.guide == "request-admin-access"
    assert "unlink" in finding.detail and LEA in finding.detail
    assert "linked-to-business" in codes(change(H(), business=EDITOR_ACTOR),
                                         IN.SWITCH_TO_PERSONAL)


def test_not_admin_fires_for_switch_to_personal_with_the_link_in_other_capitals():
    snapshot = change(H(), business={**EDITOR_ACTOR, "linked_tiktok": "MAISON.LUNE"})
    assert "not-admin" in codes(snapshot, IN.SWITCH_TO_PERSONAL)


@pytest.mark.parametrize(("snapshot", "why"), [
    (change(H(), business={**EDITOR_ACTOR, **UNLINKED}), "not linked: nothing to unlink first"),
    (change(H(), business={**EDITOR_ACTOR, "linked_tiktok": "other.account"}),
     "linked to another account"),
    (H(), "the actor is admin"),
    (change(H(), business=None), "no business login"),
])
def test_not_admin_narrowly_does_not_fire_for_switch_to_personal(snapshot, why):
    assert "not-admin" not in codes(snapshot, IN.SWITCH_TO_PERSONAL), why


def test_not_admin_for_switch_to_personal_reads_well_in_french():
    snapshot = change(H(), business=EDITOR_ACTOR)
    [finding] = _found(snapshot, IN.SWITCH_TO_PERSONAL, "not-admin")
    french = finding.rendered(fragment_translator())
    assert "dissocier" in french.detail and "unlink" not in french.detail


# --- linking-unavailable only when not linked; verification-code-expired only linked --


UNAVAILABLE = {"linking_available": False}


def test_linking_unavailable_fires_when_not_linked():
    assert "linking-unavailable" in codes(change(H(), business={**UNAVAILABLE, **UNLINKED}),
                                          IN.LINK)


def test_linking_unavailable_fires_when_the_login_is_linked_to_another_account():
    snapshot = change(H(), business={**UNAVAILABLE, "linked_tiktok": "other.account"})
    assert {"linking-unavailable", "already-linked"} <= set(codes(snapshot, IN.LINK))


def test_linking_unavailable_does_not_fire_when_already_linked():
    assert codes(change(H(), business=UNAVAILABLE), IN.LINK) == ["nothing-to-do"]
    cased = change(H(), business={**UNAVAILABLE, "linked_tiktok": "MAISON.LUNE"})
    assert codes(cased, IN.LINK) == ["nothing-to-do"]


EXPIRED_CODE = {"verification_code": CodeState.EXPIRED}


def test_verification_code_expired_fires_while_still_linked():
    [finding] = _found(change(H(), session=EXPIRED_CODE), IN.UNLINK,
                       "verification-code-expired")
    assert OWNER in finding.detail and finding.guide == "unlink-business"


@pytest.mark.parametrize(("snapshot", "why"), [
    (change(H(), session=EXPIRED_CODE, business=UNLINKED), "already unlinked"),
    (change(H(), session=EXPIRED_CODE, business={"linked_tiktok": "other.account"}),
     "the login is linked to another account"),
    (change(H(), session=EXPIRED_CODE, business=None), "no login at all"),
    (change(H(), session={"verification_code": CodeState.SENT}), "the code is still valid"),
])
def test_verification_code_expired_narrowly_does_not_fire(snapshot, why):
    assert "verification-code-expired" not in codes(snapshot, IN.UNLINK), why


# --- invite-pending not added on top of an invitation error ---------------------------


@pytest.mark.parametrize("intent", [IN.ADD_MEMBER, None])
def test_invite_pending_fires_for_a_pending_invitation_with_no_error(intent):
    assert codes(change(H(), business=_invitations(_pending())), intent) == ["invite-pending"]


@pytest.mark.parametrize(("invitation", "error"), [
    (_pending("ana@studio"), "invite-invalid-email"),
    (_pending("ana(at)studio.example"), "invite-invalid-email"),
    (_pending(accepted_with="ana.perso@mail.example"), "invite-email-mismatch"),
    (_pending(invitee_other_business=True), "invitee-in-other-business"),
])
def test_invite_pending_is_not_added_on_top_of_an_invitation_error(invitation, error):
    assert codes(change(H(), business=_invitations(invitation)), IN.ADD_MEMBER) == [error]


def test_invite_pending_accepted_with_the_same_email_in_capitals_is_still_pending():
    invitation = _pending(accepted_with="ANA@Studio.example")
    assert codes(change(H(), business=_invitations(invitation)), IN.ADD_MEMBER) == [
        "invite-pending"]


def test_an_error_on_one_invitation_does_not_hide_another_pending_one():
    snapshot = change(H(), business=_invitations(
        _pending(invitee_other_business=True), _pending(PAUL)))
    found = diagnose(snapshot, IN.ADD_MEMBER)
    assert [f.code for f in found] == ["invitee-in-other-business", "invite-pending"]
    assert PAUL in found[1].title and ANA in found[0].title


def test_an_expired_invitation_is_never_pending():
    expired = Invitation(ANA, Role.EDITOR, InvitationStatus.EXPIRED)
    assert codes(change(H(), business=_invitations(expired)), IN.ADD_MEMBER) == [
        "invite-expired"]


# --- guides: collaborator-limit → share-account, no-business-account → intent's guide --


def test_collaborator_limit_points_to_share_account():
    snapshot = change(H(), tiktok={"collaborators": ("c.1", "c.2", "c.3", "c.4")})
    [finding] = _found(snapshot, IN.SHARE, "collaborator-limit")
    assert finding.guide == "share-account" and CODES["collaborator-limit"].guide_for(None) == (
        "share-account")


def test_collaborator_limit_narrowly_does_not_fire_below_the_limit():
    snapshot = change(H(), tiktok={"collaborators": ("c.1", "c.2", "c.3")})
    assert _found(snapshot, IN.SHARE, "collaborator-limit") == []


@pytest.mark.parametrize("intent", sorted(NEEDS_BUSINESS))
def test_no_business_account_points_to_the_intent_guide(intent):
    [finding] = _found(change(H(), business=None), intent, "no-business-account")
    assert finding.guide == INTENT_GUIDES[intent]


def test_no_business_account_narrowly_does_not_fire_with_a_login():
    assert _found(change(H(), business=UNLINKED), IN.ADD_MEMBER, "no-business-account") == []
    assert _found(change(H(), business=None), IN.SHARE, "no-business-account") == []


def test_no_business_account_outside_link_does_not_ask_to_link():
    [finding] = _found(change(H(), business=None), IN.ADD_MEMBER, "no-business-account")
    assert "link" not in finding.detail.split("To add")[1]
    [linking] = _found(change(H(), business=None), IN.LINK, "no-business-account")
    assert f"link {USERNAME}" in linking.detail


# --- wrong-business-profile: another person's login -----------------------------------


SOMEONE = "lea@maisonlune.example"


@pytest.mark.parametrize("profile", [SOMEONE, None])
def test_wrong_profile_of_another_person_asks_the_owner_never_to_sign_in_with_it(profile):
    snapshot = change(H(), session={"actor": SOMEONE, "business_profile": profile},
                      business=team(Member(OWNER, Role.ADMIN), Member(SOMEONE, Role.ADMIN)))
    [finding] = _found(snapshot, IN.UNLINK, "wrong-business-profile")
    assert f"Ask the owner of {OWNER}" in finding.detail
    assert "sign in" not in finding.detail.lower() and "sign out" not in finding.detail.lower()
    french = finding.rendered(fragment_translator())
    assert f"propriétaire de {OWNER}" in french.detail
    assert "connectez-vous" not in french.detail.lower()


@pytest.mark.parametrize(("actor", "profile"), [
    (OWNER, "perso@mail.example"),
    (OWNER, None),
    ("Owner@MaisonLune.example", "perso@mail.example"),
])
def test_wrong_profile_of_the_owner_themself_says_to_sign_in_to_their_login(actor, profile):
    snapshot = change(H(), session={"actor": actor, "business_profile": profile})
    [finding] = _found(snapshot, IN.UNLINK, "wrong-business-profile")
    assert f"sign in to {OWNER}" in finding.detail.lower()
    assert "Ask the owner" not in finding.detail


def test_wrong_profile_narrowly_does_not_fire_on_the_right_login_in_other_capitals():
    snapshot = change(H(), session={"business_profile": "OWNER@maisonlune.example"})
    assert _found(snapshot, IN.UNLINK, "wrong-business-profile") == []


# --- invitation details name the invitation by its masked address ---------------------


INVITATION_CASES = {
    "invite-invalid-email": lambda email: _pending(email.replace(".example", "")),
    "invite-email-mismatch": lambda email: _pending(email, accepted_with="x.perso@mail.example"),
    "invitee-in-other-business": lambda email: _pending(email, invitee_other_business=True),
    "invite-expired": lambda email: Invitation(email, Role.EDITOR, InvitationStatus.EXPIRED),
    "invite-pending": lambda email: _pending(email),
}


@pytest.mark.parametrize("code", sorted(INVITATION_CASES))
@pytest.mark.parametrize("mask", [False, True])
def test_two_findings_of_one_invitation_code_differ_by_masked_address(code, mask):
    make = INVITATION_CASES[code]
    snapshot = change(H(), business=_invitations(make(ANA), make(PAUL)))
    found = [f for f in diagnose(snapshot, IN.ADD_MEMBER, mask=mask) if f.code == code]
    assert len(found) == 2 and found[0].detail != found[1].detail
    assert "a***@studio" in found[0].detail and "p***@studio" in found[1].detail
    if code != "invite-email-mismatch":  # its next step names the address to sign in with
        assert ANA not in found[0].detail and PAUL not in found[1].detail


@pytest.mark.parametrize("code", sorted(INVITATION_CASES))
def test_addresses_that_mask_alike_are_still_told_apart(code):
    make = INVITATION_CASES[code]
    snapshot = change(H(), business=_invitations(make(ANA), make(AMY)))
    for t in (get_translator("en"), fragment_translator()):
        found = [f for f in diagnose(snapshot, IN.ADD_MEMBER, t) if f.code == code]
        assert len(found) == 2 and found[0].detail != found[1].detail


def test_an_address_that_masks_alone_gets_no_position():
    snapshot = change(H(), business=_invitations(_pending(ANA), _pending(PAUL)))
    assert all("in the list" not in f.detail for f in diagnose(snapshot, IN.ADD_MEMBER))


# --- no invented numbers or advice ------------------------------------------------------


def _all_texts() -> list[str]:
    texts = [text for ids in EXTRACTED.values() for text in ids]
    texts += [form for _ids, forms in FRAGMENT_ENTRIES.values() for form in forms]
    return texts


def test_no_invented_number_of_admins():
    for text in _all_texts():
        assert not re.search(r"one or two|un ou deux|\b[12] admin", text, re.IGNORECASE), text


def test_nothing_says_a_personal_account_cannot_have_collaborators():
    forbidden = re.compile(
        r"personal account.{0,40}(no|cannot|can't).{0,40}collaborat"
        r"|only way to let someone"
        r"|compte personnel.{0,40}(pas|aucun).{0,40}collaborat"
        r"|seul moyen de faire entrer",
        re.IGNORECASE,
    )
    for text in _all_texts():
        assert not forbidden.search(text), text


def test_a_personal_account_adding_a_member_is_told_collaborators_still_work():
    snapshot = change(H(), tiktok={"type": AccountType.PERSONAL}, business=UNLINKED)
    [finding] = _found(snapshot, IN.ADD_MEMBER, "personal-account-no-team")
    assert "collaborators work on any account" in finding.detail
