"""Checks on the shape of guides, as strict as a state machine's.

Within a guide: every step can be reached from the start, and every step can reach an
end step (no trap). Between guides: a called guide exists and is sound, every outcome
it can give is routed, and guides do not call each other in a loop.
Also here: the fewest shown steps from any step to an outcome, for progress.
"""

from __future__ import annotations

import difflib
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


def reaching_an_end(guide: Guide) -> set[str]:
    """The ids of the steps from which some end step can be reached.

    A target that does not exist counts as reaching an end: it is reported on its own,
    and a trap reported because of it would only be an echo.
    """
    good = {s.id for s in guide.steps.values() if isinstance(s, EndStep)}
    changed = True
    while changed:
        changed = False
        for step in guide.steps.values():
            if step.id not in good and any(
                t in good or t not in guide.steps for _l, t in step.edges()
            ):
                good.add(step.id)
                changed = True
    return good


def automatic_loops(guide: Guide) -> list[Step]:
    """One step of each loop made only of steps that run by themselves.

    Such a loop would spin without ever showing anything. A call step breaks a loop:
    the called guide always shows at least its end step.
    """
    automatic = {
        s.id: [t for _l, t in s.edges() if t in guide.steps]
        for s in guide.steps.values()
        if s.kind not in SHOWN_KINDS and not isinstance(s, CallStep)
    }
    found: list[Step] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(step_id: str) -> None:
        state[step_id] = 1
        for target in automatic[step_id]:
            if target not in automatic:
                continue
            if state.get(target) == 1:
                found.append(guide.steps[target])
            elif target not in state:
                visit(target)
        state[step_id] = 2

    for step_id in automatic:
        if step_id not in state:
            visit(step_id)
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
    infinity = INFINITY
    best = {(g.id, s): infinity for g in guides.values() for s in g.steps}
    changed = True
    while changed:
        changed = False
        for guide in guides.values():
            for step in guide.steps.values():
                if isinstance(step, EndStep):
                    cost = 1 if outcome in (None, step.outcome) else infinity
                else:
                    edges = step.edges()
                    if isinstance(step, CallStep) and outcome is not None:
                        # Only the called guide's ``outcome`` leads on to that outcome here.
                        edges = iter([(o, t) for o, t in step.on_outcome if o == outcome])
                    after = min(
                        (best.get((guide.id, t), infinity) for _l, t in edges),
                        default=infinity,
                    )
                    if isinstance(step, CallStep):
                        called = guides.get(step.guide)
                        inner = infinity
                        if called is not None:
                            inner = best.get((called.id, called.start), infinity)
                        cost = min(inner + after, infinity)
                    else:
                        cost = min(after + (1 if step.kind in SHOWN_KINDS else 0), infinity)
                if cost < best[(guide.id, step.id)]:
                    best[(guide.id, step.id)] = cost
                    changed = True
    return best
