"""Home, account choice, help and the safety of what is shown."""

from __future__ import annotations

import json

from textual.widgets import OptionList
from tui_helpers import screen_text

from assistant.account.snapshot import default_snapshot, dump_snapshot
from assistant.engine import TOPICS
from assistant.tui.keys import explain
from assistant.tui.screens.account import AccountScreen
from assistant.tui.screens.help import HelpScreen, own_bindings
from assistant.tui.screens.home import HomeScreen, folded
from assistant.tui.widgets.guide_list import GuideList


def guide_ids(app) -> list[str]:
    """The guides listed on the home screen, in order."""
    return app.screen.query_one("#guides", GuideList).guide_ids


async def test_home_lists_every_guide_grouped_by_topic(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        listed = guide_ids(app)
        assert sorted(listed) == sorted(app.library.guides)
        topics = [app.library.guides[g].topic for g in listed]
        assert topics == sorted(topics, key=TOPICS.index)


async def test_search_as_you_type_ranks_the_matches(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"unlink")
        await pilot.pause()
        listed = guide_ids(app)
        assert listed[0] == "unlink-business"
        assert "link-business" not in listed
        app.screen.query_one("#filter").value = "zzzz qqqq"
        await pilot.pause()
        rows = app.screen.query_one("#guides", GuideList).rows
        assert guide_ids(app) == []
        assert "Nothing matches" in rows[0].content.plain and rows[0].key is None
        assert any(row.step is not None for row in rows)  # the closest symptoms
        assert rows[-1].action == "diagnose"


def test_filter_ignores_case_and_accents():
    assert folded("Dissocier le Compte TikTok ÉTÉ") == "dissocier le compte tiktok ete"


async def test_choosing_a_scenario_changes_the_simulated_account(make_app):
    app = make_app(scenario=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, AccountScreen)
        scenarios = app.screen.query_one("#scenarios", OptionList)
        scenarios.highlighted = scenarios.get_option_index("share-at-limit")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.account.scenario == "share-at-limit"
        assert "four collaborators" in screen_text(app, "#account-line")


async def test_a_bad_snapshot_file_shows_one_line_and_keeps_the_account(make_app, tmp_path):
    bad = tmp_path / "bad.json"
    data = dump_snapshot(default_snapshot())
    data["business"]["members"][0]["role"] = "owner"
    bad.write_text(json.dumps(data), encoding="utf-8")
    app = make_app()
    before = app.account
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+o", "ctrl+f", *str(bad), "enter")
        await pilot.pause()
        assert isinstance(app.screen, AccountScreen)
        message = screen_text(app, "#account-error")
        assert "business.members[0].role" in message
        assert "\n" not in message
        assert app.account is before
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.account is before


async def test_a_good_snapshot_file_is_loaded(make_app, tmp_path):
    good = tmp_path / "mine.json"
    data = dump_snapshot(default_snapshot())
    data["tiktok"]["username"] = "atelier.sol"
    good.write_text(json.dumps(data), encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+o", "ctrl+f", *str(good), "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.account.snapshot.tiktok.username == "atelier.sol"
        assert "@atelier.sol" in screen_text(app, "#account-line")
        assert "mine.json" in screen_text(app, "#account-line")


async def test_help_lists_every_key_of_every_screen(make_app):
    from assistant.tui.app import AssistantApp
    from assistant.tui.screens.diagnose import DiagnoseScreen
    from assistant.tui.screens.guide import GuideScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = screen_text(app, "#help-keys")
        for owner in (AssistantApp, HomeScreen, GuideScreen, DiagnoseScreen, AccountScreen):
            for binding in own_bindings(owner):
                if binding.description:
                    action = binding.action.split("(")[0]
                    same_action = [
                        b for b in own_bindings(owner) if b.action.split("(")[0] == action
                    ]
                    assert explain(same_action[0], app.translator) in shown, binding
                    if len(same_action) <= 3:
                        assert app.get_key_display(binding) in shown, binding
        assert "1–9" in shown
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_language_switch_on_home_keeps_the_filter_and_highlight(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"link")
        await pilot.press("down")
        await pilot.pause()
        guides = app.screen.query_one("#guides", GuideList)
        highlighted = guides.highlighted_key
        assert highlighted == guides.keys[1]
        await pilot.press("f2")
        await pilot.pause()
        assert app.screen.query_one("#filter").value == "link"
        assert guides.highlighted_key == highlighted
        assert screen_text(app, "#home-title") == app.translator.gettext(
            "TikTok account assistant"
        )


async def test_high_contrast_theme_toggles(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        standard = app.theme
        await pilot.press("f3")
        assert app.theme == "assistant-high-contrast"
        await pilot.press("f3")
        assert app.theme == standard


async def test_hostile_text_in_a_snapshot_is_shown_literally(make_app, tmp_path):
    hostile = tmp_path / "hostile.json"
    data = dump_snapshot(default_snapshot())
    name = "x\x1b]52;c;SGVsbG8=\x07[/][@click=app.quit]x[/]"
    data["tiktok"]["username"] = name
    data["business"]["linked_tiktok"] = name
    hostile.write_text(json.dumps(data), encoding="utf-8")
    from assistant.account.snapshot import SnapshotError, read_snapshot

    try:
        snapshot = read_snapshot(hostile)
    except SnapshotError:
        # The account layer refuses control characters: try the markup alone.
        data["tiktok"]["username"] = data["business"]["linked_tiktok"] = "[/][@click=app.quit]x[/]"
        hostile.write_text(json.dumps(data), encoding="utf-8")
        snapshot = read_snapshot(hostile)
    from assistant.tui.app import Account

    app = make_app(scenario=None, account=Account(snapshot, path=str(hostile)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        line = screen_text(app, "#account-line")
        assert "[@click=app.quit]x[/]" in line
        assert "\x1b" not in line
        await pilot.click("#account-line")
        await pilot.pause()
        assert app.is_running


async def test_a_stale_guide_index_is_corrected_once_the_guides_are_loaded(make_app, tmp_path):
    from assistant.tui.library_cache import GuideEntry, GuideIndex, LibraryCache

    cache = LibraryCache(tmp_path / "cache")
    stale = GuideIndex((("linking", "Linking"),),
                       (GuideEntry("no-such-guide", "A guide long gone", "Gone.", "linking"),))
    cache.remember(stale)
    assert cache.index() == stale
    app = make_app(library=None, library_cache=cache)
    app._load_library_soon = lambda: None  # loaded below, when the test says
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        assert guide_ids(app) == ["no-such-guide"]
        await pilot.press("enter")  # before the guides are there: refused, not a crash
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        app.flush_library()
        await pilot.pause()
        assert sorted(guide_ids(app)) == sorted(app.library.guides)
    assert cache.index() != stale


async def test_unlink_and_enter_opens_unlink_business_whatever_was_highlighted(make_app):
    from assistant.tui.screens.guide import GuideScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        guides = app.screen.query_one("#guides", GuideList)
        for _ in range(3):
            await pilot.press("down")
        await pilot.pause()
        assert guides.highlighted == "switch-to-personal"  # something else first
        await pilot.press(*"unlink", "enter")
        await pilot.pause()
        assert isinstance(app.screen, GuideScreen)
        assert app.screen.runner.guide_id == "unlink-business"


async def test_french_password_search_opens_a_password_guide(make_app):
    from assistant.tui.screens.guide import GuideScreen

    app = make_app(lang="fr")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"mot de passe", "enter")
        await pilot.pause()
        assert isinstance(app.screen, GuideScreen)
        assert app.screen.runner.guide_id != "remove-member"
        assert "mot de passe" in (app.screen.runner.view().body
                                  + app.library.summary(app.screen.runner.guide_id,
                                                        app.translator)).lower()


async def test_a_symptom_opens_its_guide_at_its_step(make_app):
    from assistant.tui.screens.guide import GuideScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"I don't get the code", "enter")
        await pilot.pause()
        assert isinstance(app.screen, GuideScreen)
        runner = app.screen.runner
        assert (runner.guide_id, runner.start, runner.view().step) == (
            "unlink-business", "no-email", "no-email")


async def test_nothing_found_offers_the_diagnosis_on_enter(make_app):
    from assistant.tui.screens.diagnose import DiagnoseScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"zzqq")
        await pilot.pause()
        guides = app.screen.query_one("#guides", GuideList)
        guides.highlight("action:diagnose")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DiagnoseScreen)


async def test_escape_clears_the_search_and_question_mark_opens_the_help(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"unlink")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one("#filter").value == ""
        assert guide_ids(app)[0] == "link-business"  # the topics again
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "simulation" in screen_text(app, "#help-keys")


async def test_ctrl_c_says_how_to_quit_in_the_current_language(make_app):
    app = make_app(lang="fr")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+c")
        await pilot.pause()
        (notice,) = list(app._notifications)
        assert "Ctrl+Q" in notice.message and "quitter" in notice.message
        assert "[b]" not in notice.message
        assert app.is_running


async def test_the_quit_key_is_in_the_key_bar_even_at_40_columns(make_app):
    from assistant.tui.widgets.key_bar import KeyBar

    app = make_app(guide_id="switch-to-personal")
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar).render().plain
        assert bar.rstrip().endswith("^q Quit") and "a Account" in bar
