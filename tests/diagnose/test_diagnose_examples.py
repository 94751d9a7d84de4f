"""The shared example snapshots and the scenario library give the expected findings."""

from __future__ import annotations

import json

import pytest
from diagnose_support import EXAMPLES

from assistant.account.scenarios import list_scenarios, load_scenario
from assistant.account.snapshot import read_snapshot
from assistant.diagnose import CODES, RULE_CRASHED, diagnose

EXPECTED: dict[str, list[str]] = json.loads(
    (EXAMPLES / "expected-findings.json").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_gives_exactly_the_expected_codes_in_order(name):
    snapshot = read_snapshot(EXAMPLES / f"{name}.json")
    assert [finding.code for finding in diagnose(snapshot)] == EXPECTED[name]


def test_every_example_file_has_expected_findings():
    files = {path.stem for path in EXAMPLES.glob("*.json")} - {"expected-findings"}
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", list_scenarios())
def test_scenario_named_after_a_code_shows_that_code(name):
    found = [finding.code for finding in diagnose(load_scenario(name))]
    assert RULE_CRASHED not in found
    if name in CODES:
        assert name in found


def test_scenarios_together_show_every_code_of_the_spec():
    seen = {finding.code for name in list_scenarios() for finding in diagnose(load_scenario(name))}
    assert seen == set(CODES) - {RULE_CRASHED}
