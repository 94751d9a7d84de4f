"""Random valid snapshots, every intent: no crash, a deterministic order, known guides."""

from __future__ import annotations

from diagnose_support import fragment_translator
from hypothesis import given, settings
from strategies import snapshots

from assistant.account.model import GUIDE_IDS, Intent
from assistant.diagnose import CODES, RULE_CRASHED, diagnose
from assistant.diagnose.report import human_report
from assistant.privacy import contains_personal_data

INTENTS = [None, *Intent]
FRENCH = fragment_translator()


@settings(max_examples=150, deadline=None)
@given(snapshots())
def test_every_intent_diagnoses_without_crash_in_report_order(snapshot):
    for intent in INTENTS:
        findings = diagnose(snapshot, intent)
        assert RULE_CRASHED not in [f.code for f in findings]
        assert findings == sorted(findings, key=lambda f: f.sort_key)
        assert diagnose(snapshot, intent) == findings
        for finding in findings:
            assert finding.guide is None or finding.guide in GUIDE_IDS
            assert finding.severity is CODES[finding.code].severity
            assert finding.title and finding.detail


@settings(max_examples=60, deadline=None)
@given(snapshots())
def test_french_masked_report_renders_cleanly_without_personal_data(snapshot):
    for intent in INTENTS:
        english = diagnose(snapshot, intent)
        french = [finding.rendered(FRENCH, mask=True) for finding in english]
        assert [f.code for f in french] == [f.code for f in english]
        lines = human_report(french, snapshot.tiktok.username, intent, FRENCH, masked=True)
        assert not contains_personal_data("\n".join(lines))
    assert FRENCH.warnings == []
