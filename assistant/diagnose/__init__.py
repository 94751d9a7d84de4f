"""Diagnosis: findings computed from a snapshot (pure, no UI).

Public API::

    from assistant.diagnose import diagnose, Finding, Severity, CODES

    findings = diagnose(snapshot, intent=None, translator=t, mask=False)
    finding.code, finding.severity, finding.guide, finding.title, finding.detail
    finding.rendered(other_translator, mask=True)   # same finding, another language

Batch triage is :mod:`assistant.diagnose.batch`; the doctor-style text and the
``diagnosis/1`` JSON are :mod:`assistant.diagnose.report`. See ``docs/diagnosis.md``.
"""

from __future__ import annotations

from assistant.diagnose.codes import CODES, RULE_CRASHED, Code, Severity, listed_codes
from assistant.diagnose.doctor import diagnose, effective_intent
from assistant.diagnose.finding import Finding, Symptom
from assistant.diagnose.message import Message
from assistant.diagnose.rules import RULES, Rule

__all__ = [
    "CODES",
    "RULES",
    "RULE_CRASHED",
    "Code",
    "Finding",
    "Message",
    "Rule",
    "Severity",
    "Symptom",
    "diagnose",
    "effective_intent",
    "listed_codes",
]
