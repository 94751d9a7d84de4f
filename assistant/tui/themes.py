"""The two looks of the assistant: the usual one and a high-contrast one."""

from __future__ import annotations

from textual.app import App
from textual.theme import Theme

STANDARD = "textual-dark"
"""The usual theme (one of Textual's own)."""

HIGH_CONTRAST = "assistant-high-contrast"
"""Pure black and white with saturated marks, for low vision and bright rooms."""

_HIGH_CONTRAST_THEME = Theme(
    name=HIGH_CONTRAST,
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FFFF00",
    warning="#FFAF00",
    error="#FF5F5F",
    success="#00FF00",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1C1C1C",
    boost="#FFFFFF",
    dark=True,
    luminosity_spread=0.0,
    text_alpha=1.0,
    variables={
        "border": "#FFFFFF",
        "border-blurred": "#BCBCBC",
        "text-muted": "#FFFFFF",
        "footer-key-foreground": "#FFFF00",
        "footer-description-foreground": "#FFFFFF",
        "input-selection-background": "#FFFF00 50%",
        "block-cursor-background": "#FFFF00",
        "block-cursor-foreground": "#000000",
        "block-cursor-text-style": "bold",
    },
)


def register_themes(app: App[object]) -> None:
    """Make the high-contrast theme available to ``app``."""
    app.register_theme(_HIGH_CONTRAST_THEME)
