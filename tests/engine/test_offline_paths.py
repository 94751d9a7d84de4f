"""Issue "The simulated account tells the truth": offline, nothing in the app or on the
website works, so no guide that acts can succeed without the connection coming back."""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import pytest
from engine_paths import snapshots, walk

from assistant.engine import load_guides
from assistant.engine.model import ActionStep

LOCAL_ACTIONS = {"reconnect", "clear_browser_cache", "sign_out_business", "expire_code"}
"""Actions that need no connection (everything else is done in the app or on the web)."""


@cache
def library():
    """The shipped guides, loaded once."""
    return load_guides()


def _acting_guides() -> list[str]:
    return sorted(
        guide.id for guide in library().guides.values()
        if any(isinstance(s, ActionStep) and s.action not in LOCAL_ACTIONS
               for s in guide.steps.values())
    )


OFFLINE = {
    name: replace(s, session=replace(s.session, online=False))
    for name, s in snapshots().items()
    if name in ("default", "unlink-ready", "link-ready", "add-member-ready", "share-ok",
                "secure-account", "remove-member-ready", "change-role-ready", "update-login",
                "personal-to-business", "revoke-access", "switch-blocked-by-link")
}


@pytest.mark.parametrize("name", sorted(OFFLINE))
@pytest.mark.parametrize("guide_id", _acting_guides())
def test_no_guide_succeeds_offline_without_the_connection_coming_back(guide_id, name):
    for answers, outcome, final in walk(library(), guide_id, OFFLINE[name]).paths:
        if outcome == "success" and final != OFFLINE[name]:
            assert final.session.online, (
                f"{guide_id} on {name} offline: {answers} changed the account and "
                "succeeded without a connection"
            )
