"""Rules skipped by intent: only for intents they never report anything for."""

from __future__ import annotations

from diagnose_support import healthy
from hypothesis import given, settings
from strategies import snapshots

from assistant.account.model import Intent
from assistant.diagnose import RULE_CRASHED, RULES, Rule, diagnose, effective_intent
from assistant.diagnose.rules import RULES_FOR_INTENT

INTENTS = [None, *Intent]


def _explode(snapshot, intent):
    raise RuntimeError("boom")


@settings(max_examples=200, deadline=None)
@given(snapshots())
def test_a_rule_finds_nothing_for_the_intents_it_does_not_declare(snapshot):
    for rule in RULES:
        for intent in INTENTS:
            if not rule.applies_to(intent):
                assert list(rule.check(snapshot, intent)) == [], (rule.name, intent)


@settings(max_examples=100, deadline=None)
@given(snapshots())
def test_skipping_rules_changes_no_finding(snapshot):
    for intent in INTENTS:
        wanted = effective_intent(snapshot, intent)
        run_all = [symptom.code for rule in RULES for symptom in rule.check(snapshot, wanted)]
        assert sorted(f.code for f in diagnose(snapshot, intent)) == sorted(run_all)


def test_the_rules_for_each_intent_keep_the_table_order():
    for intent in INTENTS:
        assert RULES_FOR_INTENT[intent] == tuple(r for r in RULES if r.applies_to(intent))
    assert len(RULES_FOR_INTENT[Intent.SHARE]) < len(RULES)


def test_a_rule_without_declared_intents_runs_for_every_intent_and_none():
    rules = (Rule("exploding_rule", "x", _explode),)
    for intent in INTENTS:
        assert [f.code for f in diagnose(healthy(), intent, rules=rules)] == [RULE_CRASHED]


def test_a_rule_is_not_run_for_an_intent_it_does_not_declare():
    rules = (Rule("exploding_rule", "x", _explode, frozenset({Intent.SHARE})),)
    assert diagnose(healthy(), Intent.LINK, rules=rules) == []
    assert [f.code for f in diagnose(healthy(), Intent.SHARE, rules=rules)] == [RULE_CRASHED]
