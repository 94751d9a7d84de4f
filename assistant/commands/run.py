"""``assistant run GUIDE``: play a guide without the UI (SPEC §4).

``--choose`` answers the steps that ask, in order; the run stops at an outcome or at
the first step whose choice was not given. ``--json`` prints the ``run/1`` object;
``--interactive`` asks each step on the terminal in plain text.

Every line printed is cleaned of terminal controls (:mod:`assistant.safetext`): guide
text, translations and the snapshot's values are shown as text, never acted on. The
text output and the refusals mask emails and phone numbers (:mod:`assistant.privacy`);
``--json`` keeps them, as ``diagnose --json`` does.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

from assistant.account.model import Snapshot
from assistant.account.snapshot import (
    SnapshotError,
    default_snapshot,
    dump_snapshot,
    read_snapshot,
)
from assistant.commands.common import CommandError, Context
from assistant.commands.guides import require_guide
from assistant.engine import Runner, StepView, open_guides, outcome_label
from assistant.engine.typed import InputError
from assistant.engine.verdict import changed, handoff, next_guide, verdict
from assistant.i18n.translator import Translator
from assistant.privacy import MaskedStream, mask_refusal
from assistant.safetext import SafeStream, clean_line, dumps

FORMAT = "run/1"


def load_state(path: str | None, t: Translator) -> Snapshot:
    """The snapshot of ``--state`` (``-``: standard input), or the default one."""
    if path is None:
        return default_snapshot()
    try:
        return read_snapshot(path)
    except SnapshotError as error:
        raise CommandError(mask_refusal(error.message(t), error.source, error.field)) from None


def run_object(runner: Runner, intent: str | None = None) -> dict[str, Any]:
    """The ``run/1`` object of SPEC §4 for the runner's current path."""
    found: dict[str, Any] = {
        "format": FORMAT,
        "guide": runner.guide_id,
        "lang": runner.translator.lang,
        "steps": [step.to_json() for step in runner.shown_steps()],
        "status": "finished" if runner.finished else "waiting",
        "outcome": runner.outcome,
        "changed": changed(runner),
        "next": next_guide(runner, intent),
        "state": dump_snapshot(runner.snapshot),
    }
    result = verdict(runner, intent)
    if result is not None:
        found["intent"] = result.intent.value
        found["findings_before"] = list(result.before)
        found["findings_after"] = list(result.after)
    text = handoff(runner, intent=intent)
    if text is not None:
        found["handoff"] = text
    return found


def _choose(runner: Runner, choices: list[int], answers: list[str], t: Translator) -> None:
    """Give ``--answer`` texts to steps that ask for text and ``--choose`` numbers to the
    others (and, once the texts are used up, to the other answers of a text step)."""
    choices, answers = list(choices), list(answers)
    given = 0
    while choices or answers:
        view = runner.view()
        if view.finished:
            extra = len(choices) + len(answers)
            raise CommandError(t.ngettext(
                "{n} more answer than steps that ask: the guide ended after {count}",
                "{n} more answers than steps that ask: the guide ended after {count}",
                extra, count=given,
            ))
        if view.input is not None and answers:
            text = answers.pop(0)
            try:
                runner.answer_text(text)
            except InputError as error:
                raise CommandError(t.gettext(
                    "--answer {number}: {problem} (step '{step}')",
                    number=len([a for a in runner.answers if isinstance(a, str)]) + 1,
                    problem=error.render(t), step=view.step,
                )) from None
            given += 1
            continue
        if not choices:
            return
        number = choices.pop(0)
        if not 1 <= number <= len(view.choices):
            raise CommandError(t.gettext(
                "--choose: choice {number} is out of range at step '{step}' (1 to {count})",
                number=number, step=view.step, count=len(view.choices),
            ))
        runner.answer(number)
        given += 1


def _print_step(view: StepView, out: SafeStream, t: Translator) -> None:
    trail = " › ".join(clean_line(crumb.title) for crumb in view.trail)
    out.write(f"\n{trail}\n")
    out.write(f"## {clean_line(view.title)}\n\n{view.body.strip()}\n")
    if view.outcome is not None:
        out.write("\n" + t.gettext("Outcome: {outcome}", outcome=outcome_label(view.outcome, t))
                  + "\n")
    if view.choices:
        out.write("\n")
        for number, label in enumerate(view.choices, 1):
            out.write(f"  {number}. {clean_line(label)}\n")


def _print_run(runner: Runner, out: SafeStream, t: Translator, intent: str | None) -> None:
    for step in runner.shown_steps():
        out.write(f"\n## {clean_line(step.title)}\n\n{step.body.strip()}\n")
        if step.outcome is not None:
            out.write("\n" + t.gettext("Outcome: {outcome}",
                                       outcome=outcome_label(step.outcome, t)) + "\n")
        if step.choices:
            out.write("\n")
            for number, label in enumerate(step.choices, 1):
                mark = "→" if number == step.chose else " "
                out.write(f"{mark} {number}. {clean_line(label)}\n")
    if not runner.finished:
        view = runner.view()
        if view.input is not None:
            out.write("\n" + t.gettext(
                "Waiting for a typed answer: run again with one more --answer."
            ) + "\n")
        else:
            out.write("\n" + t.gettext(
                "Waiting for a choice: run again with one more --choose number."
            ) + "\n")
    _print_ending(runner, out, t, intent)


def _print_ending(runner: Runner, out: SafeStream, t: Translator, intent: str | None) -> None:
    """After an outcome: what the diagnosis says now, what to do next, the hand-over."""
    if not runner.finished:
        return
    result = verdict(runner, intent)
    if result is not None:
        for code in result.cleared:
            out.write(t.gettext("Cleared: {code}", code=code) + "\n")
        for code in result.remaining:
            out.write(t.gettext("Still there: {code}", code=code) + "\n")
    if not changed(runner):
        out.write(t.gettext("Nothing in the account was changed.") + "\n")
    following = next_guide(runner, intent)
    if following is not None:
        out.write(t.gettext("Next: {guide} (assistant run {id})",
                            guide=runner.library.title(following, t), id=following) + "\n")
    text = handoff(runner, intent=intent)
    if text is not None:
        out.write("\n" + text + "\n")


def _interactive(runner: Runner, context: Context, stdin: TextIO) -> int:
    """Plain-text loop: show the step, read a number (b: back, q: quit)."""
    t, out = context.translator, MaskedStream(SafeStream(context.stdout))
    while True:
        view = runner.view()
        _print_step(view, out, t)
        if view.finished:
            _print_ending(runner, out, t, None)
            return 0
        if view.input is not None:
            out.write("\n" + t.gettext(
                "Type your answer (or a number for another answer, b: back, q: quit): "
            ))
        else:
            out.write("\n" + t.gettext(
                "Your choice (1-{count}, b: back, q: quit): ", count=len(view.choices)
            ))
        out.flush()
        line = stdin.readline()
        if not line:
            out.write("\n")
            return 0
        answer = line.strip().lower()
        if answer == "q":
            return 0
        if answer == "b":
            if not runner.back():
                out.write(t.gettext("This is the first step.") + "\n")
            continue
        if answer.isdigit() and 1 <= int(answer) <= len(view.choices):
            runner.answer(int(answer))
        elif view.input is not None:
            try:
                runner.answer_text(line.strip())
            except InputError as error:
                out.write(error.render(t) + "\n")
        else:
            out.write(t.gettext("Please type a number from 1 to {count}.",
                                count=len(view.choices)) + "\n")


def main(args: argparse.Namespace, context: Context) -> int:
    """Play the guide; print the run (or ``run/1`` JSON). Bad input is exit 2."""
    t = context.translator
    library = open_guides()
    guide_id = require_guide(library, args.guide, t)
    runner = Runner(library, guide_id, load_state(args.state, t), t)
    intent = getattr(args, "intent", None)
    _choose(runner, list(args.choose), list(getattr(args, "answer", []) or []), t)
    if getattr(args, "interactive", False):
        return _interactive(runner, context, sys.stdin)
    out = SafeStream(context.stdout)
    if args.json:
        out.write(dumps(run_object(runner, intent), indent=2) + "\n")
    else:
        _print_run(runner, MaskedStream(out), t, intent)
    return 0
