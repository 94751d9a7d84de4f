"""``assistant`` (the UI command): bad usage is one line before the UI starts; a
``--state`` file that cannot be used starts the UI with the reason on screen."""

from __future__ import annotations

import argparse
import io
import json

from tui_helpers import screen_text

from assistant import cli
from assistant.account.snapshot import default_snapshot, dump_snapshot
from assistant.commands.common import Context
from assistant.commands.ui import build_app
from assistant.i18n.translator import get_translator
from assistant.tui.screens.account import AccountScreen
from assistant.tui.screens.home import HomeScreen


def ui_args(state: str | None) -> tuple[argparse.Namespace, Context]:
    """What ``assistant --lang en --state STATE`` parses to."""
    args = argparse.Namespace(lang="en", state=state, guide=None, translator=False)
    return args, Context(get_translator("en"), io.StringIO(), io.StringIO())


async def test_a_bad_state_file_starts_on_the_example_account_with_the_reason_on_screen(
    tmp_path,
):
    bad = tmp_path / "bad.json"
    data = dump_snapshot(default_snapshot())
    data["tiktok"]["type"] = "creator"
    bad.write_text(json.dumps(data), encoding="utf-8")
    app = build_app(*ui_args(str(bad)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, AccountScreen)
        error = screen_text(app, "#account-error")
        assert "bad.json" in error and "tiktok.type" in error and "\n" not in error
        assert app.screen.query_one("#snapshot-path").value == str(bad)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.account.snapshot == default_snapshot() and app.account.path is None


async def test_a_missing_state_file_is_one_line_on_screen(tmp_path):
    app = build_app(*ui_args(str(tmp_path / "nowhere.json")))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        error = screen_text(app, "#account-error")
        assert "nowhere.json" in error and "\n" not in error


def test_an_unknown_guide_is_one_line_and_exit_2(capsys):
    assert cli.main(["--guide", "no-such-guide", "--lang", "fr"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "no-such-guide" in err and "switch-to-personal" in err


def test_standard_input_cannot_be_the_state_of_the_full_screen_ui(capsys):
    assert cli.main(["--state", "-"]) == 2
    assert "--state -" in capsys.readouterr().err


async def test_language_and_contrast_are_remembered_for_the_next_start():
    args, context = ui_args(None)
    args.lang = None
    app = build_app(args, context)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.lang == "en" and app.theme != "assistant-high-contrast"
        await pilot.press("f2", "f3")
        await pilot.pause()
    again = build_app(args, context)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.lang == "fr"
        assert again.theme == "assistant-high-contrast"
    # The command line still wins.
    args.lang = "en"
    assert build_app(args, context).lang == "en"


def test_unreadable_settings_are_ignored(tmp_path):
    from assistant.tui.settings import Preferences, Settings

    path = tmp_path / "settings.json"
    path.write_bytes(b"\xff not json")
    assert Settings(path).load() == Preferences()
    path.write_text('{"lang": "../../etc", "high_contrast": "yes"}', encoding="utf-8")
    assert Settings(path).load() == Preferences()


async def test_a_named_pipe_as_state_file_starts_the_ui_with_the_reason_instead_of_blocking(
    tmp_path,
):
    import os
    import threading

    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)
    built: list = []
    # Opening a pipe with no writer blocks for ever: built in a thread, watched from here.
    worker = threading.Thread(target=lambda: built.append(build_app(*ui_args(str(pipe)))),
                              daemon=True)
    worker.start()
    worker.join(timeout=60)
    if worker.is_alive():  # unblock the reader so the test run can end, then fail
        with open(pipe, "wb"):
            pass
        worker.join()
        raise AssertionError("build_app waited on the named pipe")
    (app,) = built
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, AccountScreen)
        error = screen_text(app, "#account-error")
        assert "pipe.json" in error and "named pipe" in error and "\n" not in error
