"""Checks on the shape of guides, as strict as a state machine's.

Within a guide: every step can be reached from the start, and every step can reach an
end step (no trap). Between guides: a called guide exists and is sound, every outcome
it can give is routed, and guides do not call each other in a loop.
Also here: the fewest shown steps from any step to an outcome, for progress.
"""

from __future__ import annotations

import difflib
import heapq
from collections.abc import Mapping

from assistant.engine.model import SHOWN_KINDS, CallStep, EndStep, Guide, Step
from assistant.i18n.translator import N_, Translator
from assistant.problems import Problem


def _problem(
    guide: Guide, step: Step, t: Translator, message: str, /, **fields: object
) -> Problem:
    inner = t.gettext(message, **fields)
    text = t.gettext("step '{step}': {problem}", step=step.id, problem=inner)
    return Problem(str(guide.path), step.line, text)


def reachable(guide: Guide) -> set[str]:
    """The ids of the steps that can be reached from the start."""
    seen = {guide.start}
    todo = [guide.start]
    while todo:
        for _label, target in guide.steps[todo.pop()].edges():
            if target not in seen and target in guide.steps:
                seen.add(target)
                todo.append(target)
    return seen


def _predecessors(guide: Guide) -> dict[str, list[str]]:
    """For each step id, the steps that lead to it (one pass over the edges)."""
    before: dict[str, list[str]] = {}
    for step in guide.steps.values():
        for _label, target in step.edges():
            before.setdefault(target, []).append(step.id)
    return before


def reaching_an_end(guide: Guide) -> set[str]:
    """The ids of the steps from which some end step can be reached.

    A target that does not exist counts as reaching an end: it is reported on its own,
    and a trap reported because of it would only be an echo. Linear in the edges: a
    search backwards from the ends.
    """
    before = _predecessors(guide)
    good = {s.id for s in guide.steps.values() if isinstance(s, EndStep)}
    good |= {
        s.id for s in guide.steps.values()
        if any(t not in guide.steps for _l, t in s.edges())
    }
    todo = list(good)
    while todo:
        for source in before.get(todo.pop(), ()):
            if source not in good:
                good.add(source)
                todo.append(source)
    return good


def automatic_loops(guide: Guide) -> list[Step]:
    """One step of each loop made only of steps that run by themselves.

    Such a loop would spin without ever showing anything. A call step breaks a loop:
    the called guide always shows at least its end step. Iterative, so a guide of
    thousands of steps cannot exhaust the interpreter's stack.
    """
    automatic = {
        s.id: [t for _l, t in s.edges() if t in guide.steps]
        for s in guide.steps.values()
        if s.kind not in SHOWN_KINDS and not isinstance(s, CallStep)
    }
    found: list[Step] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for root in automatic:
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(automatic[root]))]
        while stack:
            step_id, targets = stack[-1]
            target = next(targets, None)
            if target is None:
                state[step_id] = 2
                stack.pop()
                continue
            if target not in automatic:
                continue
            if state.get(target) == 1:
                found.append(guide.steps[target])
            elif target not in state:
                state[target] = 1
                stack.append((target, iter(automatic[target])))
    return found


def _unreachable(guide: Guide) -> set[str]:
    """Steps that cannot be reached, leaving out echoes of targets that do not exist.

    While some target is misspelt, only steps that nothing leads to are reported, and
    not those whose id looks like a misspelt target: they are probably what was meant.
    """
    edges = [t for s in guide.steps.values() for _l, t in s.edges()]
    dangling = {t for t in edges if t not in guide.steps}
    if not dangling:
        return set(guide.steps) - reachable(guide)
    orphans = set(guide.steps) - set(edges) - {guide.start}
    return {
        step for step in orphans
        if not difflib.get_close_matches(step, sorted(dangling), n=1, cutoff=0.6)
    }


def shape_problems(guide: Guide, t: Translator) -> list[Problem]:
    """Unreachable steps, trap steps and loops of automatic steps of one guide."""
    problems: list[Problem] = []
    unreachable = _unreachable(guide)
    ending = reaching_an_end(guide)
    for step in sorted(guide.steps.values(), key=lambda s: s.line):
        if step.id in unreachable:
            problems.append(_problem(guide, step, t, N_("cannot be reached from the start")))
        elif step.id not in ending:
            problems.append(
                _problem(guide, step, t, N_("no end step can be reached from here (a trap)"))
            )
    for step in automatic_loops(guide):
        problems.append(_problem(
            guide, step, t, N_("starts a loop of steps that never shows anything to the person")
        ))
    return problems


def _calls(guide: Guide) -> list[CallStep]:
    return [s for s in guide.steps.values() if isinstance(s, CallStep)]


def call_problems(
    guides: Mapping[str, Guide], broken: set[str], t: Translator
) -> dict[str, list[Problem]]:
    """Problems of the calls between ``guides``, by calling guide id.

    ``broken`` names guide files that exist but did not load: calling one is an error.
    A guide calling a guide with problems gets a problem too, until nothing changes.
    """
    found: dict[str, list[Problem]] = {}
    for guide in guides.values():
        for end in guide.steps.values():
            if isinstance(end, EndStep) and end.next_guide is not None and (
                end.next_guide not in guides and end.next_guide not in broken
            ):
                found.setdefault(guide.id, []).append(_problem(
                    guide, end, t, N_("unknown guide '{guide}'"), guide=end.next_guide,
                ))
        for step in _calls(guide):
            called = guides.get(step.guide)
            if step.guide in broken:
                message = N_("guide '{guide}' has problems and cannot be called")
                found.setdefault(guide.id, []).append(_problem(guide, step, t, message,
                                                               guide=step.guide))
                continue
            if called is None:
                found.setdefault(guide.id, []).append(
                    _problem(guide, step, t, N_("unknown guide '{guide}'"), guide=step.guide)
                )
                continue
            routed = {o for o, _target in step.on_outcome}
            possible = {str(o) for o in called.outcomes()}
            for outcome in sorted(possible - routed):
                found.setdefault(guide.id, []).append(_problem(
                    guide, step, t,
                    N_("outcome '{outcome}' of guide '{guide}' is not routed in on_outcome"),
                    outcome=outcome, guide=called.id,
                ))
            for outcome in sorted(routed - possible):
                found.setdefault(guide.id, []).append(_problem(
                    guide, step, t, N_("guide '{guide}' never ends with '{outcome}'"),
                    outcome=outcome, guide=called.id,
                ))
    for guide_id, step, cycle in _cycles(guides):
        guide = guides[guide_id]
        found.setdefault(guide_id, []).append(_problem(
            guide, step, t, N_("calling '{guide}' makes a loop of guides ({cycle})"),
            guide=step.guide, cycle=" → ".join(cycle),
        ))
    changed = True
    while changed:
        changed = False
        for guide in guides.values():
            if guide.id in found:
                continue
            for step in _calls(guide):
                if step.guide in found:
                    found[guide.id] = [_problem(
                        guide, step, t, N_("guide '{guide}' has problems and cannot be called"),
                        guide=step.guide,
                    )]
                    changed = True
                    break
    return found


def _cycles(guides: Mapping[str, Guide]) -> list[tuple[str, CallStep, list[str]]]:
    """Each call step that closes a loop of guides calling each other."""
    loops: list[tuple[str, CallStep, list[str]]] = []

    def visit(guide_id: str, path: list[str]) -> None:
        for step in _calls(guides[guide_id]):
            if step.guide in path:
                loops.append((guide_id, step, path[path.index(step.guide):] + [step.guide]))
            elif step.guide in guides:
                visit(step.guide, path + [step.guide])

    for guide_id in guides:
        visit(guide_id, [guide_id])
    # Report each loop once, at the call step that closes it from its first guide.
    unique: dict[tuple[str, str], tuple[str, CallStep, list[str]]] = {}
    for guide_id, step, cycle in loops:
        unique.setdefault((guide_id, step.id), (guide_id, step, cycle))
    return list(unique.values())


INFINITY = 10**9
"""Distance to an outcome that cannot be reached."""


def remaining_steps(
    guides: Mapping[str, Guide], outcome: str | None = None
) -> dict[tuple[str, str], int]:
    """For each ``(guide, step)``: the fewest shown steps from it (included) to an end step.

    With ``outcome``, only end steps of that outcome count, in the guide and in the
    guides it calls; :data:`INFINITY` when none can be reached. A call step costs the
    called guide's shortest run (its end step is shown too).
    """
    best: dict[tuple[str, str], int] = {}
    done: set[str] = set()

    def guide_distances(guide: Guide) -> None:
        # Called guides first (the loader refuses loops of calls; a loop left here
        # only makes the call cost infinite).
        done.add(guide.id)
        for call in _calls(guide):
            called = guides.get(call.guide)
            if called is not None and called.id not in done:
                guide_distances(called)
        before: dict[str, list[tuple[str, int]]] = {}
        for step in guide.steps.values():
            edges = list(step.edges())
            weight = 1 if step.kind in SHOWN_KINDS else 0
            if isinstance(step, CallStep):
                called = guides.get(step.guide)
                inner = best.get((called.id, called.start), INFINITY) if called else INFINITY
                weight = inner
                if outcome is not None:
                    edges = [(o, t) for o, t in step.on_outcome if o == outcome]
            for _label, target in edges:
                before.setdefault(target, []).append((step.id, weight))
        local = {step_id: INFINITY for step_id in guide.steps}
        heap: list[tuple[int, str]] = []
        for step in guide.steps.values():
            if isinstance(step, EndStep) and outcome in (None, step.outcome):
                local[step.id] = 1
                heap.append((1, step.id))
        heapq.heapify(heap)
        while heap:
            cost, step_id = heapq.heappop(heap)
            if cost > local[step_id]:
                continue
            for source, weight in before.get(step_id, ()):
                through = min(cost + weight, INFINITY)
                if through < local[source]:
                    local[source] = through
                    heapq.heappush(heap, (through, source))
        for step_id, cost in local.items():
            best[(guide.id, step_id)] = cost

    for guide in guides.values():
        if guide.id not in done:
            guide_distances(guide)
    return best
