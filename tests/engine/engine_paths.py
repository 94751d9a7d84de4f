"""Every path through a guide, generated (in the spirit of XState's model-based testing).

A run's future depends only on its place and its account (``Runner.place`` and
``Runner.snapshot``), so the walk visits each such *state* once, from the first path
that reaches it, answering each choice in turn and coming back with ``Runner.back()``.
Every path of any length is a walk through these states: checking every end state,
and that an end can be reached from every state, checks every path, loops included.
Each step back also checks that ``back`` restores the place, the account and the
transcript exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from assistant.account.model import CodeState, Snapshot
from assistant.account.scenarios import list_scenarios, load_scenario
from assistant.account.snapshot import default_snapshot
from assistant.engine import GuideLibrary, Runner
from assistant.i18n.translator import Translator

State = tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...], Snapshot]

TYPED: dict[str, str] = {
    "email": "new.person@example.com",
    "phone": "+33 6 12 34 56 78",
    "username": "studio.nina",
}
"""What the walk types at an ``input`` step, by kind (valid answers)."""


@dataclass
class Walk:
    """What a walk through one guide on one snapshot found."""

    paths: list[tuple[tuple[int, ...], str, Snapshot]] = field(default_factory=list)
    """Each end state, with the answers of the first path to it, its outcome, its account."""
    steps: set[tuple[str, str]] = field(default_factory=set)
    """Every ``(guide, step)`` some path goes through (shown or automatic)."""
    choices: set[tuple[str, str, int]] = field(default_factory=set)
    """Every ``(guide, step, choice)`` some path takes."""
    states: int = 0
    """How many states the guide can be in on this snapshot."""


def _everything(runner: Runner) -> tuple[object, ...]:
    return (runner.view(), runner.place, runner.memory, runner.snapshot, runner.transcript,
            tuple(runner.answers))


def walk(library: GuideLibrary, guide_id: str, snapshot: Snapshot) -> Walk:
    """Every state of ``guide_id`` reachable from ``snapshot``, each checked."""
    runner = Runner(library, guide_id, snapshot, Translator("en"))
    found = Walk()
    successors: dict[State, list[State]] = {}
    ends: set[State] = set()

    def explore() -> State:
        for event in runner.transcript:
            found.steps.add((event.guide, event.step))
            if event.kind == "answer" and event.choice is not None:
                found.choices.add((event.guide, event.step, event.choice))
        state: State = (runner.place, runner.memory, runner.snapshot)
        if state in successors:
            return state
        successors[state] = []
        view = runner.view()
        if view.finished:
            ends.add(state)
            found.paths.append((tuple(runner.answers), runner.outcome or "", runner.snapshot))
            return state
        before = _everything(runner)
        if view.input is not None:
            runner.answer_text(TYPED[view.input])
            successors[state].append(explore())
            assert runner.back(), "back() must work after a typed answer"
            assert _everything(runner) == before, f"back() did not restore {view.step}"
        for number in range(1, len(view.choices) + 1):
            runner.answer(number)
            successors[state].append(explore())
            assert runner.back(), "back() must work after an answer"
            assert _everything(runner) == before, f"back() did not restore {view.step}"
        return state

    explore()
    found.states = len(successors)
    # An end must be reachable from every state: no path can get stuck.
    can_end = set(ends)
    changed = True
    while changed:
        changed = False
        for state, nexts in successors.items():
            if state not in can_end and any(n in can_end for n in nexts):
                can_end.add(state)
                changed = True
    stuck = [state[0] for state in successors if state not in can_end]
    assert not stuck, f"{guide_id}: no outcome can be reached from {stuck[:3]}"
    return found


def _session_variants(prefix: str, base: Snapshot) -> dict[str, Snapshot]:
    """``base`` with the session in each situation a guide must handle."""
    session = base.session
    changes: dict[str, dict[str, object]] = {
        "code-sent": {"verification_code": CodeState.SENT},
        "signed-out": {"business_profile": None},
        "signed-out-offline": {"business_profile": None, "online": False},
        "offline": {"online": False},
        "wrong-profile": {"business_profile": "someone@else.example"},
        "stale-cache": {"browser_cache_stale": True},
        "not-a-member": {"actor": "ana@studio.example"},
    }
    return {
        f"{prefix}{name}": replace(base, session=replace(session, **change))  # type: ignore[arg-type]
        for name, change in changes.items()
    }


def snapshots() -> dict[str, Snapshot]:
    """Every scenario, the default account, and variants of the default and link-ready."""
    found = {"default": default_snapshot()}
    found.update({name: load_scenario(name) for name in list_scenarios()})
    found.update(_session_variants("default+", found["default"]))
    if "link-ready" in found:
        found.update(_session_variants("link-ready+", found["link-ready"]))
    if "linked-elsewhere" in found:
        base = found["linked-elsewhere"]
        found["linked-elsewhere+signed-out"] = replace(
            base, session=replace(base.session, business_profile=None))
    return found
