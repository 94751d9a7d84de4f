"""The diagnosis shown to people (doctor style) and to programs (``diagnosis/1``).

Pure functions from findings to lines or JSON data; the command decides where
they go.
"""

from __future__ import annotations

import shlex
import textwrap
from collections.abc import Sequence
from dataclasses import replace

from assistant.account.model import Intent
from assistant.diagnose.codes import Code, Severity, listed_codes
from assistant.diagnose.finding import Finding
from assistant.diagnose.phrases import INTENT_ACTIONS
from assistant.i18n.translator import Translator
from assistant.privacy import mask
from assistant.safetext import clean, clean_line

_mask = mask  # ``heading`` has a parameter called ``mask``

FORMAT = "diagnosis/1"
"""The ``format`` of the JSON result of one diagnosis (SPEC §4)."""

MARKS: dict[Severity, str] = {
    Severity.ERROR: "[✗]",
    Severity.WARNING: "[!]",
    Severity.INFO: "[i]",
}
"""The mark in front of each finding, the same in every language."""

INDENT = "    "
WIDTH = 88
"""Column at which details wrap."""


def run_command(guide: str, state_file: str | None = None) -> str:
    """The command line that plays ``guide``, on the diagnosed snapshot file if there is one."""
    if state_file is None:
        return f"assistant run {guide}"
    return f"assistant run {guide} --state {shlex.quote(state_file)}"


def diagnosis_json(intent: Intent | None, findings: Sequence[Finding]) -> dict[str, object]:
    """The ``diagnosis/1`` object: format, intent, findings (code, severity, guide, title,
    detail)."""
    return {
        "format": FORMAT,
        "intent": str(intent) if intent is not None else None,
        "findings": [finding.to_json() for finding in findings],
    }


def has_errors(findings: Sequence[Finding]) -> bool:
    """Whether a finding blocks the intent (the command then exits 1)."""
    return any(finding.severity is Severity.ERROR for finding in findings)


def heading(username: str, intent: Intent | None, t: Translator, *, mask: bool) -> str:
    """The first line: whose snapshot, and what the person is trying to do."""
    shown = _mask(username) if mask else username
    if intent is None:
        return t.gettext("Diagnosis of {username} (no intent given):", username=shown)
    return t.gettext(
        "Diagnosis of {username}, trying to {action}:",
        username=shown,
        action=INTENT_ACTIONS[intent].render(t),
    )


def summary(findings: Sequence[Finding], t: Translator) -> str:
    """The last line: how many errors, warnings and notes, or that all is well."""
    if not findings:
        return t.gettext("No problem found.")
    counts = {severity: 0 for severity in Severity}
    for finding in findings:
        counts[finding.severity] += 1
    return t.gettext(
        "Summary: {errors}, {warnings}, {notes}.",
        errors=t.ngettext("{n} error", "{n} errors", counts[Severity.ERROR]),
        warnings=t.ngettext("{n} warning", "{n} warnings", counts[Severity.WARNING]),
        notes=t.ngettext("{n} note", "{n} notes", counts[Severity.INFO]),
    )


def finding_lines(finding: Finding, t: Translator, state_file: str | None = None) -> list[str]:
    """One finding: mark, title and code; the detail indented; the guide to run."""
    lines = [clean_line(f"{MARKS[finding.severity]} {finding.title} · {finding.code}")]
    lines += textwrap.wrap(
        clean_line(finding.detail),
        width=WIDTH,
        initial_indent=INDENT,
        subsequent_indent=INDENT,
        break_on_hyphens=False,
    )
    if finding.guide is not None:
        command = run_command(finding.guide, state_file)
        lines.append(INDENT + t.gettext("Fix: {command}", command=command))
    return lines


def human_report(
    findings: Sequence[Finding],
    username: str,
    intent: Intent | None,
    t: Translator,
    *,
    masked: bool = False,
    hidden_personal_data: bool = False,
    state_file: str | None = None,
) -> list[str]:
    """The whole report for people, line by line, in the style of ``flutter doctor``.

    ``findings`` are already rendered (and masked, when ``masked``);
    ``hidden_personal_data`` adds a line saying how to see what was masked. With
    ``masked``, each title and detail is masked once more as a whole text, before it
    is wrapped: whatever a field or a translation let through, no address or number
    is printed whole, not even cut in two by the wrapping.
    """
    if masked:
        shown = [
            replace(finding, title=_mask(finding.title), detail=_mask(finding.detail))
            for finding in findings
        ]
        hidden_personal_data = hidden_personal_data or shown != list(findings)
        findings = shown
    lines = [clean_line(heading(username, intent, t, mask=masked))]
    for finding in findings:
        lines += finding_lines(finding, t, state_file)
    lines.append("")
    lines.append(clean_line(summary(findings, t)))
    if hidden_personal_data:
        lines.append(
            t.gettext(
                "Emails and phone numbers are masked; {option} shows them.",
                option="--show-personal-data",
            )
        )
    return [clean(line) for line in lines]


def code_guide(code: Code, t: Translator) -> str:
    """What ``--list-codes`` shows as a code's guide."""
    if code.guide_from_intent:
        return t.gettext("(the guide of the intent)")
    return code.guide if code.guide is not None else "—"


def severity_name(severity: Severity, t: Translator) -> str:
    """The severity as a word in the translator's language."""
    names = {
        Severity.ERROR: t.pgettext("severity", "error"),
        Severity.WARNING: t.pgettext("severity", "warning"),
        Severity.INFO: t.pgettext("severity", "info"),
    }
    return names[severity]


def codes_lines(t: Translator) -> list[str]:
    """``--list-codes`` for people: mark, code, severity and guide, one code a line."""
    codes = listed_codes()
    code_width = max(len(code.code) for code in codes)
    severity_width = max(len(severity_name(severity, t)) for severity in Severity)
    return [
        f"{MARKS[code.severity]} {code.code:<{code_width}}  "
        f"{severity_name(code.severity, t):<{severity_width}}  {code_guide(code, t)}"
        for code in codes
    ]


def codes_json() -> dict[str, object]:
    """``--list-codes --json``: every code with its severity and guide."""
    return {
        "format": "diagnosis-codes/1",
        "codes": [
            {
                "code": code.code,
                "severity": str(code.severity),
                "guide": code.guide,
                "guide_from_intent": code.guide_from_intent,
            }
            for code in listed_codes()
        ],
    }
