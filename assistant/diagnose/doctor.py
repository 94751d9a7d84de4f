"""Run every rule over a snapshot and collect the findings, in report order.

Like ``flutter doctor``, the diagnosis keeps going: a rule that raises becomes a
``rule-crashed`` finding naming it, and every other rule still runs.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.account.model import Intent, Snapshot
from assistant.diagnose import message as m
from assistant.diagnose.codes import CODES, RULE_CRASHED
from assistant.diagnose.finding import Finding, Symptom
from assistant.diagnose.message import Text
from assistant.diagnose.rules import RULES, RULES_FOR_INTENT, Rule
from assistant.i18n.translator import Translator, get_translator
from assistant.privacy import mask as mask_personal_data


def crashed(rule: Rule, error: BaseException) -> Symptom:
    """The symptom that reports ``rule`` raising ``error`` instead of answering."""
    reason = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    return Symptom(
        RULE_CRASHED,
        m.gettext("The check {rule} could not run", rule=rule.name),
        (
            m.gettext(
                "It stopped with an unexpected error ({error}); the other checks ran normally.",
                # Exception text may quote snapshot data; it is only a clue for
                # developers, so it is masked in every output, JSON included.
                error=Text(mask_personal_data(" ".join(reason.split()))),
            ),
            m.gettext("Report this, with the snapshot, to the assistant's maintainers."),
        ),
    )


def diagnose(
    snapshot: Snapshot,
    intent: Intent | str | None = None,
    translator: Translator | None = None,
    *,
    mask: bool = False,
    rules: Sequence[Rule] = RULES,
) -> list[Finding]:
    """The findings for ``snapshot``: errors, then warnings, then info, each by code.

    ``intent`` overrides the snapshot's own when given (a string must be an intent
    id: ``ValueError`` otherwise). Titles and details are rendered with
    ``translator`` (English by default), with emails and phone numbers masked when
    ``mask`` is true. ``rules`` is there for tests.
    """
    wanted = effective_intent(snapshot, intent)
    t = translator if translator is not None else get_translator("en")
    findings: list[Finding] = []
    # A rule is skipped only for intents it has said it never reports anything for.
    if rules is RULES:
        rules = RULES_FOR_INTENT[wanted]
    else:
        rules = [rule for rule in rules if rule.applies_to(wanted)]
    for rule in rules:
        try:
            symptoms = rule.check(snapshot, wanted)
            # Most rules find nothing: the common answer costs no list and no lookup.
            if symptoms.__class__ is tuple and not symptoms:
                continue
            found = [
                Finding.from_symptom(symptom, CODES[symptom.code].guide_for(wanted), t, mask=mask)
                for symptom in symptoms
            ]
        except Exception as error:  # whatever breaks inside a rule is that rule's finding
            found = [Finding.from_symptom(crashed(rule, error), None, t, mask=mask)]
        findings.extend(found)
    # A stable sort keeps one code's findings in snapshot order (invitation by invitation).
    if len(findings) > 1:
        findings.sort(key=lambda finding: finding.sort_key)
    return findings


def effective_intent(snapshot: Snapshot, intent: Intent | str | None = None) -> Intent | None:
    """The intent a diagnosis works on: ``intent`` when given, else the snapshot's."""
    return Intent(intent) if intent is not None else snapshot.intent
