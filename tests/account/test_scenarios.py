"""The shipped scenarios: all valid, all titled, every finding of SPEC §2 reachable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.account.scenarios import (
    SCENARIO_TITLES,
    UnknownScenario,
    list_scenarios,
    load_scenario,
    scenario_path,
    scenario_title,
)
from assistant.account.snapshot import check_snapshot, snapshot_to_json
from assistant.i18n.catalogue import read_po_messages
from assistant.i18n.translator import Translator

EXAMPLES = Path(__file__).resolve().parent.parent / "data" / "examples"
FRAGMENT = Path(__file__).resolve().parents[2] / "locales" / "fr" / "fragments" / "account.po"

# What each scenario is there to show: findings it must trigger (SPEC §2).
TRIGGERS: dict[str, set[str]] = {
    "add-member-ready": set(),
    "already-personal": {"nothing-to-do"},
    "change-role-ready": set(),
    "code-expired": {"verification-code-expired"},
    "departed-member": {"former-member-access"},
    "excess-admins": {"excess-admins"},
    "invitation-trouble": {"invite-email-mismatch", "invite-pending"},
    "invite-expired": {"invite-expired"},
    "invite-invalid-email": {"invite-invalid-email"},
    "invitee-other-business": {"invitee-in-other-business"},
    "link-no-business-login": {"no-business-account"},
    "link-ready": set(),
    "linked-elsewhere": {"already-linked"},
    "linking-unavailable": {"linking-unavailable"},
    "not-admin-analyst": {"not-admin"},
    "offline-unlink": {"network-offline"},
    "personal-add-member": {"personal-account-no-team"},
    "personal-to-business": set(),
    "remove-last-admin": {"last-admin"},
    "remove-member-ready": set(),
    "remove-target-not-member": {"target-not-member"},
    "revoke-access": {"credentials-shared"},
    "secure-account": {"no-two-factor"},
    "share-at-limit": {"collaborator-limit", "credentials-shared", "mobile-device-limit",
                       "no-two-factor"},
    "share-ok": set(),
    "stale-cache-unlink": {"stale-browser-cache"},
    "switch-blocked-by-link": {"linked-to-business", "no-two-factor"},
    "unlink-ready": set(),
    "unlink-wrong-profile": {"wrong-business-profile"},
    "update-login": set(),
}

SPEC_FINDINGS = {
    "linked-to-business", "nothing-to-do", "no-business-account", "not-admin",
    "wrong-business-profile", "linking-unavailable", "already-linked",
    "verification-code-expired", "network-offline", "stale-browser-cache",
    "personal-account-no-team", "invite-invalid-email", "invite-email-mismatch",
    "invitee-in-other-business", "invite-expired", "invite-pending", "target-not-member",
    "last-admin", "collaborator-limit", "mobile-device-limit", "credentials-shared",
    "former-member-access", "excess-admins", "no-two-factor",
}


def test_every_scenario_has_a_title_and_a_purpose():
    assert list_scenarios() == sorted(SCENARIO_TITLES) == sorted(TRIGGERS)


def test_every_finding_of_the_spec_has_a_scenario():
    assert set().union(*TRIGGERS.values()) == SPEC_FINDINGS


@pytest.mark.parametrize("name", sorted(TRIGGERS))
def test_scenario_is_a_valid_snapshot_in_canonical_form(name):
    snapshot = check_snapshot(load_scenario(name))
    assert snapshot_to_json(snapshot) == scenario_path(name).read_text("utf-8").rstrip("\n")
    assert snapshot.intent is not None


@pytest.mark.parametrize("name", sorted(TRIGGERS))
def test_scenario_triggers_the_findings_it_is_there_for(name):
    diagnose = pytest.importorskip("assistant.diagnose").diagnose
    codes = {finding.code for finding in diagnose(load_scenario(name))}
    assert TRIGGERS[name] <= codes
    if not TRIGGERS[name]:
        # The "ready" scenarios are the happy paths: nothing blocks their intent.
        assert not {f.code for f in diagnose(load_scenario(name)) if f.severity == "error"}


def test_the_examples_are_scenarios_unchanged():
    expected = json.loads((EXAMPLES / "expected-findings.json").read_text("utf-8"))
    for name in expected:
        assert scenario_path(name).read_bytes() == (EXAMPLES / f"{name}.json").read_bytes()


def test_the_examples_give_the_expected_findings():
    diagnose = pytest.importorskip("assistant.diagnose").diagnose
    expected = json.loads((EXAMPLES / "expected-findings.json").read_text("utf-8"))
    for name, codes in expected.items():
        assert [f.code for f in diagnose(load_scenario(name))] == codes


def test_an_unknown_scenario_is_one_line_listing_the_known_ones():
    with pytest.raises(UnknownScenario) as caught:
        load_scenario("../etc/passwd")
    message = str(caught.value)
    assert message.startswith("unknown scenario ../etc/passwd; expected one of add-member-ready, ")
    assert "\n" not in message


def test_titles_are_translated():
    french = Translator("fr", read_po_messages(FRAGMENT))
    assert scenario_title("not-admin-analyst") == "Linked business account, you are an analyst"
    assert scenario_title("not-admin-analyst", french) == (
        "Compte professionnel associé, vous êtes analyste"
    )
