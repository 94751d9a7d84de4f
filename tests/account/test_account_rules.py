"""The rules shared by the validator, the simulator and the diagnosis."""

from __future__ import annotations

import pytest
from builders import LEA, OWNER, business, tiktok

from assistant.account import rules
from assistant.account.model import (
    MAX_COLLABORATORS,
    Device,
    DeviceKind,
    Invitation,
    InvitationStatus,
    Member,
    Role,
)
from assistant.account.snapshot import default_snapshot

D = default_snapshot()


@pytest.mark.parametrize(
    "email", ["ana@studio.example", "a.b+c@d.co", "Owner@MaisonLune.example", "é@exemple.fr"]
)
def test_well_formed_emails(email):
    assert rules.is_valid_email(email)


@pytest.mark.parametrize(
    "email",
    ["ana@studio", "ana studio@x.fr", "@x.fr", "ana@.", "ana@@x.fr", "", "ana@x.fr\n",
     "ana@x.fr ", "ana"],
)
def test_malformed_emails(email):
    assert not rules.is_valid_email(email)


@pytest.mark.parametrize("phone", ["+33 6 12 34 56 78", "+1 (555) 010-0199", "06.12.34.56.78"])
def test_phone_numbers_as_people_write_them(phone):
    assert rules.is_valid_phone(phone)


@pytest.mark.parametrize("phone", ["12", "+33 6 12 34 56 78 90 12 34", "06-12-AB", "+", "++336"])
def test_not_phone_numbers(phone):
    assert not rules.is_valid_phone(phone)


@pytest.mark.parametrize("text", ["", "   ", "a\nb", "a\x00b", "a\u2028b", "a\ud800", "x" * 257])
def test_text_a_snapshot_may_not_hold(text):
    assert not rules.is_valid_text(text)


def test_text_a_snapshot_may_hold():
    assert rules.is_valid_text("Café crème 🌙")
    assert rules.is_valid_text("x" * rules.MAX_TEXT_LENGTH)


def test_collaborator_limit_rules_agree_with_the_model():
    three = tiktok(D, collaborators=("a", "b", "c")).tiktok
    four = tiktok(D, collaborators=("a", "b", "c", "d")).tiktok
    assert MAX_COLLABORATORS == 4
    assert not rules.at_collaborator_limit(three) and rules.at_collaborator_limit(four)
    assert not rules.would_exceed_collaborators(three) and rules.would_exceed_collaborators(four)
    assert rules.would_exceed_collaborators(three, extra=2)
    assert not rules.too_many_collaborators(four)


def test_collaborators_and_devices_are_found_whatever_the_case():
    assert rules.is_collaborator(D.tiktok, "STUDIO.ANA")
    assert rules.find_device(D.tiktok, "pixel 8") == D.tiktok.devices[0]


def test_a_second_mobile_would_exceed_but_a_desktop_would_not():
    assert rules.has_linked_mobile(D.tiktok)
    assert rules.would_exceed_linked_mobiles(D.tiktok, Device("iPhone", DeviceKind.MOBILE))
    assert not rules.would_exceed_linked_mobiles(D.tiktok, Device("iMac", DeviceKind.DESKTOP))
    assert not rules.would_exceed_linked_mobiles(D.tiktok, D.tiktok.devices[0])


def test_last_admin_ignores_departed_admins_and_compares_emails_without_case():
    team = business(D, members=(Member(OWNER, Role.ADMIN), Member(LEA, Role.ADMIN, True)))
    assert team.business is not None
    assert rules.is_last_admin(team.business, OWNER.upper())
    assert not rules.is_last_admin(team.business, LEA)
    two = business(D, members=(Member(OWNER, Role.ADMIN), Member(LEA, Role.ADMIN)))
    assert two.business is not None and not rules.is_last_admin(two.business, OWNER)


def test_excess_admins_needs_three_active_people_and_a_majority_of_admins():
    def team(*roles: Role, departed: int = 0):
        members = tuple(Member(f"p{i}@x.fr", role, i < departed) for i, role in enumerate(roles))
        snapshot = business(D, members=members)
        assert snapshot.business is not None
        return snapshot.business

    assert not rules.has_excess_admins(team(Role.ADMIN, Role.ADMIN))
    assert rules.has_excess_admins(team(Role.ADMIN, Role.ADMIN, Role.EDITOR))
    assert not rules.has_excess_admins(team(Role.ADMIN, Role.ADMIN, Role.EDITOR, Role.EDITOR))
    assert not rules.has_excess_admins(team(Role.ADMIN, Role.ADMIN, Role.EDITOR, departed=1))


def test_invitation_accepted_with_another_email():
    same = Invitation("ana@x.fr", Role.EDITOR, InvitationStatus.ACCEPTED, "ANA@x.fr")
    other = Invitation("ana@x.fr", Role.EDITOR, InvitationStatus.ACCEPTED, "ana@perso.fr")
    assert not rules.accepted_with_other_email(same)
    assert rules.accepted_with_other_email(other)


def test_linking_rules():
    assert rules.needs_unlink_before_switch(D)
    elsewhere = business(D, linked_tiktok="maison.lune.shop")
    assert rules.linked_elsewhere(elsewhere) and not rules.needs_unlink_before_switch(elsewhere)
