"""Generated paths through the shipped guides, on every scenario.

Each path must end in an outcome; ``success`` must leave the account as the guide
promises; ``back`` must restore everything at every step (checked inside ``walk``);
and together the paths must go through every step and take every choice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import cache

import pytest
from engine_paths import Walk, snapshots, walk

from assistant.account.model import GUIDE_IDS, AccountType, Member, Role, Snapshot
from assistant.account.rules import is_valid_email, is_valid_phone
from assistant.account.scenarios import load_scenario
from assistant.engine import GuideLibrary, load_guides
from assistant.engine.model import AskStep

CORE_GUIDES = ("unlink-business", "switch-to-personal", "link-business")
SNAPSHOTS = snapshots()


@cache
def library() -> GuideLibrary:
    """The shipped guides, loaded once."""
    return load_guides()


@cache
def walked(guide_id: str, name: str) -> Walk:
    """The paths of one guide on one snapshot, computed once."""
    return walk(library(), guide_id, SNAPSHOTS[name])


def _unlinked(s: Snapshot) -> bool:
    return s.business is None or s.business.linked_tiktok is None


PROMISES: dict[str, tuple[str, Callable[[Snapshot], bool]]] = {
    "unlink-business": ("no longer linked", _unlinked),
    "switch-to-personal": (
        "personal and not linked",
        lambda s: s.tiktok.type is AccountType.PERSONAL and not s.is_linked,
    ),
    "link-business": ("linked", lambda s: s.is_linked),
    "switch-to-business": ("business", lambda s: s.tiktok.type is AccountType.BUSINESS),
    "share-account": ("password shared with nobody", lambda s: s.tiktok.password_shared_with == 0),
    "revoke-access": (
        "no collaborator, password shared with nobody, no linked device",
        lambda s: not s.tiktok.collaborators and s.tiktok.password_shared_with == 0
        and not any(d.linked for d in s.tiktok.devices),
    ),
    "secure-account": (
        "2-step verification on, password shared with nobody",
        lambda s: s.tiktok.two_factor and s.tiktok.password_shared_with == 0,
    ),
    "add-member": (
        "a business account whose team has an active admin",
        lambda s: s.tiktok.type is AccountType.BUSINESS
        and s.business is not None and bool(s.business.active_admins),
    ),
    "remove-member": (
        "no former member left, password shared with nobody, an admin remains",
        lambda s: s.business is not None and not any(m.departed for m in s.business.members)
        and s.tiktok.password_shared_with == 0 and bool(s.business.active_admins),
    ),
    "manage-roles": (
        "no former member left and an active admin remains",
        lambda s: s.business is not None and not any(m.departed for m in s.business.members)
        and bool(s.business.active_admins),
    ),
    "request-admin-access": ("the person is an admin", lambda s: s.is_admin),
    "update-login": (
        "a valid login email and phone (the ad-account answer changes nothing)",
        lambda s: (s.business is None or is_valid_email(s.business.email))
        and (s.tiktok.phone is None or is_valid_phone(s.tiktok.phone)),
    ),
}
"""What the account looks like after each guide's ``success`` (add yours here)."""


ALL_GUIDES = sorted(library().guides)
"""Every guide that loads: each is walked on every snapshot."""


def test_every_guide_promises_something_on_success():
    assert set(PROMISES) == set(GUIDE_IDS)


def test_every_shipped_guide_loads_without_problems():
    assert [str(p) for p in library().problems] == []
    assert set(CORE_GUIDES) <= set(library().guides)


@pytest.mark.parametrize("name", sorted(SNAPSHOTS))
@pytest.mark.parametrize("guide_id", ALL_GUIDES)
def test_every_path_ends_in_an_outcome_and_success_keeps_its_promise(guide_id, name):
    found = walked(guide_id, name)
    assert found.paths
    promise, holds = PROMISES.get(guide_id, ("", lambda s: True))
    for answers, outcome, final in found.paths:
        assert outcome in {"success", "blocked", "escalate"}
        if outcome == "success":
            assert holds(final), f"{guide_id} {answers} on {name}: success but not {promise}"


@pytest.mark.parametrize("guide_id", ALL_GUIDES)
def test_paths_cover_every_step_and_every_choice(guide_id):
    steps: set[tuple[str, str]] = set()
    choices: set[tuple[str, str, int]] = set()
    for name in SNAPSHOTS:
        found = walked(guide_id, name)
        steps |= found.steps
        choices |= found.choices
    guide = library().guides[guide_id]
    missing_steps = {s for s in guide.steps if (guide_id, s) not in steps}
    assert not missing_steps, f"steps no path reaches: {sorted(missing_steps)}"
    missing_choices = {
        (step.id, number)
        for step in guide.steps.values() if isinstance(step, AskStep)
        for number in range(1, len(step.choices) + 1)
        if (guide_id, step.id, number) not in choices
    }
    assert not missing_choices, f"choices no path takes: {sorted(missing_choices)}"


@pytest.mark.parametrize("guide_id", ALL_GUIDES)
def test_each_guide_can_succeed(guide_id):
    outcomes = {o for name in SNAPSHOTS for _a, o, _s in walked(guide_id, name).paths}
    assert "success" in outcomes


@pytest.mark.parametrize("guide_id", CORE_GUIDES)
def test_each_core_guide_reaches_every_outcome(guide_id):
    outcomes = {o for name in SNAPSHOTS for _a, o, _s in walked(guide_id, name).paths}
    assert outcomes == {"success", "blocked", "escalate"}


def _not_admin_variants() -> dict[str, Snapshot]:
    linked = load_scenario("switch-blocked-by-link")
    assert linked.business is not None
    editor = "ana@studio.example"
    members = linked.business.members + (Member(editor, Role.EDITOR),)
    departed = tuple(replace(m, departed=True) for m in linked.business.members)
    return {
        "stranger": replace(linked, session=replace(linked.session, actor="who@else.example")),
        "editor": replace(
            linked,
            business=replace(linked.business, members=members),
            session=replace(linked.session, actor=editor),
        ),
        "departed-admin": replace(linked, business=replace(linked.business, members=departed)),
        "analyst-scenario": load_scenario("not-admin-analyst"),
    }


@pytest.mark.parametrize("name", sorted(_not_admin_variants()))
def test_switch_to_personal_never_succeeds_for_a_non_admin_on_a_linked_account(name):
    snapshot = _not_admin_variants()[name]
    assert snapshot.is_linked and not snapshot.is_admin
    found = walk(library(), "switch-to-personal", snapshot)
    assert {outcome for _a, outcome, _s in found.paths} <= {"blocked", "escalate"}
    for _answers, _outcome, final in found.paths:
        assert final.is_linked and final.tiktok.type is AccountType.BUSINESS


def test_switch_to_personal_from_the_linked_example_reaches_success():
    found = walk(library(), "switch-to-personal", load_scenario("switch-blocked-by-link"))
    successes = [p for p in found.paths if p[1] == "success"]
    assert successes
    shortest = min(successes, key=lambda p: len(p[0]))
    assert shortest[2].tiktok.type is AccountType.PERSONAL
    assert shortest[2].business is not None and shortest[2].business.linked_tiktok is None
