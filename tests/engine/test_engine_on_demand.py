"""Guides on demand: listing reads only the top of each file, playing reads the guide
and the guides it calls, and a broken guide never stops the others."""

from __future__ import annotations

import textwrap

from test_engine_answers import INVITE, REMOVE

from assistant.account.snapshot import default_snapshot
from assistant.engine import Runner, load_guides, open_guides
from assistant.i18n.translator import Translator

BROKEN_STEPS = '''
id = "broken"
title = "A broken guide"
topic = "security"
summary = "Its steps lead nowhere."
start = "first"

[steps.first]
kind = "ask"
title = "First"
body = "Go."
next = "nowhere"
'''


def _write(folder, **guides):
    for name, text in guides.items():
        (folder / f"{name}.toml").write_text(textwrap.dedent(text), encoding="utf-8")


def test_listing_reads_headers_only_and_lists_in_topic_order(tmp_path):
    _write(tmp_path, **{"pick-remove": REMOVE, "type-invite": INVITE, "broken": BROKEN_STEPS})
    library = open_guides(tmp_path)
    assert [h.id for h in library.index()] == ["pick-remove", "type-invite", "broken"]
    assert library.problems == [], "nothing was read beyond the headers yet"
    assert [h.title for h in library.index()][0] == "Remove someone"


def test_playing_reads_the_guide_and_what_it_offers_next(tmp_path):
    _write(tmp_path, **{"pick-remove": REMOVE, "type-invite": INVITE, "broken": BROKEN_STEPS})
    library = open_guides(tmp_path)
    runner = Runner(library, "type-invite", default_snapshot(), Translator("en"))
    assert runner.view().step == "who"
    assert library.problems == [], "the broken guide was never read"
    assert "broken" not in library.guides
    assert any("nowhere" in str(p) for p in library.problems)
    assert "type-invite" in library.guides


def test_on_demand_and_full_loading_agree_on_the_shipped_guides():
    full = load_guides()
    lazy = open_guides()
    assert [h.id for h in lazy.index()] == [g.id for g in full.in_topic_order()]
    for guide_id, guide in full.guides.items():
        assert lazy.guides[guide_id].steps == guide.steps
    assert {k: v for k, v in lazy.remaining.items() if k[0] in full.guides} == full.remaining


def test_a_guide_that_calls_a_broken_one_is_left_out_with_its_problem(tmp_path):
    caller = INVITE.replace('''[steps.later]
kind = "end"''', '''[steps.later]
kind = "call"
guide = "broken"
on_outcome = { success = "later-end" }

[steps.later-end]
kind = "end"''')
    _write(tmp_path, **{"type-invite": caller, "broken": BROKEN_STEPS})
    library = open_guides(tmp_path)
    assert "type-invite" not in library.guides
    assert any("broken" in str(p) for p in library.problems)
