"""The registry of simulator actions and what their arguments may be.

:mod:`assistant.account.simulator` registers every action here with
:func:`action`; the guide checker reads :data:`ACTIONS` to prove that every failure
code an action can raise is routed somewhere.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from assistant.account import rules
from assistant.account.failures import FAILURE_MESSAGES, ActionFailed, ArgumentError
from assistant.account.model import Business, DeviceKind, Role, Snapshot

ARG_CHOICES: dict[str, tuple[str, ...]] = {
    "role": tuple(role.value for role in Role),
    "kind": tuple(kind.value for kind in DeviceKind),
}
"""The values an argument of this name may take (other arguments are free text)."""


@dataclass(frozen=True)
class Action:
    """A simulator action: its name, function, arguments and possible failures."""

    name: str
    function: Callable[..., Snapshot]
    params: tuple[tuple[str, bool], ...]
    """``(argument name, required)`` pairs, in order."""
    failures: frozenset[str]
    """Every failure code the action can raise."""

    @property
    def arg_names(self) -> tuple[str, ...]:
        """Every argument name, in order."""
        return tuple(name for name, _required in self.params)

    @property
    def required(self) -> frozenset[str]:
        """The arguments that must be given."""
        return frozenset(name for name, required in self.params if required)

    @property
    def optional(self) -> frozenset[str]:
        """The arguments that may be left out."""
        return frozenset(name for name, required in self.params if not required)


ACTIONS: dict[str, Action] = {}
"""Every action by name (``docs/simulator.md``)."""


def action(*failures: str) -> Callable[[Callable[..., Snapshot]], Callable[..., Snapshot]]:
    """Register an action; its keyword-only parameters are its arguments."""
    unknown = set(failures) - set(FAILURE_MESSAGES)
    if unknown:
        raise ValueError(f"no message for failure codes {sorted(unknown)}")

    def register(function: Callable[..., Snapshot]) -> Callable[..., Snapshot]:
        name = function.__name__

        @functools.wraps(function)
        def named(snapshot: Snapshot, **args: Any) -> Snapshot:
            try:
                return function(snapshot, **args)
            except ActionFailed as failure:
                if failure.action:
                    raise
                raise ActionFailed(failure.code, name, failure.detail) from None

        parameters = list(inspect.signature(function).parameters.values())[1:]
        ACTIONS[name] = Action(
            name=name,
            function=named,
            params=tuple((p.name, p.default is inspect.Parameter.empty) for p in parameters),
            failures=frozenset(failures),
        )
        return named

    return register


# --- what actions are built from ------------------------------------------------------

def text_arg(arg: str, value: str) -> str:
    """``value`` if it may be stored in a snapshot, else :class:`ArgumentError`."""
    if not isinstance(value, str) or not rules.is_valid_text(value):
        raise ArgumentError(f"argument {arg!r}: expected a non-empty line of text")
    return value


def role_arg(value: str | Role) -> Role:
    """The :class:`Role` named ``value``, else :class:`ArgumentError`."""
    try:
        return Role(value)
    except ValueError:
        raise ArgumentError(f"argument 'role': expected one of {ARG_CHOICES['role']}") from None


def kind_arg(value: str | DeviceKind) -> DeviceKind:
    """The :class:`DeviceKind` named ``value``, else :class:`ArgumentError`."""
    try:
        return DeviceKind(value)
    except ValueError:
        raise ArgumentError(f"argument 'kind': expected one of {ARG_CHOICES['kind']}") from None


def with_session(snapshot: Snapshot, **changes: Any) -> Snapshot:
    """``snapshot`` with these session fields changed."""
    return replace(snapshot, session=replace(snapshot.session, **changes))


def with_tiktok(snapshot: Snapshot, **changes: Any) -> Snapshot:
    """``snapshot`` with these TikTok account fields changed."""
    return replace(snapshot, tiktok=replace(snapshot.tiktok, **changes))


def with_business(snapshot: Snapshot, business: Business, **changes: Any) -> Snapshot:
    """``snapshot`` with ``business`` (which must not be null) and these fields changed."""
    return replace(snapshot, business=replace(business, **changes))
