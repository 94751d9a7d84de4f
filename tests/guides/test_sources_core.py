"""The core guides say what the sources say, and never leave a person stuck.

link-business, unlink-business and switch-to-personal: every source name of
``../shared/DOMAIN.md`` that belongs in them appears in their English and in their
French (rendered by the runner with ``locales/fr/fragments/guides-core.po``); the
invented names are gone; every step that asks the person to act offers a way for it to
fail; the unlink code loop hands over; one login per person.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest

from assistant.account.model import AccountType, CodeState, Member, Role, Snapshot
from assistant.account.scenarios import load_scenario
from assistant.engine import GuideLibrary, Runner, load_guides
from assistant.engine.model import AskStep, EndStep
from assistant.engine.verdict import handoff
from assistant.i18n.catalogue import read_po_messages
from assistant.i18n.translator import Translator

ROOT = Path(__file__).resolve().parents[2]
FRAGMENT = ROOT / "locales" / "fr" / "fragments" / "guides-core.po"
GUIDES = ("link-business", "unlink-business", "switch-to-personal")

# (English, French) for each source name where it belongs. Screen names the French
# source does not give keep their English label in the French text.
SOURCE_NAMES: dict[str, tuple[tuple[str, str], ...]] = {
    "unlink-business": (
        ("tiktok.com/business", "tiktok.com/business"),
        ("Ads Manager", "Ads Manager"),
        ("Business Center", "Business Center"),
        ("User Settings", "Paramètres de l’utilisateur"),
        ("Account Settings", "Account Settings"),
        ("Business Settings", "Business Settings"),
        ("Account Management", "Account Management"),
        ("Linked Accounts", "Linked Accounts"),
        ("**Unlink**", "**Unlink**"),
        ("Disconnect", "Disconnect"),
        ("Unlink TikTok account", "Dissocier le compte TikTok"),
        ("**Yes**", "**Oui**"),
        ("**Confirm**", "**Confirmer**"),
        ("verification code", "code de vérification"),
        ("Continue with TikTok", "Se connecter avec TikTok"),
        ("separate emails", "adresses e-mail distinctes"),
    ),
    "link-business": (
        ("tiktok.com/business", "tiktok.com/business"),
        ("Ads Manager", "Ads Manager"),
        ("Business Center", "Business Center"),
        ("User Settings", "Paramètres de l’utilisateur"),
        ("Account Settings", "Account Settings"),
        ("Continue with TikTok", "Se connecter avec TikTok"),
        ("authorise access", "autoriser l’accès"),
        ("still in testing", "encore en test"),
    ),
    "switch-to-personal": (
        ("gear icon", "icône en forme d’engrenage"),
        ("three-dot menu", "menu à trois points"),
        ("Settings and privacy", "Paramètres et confidentialité"),
        ("Manage account", "Gérer le compte"),
        ("Switch to Personal Account", "Passer à un compte personnel"),
        ("joint branded account", "compte de marque commun"),
        ("cross-promotion", "promotion croisée"),
    ),
}
FRENCH_ONLY: dict[str, tuple[str, ...]] = {
    # The French source's sign-in path: the red « Créer » button, then « Connexion ».
    "unlink-business": ("**Créer**", "**Connexion**"),
    "link-business": ("**Créer**", "**Connexion**"),
}
INVENTED = ("☰", "Security and login → password", "(☰)")


@cache
def library() -> GuideLibrary:
    """The shipped guides, loaded once."""
    return load_guides()


@cache
def french() -> Translator:
    """French from this group's fragment, so the test does not need a compiled catalogue."""
    return Translator("fr", read_po_messages(FRAGMENT))


def rendered(guide_id: str, translator: Translator) -> str:
    """Every shown step of the guide (title, body, choices) as the person reads it."""
    snapshot = load_scenario("switch-blocked-by-link")
    texts = []
    for step_id, step in library().guides[guide_id].steps.items():
        if isinstance(step, AskStep | EndStep):
            view = Runner(library(), guide_id, snapshot, translator, start=step_id).view()
            texts += [view.title, view.body, *view.choices]
    # Line breaks inside a name ("Linked\nAccounts") read as spaces.
    return " ".join(" ".join(texts).split())


@pytest.mark.parametrize("guide_id", GUIDES)
def test_the_sources_names_are_in_the_english_and_the_french_guide(guide_id):
    english = rendered(guide_id, Translator("en"))
    in_french = rendered(guide_id, french())
    for name_en, name_fr in SOURCE_NAMES[guide_id]:
        assert name_en in english, f"{guide_id}: {name_en!r} missing in English"
        assert name_fr in in_french, f"{guide_id}: {name_fr!r} missing in French"
    for name in FRENCH_ONLY.get(guide_id, ()):
        assert name in in_french, f"{guide_id}: {name!r} missing in French"


@pytest.mark.parametrize("guide_id", GUIDES)
def test_no_invented_menu_is_left(guide_id):
    for text in (rendered(guide_id, Translator("en")), rendered(guide_id, french())):
        for invented in INVENTED:
            assert invented not in text


@pytest.mark.parametrize("guide_id", GUIDES)
def test_every_question_offers_more_than_success(guide_id):
    # A step with choices asks the person to act or decide: one answer would assume it
    # worked. Steps that only inform use ``next`` (a single Continue).
    for step in library().guides[guide_id].steps.values():
        if isinstance(step, AskStep) and step.choices[0].context != "choice":
            assert len(step.choices) >= 2, f"{guide_id}/{step.id} has a single answer"


# --- playing the guides ---------------------------------------------------------------


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


def ends(runner: Runner) -> Iterator[tuple[str, str, Snapshot, tuple[str, ...]]]:
    """Every end reachable from here: outcome, end step, account, the bodies shown."""
    seen: set[object] = set()

    def explore(bodies: tuple[str, ...]) -> Iterator[tuple[str, str, Snapshot, tuple[str, ...]]]:
        state = (runner.place, runner.snapshot)
        if state in seen:
            return
        seen.add(state)
        view = runner.view()
        bodies = (*bodies, view.body)
        if view.finished:
            yield runner.outcome or "", view.step, runner.snapshot, bodies
            return
        for number in range(1, len(view.choices) + 1):
            runner.answer(number)
            yield from explore(bodies)
            runner.back()

    yield from explore(())


def test_the_unlink_code_loop_hands_over_after_a_second_missing_code():
    runner = choose(
        start("unlink-business", "unlink-ready"),
        "Continue",
        "I see my login and the linked accounts",
        "I clicked Unlink, confirmed, and asked for the code",
        "The code never came",
        "Send me a new code",
        "The new code never came either",
    )
    view = runner.view()
    assert (view.step, runner.outcome) == ("code-never-came", "escalate")
    assert runner.snapshot.is_linked
    assert "Contact TikTok For Business support" in view.body
    summary = handoff(runner)
    assert summary and "TikTok For Business support" in summary
    assert "owner@maisonlune.example" not in summary


def test_a_refused_code_plays_the_refusal_and_hands_over_the_second_time():
    runner = choose(
        start("unlink-business", "unlink-ready"),
        "Continue",
        "I see my login and the linked accounts",
        "I clicked Unlink, confirmed, and asked for the code",
        "The page says the code is wrong",
    )
    failed = [e for e in runner.transcript if e.kind == "action"][-1]
    assert (failed.action, failed.failure) == ("confirm_unlink", "code-wrong")
    choose(runner, "Try the code again", "It is refused again")
    assert (runner.view().step, runner.outcome) == ("code-refused", "escalate")
    assert runner.snapshot.is_linked


def _second_admin(signed_in_to: str | None) -> Snapshot:
    """unlink-ready, used by a second admin whose own login is not the linked one."""
    snapshot = load_scenario("unlink-ready")
    assert snapshot.business is not None
    other = "second.admin@maisonlune.example"
    members = (*snapshot.business.members, Member(other, Role.ADMIN))
    return replace(
        snapshot,
        business=replace(snapshot.business, members=members),
        session=replace(snapshot.session, actor=other, business_profile=signed_in_to),
    )


@pytest.mark.parametrize(
    "profile", [None, "second.admin@maisonlune.example", "owner@maisonlune.example"])
def test_a_second_admin_is_handed_over_to_the_owner_of_the_linked_login(profile):
    snapshot = _second_admin(profile)
    assert snapshot.business is not None
    owner = snapshot.business.email
    found = list(ends(start("unlink-business", snapshot)))
    assert found
    assert {outcome for outcome, *_ in found} <= {"blocked", "escalate"}
    assert any(step == "not-admin" and owner in bodies[-1] for _o, step, _s, bodies in found)
    for _outcome, _step, final, bodies in found:
        assert final.is_linked
        for body in bodies:
            assert f"with **{owner}**" not in body and f"as **{owner}**" not in body


def test_the_switch_says_what_is_lost_and_can_stop_without_change():
    snapshot = load_scenario("switch-blocked-by-link")
    assert snapshot.business is not None
    unlinked = replace(snapshot, business=replace(snapshot.business, linked_tiktok=None))
    runner = start("switch-to-personal", unlinked)
    view = runner.view()
    assert view.step == "before-switch" and "loses the business account's tools" in view.body
    choose(runner, "Keep the business account")
    assert runner.outcome == "blocked" and runner.snapshot == unlinked
    assert "Nothing was changed" in runner.view().body


def test_the_switch_is_confirmed_before_success():
    runner = start("switch-to-personal", "switch-blocked-by-link")
    while not runner.finished:
        runner.answer(1)
    shown = [s.step for s in runner.shown_steps()]
    assert runner.outcome == "success" and shown[-2:] == ["verify", "done"]
    assert runner.snapshot.tiktok.type is AccountType.PERSONAL


@pytest.mark.parametrize("profile", [None, "owner@maisonlune.example"])
def test_a_person_whose_login_is_not_the_accounts_is_handed_over_to_its_owner(profile):
    snapshot = load_scenario("link-ready")
    snapshot = replace(snapshot, session=replace(
        snapshot.session, actor="ana@studio.example", business_profile=profile))
    runner = start("link-business", snapshot)
    view = runner.view()
    assert (view.step, runner.outcome) == ("not-owner", "escalate")
    assert "owner@maisonlune.example" in view.body
    assert "Do not sign in with their login" in view.body
    assert not runner.snapshot.is_linked


def test_the_expired_code_answer_plays_the_expiry_and_sends_a_new_code():
    runner = choose(
        start("unlink-business", "unlink-ready"),
        "Continue",
        "I see my login and the linked accounts",
        "I clicked Unlink, confirmed, and asked for the code",
        "The page says the code has expired",
    )
    assert runner.view().step == "code-expired"
    assert runner.snapshot.session.verification_code is CodeState.EXPIRED
    choose(runner, "I asked for a new code", "I entered the code and confirmed")
    assert runner.view().step == "verify" and not runner.snapshot.is_linked


def test_every_escalate_ending_says_who_to_hand_over_to():
    escalates = [
        (guide_id, step) for guide_id in GUIDES
        for step in library().guides[guide_id].steps.values()
        if isinstance(step, EndStep) and step.outcome.value == "escalate"
    ]
    assert len(escalates) >= 8
    for guide_id, step in escalates:
        assert step.handoff_to, f"{guide_id}/{step.id}"


EMAIL = re.compile(r"[^\s@*]+@[^\s@]+\.[a-z]{2,}", re.IGNORECASE)


@pytest.mark.parametrize(("guide_id", "name"), [
    ("unlink-business", "unlink-ready"), ("unlink-business", "not-admin-analyst"),
    ("switch-to-personal", "switch-blocked-by-link"), ("link-business", "link-ready"),
])
def test_every_escalate_ending_reached_hands_over_without_an_unmasked_email(guide_id, name):
    runner = start(guide_id, name)
    seen: set[object] = set()
    reached = 0

    def explore() -> None:
        nonlocal reached
        state = (runner.place, runner.snapshot)
        if state in seen:
            return
        seen.add(state)
        view = runner.view()
        if view.finished:
            if runner.outcome == "escalate":
                reached += 1
                summary = handoff(runner)
                assert summary, f"{guide_id}/{view.step} on {name}: no hand-over"
                assert not EMAIL.search(summary), f"{guide_id}/{view.step}: {summary}"
            return
        for number in range(1, len(view.choices) + 1):
            runner.answer(number)
            explore()
            runner.back()

    explore()
    assert reached
