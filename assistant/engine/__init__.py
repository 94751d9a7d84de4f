"""Guide engine: guide model, loader, graph checks, runner (pure, no UI).

The public API is described in ``docs/engine-api.md``; the guide file format in
``docs/writing-guides.md``.
"""

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
