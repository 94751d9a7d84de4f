"""Walking a guide in the UI: answers, language switch, back, account panel, outcome."""

from __future__ import annotations

import re

from tui_helpers import open_from_home, press_until_finished, screen_text, text_of

from assistant.engine import Runner
from assistant.i18n.translator import get_translator
from assistant.tui.screens.guide import GuideScreen
from assistant.tui.screens.home import HomeScreen
from assistant.tui.widgets.account_panel import CHANGED_MARK, AccountPanel


async def open_switch_guide(pilot) -> GuideScreen:
    """From home: filter on "personal" and open the guide with Enter."""
    assert isinstance(pilot.app.screen, HomeScreen)
    return await open_from_home(pilot, "switch-to-personal", "personal")


async def answer_until(pilot, screen: GuideScreen, step: str, limit: int = 20) -> None:
    """Answer 1 until the step ``step`` is shown."""
    for _ in range(limit):
        if screen.runner.view().step == step:
            return
        await pilot.press("1")
        await pilot.pause()
    raise AssertionError(f"never reached {step}")


async def test_switch_to_personal_from_linked_example_reaches_success(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_switch_guide(pilot)
        assert screen.runner.guide_id == "switch-to-personal"
        assert screen.runner.snapshot.is_linked
        passed = await press_until_finished(pilot)
        assert screen.runner.outcome == "success"
        assert any(
            event.kind == "enter" and event.called == "unlink-business"
            for event in screen.runner.transcript
        ), passed
        assert not screen.runner.snapshot.is_linked
        assert screen.runner.snapshot.tiktok.type == "personal"
        assert screen.at_end and screen.query_one("#outcome").display
        assert "Success" in screen_text(app, "#outcome")
        assert "personal" in text_of(screen.query_one(AccountPanel))


async def test_sub_guide_is_shown_with_breadcrumb_and_way_back(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_switch_guide(pilot)
        await pilot.press("1")
        await pilot.pause()
        view = screen.runner.view()
        assert view.guide == "unlink-business"
        assert screen.inside_sub_guide and screen.query_one("#subguide-note").display
        crumbs = screen_text(app, "#crumbs")
        assert crumbs.startswith("Switch to a personal account › ")
        assert "Switch to a personal account" in screen_text(app, "#subguide-note")
        await pilot.press("b")
        await pilot.pause()
        assert screen.runner.view().guide == "switch-to-personal"
        assert not screen.query_one("#subguide-note").display


async def test_language_switch_mid_guide_keeps_the_step(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_switch_guide(pilot)
        await pilot.press("1", "1")
        await pilot.pause()
        before = screen.runner.view()
        account_before = screen.runner.snapshot
        await pilot.press("f2")
        await pilot.pause()
        assert app.lang == "fr"
        after = screen.runner.view()
        assert (after.guide, after.step, after.progress) == (
            before.guide, before.step, before.progress
        )
        assert screen.runner.snapshot == account_before
        french = Runner(app.library, "switch-to-personal", app.account.snapshot,
                        get_translator("fr"))
        for number in screen.runner.answers:
            french.answer(number)
        assert screen_text(app, "#step-title") == french.view().title
        assert screen.query_one("#choices").count == len(before.choices)
        await pilot.press("f2")
        await pilot.pause()
        assert app.lang == "en"
        assert screen_text(app, "#step-title") == before.title


async def test_language_key_is_in_the_footer_and_names_the_other_language(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        bindings = {b.binding.key: b.binding for b in app.screen.active_bindings.values()}
        assert bindings["f2"].description == "Français"
        assert bindings["f2"].show
        await pilot.press("f2")
        await pilot.pause()
        bindings = {b.binding.key: b.binding for b in app.screen.active_bindings.values()}
        assert bindings["f2"].description == "English"


async def test_back_restores_the_step_and_the_account(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_switch_guide(pilot)
        await answer_until(pilot, screen, "enter-code")
        await pilot.press("1")
        await pilot.pause()
        assert not screen.runner.snapshot.is_linked
        unlinked_step = screen.runner.view().step
        await pilot.press("b")
        await pilot.pause()
        assert screen.runner.view().step == "enter-code"
        assert screen.runner.snapshot.is_linked
        assert "not linked" not in text_of(screen.query_one(AccountPanel))
        await pilot.press("1")
        await pilot.pause()
        assert screen.runner.view().step == unlinked_step


async def test_account_panel_marks_what_the_step_changed(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_switch_guide(pilot)
        panel = screen.query_one(AccountPanel)
        assert panel.changed == frozenset()
        await answer_until(pilot, screen, "enter-code")
        assert panel.changed == {"code"}
        assert re.search(f"{CHANGED_MARK} Verification code\\s+sent", text_of(panel))
        assert "changed by the last step" in text_of(panel)  # the mark's legend
        await pilot.press("1")
        await pilot.pause()
        assert "linked" in panel.changed
        assert re.search(f"{CHANGED_MARK} Linked +no\n", text_of(panel))


async def test_number_keys_only_for_the_answers_there_are(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_switch_guide(pilot)
        step = screen.runner.view()
        assert len(step.choices) == 2
        await pilot.press("9")
        await pilot.pause()
        assert screen.runner.view().step == step.step
        assert screen.check_action("choose", (3,)) is False
        assert screen.check_action("back", ()) is None


async def test_escape_goes_home_and_restart_starts_again(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_switch_guide(pilot)
        first = screen.runner.view().step
        await pilot.press("1", "1")
        await pilot.press("r")
        await pilot.pause()
        assert screen.runner.view().step == first
        assert screen.runner.snapshot == screen.runner.initial
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_start_straight_into_a_guide_in_french(make_app):
    app = make_app(lang="fr", guide_id="switch-to-personal")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, GuideScreen)
        assert app.screen.runner.view().progress.taken == 1
        assert app.lang == "fr"


async def test_still_usable_in_a_tiny_terminal(make_app):
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        screen = await open_switch_guide(pilot)
        assert not screen.query_one(AccountPanel).display
        await press_until_finished(pilot)
        assert screen.runner.outcome == "success"


async def test_steps_left_counts_the_way_to_success_not_the_quickest_exit(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_switch_guide(pilot)
        progress = screen.runner.view().progress
        # "Keep it linked" would end at once; the person wants to switch.
        assert progress.remaining < progress.to_success
        assert screen_text(app, "#progress") == (
            f"Step 1 · about {progress.to_success} steps left"
        )


async def test_up_and_down_move_between_the_answers(make_app):
    from textual.widgets import Button

    app = make_app(guide_id="switch-to-personal")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.focused.id == "choice-1"
        await pilot.press("down")
        assert app.screen.focused.id == "choice-2"
        await pilot.press("down")  # the last answer: stays
        assert app.screen.focused.id == "choice-2"
        await pilot.press("up")
        assert isinstance(app.screen.focused, Button) and app.screen.focused.id == "choice-1"
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.screen.runner.view().step == "keep-linked"


async def test_below_70_columns_a_key_shows_the_account_over_the_step(make_app):
    from assistant.tui.screens.account_overlay import AccountOverlay

    app = make_app(guide_id="switch-to-personal")
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        assert not app.screen.query_one(AccountPanel).display or \
            app.screen.query_one(AccountPanel).region.width == 0
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AccountOverlay)
        text = text_of(app.screen.query_one(AccountPanel), 36)
        assert "TikTok app" in text and "@maison.lune" in text
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.runner.view().step == "linked-first"


async def test_the_account_key_is_only_offered_where_the_panel_does_not_fit(make_app):
    app = make_app(guide_id="switch-to-personal")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.screen.check_action("account_overlay", ()) is False


async def test_personal_data_can_be_unmasked_on_the_agent_screen_only(make_app, tmp_path):
    app = make_app(guide_id="switch-to-personal")
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        panel = app.screen.query_one(AccountPanel)
        assert "owner@maisonlune.example" not in text_of(panel)
        await pilot.press("p")
        await pilot.pause()
        assert "owner@maisonlune.example" in text_of(panel)
        body = app.screen.query_one("#step-body").document
        assert "owner@maisonlune.example" in "\n".join(line.plain for line in body.lines(200))
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert "owner@maisonlune.example" not in text_of(panel)
    (written,) = (tmp_path / "transcripts").glob("*.md")
    assert "owner@" not in written.read_text(encoding="utf-8")
