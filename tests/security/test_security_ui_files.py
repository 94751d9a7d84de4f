"""The files the UI reads and writes, under attack: a path box that takes only regular
files (``-``, a named pipe, a terminal and a folder are refused at once, the app never
freezes), one saved place per account that a second session never deletes, a
set-aside that says what really happened under a name of its own, and no temporary
file of a killed session left holding a snapshot.
"""

from __future__ import annotations

import asyncio
import json
import os
import threading
from pathlib import Path

import pytest
from test_security_ui import (  # noqa: F401 - fixtures used by name
    SIZE,
    assert_safe_on_screen,
    isolated_session,
    library,
    make_app,
)

from assistant.account.scenarios import load_scenario
from assistant.account.snapshot import SnapshotError, read_snapshot
from assistant.progress_store import PLACES_FORMAT, ProgressStore, SetAside
from assistant.tui.app import Account
from assistant.tui.screens.account import AccountScreen
from assistant.tui.screens.home import HomeScreen
from assistant.tui.screens.resume import set_aside_warning
from assistant.i18n.translator import get_translator

# -- the path box ------------------------------------------------------------------------


def _special_paths(tmp_path: Path) -> dict[str, tuple[str, str]]:
    """Paths that are not snapshot files, with the refusal each must get."""
    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)
    folder = tmp_path / "folder.json"
    folder.mkdir()
    paths = {
        "dash": ("-", "standard input is the keyboard here"),
        "fifo": (str(pipe), "a named pipe, not a snapshot file"),
        "folder": (str(folder), "a folder, not a snapshot file"),
        "dev-null": ("/dev/null", "a device, not a snapshot file"),
    }
    if os.path.exists("/dev/tty"):
        paths["dev-tty"] = ("/dev/tty", "a device, not a snapshot file")
    return paths


@pytest.mark.parametrize("name", ["dash", "fifo", "folder", "dev-null", "dev-tty"])
def test_the_regular_file_reader_refuses_what_would_block_before_opening_it(tmp_path, name):
    paths = _special_paths(tmp_path)
    if name not in paths:
        pytest.skip("no /dev/tty on this machine")
    path, expected = paths[name]
    with pytest.raises(SnapshotError) as refused:
        read_snapshot(path, regular_only=True)
    assert expected in str(refused.value) and "\n" not in str(refused.value)


@pytest.mark.parametrize("name", ["dash", "fifo", "folder", "dev-tty"])
async def test_a_path_that_would_block_is_refused_in_the_ui_and_escape_still_works(
    make_app, tmp_path, name  # noqa: F811 - the fixture
):
    paths = _special_paths(tmp_path)
    if name not in paths:
        pytest.skip("no /dev/tty on this machine")
    path, expected = paths[name]
    before = Account(load_scenario("switch-blocked-by-link"), scenario="switch-blocked-by-link")
    app = make_app(before)

    async def choose() -> None:
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await pilot.press("ctrl+o", "ctrl+f")
            await pilot.pause()
            app.screen.query_one("#snapshot-path").value = path
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, AccountScreen)
            error = app.screen.query_one("#account-error").render().plain
            assert expected in error and "\n" not in error
            assert app.account is before
            assert_safe_on_screen(app, expected)
            await pilot.press("escape")  # the app still answers its keys
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)

    # A frozen app (a read waiting on the pipe or the terminal) fails here, not hangs.
    await asyncio.wait_for(choose(), timeout=120)


# -- one saved place per account ---------------------------------------------------------


def _progress(guide: str) -> dict[str, object]:
    return {"format": "progress/1", "guide": guide, "answers": []}


def test_a_second_session_on_another_account_keeps_the_first_ones_place(tmp_path):
    path = tmp_path / "state" / "progress.json"
    first, second = ProgressStore(path), ProgressStore(path)
    first.save(_progress("link-business"), account="sha256:aaa")
    second.save(_progress("unlink-business"), account="sha256:bbb")
    second.clear("sha256:bbb")  # the second session ends its guide
    mine, _ = first.load("sha256:aaa")
    assert mine is not None and mine["progress"]["guide"] == "link-business"
    assert second.load("sha256:bbb") == (None, None)
    assert json.loads(path.read_text("utf-8"))["format"] == PLACES_FORMAT


def test_sessions_saving_at_the_same_time_lose_no_account(tmp_path):
    path = tmp_path / "state" / "progress.json"
    accounts = [f"sha256:{n:03}" for n in range(6)]
    errors: list[BaseException] = []

    def session(account: str) -> None:
        store = ProgressStore(path)  # its own lock descriptor, as another process has
        try:
            for step in range(15):
                store.save(_progress(f"guide-{step}"), account=account)
        except BaseException as problem:  # noqa: BLE001 - reported below
            errors.append(problem)

    threads = [threading.Thread(target=session, args=(a,)) for a in accounts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    store = ProgressStore(path)
    for account in accounts:
        place, set_aside = store.load(account)
        assert set_aside is None
        assert place is not None and place["progress"]["guide"] == "guide-14"
    assert list(path.parent.glob("*.tmp")) == []


# -- setting aside, honestly -------------------------------------------------------------


def test_a_set_aside_that_could_not_move_says_so_and_keeps_the_file(tmp_path, monkeypatch):
    path = tmp_path / "state" / "progress.json"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not json")

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("assistant.progress_store.os.replace", refuse)
    place, set_aside = ProgressStore(path).load("sha256:aaa")
    assert place is None and isinstance(set_aside, SetAside)
    assert not set_aside.moved and set_aside.problem == "Permission denied"
    assert set_aside.path == path and path.read_bytes() == b"not json"
    assert list(path.parent.glob("progress.json.unreadable-*")) == []  # none reserved
    for lang, words in (("en", "nor moved aside"), ("fr", "ni mise de côté")):
        warning = set_aside_warning(get_translator(lang), set_aside.reason, set_aside)
        assert words in warning and str(path) in warning
        assert "set aside:" not in warning and "mise de côté :" not in warning


def test_two_files_set_aside_in_the_same_second_keep_both(tmp_path, monkeypatch):
    monkeypatch.setattr("assistant.progress_store.time.strftime",
                        lambda *_args: "20261203-120000")
    path = tmp_path / "state" / "progress.json"
    path.parent.mkdir(parents=True)
    contents = [b"first broken file", b"second broken file"]
    asides = []
    for content in contents:
        path.write_bytes(content)
        _place, set_aside = ProgressStore(path).load()
        assert set_aside is not None and set_aside.moved
        asides.append(set_aside.path)
    assert len(set(asides)) == 2
    assert [a.read_bytes() for a in asides] == contents
    assert not path.exists()


def test_a_killed_sessions_temporary_file_is_removed_at_the_next_use(tmp_path):
    path = tmp_path / "state" / "progress.json"
    store = ProgressStore(path)
    store.save(_progress("link-business"), account="sha256:aaa")
    # What ``kill -9`` between writing and renaming leaves: a temporary with a snapshot.
    stale = path.parent / ".progress-k1ll3d.tmp"
    stale.write_text('{"snapshot": {"email": "ana@studio.example"}}', "utf-8")
    other = path.parent / "notes.tmp"  # not ours: left alone
    other.write_text("keep", "utf-8")
    place, _ = ProgressStore(path).load("sha256:aaa")
    assert place is not None
    assert not stale.exists() and other.exists()


# -- transcripts: whole or not at all, wherever the working directory went ---------------


@pytest.fixture
def transcript_homes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The documents folder, the data folder and the last-resort folder, under tmp_path."""
    import tempfile

    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(tmp_path / "documents"))
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    from assistant.transcript import transcript_directories

    return transcript_directories()


TEXT = "# Transcript\n\n" + "A line of the session.\n" * 2000


def _files_under(*folders: Path) -> list[Path]:
    return sorted(p for folder in folders if folder.exists() for p in folder.rglob("*")
                  if p.is_file())


def test_a_full_disk_leaves_no_truncated_transcript_and_the_next_folder_is_used(
    tmp_path, monkeypatch, transcript_homes
):
    from assistant import transcript

    chosen = tmp_path / "chosen"
    real_write = os.write
    full = {"left": 100}  # the chosen folder's disk takes 100 bytes, then is full

    class FullDisk:
        def __init__(self, stream):
            self._stream = stream

        def __getattr__(self, name):
            return getattr(self._stream, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self._stream.close()

        def write(self, data):
            if Path(os.readlink(f"/proc/self/fd/{self._stream.fileno()}")).parent == chosen:
                real_write(self._stream.fileno(), data[: full["left"]])
                raise OSError(28, "No space left on device")
            return self._stream.write(data)

    real_fdopen = os.fdopen
    monkeypatch.setattr(transcript.os, "fdopen",
                        lambda *args, **kwargs: FullDisk(real_fdopen(*args, **kwargs)))
    path = transcript.write_transcript(TEXT, "guide", chosen)
    assert path.parent == transcript_homes[0] and path.read_text("utf-8") == TEXT
    assert _files_under(chosen) == []  # no truncated file, no temporary left
    assert os.stat(path).st_mode & 0o077 == 0


def test_when_every_folder_is_full_nothing_is_left_and_the_error_is_raised(
    tmp_path, monkeypatch, transcript_homes
):
    from assistant import transcript

    def no_space(_descriptor):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(transcript.os, "fsync", no_space)
    with pytest.raises(OSError) as refused:
        transcript.write_transcript(TEXT, "guide", tmp_path / "chosen")
    assert refused.value.strerror == "No space left on device"
    assert _files_under(tmp_path / "chosen", *transcript_homes) == []


def test_a_relative_folder_with_the_working_directory_deleted_falls_back(
    tmp_path, monkeypatch, transcript_homes
):
    from assistant.transcript import transcript_directories, write_transcript

    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    assert Path("transcripts") not in transcript_directories(Path("transcripts"))
    path = write_transcript(TEXT, "guide", Path("transcripts"))
    assert path.is_absolute() and path.parent == transcript_homes[0]
    assert path.read_text("utf-8") == TEXT


def test_a_relative_folder_is_made_absolute_while_the_working_directory_exists(
    tmp_path, transcript_homes
):
    from assistant.transcript import write_transcript

    path = write_transcript(TEXT, "guide", Path("mine"))
    assert path.parent == tmp_path / "mine" and path.is_absolute()


def test_the_last_resort_is_a_private_folder_when_no_user_folder_works(
    tmp_path, monkeypatch, transcript_homes
):
    from assistant.transcript import write_transcript

    for blocked in transcript_homes[:-1]:
        blocked.parent.mkdir(parents=True, exist_ok=True)
        blocked.write_text("a file where the folder should be")
    path = write_transcript(TEXT, "guide")
    assert path.parent == transcript_homes[-1] and path.read_text("utf-8") == TEXT
    assert os.stat(path.parent).st_mode & 0o077 == 0


def test_the_last_resort_is_refused_when_someone_else_made_it_open(
    tmp_path, monkeypatch, transcript_homes
):
    from assistant.transcript import write_transcript

    for blocked in transcript_homes[:-1]:
        blocked.parent.mkdir(parents=True, exist_ok=True)
        blocked.write_text("a file where the folder should be")
    transcript_homes[-1].mkdir()
    transcript_homes[-1].chmod(0o777)  # planted, open to every user
    with pytest.raises(OSError):
        write_transcript(TEXT, "guide")
    assert list(transcript_homes[-1].iterdir()) == []


# -- emoji that terminals join into one glyph --------------------------------------------

JOINED_EMOJI = "ana\U0001F469\u200D\U0001F4BB\u2764\uFE0F\U0001F44D\U0001F3FD"
"""A username with a ZWJ sequence (👩‍💻), an emoji-presentation heart (❤️) and a
skin-tone modifier (👍🏽): a terminal draws each as one glyph, Textual measures its
parts, so the account panel's border would move."""

JOINERS = {"\u200D", "\uFE0E", "\uFE0F", *map(chr, range(0x1F3FB, 0x1F400))}


def test_emoji_joiners_are_dropped_from_what_is_shown_and_the_emoji_stay():
    from assistant.tui.text import shown

    text = shown(JOINED_EMOJI, one_line=True)
    assert not JOINERS & set(text)
    assert text == "ana\U0001F469\U0001F4BB\u2764\U0001F44D"


async def test_a_username_of_joined_emoji_keeps_the_account_panel_in_place(
    make_app, tmp_path  # noqa: F811 - the fixture
):
    from assistant.account.snapshot import default_snapshot, dump_snapshot
    from assistant.tui.screens.guide import GuideScreen
    from test_security_ui import terminal_output

    data = dump_snapshot(default_snapshot())
    data["tiktok"]["username"] = JOINED_EMOJI
    data["tiktok"]["devices"][0]["name"] = "\U0001F468\u200D\U0001F469\u200D\U0001F467 phone"
    path = tmp_path / "emoji.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    app = make_app(Account(read_snapshot(path), path=str(path)))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.open_guide("switch-to-personal", app.account.snapshot)
        await pilot.pause()
        assert isinstance(app.screen, GuideScreen)
        _stream, lines = terminal_output(app)
        drawn = "".join(lines)
        assert "ana\U0001F469\U0001F4BB" in drawn and "\U0001F468\U0001F469\U0001F467" in drawn
        assert not JOINERS & set(drawn)  # every glyph drawn as wide as it was measured


# -- an unexpected error: one masked line, never Textual's traceback with its locals -----


EMAIL = "jean-christophe.dupont@studio.example"


def _broken() -> None:
    snapshot_email = EMAIL  # noqa: F841 - a local Textual's traceback would show
    raise ValueError(f"cannot use {EMAIL} or 06 12 34 56 78")


def _assert_one_masked_line(line: str) -> None:
    assert line.startswith("assistant: internal error (ValueError: cannot use ")
    assert line.endswith("please report it, with ASSISTANT_DEBUG=1 for details")
    assert "dupont" not in line and "34 56" not in line and "\n" not in line


async def test_an_unexpected_error_in_the_ui_is_one_masked_line_without_locals(
    make_app, monkeypatch, capsys  # noqa: F811 - the fixture
):
    monkeypatch.delenv("ASSISTANT_DEBUG", raising=False)
    app = make_app()
    monkeypatch.setattr(app, "action_help", _broken)
    with pytest.raises(ValueError):  # Pilot hands the error to the test
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("f1")
            await pilot.pause()
    _assert_one_masked_line(app.fatal_message)
    assert app._exit_renderables == [] and app.return_code == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "dupont" not in err


def test_a_real_run_prints_that_line_alone_after_the_terminal_is_given_back(
    make_app, monkeypatch, capsys  # noqa: F811 - the fixture
):
    monkeypatch.delenv("ASSISTANT_DEBUG", raising=False)
    app = make_app()
    monkeypatch.setattr(app, "_first_screen_shown", _broken)
    app.run(headless=True, size=SIZE)
    assert app.return_code == 1
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    _assert_one_masked_line(lines[0])
    assert "Traceback" not in err
