"""``assistant serve`` in a real headless Chromium: a guide played to its outcome, two
tabs that do not share anything, no server path, transcripts as downloads, the cap on
sessions, Ctrl+C.

Skipped, with the reason, without textual-serve, playwright or Debian's chromium.
"""

from __future__ import annotations

import asyncio
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from browser_support import (
    CHROMIUM,
    RECORD_SCREEN,
    Served,
    files_under,
    mark,
    needs_browser,
    shown,
    start_server,
    wait_for_text,
)

pytestmark = needs_browser

GUIDES = Path(__file__).resolve().parent / "data"
EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "examples" / "share-at-limit.json"
HOME_EN = "TikTok account assistant"
HOME_FR = "Assistant pour les comptes TikTok"
GUIDE_LISTED = "Browser check guide"
FIRST = "First question of the browser check"
SECOND = "Second question of the browser check"
FINISHED = "Browser check finished"
STOPPED = "Browser check stopped"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """One headless Chromium for the module (a context per tab keeps them apart)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """An ``assistant serve`` on a free loopback port, stopped with Ctrl+C at the end."""
    served = start_server(tmp_path_factory.mktemp("serve"), GUIDES)
    yield served
    served.stop()


def open_tab(browser, url: str, locale: str = "en-US"):
    """A new browser context (its own session) on the home screen, keyboard in the page."""
    context = browser.new_context(locale=locale, viewport={"width": 1100, "height": 700},
                                  accept_downloads=True)
    context.add_init_script(RECORD_SCREEN)
    page = context.new_page()
    page.goto(url)
    wait_for_text(page, HOME_FR if locale.startswith("fr") else HOME_EN)
    wait_for_text(page, GUIDE_LISTED)
    page.focus(".xterm-helper-textarea")
    return context, page


def play_to_second_question(page) -> None:
    """Type the guide's name, open it with Enter, answer the first question."""
    before = mark(page)
    page.keyboard.type("browser check")
    page.keyboard.press("Enter")
    wait_for_text(page, FIRST, since=before)
    page.keyboard.press("1")
    wait_for_text(page, SECOND, since=before)


def test_a_guide_is_played_to_its_outcome_in_the_browser(browser, server, tmp_path):
    context, page = open_tab(browser, server.url)
    try:
        play_to_second_question(page)
        page.keyboard.press("1")
        wait_for_text(page, FINISHED)
        assert "Every key reached the assistant." in shown(page)
        assert STOPPED not in shown(page)
        page.screenshot(path=str(tmp_path / "outcome.png"))
        assert (tmp_path / "outcome.png").stat().st_size > 0
    finally:
        context.close()


def test_two_tabs_at_once_are_two_independent_sessions(browser, server):
    first_context, first = open_tab(browser, server.url)
    second_context, second = open_tab(browser, server.url)
    try:
        play_to_second_question(first)
        # The second tab is still on its home screen: the first tab's step is not its.
        second.keyboard.type("browser check")
        second.keyboard.press("Enter")
        wait_for_text(second, FIRST)
        assert SECOND not in shown(second)
        second.keyboard.press("2")
        wait_for_text(second, STOPPED)
        first.keyboard.press("1")
        wait_for_text(first, FINISHED)
        assert STOPPED not in shown(first) and FINISHED not in shown(second)
        assert len(server.children()) >= 2
    finally:
        first_context.close()
        second_context.close()


def test_the_browser_language_is_used_and_the_switch_still_works(browser, server):
    context, page = open_tab(browser, server.url, locale="fr-FR")
    try:
        assert "Cherchez un guide" in shown(page)
        page.keyboard.press("F2")
        wait_for_text(page, "Search a guide or what goes wrong")
        before = mark(page)
        page.keyboard.press("F2")
        wait_for_text(page, "Diagnostiquer ce compte", since=before)
    finally:
        context.close()


def test_a_served_session_opens_no_server_path_and_downloads_its_transcript(
    browser, server, tmp_path
):
    context, page = open_tab(browser, server.url)
    try:
        page.keyboard.press("Control+o")
        wait_for_text(page, "paste a snapshot here")
        assert "path/to/snapshot.json" not in shown(page)
        # The path of a real snapshot on the server is only text that is not JSON.
        page.keyboard.press("Control+f")
        page.keyboard.type(str(EXAMPLE))
        page.keyboard.press("Enter")
        wait_for_text(page, "pasted snapshot: not valid JSON")
        before = mark(page)
        page.keyboard.press("Escape")
        wait_for_text(page, GUIDE_LISTED, since=before)
        play_to_second_question(page)
        page.keyboard.press("1")
        wait_for_text(page, FINISHED)
        with page.expect_download() as download_info:
            page.keyboard.press("Control+s")
        download = download_info.value
        wait_for_text(page, "Transcript sent to your browser")
        assert re.fullmatch(r"assistant-browser-check-\d{8}-\d{6}\.md",
                            download.suggested_filename)
        saved = tmp_path / download.suggested_filename
        download.save_as(saved)
        text = saved.read_text(encoding="utf-8")
        assert FINISHED in text and "owner@maisonlune.example" not in text
        assert files_under(server.cwd) == []
    finally:
        context.close()


def test_past_the_cap_a_page_says_the_assistant_is_busy(browser, tmp_path):
    served = start_server(tmp_path, GUIDES, "--max-sessions", "1")
    try:
        context, page = open_tab(browser, served.url)
        try:
            request = urllib.request.Request(served.url, headers={"Accept-Language": "fr"})
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(request)
            assert refused.value.code == 503
            body = refused.value.read().decode("utf-8")
            assert "L’assistant est occupé" in body
            other = browser.new_context(locale="en-US")
            busy = other.new_page()
            busy.goto(served.url)
            assert "The assistant is busy: 1 session is open" in busy.inner_text("#busy")
            other.close()
            # Playwright's loop runs in this thread: the client gets a thread of its own.
            with ThreadPoolExecutor(max_workers=1) as thread:
                late = thread.submit(asyncio.run, late_websocket(served.url)).result()
            assert "The assistant is busy" in late
        finally:
            context.close()
    finally:
        served.stop()


async def late_websocket(url: str) -> str:
    """What a websocket opened past the cap receives before it is closed."""
    import aiohttp

    received = []
    async with aiohttp.ClientSession() as client, client.ws_connect(url + "ws") as socket:
        async for message in socket:
            if message.type == aiohttp.WSMsgType.BINARY:
                received.append(message.data.decode("utf-8"))
    return "".join(received)


def test_ctrl_c_stops_every_session_and_leaves_no_file_behind(browser, tmp_path):
    served = start_server(tmp_path, GUIDES)
    context, page = open_tab(browser, served.url)
    play_to_second_question(page)
    sessions = served.children()
    assert sessions
    code, out, err = served.stop()
    context.close()
    assert code == 0, err
    assert "Stopped: every session is closed." in out
    assert [pid for pid in sessions if Path(f"/proc/{pid}").exists()] == []
    # The sessions' directories, progress included, went with the run's own directory.
    assert files_under(served.tmp) == []
    assert files_under(served.cwd) == [] and files_under(served.home) == []


def test_websockets_opened_by_another_site_are_refused(server):
    request = urllib.request.Request(server.url + "ws", headers={
        "Origin": "http://elsewhere.example", "Connection": "Upgrade", "Upgrade": "websocket",
        "Sec-WebSocket-Version": "13", "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
    })
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request)
    assert refused.value.code == 403
    with urllib.request.urlopen(server.url) as page:  # still there for everyone else
        assert page.status == 200
