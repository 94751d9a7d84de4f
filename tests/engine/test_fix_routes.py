"""SPEC §2 "A finding's guide fixes it", and issue "Never stuck": generated over every
scenario (and its session variants) for every finding that names a guide.

For each finding, the guide it names is walked on the snapshot that produced it: some
path must reach ``success`` on an account where the diagnosis (same intent) no longer
finds that code, or, where only someone else can act, some path must end in
``escalate`` (its hand-over says who).
"""

from __future__ import annotations

from functools import cache

import pytest
from engine_paths import snapshots, walk

from assistant.diagnose import diagnose
from assistant.engine import load_guides
from assistant.engine.model import AskStep

SNAPSHOTS = snapshots()

SOMEONE_ELSE = {"not-admin", "wrong-business-profile", "linked-to-business", "already-linked"}
"""Codes that another person (an admin, the link's owner) may have to fix: escalating
to them is a fix route."""

TEAM_CODES = {
    "invite-invalid-email", "invite-email-mismatch", "invitee-in-other-business",
    "invite-expired", "invite-pending", "former-member-access", "excess-admins", "last-admin",
}
"""Codes only a team admin can fix: for anyone else, handing over to an admin is the fix."""


@cache
def library():
    """The shipped guides, loaded once."""
    return load_guides()


def _cases() -> list[tuple[str, str, str]]:
    cases = set()
    for name, snapshot in SNAPSHOTS.items():
        for finding in diagnose(snapshot):
            if finding.guide is not None:
                cases.add((name, finding.code, finding.guide))
    return sorted(cases)


CASES = _cases()


def test_there_are_fix_routes_to_check():
    assert len(CASES) > 30
    assert {code for _n, code, _g in CASES} >= {
        "linked-to-business", "already-linked", "last-admin", "former-member-access",
        "collaborator-limit", "no-business-account", "network-offline", "stale-browser-cache",
    }


@pytest.mark.parametrize(("name", "code", "guide"), CASES)
def test_a_findings_guide_clears_it_or_hands_over(name, code, guide):
    snapshot = SNAPSHOTS[name]
    assert guide in library().guides, f"{guide} does not load"
    found = walk(library(), guide, snapshot)
    cleared = [
        answers for answers, outcome, final in found.paths
        if outcome == "success" and code not in {f.code for f in diagnose(final, snapshot.intent)}
    ]
    escalated = [answers for answers, outcome, _final in found.paths if outcome == "escalate"]
    only_an_admin = snapshot.business is not None and not snapshot.is_admin and code in TEAM_CODES
    if code in SOMEONE_ELSE or only_an_admin:
        assert cleared or escalated, f"{guide} on {name}: {code} neither cleared nor handed over"
    else:
        assert cleared, f"{guide} on {name}: no success path clears {code}"


@pytest.mark.parametrize("guide_id", sorted(library().guides))
def test_no_instruction_step_has_success_as_its_only_answer(guide_id):
    guide = library().guides[guide_id]
    lonely = [
        step.id for step in guide.steps.values()
        if isinstance(step, AskStep) and len(step.choices) == 1
        and step.choices[0].context != "choice" and not step.single_answer
    ]
    assert not lonely, f"{guide_id}: steps with a single answer and no reason: {lonely}"


@pytest.mark.parametrize("guide_id", sorted(library().guides))
def test_every_escalate_ending_hands_over_without_personal_data(guide_id):
    """Issue "Never stuck": who to ask and what to tell them, masked, at every escalate."""
    from assistant.engine import Runner
    from assistant.engine.verdict import handoff
    from assistant.i18n.translator import Translator, get_translator
    from assistant.privacy import contains_personal_data

    checked = 0
    for name in ("default", "not-admin-analyst", "offline-unlink", "stale-cache-unlink",
                 "unlink-wrong-profile", "invitation-trouble", "share-at-limit", "link-ready",
                 "personal-to-business"):
        snapshot = SNAPSHOTS[name]
        escalated = [a for a, outcome, _f in walk(library(), guide_id, snapshot).paths
                     if outcome == "escalate"]
        for answers in escalated[:4]:
            runner = Runner(library(), guide_id, snapshot, Translator("en"))
            for answer in answers:
                runner.give(answer)
            assert runner.outcome == "escalate"
            for t in (Translator("en"), get_translator("fr")):
                text = handoff(runner, t)
                assert text and "**" in text, f"{guide_id} {answers}: no hand-over"
                assert not contains_personal_data(text), f"{guide_id}: {text}"
            checked += 1
    assert checked, f"{guide_id}: no escalate ending reached on these accounts"
