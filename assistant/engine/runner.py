"""Playing a guide against a simulated account: no UI, no printing.

The runner keeps only ids and frozen snapshots; text is rendered when asked for, in
the language of whatever translator it holds at that moment. Every shown step is a
*point* (where we are, the account, how long the transcript was), so ``back()`` is
exact across automatic steps and sub-guides. See ``docs/engine-api.md``.

A body is Markdown: the account's values are escaped before they are put in it, and
the result (translation included) goes through
:func:`~assistant.engine.markdown_policy.sanitize_markdown`, so no raw HTML, no link
that is not ``https`` and no terminal control reaches the UI or the commands.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from assistant.account.model import Snapshot
from assistant.account.simulator import ActionFailed, perform
from assistant.engine.checks import CHECKS
from assistant.engine.fields import resolve_args, text_fields
from assistant.engine.graph import INFINITY
from assistant.engine.library import GuideLibrary
from assistant.engine.markdown_policy import escape_markdown, sanitize_markdown
from assistant.engine.focus import Picks
from assistant.engine.items import Item, items
from assistant.engine.model import (
    ActionStep,
    AskStep,
    CallStep,
    CheckStep,
    Choice,
    EndStep,
    Guide,
    InputStep,
    PickStep,
    Step,
)
from assistant.engine.typed import InputError, check_input
from assistant.engine.story import describe_action
from assistant.engine.view import Crumb, Event, Progress, ShownStep, StepView, outcome_label
from assistant.i18n.translator import Translator

MAX_AUTOMATIC_STEPS = 1000
"""Safety net: the loader refuses loops of automatic steps, so this is never reached."""


class ChoiceError(ValueError):
    """An answer the current step cannot take (out of range, or the guide is finished)."""


Answer = int | str
"""A 1-based choice number, or the text typed at an ``input`` step."""

Shown = AskStep | PickStep | InputStep | EndStep
"""The kinds of step the person sees."""


@dataclass(frozen=True)
class _Frame:
    """A guide being played and the step it is at (for a caller: its call step)."""

    guide: str
    step: str


@dataclass(frozen=True)
class _Point:
    """Everything needed to come back to a shown step exactly."""

    frames: tuple[_Frame, ...]
    snapshot: Snapshot
    events: int
    answers: int
    picks: tuple[tuple[str, str], ...]


class Runner:
    """Plays one guide (and the guides it calls) on a simulated account."""

    def __init__(
        self,
        library: GuideLibrary,
        guide_id: str,
        snapshot: Snapshot,
        translator: Translator,
        start: str | None = None,
    ) -> None:
        """Start ``guide_id`` on ``snapshot``, at its first step or at step ``start``.

        ``start`` opens the guide at the step that handles a symptom; raises ``KeyError``
        for an unknown guide or step.
        """
        if guide_id not in library.guides:
            raise KeyError(guide_id)
        if start is not None and start not in library.guides[guide_id].steps:
            raise KeyError(f"{guide_id}/{start}")
        self.start = start
        """The step the run began at, when not the guide's first (``None``: the first)."""
        self.library = library
        """The guides this runner plays."""
        self.guide_id = guide_id
        """The guide the person started."""
        self.initial = snapshot
        """The account the run started from."""
        self.translator = translator
        """Renders every text; assign another one to switch language in place."""
        self.answers: list[Answer] = []
        """The answers given on the current path (what progress saves): choice numbers,
        and the text typed at ``input`` steps."""
        self._events: list[Event] = []
        self._points: list[_Point] = []
        self._frames: tuple[_Frame, ...] = ()
        self._snapshot = snapshot
        self._picks: tuple[tuple[str, str], ...] = ()
        self.restart()

    # -- state ---------------------------------------------------------------------------

    @property
    def snapshot(self) -> Snapshot:
        """The simulated account now."""
        return self._snapshot

    @property
    def place(self) -> tuple[tuple[str, str], ...]:
        """Where the run is: ``(guide, step)`` of the started guide, then of each sub-guide.

        A caller's step is its call step. With :attr:`snapshot` it decides everything
        that can happen next (two runs at the same place on equal snapshots behave alike).
        """
        return tuple((f.guide, f.step) for f in self._frames)

    @property
    def picks(self) -> Picks:
        """What the person picked or typed on the current path (``member``, ``invitee``…)."""
        return dict(self._picks)

    @property
    def memory(self) -> tuple[tuple[str, str], ...]:
        """:attr:`picks` as a hashable value: with :attr:`place` and :attr:`snapshot` it
        decides everything that can happen next."""
        return self._picks

    @property
    def transcript(self) -> tuple[Event, ...]:
        """What happened on the current path (``back()`` cuts it)."""
        return tuple(self._events)

    @property
    def finished(self) -> bool:
        """Whether the started guide reached its outcome."""
        return len(self._frames) == 1 and isinstance(self._step(), EndStep)

    @property
    def outcome(self) -> str | None:
        """The outcome of the started guide, once finished."""
        step = self._step()
        return str(step.outcome) if self.finished and isinstance(step, EndStep) else None

    def _guide(self, guide_id: str | None = None) -> Guide:
        return self.library.guides[guide_id or self._frames[-1].guide]

    def _step(self, frame: _Frame | None = None) -> Step:
        frame = frame or self._frames[-1]
        return self.library.guides[frame.guide].steps[frame.step]

    # -- moving --------------------------------------------------------------------------

    def restart(self) -> None:
        """Go to the first step on the initial snapshot, with an empty transcript."""
        self._snapshot = self.initial
        self._picks = ()
        self._events.clear()
        self._points.clear()
        self.answers.clear()
        guide = self._guide(self.guide_id)
        self._frames = (_Frame(guide.id, self.start or guide.start),)
        self._advance()

    def answer(self, number: int) -> None:
        """Answer the current step with choice ``number`` (1-based).

        Raises :class:`ChoiceError` when the number is out of range or the guide is
        finished; nothing changes then. At a ``pick`` step the items come first, then
        the other choices; at an ``input`` step the numbers are the other answers.
        """
        step = self._step()
        if self.finished:
            raise ChoiceError("the guide is finished")
        count = len(self._choices(step, self._snapshot, self._within()))
        if not 1 <= number <= count:
            raise ChoiceError(f"choice {number} is out of range (1 to {count})")
        frame = self._frames[-1]
        self._events.append(Event("answer", frame.guide, frame.step, choice=number))
        self.answers.append(number)
        if isinstance(step, AskStep):
            self._goto(step.choices[number - 1].next)
        elif isinstance(step, PickStep):
            listed = self._items(step)
            if number <= len(listed):
                self._keep(step.store, listed[number - 1].key)
                self._goto(step.next)
            else:
                self._goto(step.extra[number - len(listed) - 1].next)
        elif isinstance(step, InputStep):
            self._goto(step.choices[number - 1].next)
        elif isinstance(step, EndStep):
            # The end of a sub-guide: back to the caller, which branches on the outcome.
            self._frames = self._frames[:-1]
            call = self._step()
            assert isinstance(call, CallStep)
            self._events.append(
                Event("return", self._frames[-1].guide, call.id, called=frame.guide,
                      outcome=str(step.outcome))
            )
            target = call.outcome_target(step.outcome)
            assert target is not None, "the loader checks every outcome is routed"
            self._goto(target)
        self._advance()

    def answer_text(self, text: str) -> None:
        """Answer the current ``input`` step with typed ``text``.

        Raises :class:`ChoiceError` when the step does not ask for text, and
        :class:`~assistant.engine.typed.InputError` (with a message to translate) when
        the text is not what it asks for; nothing changes then.
        """
        step = self._step()
        if self.finished or not isinstance(step, InputStep):
            raise ChoiceError("this step does not ask for text")
        value = check_input(step.input_kind, text)
        frame = self._frames[-1]
        self._events.append(Event("answer", frame.guide, frame.step, text=value))
        self.answers.append(value)
        self._keep(step.store, value)
        self._goto(step.next)
        self._advance()

    def give(self, answer: Answer) -> None:
        """Give one saved answer: a choice number, or typed text."""
        if isinstance(answer, str):
            self.answer_text(answer)
        else:
            self.answer(answer)

    def _keep(self, name: str, value: str) -> None:
        kept = dict(self._picks)
        kept[name] = value
        self._picks = tuple(sorted(kept.items()))

    def _within(self) -> str | None:
        return self._frames[-2].guide if len(self._frames) > 1 else None

    def _items(self, step: PickStep, snapshot: Snapshot | None = None) -> tuple[Item, ...]:
        return items(step.source, snapshot or self._snapshot)

    def back(self) -> bool:
        """Return to the previous shown step, account and transcript as they were there.

        Returns ``False`` (and changes nothing) at the first step.
        """
        if len(self._points) < 2:
            return False
        self._points.pop()
        point = self._points[-1]
        self._frames = point.frames
        self._snapshot = point.snapshot
        self._picks = point.picks
        del self._events[point.events:]
        del self.answers[point.answers:]
        return True

    def _goto(self, step_id: str) -> None:
        self._frames = self._frames[:-1] + (replace(self._frames[-1], step=step_id),)

    def _advance(self) -> None:
        """Run automatic steps until a step to show, then remember that point."""
        for _ in range(MAX_AUTOMATIC_STEPS):
            frame = self._frames[-1]
            step = self._step()
            if isinstance(step, PickStep) and not self._items(step):
                self._events.append(Event("check", frame.guide, step.id, check="empty",
                                          result=True))
                self._goto(step.if_empty)
                continue
            if isinstance(step, AskStep | PickStep | InputStep | EndStep):
                within = self._within()
                self._events.append(Event("show", frame.guide, step.id, within=within,
                                          snapshot=self._snapshot, picks=self._picks))
                if isinstance(step, EndStep) and within is None:
                    self._events.append(Event("outcome", frame.guide, step.id,
                                              outcome=str(step.outcome)))
                self._points.append(_Point(self._frames, self._snapshot,
                                           len(self._events), len(self.answers), self._picks))
                return
            if isinstance(step, CheckStep):
                result = CHECKS[step.check](self._snapshot, self.picks)
                self._events.append(Event("check", frame.guide, step.id, check=step.check,
                                          result=result))
                self._goto(step.if_true if result else step.if_false)
            elif isinstance(step, ActionStep):
                self._perform(frame, step)
            elif isinstance(step, CallStep):
                called = self._guide(step.guide)
                self._events.append(Event("enter", frame.guide, step.id, called=called.id))
                self._frames = self._frames + (_Frame(called.id, called.start),)
        raise RuntimeError(f"{self._frames[-1]}: too many automatic steps in a row")

    def _perform(self, frame: _Frame, step: ActionStep) -> None:
        args = resolve_args(step.args, self._snapshot, self.picks)
        failure: str | None = None
        try:
            self._snapshot = perform(self._snapshot, step.action, args)
        except ActionFailed as failed:
            failure = failed.code
        self._events.append(Event(
            "action", frame.guide, step.id, action=step.action, args=tuple(args.items()),
            failure=failure, snapshot=self._snapshot,
        ))
        if failure is None:
            self._goto(step.next)
        else:
            target = step.failure_target(failure)
            if target is None:
                raise RuntimeError(f"{frame}: failure {failure!r} is not routed")
            self._goto(target)

    def to_progress(self) -> dict[str, object]:
        """The run as JSON-ready data, to resume later with :func:`from_progress`."""
        from assistant.engine.progress import to_progress

        return to_progress(self)

    # -- rendering -----------------------------------------------------------------------

    def _text(self, text: str, snapshot: Snapshot, context: str | None = None,
              picks: Picks | None = None) -> str:
        fields = text_fields(snapshot, self.picks if picks is None else picks)
        if context:
            return self.translator.pgettext(context, text, **fields)
        return self.translator.gettext(text, **fields)

    def _body(self, text: str, snapshot: Snapshot, picks: Picks | None = None) -> str:
        fields = {
            name: escape_markdown(value) if isinstance(value, str) else value
            for name, value in text_fields(snapshot, self.picks if picks is None else picks).items()
        }
        return sanitize_markdown(self.translator.gettext(text, **fields))

    def _choices(self, step: Step, snapshot: Snapshot, within: str | None,
                 picks: Picks | None = None) -> tuple[str, ...]:
        if isinstance(step, AskStep | InputStep):
            return tuple(self._label(c, snapshot, picks) for c in step.choices)
        if isinstance(step, PickStep):
            listed = tuple(item.label(self.translator) for item in self._items(step, snapshot))
            return listed + tuple(self._label(c, snapshot, picks) for c in step.extra)
        if within is not None:
            back_to = self.library.title(within, self.translator)
            return (self.translator.gettext("Continue: back to “{guide}”", guide=back_to),)
        return ()

    def _label(self, choice: Choice, snapshot: Snapshot, picks: Picks | None = None) -> str:
        return self._text(choice.label, snapshot, choice.context, picks)

    def view(self) -> StepView:
        """The current step, rendered with the current translator."""
        frame = self._frames[-1]
        step = self._step()
        assert isinstance(step, AskStep | PickStep | InputStep | EndStep)
        within = self._within()
        remaining, to_success = self._distances()
        return StepView(
            guide=frame.guide,
            guide_title=self.library.title(frame.guide, self.translator),
            step=step.id,
            kind=step.kind,
            title=self._text(step.title, self._snapshot),
            body=self._body(step.body, self._snapshot),
            choices=self._choices(step, self._snapshot, within),
            outcome=str(step.outcome) if isinstance(step, EndStep) else None,
            finished=self.finished,
            returns_to=self.library.title(within, self.translator) if within else None,
            trail=tuple(Crumb(f.guide, self.library.title(f.guide, self.translator))
                        for f in self._frames),
            progress=Progress(len(self._points), remaining, to_success),
            can_go_back=len(self._points) > 1,
            input=step.input_kind if isinstance(step, InputStep) else None,
            items=len(self._items(step)) if isinstance(step, PickStep) else 0,
        )

    def _distances(self) -> tuple[int, int | None]:
        """Fewest shown steps after this one to any outcome, and to ``success``."""
        frame = self._frames[-1]
        lib = self.library
        remaining = lib.remaining.get((frame.guide, frame.step), 1) - 1
        to_success = lib.to_success.get((frame.guide, frame.step), INFINITY) - 1
        ended = self._step()
        for depth, parent in enumerate(reversed(self._frames[:-1])):
            call = self._step(parent)
            assert isinstance(call, CallStep)
            targets = [t for _o, t in call.on_outcome]
            if depth == 0 and isinstance(ended, EndStep):
                # The sub-guide's outcome is known: only its branch is left.
                targets = [call.outcome_target(ended.outcome) or ""]
            remaining += min(lib.remaining.get((parent.guide, t), 0) for t in targets)
            target = call.outcome_target("success")
            if depth == 0 and isinstance(ended, EndStep):
                target = targets[0]
            to_success += lib.to_success.get((parent.guide, target or ""), INFINITY)
        return remaining, (to_success if to_success < INFINITY - 1 else None)

    def shown_steps(self) -> list[ShownStep]:
        """The shown steps of the current path, rendered now (``run/1`` ``steps``)."""
        shown: list[ShownStep] = []
        for event in self._events:
            if event.kind == "answer" and shown:
                shown[-1] = replace(shown[-1], chose=event.choice, input=event.text)
            if event.kind != "show":
                continue
            step = self.library.guides[event.guide].steps[event.step]
            assert isinstance(step, Shown) and event.snapshot is not None
            picks = dict(event.picks)
            shown.append(ShownStep(
                guide=event.guide,
                step=step.id,
                title=self._text(step.title, event.snapshot, picks=picks),
                body=self._body(step.body, event.snapshot, picks),
                choices=self._choices(step, event.snapshot, event.within, picks),
                chose=None,
                outcome=str(step.outcome) if isinstance(step, EndStep) else None,
                input=None,
                asks=step.input_kind if isinstance(step, InputStep) else None,
            ))
        return shown

    def _shown_at(self, index: int) -> Event | None:
        """The ``show`` event the answer at ``index`` of the transcript answered."""
        for event in reversed(self._events[:index]):
            if event.kind == "show":
                return event
        return None

    def describe(self, event: Event) -> str:
        """One translated line telling what ``event`` was, in plain words.

        Checks of the account are told as what was found, actions as what was done or
        why it failed (the product's own message): no internal name is shown.
        """
        t = self.translator
        step = self.library.guides[event.guide].steps[event.step]
        snapshot = event.snapshot or self._snapshot
        if event.kind == "show" and isinstance(step, Shown):
            return t.gettext("Step: {title}", title=self._text(step.title, snapshot,
                                                               picks=dict(event.picks)))
        if event.kind == "answer":
            if event.text is not None:
                return t.gettext("Typed “{text}”", text=event.text)
            shown = self._shown_at(self._events.index(event))
            if event.choice is None or shown is None or shown.snapshot is None:
                return t.gettext("Continued")
            labels = self._choices(step, shown.snapshot, shown.within, dict(shown.picks))
            if not isinstance(step, AskStep | PickStep | InputStep):
                return t.gettext("Continued")
            return t.gettext("Chose “{label}”", label=labels[event.choice - 1])
        if event.kind == "check":
            return ""
        if event.kind == "action" and event.action:
            return describe_action(event.action, event.failure, t)
        if event.kind == "enter" and event.called:
            return t.gettext("Started the guide “{guide}”",
                             guide=self.library.title(event.called, t))
        if event.kind == "return" and event.called and event.outcome:
            return t.gettext("Back from “{guide}”: {outcome}",
                             guide=self.library.title(event.called, t),
                             outcome=outcome_label(event.outcome, t))
        return t.gettext("Outcome: {outcome}", outcome=outcome_label(event.outcome or "", t))

    def story(self) -> list[str]:
        """:meth:`describe` of every event worth telling, in order (checks left out)."""
        return [line for line in (self.describe(e) for e in self._events) if line]
