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
        "text-disabled": "#C6C6C6",
        "footer-key-foreground": "#FFFF00",
        "footer-description-foreground": "#FFFFFF",
        "input-selection-background": "#FFFF00 50%",
        "block-cursor-background": "#FFFF00",
        "block-cursor-foreground": "#000000",
        "block-cursor-text-style": "bold",
    },
)


TEXT_PAIRS: tuple[tuple[str, str], ...] = (
    ("foreground", "background"),
    ("foreground", "surface"),
    ("foreground", "panel"),
    ("text", "background"),
    ("text-muted", "background"),
    ("text-muted", "surface"),
    ("text-primary", "background"),
    ("text-primary", "surface"),
    ("text-success", "surface"),
    ("text-warning", "surface"),
    ("text-error", "surface"),
    ("button-foreground", "surface"),
    ("footer-key-foreground", "footer-background"),
    ("footer-description-foreground", "footer-background"),
    ("block-cursor-foreground", "block-cursor-background"),
    ("text", "primary-muted"),
    ("text", "success-muted"),
    ("text", "error-muted"),
    ("text", "warning-muted"),
)
"""``(text colour, background)`` of every kind of text the screens draw."""

BODY_PAIRS: tuple[tuple[str, str], ...] = TEXT_PAIRS[:4]
"""The body text: what even the usual theme keeps at 4.5:1 or more."""

BORDER_PAIRS: tuple[tuple[str, str], ...] = (
    ("border", "background"),
    ("border-blurred", "background"),
    ("border", "surface"),
    ("border-blurred", "surface"),
)
"""``(border colour, background)`` of the visible borders (frames, the account panel)."""

AA_RATIO = 4.5
"""WCAG 2 level AA for normal text."""


def contrast_ratio(first: str, second: str) -> float:
    """The WCAG 2 contrast ratio of two ``#RRGGBB`` colours (1 to 21)."""

    def luminance(colour: str) -> float:
        red, green, blue = (int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4))
        channels = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
                    for c in (red, green, blue)]
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def resolved(theme: Theme, name: str, over: str | None = None) -> str:
    """The ``#RRGGBB`` a theme variable ends up as on screen, drawn over ``over``
    (a transparent colour is blended; ``auto`` picks black or white, as Textual does)."""
    from textual.color import Color

    variables = theme.to_color_system().generate()
    value = variables[name].strip()
    base = Color.parse(resolved(theme, over) if over else variables["background"])
    alpha = 1.0
    if value.endswith("%"):
        value, _space, percent = value.rpartition(" ")
        alpha = float(percent.rstrip("%")) / 100
    colour = base.get_contrast_text(1.0) if value == "auto" else Color.parse(value)
    return base.blend(colour.with_alpha(1.0), colour.a * alpha).hex6


def ratios(theme: Theme, pairs: tuple[tuple[str, str], ...]) -> dict[tuple[str, str], float]:
    """The contrast ratio of each ``(colour, background)`` pair of ``theme``."""
    return {(fg, bg): contrast_ratio(resolved(theme, fg, bg), resolved(theme, bg))
            for fg, bg in pairs}


def register_themes(app: App[object]) -> None:
    """Make the high-contrast theme available to ``app``."""
    app.register_theme(_HIGH_CONTRAST_THEME)
