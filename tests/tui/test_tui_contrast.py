"""Contrast of the themes, computed from their colours (WCAG 2)."""

from __future__ import annotations

import pytest
from textual.app import App

from assistant.tui.themes import (
    AA_RATIO,
    BODY_PAIRS,
    BORDER_PAIRS,
    HIGH_CONTRAST,
    STANDARD,
    TEXT_PAIRS,
    contrast_ratio,
    ratios,
    register_themes,
)


@pytest.fixture(scope="module")
def themes():
    app = App()
    register_themes(app)
    return app.available_themes


def test_the_ratio_is_wcag_s():
    assert contrast_ratio("#FFFFFF", "#000000") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#000000", "#000000") == 1.0


def test_high_contrast_meets_aa_for_every_text_and_border(themes):
    pairs = (*TEXT_PAIRS, ("text-disabled", "background"), *BORDER_PAIRS)
    low = {pair: round(r, 2) for pair, r in ratios(themes[HIGH_CONTRAST], pairs).items()
           if r < AA_RATIO}
    assert low == {}


def test_the_usual_theme_keeps_body_text_at_aa(themes):
    low = {pair: round(r, 2) for pair, r in ratios(themes[STANDARD], BODY_PAIRS).items()
           if r < AA_RATIO}
    assert low == {}


def test_headings_of_the_guide_list_are_not_the_faint_disabled_grey():
    from assistant.tui.widgets.guide_list import GuideList

    heading = GuideList.DEFAULT_CSS.split(".guide-list--heading", 1)[1].split("}", 1)[0]
    assert "$text-disabled" not in heading
