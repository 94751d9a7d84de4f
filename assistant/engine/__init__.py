"""Guide engine: guide model, loader, graph checks, runner (pure, no UI).

The public API is described in ``docs/engine-api.md``; the guide file format in
``docs/writing-guides.md``.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assistant.engine.checks import CHECKS
    from assistant.engine.export import export_mermaid
    from assistant.engine.fields import ARG_REFERENCES, TEXT_FIELDS
    from assistant.engine.library import (
        GUIDES_DIR_VARIABLE,
        GuideHeader,
        GuideLibrary,
        load_guides,
        open_guides,
    )
    from assistant.engine.markdown_policy import markdown_issues, sanitize_markdown
    from assistant.engine.messages import guide_messages
    from assistant.engine.model import TOPICS, Guide, Outcome, topic_label
    from assistant.engine.progress import ProgressError, from_progress
    from assistant.engine.runner import ChoiceError, Runner
    from assistant.engine.view import (
        Crumb,
        Event,
        Notice,
        Progress,
        ShownStep,
        StepView,
        outcome_label,
    )

_WHERE = {
    "CHECKS": "checks",
    "export_mermaid": "export",
    "ARG_REFERENCES": "fields",
    "TEXT_FIELDS": "fields",
    "GUIDES_DIR_VARIABLE": "library",
    "GuideHeader": "library",
    "GuideLibrary": "library",
    "load_guides": "library",
    "open_guides": "library",
    "markdown_issues": "markdown_policy",
    "sanitize_markdown": "markdown_policy",
    "guide_messages": "messages",
    "TOPICS": "model",
    "Guide": "model",
    "Outcome": "model",
    "topic_label": "model",
    "ProgressError": "progress",
    "from_progress": "progress",
    "ChoiceError": "runner",
    "Runner": "runner",
    "Crumb": "view",
    "Event": "view",
    "Notice": "view",
    "Progress": "view",
    "ShownStep": "view",
    "StepView": "view",
    "outcome_label": "view",
}
"""The module of each public name: imported when the name is first used, so that a
command pays only for the parts of the engine it needs (``assistant guides`` never
imports the runner, the exporter or the progress reader)."""


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "ARG_REFERENCES",
    "CHECKS",
    "GUIDES_DIR_VARIABLE",
    "TEXT_FIELDS",
    "TOPICS",
    "ChoiceError",
    "Crumb",
    "Event",
    "Guide",
    "GuideHeader",
    "GuideLibrary",
    "Notice",
    "Outcome",
    "Progress",
    "ProgressError",
    "Runner",
    "ShownStep",
    "StepView",
    "export_mermaid",
    "from_progress",
    "guide_messages",
    "load_guides",
    "open_guides",
    "markdown_issues",
    "outcome_label",
    "sanitize_markdown",
    "topic_label",
]
