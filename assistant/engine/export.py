"""A guide's graph as a Mermaid flowchart, so a writer can see the whole guide at once.

Shapes: a rectangle is a step the person reads and answers, a rhombus a check of the
account, a subroutine box a simulator action or a called guide, a stadium an end step.
"""

from __future__ import annotations

from collections.abc import Callable

from assistant.engine.fields import TEXT_FIELDS
from assistant.engine.model import ActionStep, AskStep, CallStep, CheckStep, EndStep, Guide, Step
from assistant.engine.view import outcome_label
from assistant.i18n.translator import Translator

Render = Callable[..., str]

_OUTCOME_STYLE = {
    "success": "fill:#d4f7d4,stroke:#2a7a2a",
    "blocked": "fill:#fde2e2,stroke:#a33",
    "escalate": "fill:#fff2cc,stroke:#a67c00",
}


def _node(step_id: str) -> str:
    # "end" and hyphens are not safe as Mermaid node ids.
    return "s_" + step_id.replace("-", "_")


def _quote(text: str) -> str:
    flat = " ".join(text.split())
    if len(flat) > 60:
        flat = flat[:59] + "…"
    return '"' + flat.replace('"', "#quot;") + '"'


def export_mermaid(guide: Guide, translator: Translator) -> str:
    """The guide as a Mermaid ``flowchart TD``, text in the translator's language."""
    t = translator
    # Placeholders stay visible as {name}: the graph is not about one account.
    fields = {name: "{" + name + "}" for name in TEXT_FIELDS}

    def text(message: str, context: str | None = None) -> str:
        if context:
            return t.pgettext(context, message, **fields)
        return t.gettext(message, **fields)

    lines = ["flowchart TD", f"  start(( )) --> {_node(guide.start)}"]
    for step in guide.steps.values():
        lines.append(f"  {_node(step.id)}{_shape(step, text, t)}")
    for step in guide.steps.values():
        for label, target in _edges(step, text, t):
            lines.append(f"  {_node(step.id)} -->|{_quote(label)}| {_node(target)}")
    for step in guide.steps.values():
        if isinstance(step, EndStep):
            lines.append(f"  style {_node(step.id)} {_OUTCOME_STYLE[step.outcome]}")
    return "\n".join(lines) + "\n"


def _shape(step: Step, render: Render, t: Translator) -> str:
    if isinstance(step, AskStep):
        return f"[{_quote(render(step.title))}]"
    if isinstance(step, CheckStep):
        return "{" + _quote(step.check + "?") + "}"
    if isinstance(step, ActionStep):
        return f"[[{_quote(step.action)}]]"
    if isinstance(step, CallStep):
        return f"[[{_quote('→ ' + step.guide)}]]"
    assert isinstance(step, EndStep)
    label = f"{outcome_label(step.outcome, t)}: {render(step.title)}"
    return f"([{_quote(label)}])"


def _edges(step: Step, render: Render, t: Translator) -> list[tuple[str, str]]:
    if isinstance(step, AskStep):
        return [(render(c.label, c.context), c.next) for c in step.choices]
    if isinstance(step, CheckStep):
        return [(t.gettext("yes"), step.if_true), (t.gettext("no"), step.if_false)]
    if isinstance(step, ActionStep):
        return [(t.gettext("done"), step.next), *step.on_failure]
    if isinstance(step, CallStep):
        return [(outcome_label(o, t), target) for o, target in step.on_outcome]
    return []
