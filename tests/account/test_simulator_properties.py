"""Random valid accounts, random sequences of actions: the simulator keeps its promises.

Only :class:`ActionFailed` escapes, only with a code the action declares, a failed
action is a refusal (nothing changes), and every result is again a valid snapshot
that writes and reads back to itself.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import action_calls, snapshots

from assistant.account.simulator import ACTIONS, ActionFailed, perform
from assistant.account.snapshot import check_snapshot, load_snapshot, snapshot_to_json


def test_the_strategy_builds_valid_snapshots():
    @settings(max_examples=100, deadline=None)
    @given(snapshots())
    def check(snapshot):
        check_snapshot(snapshot)

    check()


RAISED: dict[str, set[str]] = {}


@settings(max_examples=200, deadline=None)
@given(snapshots(), st.lists(action_calls(), min_size=1, max_size=12))
def test_any_sequence_of_actions_keeps_the_snapshot_valid(snapshot, calls):
    state = snapshot
    for name, args in calls:
        try:
            after = perform(state, name, args)
        except ActionFailed as failure:
            assert failure.action == name
            assert failure.code in ACTIONS[name].failures, (name, args, failure.code)
            RAISED.setdefault(name, set()).add(failure.code)
            continue
        check_snapshot(after, f"after {name}({args})")
        assert load_snapshot(snapshot_to_json(after)) == after
        state = after


@settings(max_examples=200, deadline=None)
@given(snapshots(), action_calls())
def test_actions_are_pure(snapshot, call):
    name, args = call
    outcomes = []
    for _ in range(2):
        try:
            outcomes.append(perform(snapshot, name, args))
        except ActionFailed as failure:
            outcomes.append(failure.code)
    assert outcomes[0] == outcomes[1]
