"""The account guides keep their promises: switch-to-business, update-login,
share-account, revoke-access and secure-account.

Each guide is played through the Runner API as a person would (by choice label), and
every end it can reach on every scenario is checked against what DOMAIN.md says the
outcome means. Their French lives in ``locales/fr/fragments/guides-account.po``.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from builders import session, tiktok

from assistant.account.model import AccountType, Snapshot
from assistant.account.scenarios import list_scenarios, load_scenario
from assistant.account.snapshot import default_snapshot
from assistant.engine import GuideLibrary, Runner, load_guides
from assistant.engine.messages import guide_messages
from assistant.i18n.catalogue import read_po_messages
from assistant.i18n.textchecks import check_translation
from assistant.i18n.translator import Translator

ROOT = Path(__file__).resolve().parents[2]
FRAGMENT = ROOT / "locales" / "fr" / "fragments" / "guides-account.po"
GUIDES = ("switch-to-business", "update-login", "share-account", "revoke-access",
          "secure-account")
NEW_LOGIN = "new.login@example.com"
"""The address the update-login guide's simulated change sets."""


@cache
def library() -> GuideLibrary:
    """The shipped guides, loaded once."""
    return load_guides()


def start(guide_id: str, snapshot: Snapshot | str) -> Runner:
    """A run of ``guide_id`` in English on a snapshot or a scenario name."""
    if isinstance(snapshot, str):
        snapshot = load_scenario(snapshot)
    return Runner(library(), guide_id, snapshot, Translator("en"))


def choose(runner: Runner, *labels: str) -> Runner:
    """Answer with each label in turn, failing clearly when a step does not offer it."""
    for label in labels:
        view = runner.view()
        assert label in view.choices, f"{view.guide}/{view.step} offers {view.choices}"
        runner.answer(view.choices.index(label) + 1)
    return runner


def at(runner: Runner) -> tuple[str, str]:
    """The ``(guide, step)`` the person is looking at."""
    view = runner.view()
    return view.guide, view.step


def ends(guide_id: str, snapshot: Snapshot) -> Iterator[tuple[str, str, Snapshot]]:
    """Every end the guide can reach from ``snapshot``: ``(outcome, end step, account)``.

    Each state (place and account) is explored once, so loops are finite.
    """
    runner = start(guide_id, snapshot)
    seen: set[object] = set()

    def explore() -> Iterator[tuple[str, str, Snapshot]]:
        state = (runner.place, runner.snapshot)
        if state in seen:
            return
        seen.add(state)
        view = runner.view()
        if view.finished:
            yield runner.outcome or "", view.step, runner.snapshot
            return
        for number in range(1, len(view.choices) + 1):
            runner.answer(number)
            yield from explore()
            runner.back()

    yield from explore()


def every_end(guide_id: str) -> list[tuple[str, str, str, Snapshot]]:
    """The ends of ``guide_id`` on every scenario and on the default account."""
    snapshots = {"default": default_snapshot()}
    snapshots.update({name: load_scenario(name) for name in list_scenarios()})
    return [
        (name, outcome, step, final)
        for name, snapshot in snapshots.items()
        for outcome, step, final in ends(guide_id, snapshot)
    ]


def successes(guide_id: str) -> list[tuple[str, str, Snapshot]]:
    """``(scenario, end step, account)`` of every success end of ``guide_id``."""
    return [(n, step, s) for n, outcome, step, s in every_end(guide_id) if outcome == "success"]


def nobody_else_has_access(s: Snapshot) -> bool:
    """The revoke-access promise: no collaborator, password shared with nobody, no device."""
    return (
        not s.tiktok.collaborators
        and s.tiktok.password_shared_with == 0
        and not any(d.linked for d in s.tiktok.devices)
    )


# --- switch-to-business -------------------------------------------------------------------


def test_switch_to_business_in_the_app_upgrades_a_personal_account():
    runner = choose(
        start("switch-to-business", "personal-to-business"),
        "In the TikTok app", "I switched to a business account", "It shows a business account",
    )
    assert runner.outcome == "success"
    assert runner.snapshot.tiktok.type is AccountType.BUSINESS


def test_switch_to_business_in_user_settings_signs_in_and_upgrades():
    snapshot = session(load_scenario("personal-add-member"), business_profile=None)
    runner = choose(
        start("switch-to-business", snapshot),
        "In TikTok For Business User Settings", "I am on User Settings",
        "I upgraded the account", "It shows a business account",
    )
    assert runner.outcome == "success"
    assert runner.snapshot.tiktok.type is AccountType.BUSINESS
    assert runner.snapshot.on_right_profile


def test_user_settings_without_a_business_login_offers_the_app_instead():
    runner = choose(
        start("switch-to-business", "personal-to-business"),
        "In TikTok For Business User Settings",
    )
    assert at(runner) == ("switch-to-business", "no-login")
    choose(runner, "Switch in the app")
    assert at(runner) == ("switch-to-business", "open-app")


def test_an_account_that_is_already_business_has_nothing_to_switch():
    runner = start("switch-to-business", "share-ok")
    assert runner.outcome == "success"
    assert at(runner) == ("switch-to-business", "already-business")
    assert runner.snapshot == runner.initial


def test_switch_to_business_succeeds_only_on_a_business_account():
    found = every_end("switch-to-business")
    assert {outcome for _n, outcome, _step, _s in found} == {"success", "blocked", "escalate"}
    for name, outcome, step, final in found:
        if outcome == "success":
            assert final.tiktok.type is AccountType.BUSINESS, f"{name}: success at {step}"
        if outcome == "blocked":
            assert final.tiktok.type is AccountType.PERSONAL, f"{name}: blocked at {step}"


# --- update-login -------------------------------------------------------------------------------


def test_the_ad_account_settings_are_told_apart_from_user_settings():
    runner = choose(
        start("update-login", "update-login"), "I am not sure", "It is about the ad account",
    )
    assert runner.outcome == "success"
    assert at(runner) == ("update-login", "ad-account")
    assert "Ads Manager" in runner.view().body and "account settings" in runner.view().body
    assert runner.snapshot == runner.initial


def test_changing_the_login_email_moves_the_login_and_the_session():
    runner = choose(
        start("update-login", "update-login"),
        "My login: email, phone number or password", "I am on User Settings",
        "The login email", "I saved the new address", "I see the new address", "No, I am done",
    )
    assert runner.outcome == "success"
    final = runner.snapshot
    assert final.business is not None and final.business.email == NEW_LOGIN
    assert final.session.actor == NEW_LOGIN and final.on_right_profile
    assert final.is_admin


def test_a_phone_number_is_added_and_then_offered_for_the_password_reset():
    runner = choose(
        start("update-login", "update-login"),
        "My login: email, phone number or password", "I am on User Settings",
        "The phone number",
    )
    assert at(runner) == ("update-login", "phone")
    choose(runner, "I saved my phone number", "I see my phone number", "Change something else",
           "The password", "I do not remember my current password")
    assert runner.snapshot.tiktok.phone is not None
    assert at(runner) == ("update-login", "reset-email-or-phone")


def test_without_a_phone_number_the_password_is_reset_by_email_only():
    runner = choose(
        start("update-login", "update-login"),
        "My login: email, phone number or password", "I am on User Settings",
        "The password", "I do not remember my current password",
    )
    assert at(runner) == ("update-login", "reset-email")
    choose(runner, "The email never arrives")
    assert runner.outcome == "escalate"


def test_changing_the_password_ends_access_for_whoever_had_it():
    snapshot = tiktok(load_scenario("update-login"), password_shared_with=2)
    runner = choose(
        start("update-login", snapshot),
        "My login: email, phone number or password", "I am on User Settings",
        "The password", "I saved the new password", "Continue", "No, I am done",
    )
    assert runner.outcome == "success"
    assert runner.snapshot.tiktok.password_shared_with == 0


@pytest.mark.parametrize(("changes", "step"), [
    ({"business_profile": None}, "sign-in"),
    ({"business_profile": "someone@else.example"}, "wrong-profile"),
])
def test_update_login_first_gets_the_person_onto_their_own_login(changes, step):
    snapshot = session(load_scenario("update-login"), **changes)
    runner = choose(start("update-login", snapshot), "My login: email, phone number or password")
    assert at(runner) == ("update-login", step)


def test_an_email_change_while_offline_stops_at_the_connection():
    snapshot = session(load_scenario("update-login"), online=False)
    runner = choose(
        start("update-login", snapshot),
        "My login: email, phone number or password", "I am on User Settings",
        "The login email", "I saved the new address",
    )
    assert at(runner) == ("update-login", "offline")
    assert runner.snapshot.business == runner.initial.business


def test_update_login_without_a_business_login_is_blocked():
    runner = choose(
        start("update-login", "personal-to-business"), "My login: email, phone number or password",
    )
    assert runner.outcome == "blocked"
    assert at(runner) == ("update-login", "no-business")


# --- share-account ------------------------------------------------------------------------------


def test_sharing_adds_a_collaborator_and_never_needs_the_password():
    runner = choose(
        start("share-account", "share-ok"),
        "Add a collaborator", "I added the collaborator", "Continue", "I see them in the list",
    )
    assert runner.outcome == "success"
    assert "new.collaborator" in runner.snapshot.tiktok.collaborators
    assert runner.snapshot.tiktok.password_shared_with == 0


def test_a_personal_account_is_switched_to_business_before_sharing():
    runner = choose(start("share-account", "personal-to-business"), "Switch to a business account")
    assert runner.view().guide == "switch-to-business"
    choose(runner, "In the TikTok app", "I switched to a business account",
           "It shows a business account")
    assert runner.view().returns_to is not None
    choose(runner, runner.view().choices[0])
    assert at(runner) == ("share-account", "why-collaborators")
    assert runner.snapshot.tiktok.type is AccountType.BUSINESS


def test_keeping_a_personal_account_blocks_sharing_and_names_the_alternatives():
    runner = choose(start("share-account", "personal-to-business"), "Keep it a personal account")
    assert runner.outcome == "blocked"
    body = runner.view().body
    assert "joint branded account" in body and "cross-promotion" in body


def test_at_the_limit_one_collaborator_leaves_before_another_joins():
    runner = choose(start("share-account", "share-at-limit"), "Add a collaborator")
    assert at(runner) == ("share-account", "at-limit")
    choose(runner, "Remove a collaborator who no longer needs access",
           "I removed one collaborator")
    assert len(runner.snapshot.tiktok.collaborators) == 3
    assert at(runner) == ("share-account", "add-collaborator")
    choose(runner, "I added the collaborator")
    assert len(runner.snapshot.tiktok.collaborators) == 4


def test_at_the_limit_keeping_everyone_is_blocked():
    runner = choose(start("share-account", "share-at-limit"), "Add a collaborator",
                    "Keep everyone")
    assert runner.outcome == "blocked"
    assert runner.snapshot == runner.initial


def test_at_the_limit_taking_back_all_access_runs_revoke_access():
    runner = choose(start("share-account", "share-at-limit"), "Add a collaborator",
                    "Take back everyone's access and start again")
    assert runner.view().guide == "revoke-access"


def test_only_one_phone_can_be_linked_so_the_owner_may_unlink_theirs():
    runner = choose(start("share-account", default_snapshot()),
                    "Add a collaborator", "I added the collaborator")
    assert at(runner) == ("share-account", "one-mobile")
    assert "Pixel 8" in runner.view().body
    choose(runner, "Unlink Pixel 8", "I unlinked it")
    assert not runner.snapshot.tiktok.linked_mobiles
    assert at(runner) == ("share-account", "rules")


def test_sharing_with_the_password_still_shared_is_not_a_success():
    runner = choose(
        start("share-account", "share-at-limit"), "Add a collaborator",
        "Remove a collaborator who no longer needs access", "I removed one collaborator",
        "I added the collaborator", "They will use the desktop site or another device",
        "Continue",
    )
    assert at(runner) == ("share-account", "change-password")
    choose(runner, "Not now")
    assert runner.outcome == "blocked"


def test_every_successful_share_leaves_the_password_with_the_owner_alone():
    found = successes("share-account")
    assert found
    for name, step, final in found:
        assert final.tiktok.password_shared_with == 0, f"{name}: {step}"
        if step == "done":
            assert final.tiktok.collaborators, f"{name}: shared with nobody"


# --- revoke-access ------------------------------------------------------------------------------


def test_revoke_access_leaves_nobody_else_with_access():
    runner = choose(
        start("revoke-access", "revoke-access"),
        "Start", "I removed them all", "I changed the password", "I logged out of all devices",
        "Everything is as expected",
    )
    assert runner.outcome == "success"
    assert nobody_else_has_access(runner.snapshot)


def test_revoke_access_succeeds_only_when_nobody_else_has_access():
    found = successes("revoke-access")
    assert found
    for name, step, final in found:
        assert nobody_else_has_access(final), f"{name}: success at {step}"


def test_revoke_access_skips_what_is_already_done():
    runner = choose(start("revoke-access", "secure-account"), "Start")
    assert at(runner) == ("revoke-access", "password-not-shared")


def test_a_collaborator_cannot_revoke_and_is_sent_to_the_owner():
    runner = choose(start("revoke-access", "revoke-access"), "I am a collaborator, not the owner")
    assert runner.outcome == "escalate"
    assert runner.snapshot == runner.initial


# --- secure-account -----------------------------------------------------------------------------


def test_secure_account_turns_on_two_step_verification():
    runner = choose(
        start("secure-account", "secure-account"),
        "Continue", "I turned it on", "Continue", "My password is like that",
        "Everything looks familiar", "Continue",
    )
    assert runner.outcome == "success"
    assert runner.snapshot.tiktok.two_factor


def test_a_shared_password_leads_to_taking_back_access():
    runner = choose(start("secure-account", "share-at-limit"),
                    "Continue", "I turned it on", "Continue")
    assert at(runner) == ("secure-account", "password-shared")
    choose(runner, "Take back access now")
    assert runner.view().guide == "revoke-access"


def test_an_unknown_login_leads_to_taking_back_access():
    runner = choose(
        start("secure-account", "share-ok"),
        "Continue", "Continue", "Continue", "My password is like that",
        "I see a device or a login I do not know",
    )
    assert runner.view().guide == "revoke-access"


def test_secure_account_succeeds_only_with_two_step_verification_and_a_private_password():
    found = successes("secure-account")
    assert found
    for name, step, final in found:
        assert final.tiktok.two_factor, f"{name}: {step}"
        assert final.tiktok.password_shared_with == 0, f"{name}: {step}"


# --- French -------------------------------------------------------------------------------------


def _english(guide_id: str) -> list[str]:
    with (ROOT / "guides" / f"{guide_id}.toml").open("rb") as handle:
        return [message for _line, message, _comment in guide_messages(handle)]


@pytest.mark.parametrize("guide_id", GUIDES)
def test_every_string_of_the_guide_has_a_clean_french_translation(guide_id):
    french = read_po_messages(FRAGMENT).entries
    for message in _english(guide_id):
        assert (None, message) in french, f"not translated: {message[:60]!r}"
        problems = check_translation("fr", [message], list(french[(None, message)]))
        assert not problems, f"{message[:60]!r}: {[p.reason for p in problems]}"


def test_a_guide_plays_in_french():
    runner = Runner(library(), "revoke-access", load_scenario("revoke-access"),
                    Translator("fr", read_po_messages(FRAGMENT)))
    view = runner.view()
    assert view.title != library().guides["revoke-access"].steps["intro"].title
    assert "maison.lune" in view.body
