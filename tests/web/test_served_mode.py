"""Served mode (``ASSISTANT_SERVED=1``, set by ``assistant serve`` for each tab): the UI
opens no server path and writes no transcript file; pasted snapshots and downloads
take their place. Pilot tests: no browser needed."""

from __future__ import annotations

import argparse
import io
from pathlib import Path

import pytest
from textual import events

from assistant.account.snapshot import read_snapshot, snapshot_to_json
from assistant.commands.common import Context
from assistant.commands.ui import build_app
from assistant.engine import load_guides
from assistant.i18n.translator import get_translator
from assistant.progress_store import ProgressStore
from assistant.tui.app import AssistantApp
from assistant.tui.screens.account import AccountScreen
from assistant.tui.served import PasteBox, is_served, transcript_name
from assistant.tui.widgets.clean_input import CleanInput

EXAMPLES = Path(__file__).resolve().parents[1] / "data" / "examples"
SHARE_AT_LIMIT = EXAMPLES / "share-at-limit.json"


@pytest.fixture
def served_app(tmp_path: Path) -> AssistantApp:
    """A served session on the browser-check guide."""
    return AssistantApp(lang="en", served=True, library=load_guides(),
                        progress_store=ProgressStore(tmp_path / "progress.json"))


def test_the_serve_variable_turns_served_mode_on(monkeypatch):
    args = argparse.Namespace(state=None, guide=None, translator=False, lang="en")
    context = Context(get_translator("en"), io.StringIO(), io.StringIO())
    assert build_app(args, context).served is False
    monkeypatch.setenv("ASSISTANT_SERVED", "1")
    assert is_served({"ASSISTANT_SERVED": "1"}) and not is_served({})
    assert build_app(args, context).served is True


async def test_served_account_screen_takes_a_paste_and_never_a_server_path(served_app):
    async with served_app.run_test(size=(100, 30)) as pilot:
        served_app.push_screen(AccountScreen())
        await pilot.pause()
        screen = served_app.screen
        box = screen.query_one("#snapshot-path", CleanInput)
        assert isinstance(box, PasteBox)
        assert "paste" in str(screen.query_one("#path-label").render()).lower()
        assert not screen.check_action("focus_path", ())
        await pilot.press("ctrl+f")
        assert box.has_focus
        # A path to a real snapshot on the server is read as text, never opened.
        box.value = str(SHARE_AT_LIMIT)
        await pilot.press("enter")
        await pilot.pause()
        assert served_app.screen is screen
        assert served_app.account.path is None and not served_app.account.pasted
        assert "pasted snapshot" in str(screen.query_one("#account-error").render())


async def test_a_pasted_snapshot_of_several_lines_becomes_the_account(served_app):
    wanted = read_snapshot(SHARE_AT_LIMIT)
    pasted = snapshot_to_json(wanted)
    assert "\n" in pasted
    async with served_app.run_test(size=(100, 30)) as pilot:
        served_app.push_screen(AccountScreen())
        await pilot.pause()
        box = served_app.screen.query_one("#snapshot-path", PasteBox)
        box.focus()
        box.post_message(events.Paste(pasted))
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(served_app.screen, AccountScreen)
        assert served_app.account.pasted and served_app.account.snapshot == wanted
        assert served_app.account.source(served_app.translator) == "pasted snapshot"
        served_app.set_language("fr")
        assert served_app.account.source(served_app.translator) == "instantané collé"


async def test_the_terminal_account_screen_still_takes_a_path(tmp_path):
    app = AssistantApp(lang="en", library=load_guides(),
                       progress_store=ProgressStore(tmp_path / "progress.json"))
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(AccountScreen())
        await pilot.pause()
        screen = app.screen
        assert not isinstance(screen.query_one("#snapshot-path"), PasteBox)
        assert screen.check_action("focus_path", ()) and not screen.check_action("focus_paste", ())
        await pilot.press("ctrl+f", *str(SHARE_AT_LIMIT), "enter")
        await pilot.pause()
        assert app.account.path == str(SHARE_AT_LIMIT)


async def test_a_served_transcript_is_delivered_and_no_file_is_written(
    served_app, monkeypatch, isolated_session
):
    delivered: list[tuple[str, dict[str, object]]] = []

    def deliver_text(file: io.StringIO, **options: object) -> str:
        delivered.append((file.getvalue(), options))
        return "key"

    monkeypatch.setattr(served_app, "deliver_text", deliver_text)
    async with served_app.run_test(size=(100, 30)) as pilot:
        served_app.open_guide("browser-check", served_app.account.snapshot)
        await pilot.pause()
        await pilot.press("1", "1")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        served_app.flush_progress()
    [(text, options)] = delivered
    assert "Browser check finished" in text
    assert options["mime_type"] == "text/markdown"
    assert str(options["save_filename"]).startswith("assistant-browser-check-")
    assert list(isolated_session.iterdir()) == []


def test_transcript_names_keep_to_safe_characters():
    name = transcript_name("../../etc/passwd; rm")
    assert name.startswith("assistant-") and name.endswith(".md")
    assert set(name) <= set("abcdefghijklmnopqrstuvwxyz0123456789-_.")
