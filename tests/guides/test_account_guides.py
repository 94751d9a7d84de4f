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
"""The address typed at update-login's new-email step."""
TYPED = {"email": NEW_LOGIN, "phone": "+33 6 12 34 56 78", "username": "studio.nina"}
"""What the walk types at an ``input`` step, by kind (valid answers)."""


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
        state = (runner.place, getattr(runner, "memory", None), runner.snapshot)
        if state in seen:
            return
        seen.add(state)
        view = runner.view()
        if view.finished:
            yield runner.outcome or "", view.step, runner.snapshot
            return
        if getattr(view, "input", None) is not None:
            runner.answer_text(TYPED[view.input])
            yield from explore()
            runner.back()
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
        "In TikTok For Business User Settings", "I am signed in with my own login",
        "I am on User Settings", "I upgraded the account", "It shows a business account",
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
        "My login: email, phone number or password", "I am on User Settings", "The login email",
    )
    runner.answer_text(NEW_LOGIN)
    choose(runner, "I see the new address", "No, I am done")
    assert runner.outcome == "success"
    final = runner.snapshot
    assert final.business is not None and final.business.email == NEW_LOGIN
    assert final.session.actor == NEW_LOGIN and final.on_right_profile
    assert final.is_admin


def test_a_phone_number_is_added_and_then_offered_for_the_password_reset():
    runner = choose(
        start("update-login", "update-login"),
        "My login: email, phone number or password", "I am on User Settings", "The phone number",
    )
    assert at(runner) == ("update-login", "phone")
    runner.answer_text("+33 6 12 34 56 78")
    assert "+33 6 12 34 56 78" in runner.view().body
    choose(runner, "I see my phone number", "Change something else",
           "The password", "I do not remember my current password")
    assert runner.snapshot.business is not None and runner.snapshot.business.phone is not None
    assert runner.snapshot.tiktok.phone == runner.initial.tiktok.phone
    assert at(runner) == ("update-login", "reset-password")


def test_a_reset_email_missing_twice_reaches_support():
    runner = choose(
        start("update-login", "update-login"),
        "My login: email, phone number or password", "I am on User Settings", "The password",
        "I do not remember my current password",
    )
    assert at(runner) == ("update-login", "reset-password")
    choose(runner, "The email never arrives")
    assert at(runner) == ("update-login", "reset-email-missing")
    choose(runner, "It still does not arrive")
    assert runner.outcome == "escalate"


def test_the_login_password_is_not_the_tiktok_app_password():
    snapshot = tiktok(load_scenario("update-login"), password_shared_with=2)
    runner = choose(
        start("update-login", snapshot),
        "My login: email, phone number or password", "I am on User Settings", "The password",
    )
    assert "not change the other" in runner.view().body
    choose(runner, "I saved the new password", "I signed in with the new password",
           "No, I am done")
    assert runner.outcome == "success"
    assert runner.snapshot.tiktok == runner.initial.tiktok


@pytest.mark.parametrize(("changes", "step"), [
    ({"business_profile": None}, "sign-in"),
    ({"business_profile": "someone@else.example"}, "signed-in-as"),
])
def test_update_login_first_gets_the_person_onto_their_own_login(changes, step):
    snapshot = session(load_scenario("update-login"), **changes)
    runner = choose(start("update-login", snapshot), "My login: email, phone number or password")
    assert at(runner) == ("update-login", step)
    assert "owner@maisonlune.example" in runner.view().body
    choose(runner, runner.view().choices[0])
    assert runner.snapshot.session.business_profile == "owner@maisonlune.example"


def test_an_email_change_while_offline_stops_at_the_connection():
    snapshot = session(load_scenario("update-login"), online=False)
    runner = choose(
        start("update-login", snapshot),
        "My login: email, phone number or password", "I am on User Settings", "The login email",
    )
    runner.answer_text(NEW_LOGIN)
    assert at(runner) == ("update-login", "offline")
    assert runner.snapshot.business == runner.initial.business


def test_update_login_without_a_business_login_signs_up_first():
    runner = choose(
        start("update-login", "personal-to-business"), "My login: email, phone number or password",
    )
    assert at(runner) == ("update-login", "no-business")
    later = choose(start("update-login", "personal-to-business"),
                   "My login: email, phone number or password", "I will do it later")
    assert (later.outcome, at(later)) == ("blocked", ("update-login", "no-business-later"))
    assert later.snapshot == later.initial
    choose(runner, "I created my login and I am signed in")
    assert at(runner) == ("update-login", "open-settings")
    business = runner.snapshot.business
    assert business is not None and business.email == runner.snapshot.session.actor
    choose(runner, "I am on User Settings")
    assert at(runner) == ("update-login", "menu")


# --- one login per person -------------------------------------------------------------------


def test_a_members_email_change_leaves_the_linked_login_unchanged():
    initial = load_scenario("not-admin-analyst")
    runner = choose(
        start("update-login", initial),
        "My login: email, phone number or password",
    )
    assert at(runner) == ("update-login", "signed-in-as")
    assert "marc@maisonlune.example" in runner.view().body
    choose(runner, "I signed out and signed in with my own login", "I am on User Settings",
           "The login email")
    runner.answer_text(NEW_LOGIN)
    assert at(runner) == ("update-login", "email-verify-own")
    choose(runner, "I see the new address", "No, I am done")
    assert runner.outcome == "success"
    final = runner.snapshot
    assert final.business is not None and initial.business is not None
    assert final.business.email == initial.business.email
    assert final.session.actor == NEW_LOGIN
    assert final.business.member(NEW_LOGIN) is not None


def test_someone_without_a_login_of_their_own_is_handed_to_an_admin():
    snapshot = session(load_scenario("update-login"), business_profile=None)
    runner = choose(start("update-login", snapshot),
                    "My login: email, phone number or password", "I have no login of my own")
    assert runner.outcome == "escalate"
    assert "owner@maisonlune.example" in runner.view().body
    assert runner.snapshot == runner.initial


def test_the_upgrade_in_user_settings_is_for_the_logins_owner_only():
    snapshot = session(load_scenario("personal-add-member"), actor="ana@studio.example",
                       business_profile=None)
    runner = choose(start("switch-to-business", snapshot), "In TikTok For Business User Settings")
    assert at(runner) == ("switch-to-business", "not-your-login")
    assert "owner@maisonlune.example" in runner.view().body
    choose(runner, "Switch in the app instead", "I switched to a business account",
           "It shows a business account")
    assert runner.outcome == "success"


@pytest.mark.parametrize("guide_id", GUIDES)
def test_no_step_says_to_sign_in_with_the_linked_login(guide_id):
    for step in library().guides[guide_id].steps.values():
        text = " ".join(str(getattr(step, key, "")) for key in ("title", "body"))
        assert "as **{business_email}**" not in text, f"{guide_id}/{step.id}"
        assert "with **{business_email}**" not in text, f"{guide_id}/{step.id}"


# --- share-account ------------------------------------------------------------------------------

ADD = "I trust them: add a collaborator"


def test_sharing_adds_a_collaborator_and_never_needs_the_password():
    runner = choose(
        start("share-account", "share-ok"),
        ADD,
    )
    runner.answer_text("@studio.nina")
    choose(runner, "Continue", "I see them in the list")
    assert runner.outcome == "success"
    assert "studio.nina" in runner.snapshot.tiktok.collaborators
    assert runner.snapshot.tiktok.password_shared_with == 0


def test_a_personal_account_can_have_collaborators_without_switching():
    runner = choose(start("share-account", "personal-to-business"), ADD)
    assert at(runner) == ("share-account", "add-collaborator")
    runner.answer_text("studio.nina")
    assert runner.snapshot.tiktok.type is AccountType.PERSONAL
    assert "studio.nina" in runner.snapshot.tiktok.collaborators


def test_the_alternatives_name_the_sources_safer_options():
    runner = choose(start("share-account", "share-ok"), "Is there another way to work together?")
    body = runner.view().body
    for name in ("Duet", "Stitch", "Collections", "joint branded account", "Cross-promotion"):
        assert name in body


def test_at_the_limit_one_collaborator_leaves_before_another_joins():
    runner = choose(start("share-account", "share-at-limit"), ADD)
    assert at(runner) == ("share-account", "at-limit")
    choose(runner, "Remove a collaborator who no longer needs access")
    assert "can no longer post" in runner.view().body
    chosen = runner.initial.tiktok.collaborators[2]
    choose(runner, chosen)
    assert chosen not in runner.snapshot.tiktok.collaborators
    assert len(runner.snapshot.tiktok.collaborators) == 3
    assert at(runner) == ("share-account", "add-collaborator")
    runner.answer_text("studio.nina")
    assert len(runner.snapshot.tiktok.collaborators) == 4


@pytest.mark.parametrize("labels", [
    ("Keep everyone",),
    ("Take back everyone's access and start again", "Stop: keep everyone"),
    ("Remove a collaborator who no longer needs access", "Keep everyone after all"),
])
def test_at_the_limit_stopping_changes_nothing(labels):
    runner = choose(start("share-account", "share-at-limit"), ADD, *labels)
    assert runner.outcome == "blocked"
    assert "Nothing was changed" in runner.view().body
    assert runner.snapshot == runner.initial


def test_at_the_limit_taking_back_all_access_warns_then_runs_revoke_access():
    runner = choose(start("share-account", "share-at-limit"), ADD,
                    "Take back everyone's access and start again")
    assert at(runner) == ("share-account", "revoke-warning")
    assert "yours included" in runner.view().body
    choose(runner, "Go ahead")
    assert runner.view().guide == "revoke-access"


def test_only_one_phone_can_be_linked_so_the_owner_may_unlink_theirs():
    runner = choose(start("share-account", default_snapshot()), ADD)
    runner.answer_text("studio.nina")
    assert at(runner) == ("share-account", "one-mobile")
    assert "Pixel 8" in runner.view().body
    choose(runner, "Unlink Pixel 8")
    choose(runner, next(c for c in runner.view().choices if c.startswith("Pixel 8")))
    assert not runner.snapshot.tiktok.linked_mobiles
    assert at(runner) == ("share-account", "rules")


def test_sharing_with_the_password_still_shared_is_not_a_success():
    runner = choose(
        start("share-account", "share-at-limit"), ADD,
        "Remove a collaborator who no longer needs access",
    )
    runner.answer(1)
    runner.answer_text("studio.nina")
    choose(runner, "They will use the desktop site or another device", "Continue")
    assert at(runner) == ("share-account", "change-password")
    choose(runner, "Not now")
    assert runner.outcome == "blocked"


def test_a_failed_addition_leads_to_troubleshooting_then_support():
    runner = choose(start("share-account", "share-ok"), ADD,
                    "The username is not found, or an error appears", "It still fails")
    assert runner.outcome == "escalate"
    assert runner.view().title == "Contact TikTok support"
    assert runner.snapshot == runner.initial


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
        "Start", "I removed them all at once", "I changed the password",
        "I logged out of all devices", "Everything is as expected",
    )
    assert runner.outcome == "success"
    assert nobody_else_has_access(runner.snapshot)


def test_revoke_access_removes_the_collaborators_picked_one_by_one():
    runner = choose(start("revoke-access", "revoke-access"), "Start")
    first, second = runner.initial.tiktok.collaborators
    choose(runner, first)
    assert runner.snapshot.tiktok.collaborators == (second,)
    assert at(runner) == ("revoke-access", "remove-collaborators")
    choose(runner, second)
    assert not runner.snapshot.tiktok.collaborators
    assert at(runner) == ("revoke-access", "password-shared")


def test_revoke_access_says_what_is_lost_and_can_stop_without_changes():
    runner = start("revoke-access", "revoke-access")
    assert "yours included" in runner.view().body
    choose(runner, "Stop: change nothing")
    assert runner.outcome == "blocked"
    assert runner.snapshot == runner.initial


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


def test_a_reset_that_never_arrives_twice_reaches_support():
    runner = choose(start("revoke-access", "revoke-access"), "Start", "I removed them all at once",
                    "I do not remember my current password", "The reset never arrives",
                    "It still does not arrive")
    assert runner.outcome == "escalate"


def test_the_app_offline_while_revoking_is_routed_and_can_resume():
    runner = choose(start("revoke-access", "revoke-access"), "Start", "An error appears",
                    "I have no connection")
    assert at(runner) == ("revoke-access", "app-offline")
    choose(runner, "I am back online")
    assert at(runner) == ("revoke-access", "remove-collaborators")


# --- secure-account -----------------------------------------------------------------------------


def test_secure_account_turns_on_two_step_verification():
    runner = choose(
        start("secure-account", "secure-account"),
        "Continue", "I turned it on", "Login notifications are on", "My password is like that",
        "Everything looks familiar", "Continue", "It shows as on",
    )
    assert runner.outcome == "success"
    assert runner.snapshot.tiktok.two_factor


def test_secure_account_asks_to_confirm_before_success():
    runner = choose(
        start("secure-account", "secure-account"),
        "Continue", "I turned it on", "Login notifications are on", "My password is like that",
        "Everything looks familiar", "Continue",
    )
    assert at(runner) == ("secure-account", "confirm")
    choose(runner, "It shows as off")
    assert at(runner) == ("secure-account", "two-factor")


def test_a_missing_two_step_code_reaches_support_the_second_time():
    runner = choose(start("secure-account", "secure-account"), "Continue",
                    "The code never came", "It still does not come")
    assert runner.outcome == "escalate"
    assert not runner.snapshot.tiktok.two_factor


def test_a_shared_password_leads_to_taking_back_access():
    runner = choose(start("secure-account", "share-at-limit"),
                    "Continue", "I turned it on", "Login notifications are on")
    assert at(runner) == ("secure-account", "password-shared")
    choose(runner, "Take back access now")
    assert runner.view().guide == "revoke-access"


def test_an_unknown_login_leads_to_taking_back_access():
    runner = choose(
        start("secure-account", "share-ok"),
        "Continue", "Continue", "Login notifications are on", "My password is like that",
        "I see a login or a post I do not know",
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
