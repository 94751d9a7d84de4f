"""Plain objects the runner hands to the UI and the commands: nothing to decide, only to show."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assistant.account.model import Snapshot
from assistant.i18n.translator import NC_, Translator

_OUTCOME_LABELS = {
    "success": NC_("outcome", "Success"),
    "blocked": NC_("outcome", "Blocked"),
    "escalate": NC_("outcome", "Escalate"),
}


def outcome_label(outcome: str, translator: Translator) -> str:
    """The translated name of an outcome (``success``, ``blocked``, ``escalate``)."""
    return translator.pgettext("outcome", _OUTCOME_LABELS.get(outcome, outcome))


@dataclass(frozen=True)
class Crumb:
    """One guide of the breadcrumb: the started guide, then each sub-guide."""

    guide: str
    title: str


@dataclass(frozen=True)
class Progress:
    """Where the person is on the current path."""

    taken: int
    """1-based number of the current shown step on this path."""
    remaining: int
    """Fewest shown steps still to come before an outcome (0 at the end)."""
    to_success: int | None = None
    """Fewest shown steps still to come before a ``success`` outcome; ``None`` when
    success can no longer be reached from here."""


@dataclass(frozen=True)
class StepView:
    """The current step, rendered in the runner's language."""

    guide: str
    guide_title: str
    step: str
    kind: str
    title: str
    body: str
    choices: tuple[str, ...]
    outcome: str | None
    finished: bool
    returns_to: str | None
    trail: tuple[Crumb, ...]
    progress: Progress
    can_go_back: bool
    input: str | None = None
    """At an ``input`` step, what to type (``email``, ``phone`` or ``username``); the
    choices are then the other answers."""
    items: int = 0
    """At a ``pick`` step, how many of the first choices are items of the account."""


@dataclass(frozen=True)
class ShownStep:
    """A step shown on the current path, as ``assistant run --json`` prints it."""

    guide: str
    step: str
    title: str
    body: str
    choices: tuple[str, ...]
    chose: int | None
    outcome: str | None
    input: str | None = None
    """The text typed at this step (``None``: none was)."""
    asks: str | None = None
    """What an ``input`` step asks for (``email``, ``phone``, ``username``)."""

    def to_json(self) -> dict[str, Any]:
        """The ``steps[]`` item of ``run/1`` (``guide``, ``outcome``, ``asks`` added)."""
        return {
            "id": self.step,
            "guide": self.guide,
            "title": self.title,
            "body": self.body,
            "choices": list(self.choices),
            "chose": self.chose,
            "input": self.input,
            "asks": self.asks,
            "outcome": self.outcome,
        }


@dataclass(frozen=True)
class Event:
    """One thing that happened on the path; text is rendered later by ``Runner.describe``.

    ``kind`` is ``show``, ``answer``, ``check``, ``action``, ``enter``, ``return`` or
    ``outcome``; the other fields are set according to it.
    """

    kind: str
    guide: str
    step: str
    choice: int | None = None
    check: str | None = None
    result: bool | None = None
    action: str | None = None
    args: tuple[tuple[str, object], ...] = ()
    failure: str | None = None
    called: str | None = None
    outcome: str | None = None
    within: str | None = None
    """On ``show``: the guide this sub-guide returns to, if inside one."""
    text: str | None = None
    """On ``answer`` at an ``input`` step: the text typed."""
    picks: tuple[tuple[str, str], ...] = ()
    """On ``show``: what had been picked or typed so far (to render the step again)."""
    snapshot: Snapshot | None = field(default=None, repr=False, compare=False)
    """The account when the step was shown, or right after the action."""


@dataclass(frozen=True)
class Notice:
    """Something to tell the person about a resumed run (rendered in their language)."""

    message: str
    fields: tuple[tuple[str, object], ...] = ()

    def render(self, translator: Translator) -> str:
        """The notice in the translator's language."""
        return translator.gettext(self.message, **dict(self.fields))
