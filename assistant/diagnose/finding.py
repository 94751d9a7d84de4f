"""What the diagnosis reports: findings, each with a code, a severity and a guide."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import NamedTuple

from assistant.diagnose.codes import CODES, Severity
from assistant.diagnose.message import Message, render_all
from assistant.i18n.translator import Translator


class Symptom(NamedTuple):
    """What a rule finds: a code and its untranslated title and detail.

    The detail is a few whole sentences (what is wrong and why it matters, then the
    one next step), each translated on its own.
    """

    code: str
    """The finding code (a key of :data:`~assistant.diagnose.codes.CODES`)."""
    title: Message
    """One line naming the specifics."""
    detail: tuple[Message, ...]
    """Why it matters, then the one next step."""


Symptoms = tuple[Symptom, ...]
"""What a rule returns: the symptoms it found, usually none or one."""

NOTHING: Symptoms = ()
"""A rule's answer when all is well."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing the diagnosis found, ready to show, and able to be shown again.

    ``title`` and ``detail`` are rendered in one language (masked or not);
    ``title_message`` and ``detail_messages`` keep the untranslated data so that
    :meth:`rendered` can show the same finding in another language.
    """

    code: str
    """Stable code of SPEC §2 (``linked-to-business``…)."""
    severity: Severity
    """``error`` blocks the intent, ``warning`` is a risk, ``info`` needs nothing."""
    guide: str | None
    """Id of the guide that fixes it (``assistant run GUIDE``), or ``None``."""
    title: str
    """One line: what is wrong, naming the specifics."""
    detail: str
    """Why it matters and the one next step."""
    title_message: Message
    """The untranslated title."""
    detail_messages: tuple[Message, ...]
    """The untranslated sentences of the detail."""

    @classmethod
    def from_symptom(
        cls, symptom: Symptom, guide: str | None, t: Translator, *, mask: bool = False
    ) -> Finding:
        """The finding for ``symptom``, rendered with ``t`` (masked with ``mask``)."""
        return cls(
            code=symptom.code,
            severity=CODES[symptom.code].severity,
            guide=guide,
            title=symptom.title.render(t, mask=mask),
            detail=render_all(symptom.detail, t, mask=mask),
            title_message=symptom.title,
            detail_messages=symptom.detail,
        )

    def rendered(self, t: Translator, *, mask: bool = False) -> Finding:
        """The same finding shown with ``t`` (another language), masked with ``mask``."""
        return replace(
            self,
            title=self.title_message.render(t, mask=mask),
            detail=render_all(self.detail_messages, t, mask=mask),
        )

    def to_json(self) -> dict[str, object]:
        """The finding as in ``diagnosis/1``: code, severity, guide, title, detail."""
        return {
            "code": self.code,
            "severity": str(self.severity),
            "guide": self.guide,
            "title": self.title,
            "detail": self.detail,
        }

    @property
    def sort_key(self) -> tuple[int, str]:
        """Report order: errors, then warnings, then info; within a severity, by code."""
        return (self.severity.rank, self.code)
