"""Screenshots of every main screen, in English and in French (pytest-textual-snapshot).

Each screen is drawn at 80x24 on the linked example account, with no clock, no
blinking cursor and no saved progress, so the pictures only change when the UI does.
Update the baselines with ``pytest tests/tui --snapshot-update`` and look at them.
"""

from __future__ import annotations

import pytest
from tui_helpers import press_until_finished

from assistant.tui.screens.guide import GuideScreen

LANGUAGES = ["en", "fr"]


async def settle(pilot) -> None:
    """Let every pending message and refresh run."""
    await pilot.pause()
    await pilot.pause()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home(snap_compare, make_app, lang):
    assert snap_compare(make_app(lang=lang), run_before=settle)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_guide_step(snap_compare, make_app, lang):
    app = make_app(lang=lang, guide_id="switch-to-personal")
    assert snap_compare(app, run_before=settle)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_sub_guide(snap_compare, make_app, lang):
    async def into_the_unlink_guide(pilot):
        await settle(pilot)
        await pilot.press("1", "1")
        await settle(pilot)
        assert isinstance(pilot.app.screen, GuideScreen)
        assert pilot.app.screen.inside_sub_guide

    app = make_app(lang=lang, guide_id="switch-to-personal")
    assert snap_compare(app, run_before=into_the_unlink_guide)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_outcome(snap_compare, make_app, lang):
    async def to_the_outcome(pilot):
        await settle(pilot)
        await press_until_finished(pilot)
        await settle(pilot)

    app = make_app(lang=lang, guide_id="switch-to-personal")
    assert snap_compare(app, run_before=to_the_outcome)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_diagnose(snap_compare, make_app, lang):
    app = make_app(lang=lang)
    assert snap_compare(app, press=["ctrl+d"], run_before=settle)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_help(snap_compare, make_app, lang):
    app = make_app(lang=lang)
    assert snap_compare(app, press=["f1"], run_before=settle)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translator_preview(snap_compare, make_app, lang):
    app = make_app(lang=lang, translator_preview=True)
    assert snap_compare(app, run_before=settle)


def test_tiny_terminal(snap_compare, make_app):
    app = make_app(guide_id="switch-to-personal")
    assert snap_compare(app, terminal_size=(40, 12), run_before=settle)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_high_contrast(snap_compare, make_app, lang):
    app = make_app(lang=lang, guide_id="switch-to-personal", high_contrast=True)
    assert snap_compare(app, run_before=settle)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_with_search_results(snap_compare, make_app, lang):
    async def search(pilot):
        await settle(pilot)
        await pilot.press(*"code")
        await settle(pilot)

    assert snap_compare(make_app(lang=lang), run_before=search)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_symptoms_when_nothing_matches(snap_compare, make_app, lang):
    async def search(pilot):
        await settle(pilot)
        await pilot.press(*"zzqq")
        await settle(pilot)

    assert snap_compare(make_app(lang=lang), run_before=search)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_resume_prompt_names_the_account(snap_compare, make_app, lang, guide_library,
                                         progress_path):
    from assistant.account.scenarios import load_scenario
    from assistant.engine import Runner
    from assistant.i18n.translator import get_translator
    from assistant.progress_store import ProgressStore, account_digest

    snapshot = load_scenario("switch-blocked-by-link")
    runner = Runner(guide_library, "switch-to-personal", snapshot, get_translator(lang))
    runner.answer(1)
    ProgressStore(progress_path).save(runner.to_progress(), account=account_digest(snapshot))
    assert snap_compare(make_app(lang=lang), run_before=settle)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_grouped_account_panel_after_a_change(snap_compare, make_app, lang):
    async def to_the_code(pilot):
        await settle(pilot)
        await pilot.press("1", "1", "1", "1")
        await settle(pilot)

    app = make_app(lang=lang, guide_id="switch-to-personal")
    assert snap_compare(app, terminal_size=(120, 36), run_before=to_the_code)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_account_overlay_on_a_tiny_terminal(snap_compare, make_app, lang):
    app = make_app(lang=lang, guide_id="switch-to-personal")
    assert snap_compare(app, press=["a"], terminal_size=(40, 12), run_before=settle)


def test_first_run_line(snap_compare, make_app):
    assert snap_compare(make_app(first_run=True), run_before=settle)
