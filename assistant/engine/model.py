"""What a guide is once loaded: frozen steps joined by step ids.

A guide is a small state machine. ``ask`` and ``end`` steps are shown to the person;
``check``, ``action`` and ``call`` steps run by themselves. Text is kept as the English
source and translated only when shown.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from assistant.i18n.translator import NC_, Translator


class Outcome(StrEnum):
    """How a guide ends (SPEC §3)."""

    SUCCESS = "success"
    BLOCKED = "blocked"
    ESCALATE = "escalate"


TOPICS: tuple[str, ...] = ("linking", "unlinking", "account-type", "team", "sharing", "security")
"""The topics guides are grouped by, in the order the home screen shows them."""

_TOPIC_LABELS: dict[str, str] = {
    "linking": NC_("topic", "Linking"),
    "unlinking": NC_("topic", "Unlinking"),
    "account-type": NC_("topic", "Account type"),
    "team": NC_("topic", "Team"),
    "sharing": NC_("topic", "Sharing"),
    "security": NC_("topic", "Security"),
}


def topic_label(topic: str, translator: Translator) -> str:
    """The translated name of a topic group."""
    return translator.pgettext("topic", _TOPIC_LABELS.get(topic, topic))


CONTINUE_LABEL = NC_("choice", "Continue")
"""Label of the single choice of an ``ask`` step written with ``next`` instead of choices."""


@dataclass(frozen=True)
class Choice:
    """One answer the person can give at an ``ask`` step."""

    label: str
    next: str
    line: int = 0
    context: str | None = None
    """``"choice"`` for the engine's own "Continue" label (translated with pgettext)."""


@dataclass(frozen=True)
class AskStep:
    """A step shown to the person, who answers with one of the choices."""

    id: str
    title: str
    body: str
    choices: tuple[Choice, ...]
    line: int = 0
    kind: str = "ask"
    single_answer: str | None = None
    """Why one answer is honest here (required for a single written choice)."""

    def edges(self) -> Iterator[tuple[str, str]]:
        """Each ``(label, target step)`` leaving this step."""
        for choice in self.choices:
            yield choice.label, choice.next


PICK_SOURCES: dict[str, str] = {
    "members": "member",
    "other-members": "member",
    "collaborators": "collaborator",
    "invitations": "invitation",
    "devices": "device",
    "linked-devices": "device",
}
"""What a ``pick`` step can list (``from``), and the name its pick is kept under."""


INPUT_KINDS: dict[str, str] = {
    "invitee": "email",
    "new_email": "email",
    "phone": "phone",
    "collaborator": "username",
}
"""What an ``input`` step can ask for (``store``), and the kind of text it must be."""


@dataclass(frozen=True)
class PickStep:
    """A step offering one choice per member, collaborator, invitation or device.

    The item chosen is kept under :attr:`store` (``$member``, ``{member}``…) for the
    rest of the run; :attr:`extra` choices follow the items; with no item at all the
    run goes on to :attr:`if_empty` without showing the step.
    """

    id: str
    title: str
    body: str
    source: str
    next: str
    extra: tuple[Choice, ...]
    if_empty: str
    line: int = 0
    kind: str = "pick"

    @property
    def store(self) -> str:
        """The name the chosen item is kept under."""
        return PICK_SOURCES[self.source]

    def edges(self) -> Iterator[tuple[str, str]]:
        """Each ``(label, target step)`` leaving this step."""
        yield "item", self.next
        for choice in self.extra:
            yield choice.label, choice.next
        yield "empty", self.if_empty


@dataclass(frozen=True)
class InputStep:
    """A step asking the person to type an email address, a phone number or a username.

    The text is validated, then kept under :attr:`store` for the rest of the run;
    :attr:`choices` are the other answers ("I don't know their address").
    """

    id: str
    title: str
    body: str
    store: str
    next: str
    choices: tuple[Choice, ...]
    line: int = 0
    kind: str = "input"

    @property
    def input_kind(self) -> str:
        """``email``, ``phone`` or ``username``."""
        return INPUT_KINDS[self.store]

    def edges(self) -> Iterator[tuple[str, str]]:
        """Each ``(label, target step)`` leaving this step."""
        yield "typed", self.next
        for choice in self.choices:
            yield choice.label, choice.next


@dataclass(frozen=True)
class CheckStep:
    """A step that branches by itself on a named check of the account."""

    id: str
    check: str
    if_true: str
    if_false: str
    line: int = 0
    kind: str = "check"

    def edges(self) -> Iterator[tuple[str, str]]:
        """Each ``(label, target step)`` leaving this step."""
        yield "yes", self.if_true
        yield "no", self.if_false


@dataclass(frozen=True)
class ActionStep:
    """A step that performs a simulator action and routes each failure code."""

    id: str
    action: str
    args: tuple[tuple[str, str], ...]
    next: str
    on_failure: tuple[tuple[str, str], ...]
    line: int = 0
    kind: str = "action"

    def edges(self) -> Iterator[tuple[str, str]]:
        """Each ``(label, target step)`` leaving this step."""
        yield "ok", self.next
        yield from self.on_failure

    def failure_target(self, code: str) -> str | None:
        """The step a failure ``code`` leads to, if routed."""
        return dict(self.on_failure).get(code)


@dataclass(frozen=True)
class CallStep:
    """A step that runs another guide on the same account and branches on its outcome."""

    id: str
    guide: str
    on_outcome: tuple[tuple[str, str], ...]
    line: int = 0
    kind: str = "call"

    def edges(self) -> Iterator[tuple[str, str]]:
        """Each ``(label, target step)`` leaving this step."""
        yield from self.on_outcome

    def outcome_target(self, outcome: str) -> str | None:
        """The step the called guide's ``outcome`` leads to, if routed."""
        return dict(self.on_outcome).get(outcome)


@dataclass(frozen=True)
class EndStep:
    """A step that ends the guide with an outcome, shown to the person."""

    id: str
    outcome: Outcome
    title: str
    body: str
    line: int = 0
    kind: str = "end"
    next_guide: str | None = None
    """The guide this ending offers next, if any."""
    handoff_to: str | None = None
    """Who the hand-over is for (required on ``escalate``): translated text."""

    def edges(self) -> Iterator[tuple[str, str]]:
        """An end step leads nowhere."""
        return iter(())


Step = AskStep | PickStep | InputStep | CheckStep | ActionStep | CallStep | EndStep
"""Any step of a guide."""

SHOWN_KINDS = frozenset({"ask", "pick", "input", "end"})
"""Kinds of step the person sees; the others run by themselves."""


@dataclass(frozen=True)
class Guide:
    """One guide file, loaded and checked."""

    id: str
    title: str
    topic: str
    summary: str
    start: str
    steps: dict[str, Step] = field(hash=False)
    path: Path
    digest: str
    """Content hash of the file: progress saved on another version is not resumed."""

    def outcomes(self) -> frozenset[Outcome]:
        """The outcomes this guide's end steps can give."""
        return frozenset(s.outcome for s in self.steps.values() if isinstance(s, EndStep))
