"""The team guides: add-member, manage-roles, remove-member, request-admin-access.

Each guide is played on the project's scenarios (and on a few variants built here):
paths to ``success`` must leave the account as the guide promises, and the refusals of
the domain (a personal account has no team, the last admin stays, only admins manage
the team) must happen where they should. Every path of every scenario is walked with
the engine's path generator, which also checks ``back()`` at every step.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
from engine.engine_paths import Walk, snapshots, walk

from assistant.account.model import AccountType, Member, Role, Snapshot
from assistant.account.scenarios import load_scenario
from assistant.account.snapshot import default_snapshot
from assistant.cli import main
from assistant.diagnose.doctor import diagnose
from assistant.engine import GuideLibrary, Runner, load_guides
from assistant.engine.messages import guide_messages
from assistant.engine.model import AskStep
from assistant.engine.verdict import handoff, next_guide
from assistant.i18n.pofile import read_po_file
from assistant.i18n.textchecks import check_translation
from assistant.i18n.translator import Translator

TEAM_GUIDES = ("add-member", "manage-roles", "remove-member", "request-admin-access")
SNAPSHOTS = snapshots()


@cache
def library() -> GuideLibrary:
    """The shipped guides, loaded once."""
    return load_guides()


@cache
def walked(guide_id: str, name: str) -> Walk:
    """Every path of one guide on one of the engine's snapshots."""
    return walk(library(), guide_id, SNAPSHOTS[name])


class Typed(str):
    """An answer typed at an ``input`` step (a plain ``str`` is a choice's label)."""


def play(guide_id: str, snapshot: Snapshot, *labels: str) -> Runner:
    """Play ``guide_id`` answering each shown step with the choice of that English label,
    or with the text of a :class:`Typed` answer; a pick's item is chosen by its label's
    beginning (the email address, a name)."""
    runner = Runner(library(), guide_id, snapshot, Translator("en"))
    for label in labels:
        view = runner.view()
        if isinstance(label, Typed):
            runner.answer_text(label)
            continue
        found = [n for n, c in enumerate(view.choices, 1) if c == label]
        found = found or [n for n, c in enumerate(view.choices, 1) if c.startswith(label + " ·")]
        assert found, f"{view.guide}/{view.step}: no choice {label!r} in {view.choices}"
        runner.answer(found[0])
    return runner


def active(snapshot: Snapshot) -> dict[str, Role]:
    """The active members of the team, email to role."""
    assert snapshot.business is not None
    return {m.email: m.role for m in snapshot.business.active_members}


def with_members(snapshot: Snapshot, *members: Member, pw: int = 0) -> Snapshot:
    """``snapshot`` with another team and the password shared with ``pw`` people."""
    assert snapshot.business is not None
    return replace(
        snapshot,
        business=replace(snapshot.business, members=members),
        tiktok=replace(snapshot.tiktok, password_shared_with=pw),
    )


# --- The guides as a whole ----------------------------------------------------------------


def test_the_team_guides_load_without_problems_in_the_team_topic():
    assert not [p for p in library().problems if any(g in p.file for g in TEAM_GUIDES)]
    for guide_id in TEAM_GUIDES:
        assert library().guides[guide_id].topic == "team"


@pytest.mark.parametrize("guide_id", TEAM_GUIDES)
def test_the_scenarios_go_through_every_step_and_choice_and_every_outcome(guide_id):
    steps: set[tuple[str, str]] = set()
    choices: set[tuple[str, str, int]] = set()
    outcomes: set[str] = set()
    for name in SNAPSHOTS:
        found = walked(guide_id, name)
        steps |= found.steps
        choices |= found.choices
        outcomes |= {outcome for _a, outcome, _s in found.paths}
    guide = library().guides[guide_id]
    assert sorted(s for s in guide.steps if (guide_id, s) not in steps) == []
    untaken = [
        (step.id, number)
        for step in guide.steps.values() if isinstance(step, AskStep)
        for number in range(1, len(step.choices) + 1)
        if (guide_id, step.id, number) not in choices
    ]
    assert untaken == []
    assert outcomes == {"success", "blocked", "escalate"}


@pytest.mark.parametrize("name", sorted(SNAPSHOTS))
@pytest.mark.parametrize("guide_id", TEAM_GUIDES)
def test_no_path_leaves_the_team_without_an_admin(guide_id, name):
    start = SNAPSHOTS[name]
    if start.business is None or not start.business.active_admins:
        return
    for answers, _outcome, final in walked(guide_id, name).paths:
        assert final.business is not None and final.business.active_admins, answers


@pytest.mark.parametrize("name", sorted(SNAPSHOTS))
@pytest.mark.parametrize("guide_id", ("add-member", "manage-roles", "remove-member"))
def test_a_person_who_is_not_admin_changes_nothing_and_never_succeeds(guide_id, name):
    start = SNAPSHOTS[name]
    if start.business is None or start.is_admin:
        return
    for answers, outcome, final in walked(guide_id, name).paths:
        assert outcome != "success", answers
        assert final.business == start.business, answers


EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


@pytest.mark.parametrize("guide_id", TEAM_GUIDES)
def test_every_escalate_ending_hands_over_to_someone_without_showing_an_email(guide_id):
    ended = 0
    for name in ("not-admin-analyst", "add-member-ready", "default+stale-cache",
                 "departed-member"):
        snapshot = SNAPSHOTS[name]
        for answers, outcome, _final in walked(guide_id, name).paths:
            if outcome != "escalate":
                continue
            runner = Runner(library(), guide_id, snapshot, Translator("en"))
            for answer in answers:
                runner.give(answer)
            text = handoff(runner)
            assert text and "**For:**" in text, (name, answers)
            assert not EMAIL.search(text), (name, answers, text)
            ended += 1
    assert ended


# --- add-member ---------------------------------------------------------------------------------


TYPED_EMAIL = "new.person@example.com"
"""What the path walk types at the address step (``engine_paths.TYPED``)."""


def _ending(guide_id: str, snapshot: Snapshot, answers: tuple) -> str:
    """The step a path ends on, replayed."""
    runner = Runner(library(), guide_id, snapshot, Translator("en"))
    for answer in answers:
        runner.give(answer)
    return runner.view().step


@pytest.mark.parametrize("name", sorted(SNAPSHOTS))
def test_add_member_success_means_the_person_is_on_the_team(name):
    start = SNAPSHOTS[name]
    for answers, outcome, final in walked("add-member", name).paths:
        if outcome == "success":
            assert final.tiktok.type is AccountType.BUSINESS, answers
            before = active(start) if start.business is not None else {}
            if len(active(final)) > len(before):
                continue
            # Nobody joined: either nothing was changed (they were already on the team), or
            # an invitation that could not go through was cancelled.
            ending = _ending("add-member", start, answers)
            assert ending in {"already-member", "cancelled"}, (ending, answers)


def test_add_member_invites_with_the_chosen_role_and_confirms_it():
    runner = play(
        "add-member", load_scenario("add-member-ready"),
        Typed(TYPED_EMAIL), "I sent it as Analyst", "They accepted the invitation",
        "I confirmed the role", "Yes, with the right role",
    )
    assert runner.outcome == "success"
    assert active(runner.snapshot)[TYPED_EMAIL] is Role.ANALYST
    assert runner.snapshot.business is not None and runner.snapshot.business.invitations == ()


def test_add_member_asks_before_inviting_an_admin():
    runner = play("add-member", load_scenario("add-member-ready"), Typed(TYPED_EMAIL),
                  "They need Admin")
    assert runner.view().step == "admin-warning"
    runner.answer(runner.view().choices.index("Choose another role") + 1)
    assert runner.view().step == "roles"


def test_add_member_on_a_personal_account_leads_to_the_upgrade_first():
    runner = play("add-member", load_scenario("personal-add-member"))
    assert runner.view().step == "personal"
    runner = play("add-member", load_scenario("personal-add-member"),
                  "Switch maison.lune to a business account")
    assert runner.view().guide == "switch-to-business"
    kept = play("add-member", load_scenario("personal-add-member"), "Keep it personal")
    assert kept.outcome == "blocked"
    assert kept.snapshot == kept.initial


def test_add_member_never_invites_on_a_personal_account():
    for answers, _outcome, final in walked("add-member", "personal-add-member").paths:
        if final.tiktok.type is AccountType.PERSONAL:
            assert final == SNAPSHOTS["personal-add-member"], answers


def test_add_member_after_the_upgrade_goes_on_to_the_invitation():
    runner = play(
        "add-member", load_scenario("personal-add-member"),
        "Switch maison.lune to a business account", "In the TikTok app",
        "I switched to a business account", "It shows a business account",
    )
    runner.answer(1)  # back from the sub-guide
    assert runner.snapshot.tiktok.type is AccountType.BUSINESS
    assert runner.view().step == "invite-form"


INVITATION_FIXES = {
    # finding code of the diagnosis -> the add-member step that deals with it
    "invite-invalid-email": "invalid",
    "invite-email-mismatch": "mismatch",
    "invitee-in-other-business": "other-business",
    "invite-expired": "expired",
    "invite-pending": "pending",
}


@pytest.mark.parametrize(
    "scenario",
    ["invite-invalid-email", "invitation-trouble", "invitee-other-business", "invite-expired"],
)
def test_a_person_sent_by_an_invitation_finding_lands_on_its_fix(scenario):
    snapshot = load_scenario(scenario)
    codes = [f.code for f in diagnose(snapshot) if f.code in INVITATION_FIXES]
    assert codes and all(f.guide == "add-member" for f in diagnose(snapshot)
                         if f.code in INVITATION_FIXES)
    runner = play("add-member", snapshot, "Follow up the invitations already sent")
    assert runner.view().step == "which-invitation"
    # The invitation of the most urgent finding (errors before warnings) is listed; once
    # picked, the guide goes to its fix.
    runner.answer(1)
    assert runner.view().step == INVITATION_FIXES[codes[0]]


def test_a_pending_invitation_is_followed_up_until_the_person_joins():
    runner = play(
        "add-member", default_snapshot(),
        "Follow up the invitations already sent", "ana@studio.example",
        "They did not get the email",
        "Send it again", "They accepted the invitation", "I confirmed the role",
        "Yes, with the right role",
    )
    assert runner.outcome == "success"
    assert active(runner.snapshot)["ana@studio.example"] is Role.EDITOR


def test_an_expired_invitation_is_sent_again_then_confirmed():
    runner = play(
        "add-member", load_scenario("invite-expired"),
        "Follow up the invitations already sent", "paul@studio.example", "I sent it again",
        "They accepted the invitation", "I confirmed the role", "Yes, with the right role",
    )
    assert runner.outcome == "success"
    assert active(runner.snapshot)["paul@studio.example"] is Role.ANALYST


def test_an_invitation_accepted_with_another_email_is_sent_again_to_the_same_address():
    runner = play(
        "add-member", load_scenario("invitation-trouble"),
        "Follow up the invitations already sent", "ana@studio.example",
        "I sent the invitation again",
        "They accepted the invitation", "I confirmed the role", "Yes, with the right role",
        "That is all for now",
    )
    assert runner.outcome == "success"
    assert active(runner.snapshot)["ana@studio.example"] is Role.EDITOR
    assert "ana.perso@mail.example" not in active(runner.snapshot)


def test_an_incomplete_address_is_cancelled_and_the_guide_offers_to_invite_again():
    runner = play(
        "add-member", load_scenario("invite-invalid-email"),
        "Follow up the invitations already sent", "ana@studio", "I cancelled it",
        "Yes, it is gone",
    )
    assert (runner.outcome, runner.view().step) == ("success", "cancelled")
    assert next_guide(runner) == "add-member"
    business = runner.snapshot.business
    assert business is not None and business.invitations == ()


def test_an_invitee_of_another_business_cannot_join_with_that_address():
    snapshot = load_scenario("invitee-other-business")
    wait = play("add-member", snapshot, "Follow up the invitations already sent",
                "ana@studio.example", "They will leave the other business account first")
    assert wait.outcome == "blocked" and wait.snapshot == snapshot
    for _answers, _outcome, final in walked("add-member", "invitee-other-business").paths:
        assert "ana@studio.example" not in active(final)


def test_a_browser_error_while_inviting_is_cleared_then_retried():
    snapshot = SNAPSHOTS["link-ready+stale-cache"]
    runner = play("add-member", snapshot, Typed(TYPED_EMAIL), "I sent it as Editor")
    assert runner.view().step == "page-error"
    runner = play("add-member", snapshot, Typed(TYPED_EMAIL), "I sent it as Editor",
                  "I cleared the cache: try again", Typed(TYPED_EMAIL),
                  "I sent it as Editor")
    assert runner.view().step == "pending"
    assert not runner.snapshot.session.browser_cache_stale


SCENARIOS = Path(__file__).resolve().parents[2] / "assistant" / "account" / "scenarios"


def test_run_add_member_invites_the_typed_address(capsys):
    code = main(["run", "add-member", "--state", str(SCENARIOS / "add-member-ready.json"),
                 "--answer", TYPED_EMAIL, "--choose", "1", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out["changed"] is True
    assert out["steps"][0]["id"] == "invite-form" and out["steps"][0]["input"] == TYPED_EMAIL
    invitations = out["state"]["business"]["invitations"]
    assert [(i["email"], i["role"], i["status"]) for i in invitations] == [
        (TYPED_EMAIL, "editor", "pending")]


def test_run_add_member_refuses_an_invalid_address_in_one_line(capsys):
    code = main(["run", "add-member", "--state", str(SCENARIOS / "add-member-ready.json"),
                 "--answer", "new.person@", "--choose", "1", "--json"])
    captured = capsys.readouterr()
    assert code == 2 and captured.out == ""
    assert len(captured.err.strip().splitlines()) == 1
    assert "email address" in captured.err and "invite-form" in captured.err


def test_add_member_for_someone_already_on_the_team_adds_nobody():
    runner = play("add-member", load_scenario("change-role-ready"),
                  "Yes, invite lea@maisonlune.example")
    assert (runner.outcome, runner.view().step) == ("success", "already-member")
    assert runner.snapshot == runner.initial


# --- manage-roles ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SNAPSHOTS))
def test_manage_roles_success_leaves_a_sound_team(name):
    for answers, outcome, final in walked("manage-roles", name).paths:
        if outcome == "success":
            assert final.business is not None
            assert not any(m.departed for m in final.business.members), answers


@pytest.mark.parametrize(
    ("label", "role"),
    [("I changed it to Editor", Role.EDITOR), ("I changed it to Analyst", Role.ANALYST),
     ("I changed it to Moderator", Role.MODERATOR)],
)
def test_manage_roles_gives_the_target_the_chosen_role(label, role):
    runner = play("manage-roles", load_scenario("excess-admins"), "Continue", "Continue", label,
                  "Yes, the new role shows")
    assert runner.outcome == "success"
    assert active(runner.snapshot)["marc@maisonlune.example"] is role


def test_manage_roles_asks_before_making_someone_admin():
    runner = play("manage-roles", load_scenario("change-role-ready"), "Continue",
                  "They need Admin")
    assert runner.view().step == "admin-warning"
    runner = play("manage-roles", load_scenario("change-role-ready"), "Continue",
                  "They need Admin", "I changed it to Admin", "Yes, the new role shows")
    assert runner.outcome == "success"
    assert active(runner.snapshot)["lea@maisonlune.example"] is Role.ADMIN


def test_manage_roles_warns_about_too_many_admins():
    runner = play("manage-roles", load_scenario("excess-admins"), "Continue")
    assert runner.view().step == "excess"


def test_manage_roles_never_demotes_the_last_admin():
    snapshot = load_scenario("remove-last-admin")
    found = walk(library(), "manage-roles", snapshot)
    for _answers, _outcome, final in found.paths:
        assert active(final)["owner@maisonlune.example"] is Role.ADMIN
    assert Runner(library(), "manage-roles", snapshot, Translator("en")).view().step \
        == "principles"
    runner = play("manage-roles", snapshot, "Continue")
    assert runner.view().step == "last-admin"


def test_manage_roles_gives_admin_to_another_member_before_the_last_admin_steps_down():
    snapshot = load_scenario("remove-last-admin")
    runner = play("manage-roles", snapshot, "Continue",
                  "Give the Admin role to another member first", "lea@maisonlune.example",
                  "They need Admin", "I changed it to Admin", "Yes, the new role shows")
    assert (runner.outcome, runner.view().step) == ("success", "changed")
    assert active(runner.snapshot)["lea@maisonlune.example"] is Role.ADMIN
    assert "last-admin" not in {f.code for f in diagnose(runner.snapshot)}


def test_manage_roles_says_so_when_the_member_already_has_the_role():
    runner = play("manage-roles", load_scenario("change-role-ready"), "Continue",
                  "I changed it to Editor")
    assert runner.view().step == "same-role"
    assert runner.snapshot == runner.initial


def test_manage_roles_review_lets_the_person_pick_whose_role_changes():
    runner = play("manage-roles", load_scenario("add-member-ready"), "Continue",
                  "Someone's role should change", "marc@maisonlune.example",
                  "I changed it to Editor", "Yes, the new role shows")
    assert runner.outcome == "success"
    assert active(runner.snapshot)["marc@maisonlune.example"] is Role.EDITOR
    assert active(runner.snapshot)["lea@maisonlune.example"] is Role.EDITOR


def test_manage_roles_removes_a_departed_target_instead_of_changing_the_role():
    runner = play("manage-roles", load_scenario("departed-member"), "Continue",
                  "Remove julie@maisonlune.example", "julie@maisonlune.example",
                  "I removed julie@maisonlune.example", "Yes, they are gone")
    runner.answer(1)  # back from remove-member
    assert (runner.outcome, runner.view().step) == ("success", "removed")
    assert runner.snapshot.business is not None
    assert runner.snapshot.business.member("julie@maisonlune.example") is None


def test_manage_roles_without_a_target_runs_the_quarterly_review():
    runner = play("manage-roles", load_scenario("add-member-ready"), "Continue")
    assert runner.view().step == "review"
    done = play("manage-roles", load_scenario("add-member-ready"), "Continue",
                "Everyone has the right role")
    assert done.outcome == "success" and done.snapshot == done.initial


# --- remove-member -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SNAPSHOTS))
def test_remove_member_success_means_the_member_is_gone_and_the_password_closed(name):
    start = SNAPSHOTS[name]
    for answers, outcome, final in walked("remove-member", name).paths:
        if outcome == "success":
            assert final.business is not None
            assert not any(m.departed for m in final.business.members), answers
            assert final.tiktok.password_shared_with == 0, answers
            if start.business is not None and \
                    len(final.business.members) < len(start.business.members):
                continue
            # Nobody was removed: only true when nobody but the person is on the team (a
            # login just created, or a team of one whose shared password was changed).
            assert [m.email for m in final.business.members] == [final.session.actor], answers
            assert _ending("remove-member", start, answers) == "only-you", answers


def test_remove_member_removes_the_target():
    runner = play("remove-member", load_scenario("remove-member-ready"),
                  "marc@maisonlune.example", "I removed marc@maisonlune.example",
                  "Yes, they are gone")
    assert runner.outcome == "success"
    assert set(active(runner.snapshot)) == {"owner@maisonlune.example", "lea@maisonlune.example"}


def test_remove_member_changes_a_shared_password_before_removing():
    snapshot = with_members(
        load_scenario("remove-member-ready"),
        Member("owner@maisonlune.example", Role.ADMIN),
        Member("marc@maisonlune.example", Role.ANALYST),
        pw=2,
    )
    runner = play("remove-member", snapshot)
    assert runner.view().step == "password"
    runner = play("remove-member", snapshot, "I changed the password",
                  "marc@maisonlune.example", "I removed marc@maisonlune.example",
                  "Yes, they are gone")
    assert runner.outcome == "success"
    assert runner.snapshot.tiktok.password_shared_with == 0
    assert set(active(runner.snapshot)) == {"owner@maisonlune.example"}


def test_remove_member_offers_the_departed_member_first_and_removes_only_the_one_chosen():
    # A departed member (julie) and a target who is another member (marc).
    snapshot = replace(load_scenario("departed-member"), target="marc@maisonlune.example")
    runner = play("remove-member", snapshot)
    view = runner.view()
    assert view.step == "who"
    assert view.choices[0].startswith("julie@maisonlune.example")
    assert "has left" in view.choices[0]
    assert not any("has left" in c for c in view.choices[1:])
    runner = play("remove-member", snapshot, "julie@maisonlune.example",
                  "I removed julie@maisonlune.example", "Yes, they are gone")
    assert runner.outcome == "success"
    assert set(active(runner.snapshot)) == set(active(snapshot))
    assert runner.snapshot.business is not None
    assert runner.snapshot.business.member("julie@maisonlune.example") is None
    assert runner.snapshot.business.member("marc@maisonlune.example") is not None


def test_remove_member_removes_a_departed_member_at_once():
    runner = play("remove-member", load_scenario("departed-member"), "julie@maisonlune.example")
    assert runner.view().step == "departed"
    runner.answer(1)
    assert runner.view().step == "verify"
    runner.answer(1)
    assert runner.outcome == "success"
    assert runner.snapshot.business is not None
    assert not any(m.departed for m in runner.snapshot.business.members)


def test_remove_member_finds_former_members_when_nobody_is_named():
    departed = Member("julie@maisonlune.example", Role.EDITOR, departed=True)
    left = Member("tom@maisonlune.example", Role.ANALYST, departed=True)
    snapshot = with_members(
        load_scenario("add-member-ready"), Member("owner@maisonlune.example", Role.ADMIN),
        departed, left,
    )
    runner = play("remove-member", snapshot, "julie@maisonlune.example",
                  "I removed julie@maisonlune.example", "Remove them too",
                  "tom@maisonlune.example", "I removed tom@maisonlune.example",
                  "Yes, they are gone")
    assert runner.outcome == "success"
    assert set(active(runner.snapshot)) == {"owner@maisonlune.example"}
    assert runner.snapshot.business is not None and len(runner.snapshot.business.members) == 1


def test_remove_member_refuses_the_last_admin():
    snapshot = load_scenario("remove-last-admin")
    runner = play("remove-member", snapshot, "owner@maisonlune.example")
    assert (runner.outcome, runner.view().step) == ("blocked", "last-admin")
    assert runner.snapshot == snapshot
    for _answers, _outcome, final in walk(library(), "remove-member", snapshot).paths:
        assert final.business is not None
        assert final.business.member("owner@maisonlune.example") is not None


def test_remove_member_of_someone_not_on_the_team_is_blocked():
    runner = play("remove-member", load_scenario("remove-target-not-member"),
                  "Someone who is not in this list")
    assert (runner.outcome, runner.view().step) == ("blocked", "not-in-team")
    assert runner.snapshot == runner.initial


# --- without a TikTok For Business login: signing up first -------------------------------------


def test_add_member_without_a_login_signs_up_then_invites():
    snapshot = load_scenario("link-no-business-login")
    runner = play("add-member", snapshot)
    assert runner.view().step == "no-business"
    later = play("add-member", snapshot, "I will do it later")
    assert (later.outcome, later.view().step) == ("blocked", "no-business-later")
    assert later.snapshot == snapshot
    runner = play("add-member", snapshot, "I created my login and I am signed in")
    assert runner.view().step == "invite-form"
    assert active(runner.snapshot) == {snapshot.session.actor: Role.ADMIN}


def test_manage_roles_without_a_login_signs_up_and_invites_with_the_role():
    snapshot = load_scenario("link-no-business-login")
    runner = play("manage-roles", snapshot, "I created my login and I am signed in")
    assert runner.view().step == "new-team"
    later = play("manage-roles", snapshot, "I created my login and I am signed in",
                 "I will do it later")
    assert (later.outcome, later.view().step) == ("blocked", "invite-later")
    runner = play("manage-roles", snapshot, "I created my login and I am signed in",
                  "Invite them with the role they need", Typed(TYPED_EMAIL),
                  "I sent it as Analyst", "They accepted the invitation", "I confirmed the role",
                  "Yes, with the right role")
    runner.answer(1)  # back from add-member
    assert (runner.outcome, runner.view().step) == ("success", "invited")
    assert active(runner.snapshot) == {snapshot.session.actor: Role.ADMIN,
                                       TYPED_EMAIL: Role.ANALYST}


def test_manage_roles_offers_to_invite_a_target_who_is_not_on_the_team():
    snapshot = load_scenario("remove-target-not-member")
    runner = play("manage-roles", snapshot, "Continue")
    assert runner.view().step == "not-member"
    kept = play("manage-roles", snapshot, "Continue", "Not now")
    assert (kept.outcome, kept.view().step) == ("blocked", "not-member-kept")
    assert kept.snapshot == snapshot
    runner = play("manage-roles", snapshot, "Continue",
                  "Invite marc@maisonlune.exemple with the role they need")
    assert runner.view().guide == "add-member"


def test_remove_member_without_a_login_says_there_is_no_team_then_checks_the_password():
    snapshot = load_scenario("link-no-business-login")
    later = play("remove-member", snapshot, "I will do it later")
    assert (later.outcome, later.view().step) == ("blocked", "no-business-later")
    assert later.snapshot == snapshot and next_guide(later) == "revoke-access"
    runner = play("remove-member", snapshot, "I created my login and I am signed in")
    assert runner.view().step == "new-team"
    runner = play("remove-member", snapshot, "I created my login and I am signed in",
                  "Continue")
    assert (runner.outcome, runner.view().step) == ("success", "only-you")
    shared = replace(snapshot, tiktok=replace(snapshot.tiktok, password_shared_with=2))
    runner = play("remove-member", shared, "I created my login and I am signed in",
                  "Continue")
    assert runner.view().step == "password"
    runner = play("remove-member", shared, "I created my login and I am signed in",
                  "Continue", "I changed the password")
    assert (runner.outcome, runner.view().step) == ("success", "only-you")
    assert runner.snapshot.tiktok.password_shared_with == 0


# --- request-admin-access -----------------------------------------------------------------------


def test_request_admin_access_succeeds_only_for_an_admin():
    for name, snapshot in SNAPSHOTS.items():
        outcomes = {o for _a, o, _s in walked("request-admin-access", name).paths}
        assert ("success" in outcomes) == snapshot.is_admin, name
        for _answers, _outcome, final in walked("request-admin-access", name).paths:
            assert final == snapshot


def test_request_admin_access_names_the_admin_and_hands_over():
    runner = play("request-admin-access", load_scenario("not-admin-analyst"))
    assert runner.view().step == "member"
    runner = play("request-admin-access", load_scenario("not-admin-analyst"),
                  "Continue", "I know who to ask")
    assert runner.view().step == "what-to-ask"
    assert "marc@maisonlune.example" in runner.view().body
    runner = play("request-admin-access", load_scenario("not-admin-analyst"),
                  "Continue", "I know who to ask", "Continue", "Continue")
    assert (runner.outcome, runner.view().step) == ("escalate", "handed-over")
    assert "owner@maisonlune.example" in runner.view().body


def test_request_admin_access_tells_an_outsider_to_be_invited():
    runner = play("request-admin-access", SNAPSHOTS["default+not-a-member"])
    assert runner.view().step == "outsider"


def test_request_admin_access_goes_to_support_when_no_admin_is_left():
    linked = load_scenario("not-admin-analyst")
    assert linked.business is not None
    gone = tuple(replace(m, departed=m.role is Role.ADMIN) for m in linked.business.members)
    runner = play("request-admin-access", replace(linked, business=replace(linked.business,
                                                                           members=gone)),
                  "Continue")
    assert (runner.outcome, runner.view().step) == ("escalate", "no-admin")


@pytest.mark.parametrize("guide_id", ("add-member", "manage-roles", "remove-member"))
def test_a_non_admin_on_a_team_task_is_led_to_ask_an_admin(guide_id):
    runner = play(guide_id, load_scenario("not-admin-analyst"))
    assert runner.view().guide == "request-admin-access"
    assert [c.guide for c in runner.view().trail] == [guide_id, "request-admin-access"]


# --- French ------------------------------------------------------------------------------------


def test_every_string_of_the_team_guides_has_a_clean_french_translation():
    root = Path(__file__).resolve().parents[2]
    fragment = read_po_file(root / "locales" / "fr" / "fragments" / "guides-team.po")
    french = {e.msgid: e.msgstr[0] for e in fragment.entries if e.translated and not e.fuzzy}
    for guide_id in TEAM_GUIDES:
        with (root / "guides" / f"{guide_id}.toml").open("rb") as file:
            for _line, message, _comment in guide_messages(file):
                assert message in french, f"{guide_id}: no French for {message[:60]!r}"
                problems = check_translation("fr", [message], [french[message]])
                assert problems == [], f"{guide_id}: {message[:60]!r}: {problems}"
