"""The terminal UI with hostile input: text shown literally and cleaned, hostile snapshot
files refused on screen, personal data masked in transcripts and warnings, progress
never lost.

What is checked is what the app would write to the terminal: each screen is rendered
the way Textual renders it for a real terminal (:func:`terminal_output`), and the
characters a terminal acts on are looked for in it with the security tests' own list
(:data:`security_support.RAW_CONTROL`).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from security_support import (
    CLICK,
    HOSTILE,
    OSC52,
    HostileTranslator,
    raw_controls,
    snapshot_json,
)
from test_security_hostile_snapshots import HOSTILE as HOSTILE_FILES

from assistant.account.scenarios import load_scenario
from assistant.account.snapshot import (
    default_snapshot,
    dump_snapshot,
    read_snapshot,
    snapshot_from_data,
)
from assistant.diagnose import diagnose
from assistant.engine import GuideLibrary, load_guides
from assistant.i18n.translator import get_translator
from assistant.progress_store import PLACES_FORMAT, ProgressStore
from assistant.transcript import session_markdown
from assistant.tui.app import Account, AssistantApp
from assistant.tui.screens.account import AccountScreen
from assistant.tui.screens.diagnose import DiagnoseScreen
from assistant.tui.screens.guide import GuideScreen
from assistant.tui.screens.help import HelpScreen
from assistant.tui.screens.home import HomeScreen
from assistant.tui.screens.translator import TranslatorScreen
from assistant.tui.widgets.markdown_view import parse_markdown

SIZE = (100, 30)
MARKUP = "Press [Enter] [/"
"""Text Textual would lose (``[Enter]``) or fail on (``[/``) if it parsed it as markup."""


@pytest.fixture(autouse=True)
def isolated_session(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """User directories and the working directory inside the test's own folder."""
    for name, folder in (("XDG_STATE_HOME", "state"), ("XDG_DATA_HOME", "data"),
                         ("XDG_CACHE_HOME", "cache")):
        monkeypatch.setenv(name, str(tmp_path / folder))
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE", "ASSISTANT_GUIDES_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(scope="module")
def library() -> GuideLibrary:
    """The shipped guides."""
    return load_guides()


@pytest.fixture
def make_app(tmp_path: Path, library: GuideLibrary) -> Callable[..., AssistantApp]:
    """An app on ``account`` (the example account unless told), saving under tmp_path."""

    def build(account: Account | None = None, **options: Any) -> AssistantApp:
        options.setdefault("library", library)
        options.setdefault("progress_store", ProgressStore(tmp_path / "state" / "p.json"))
        options.setdefault("transcript_dir", tmp_path / "transcripts")
        return AssistantApp(account=account, **options)

    return build


# -- what reaches the terminal ---------------------------------------------------------

_TEXTUAL_OWN = re.compile(r"\x1b\[[0-9;]*[mH]")
"""The sequences Textual itself writes around text: colours (SGR) and cursor moves."""


def terminal_output(app: AssistantApp) -> tuple[str, list[str]]:
    """What the app would write to a terminal for its whole screen now, and the text
    of each line (the screens below a dialog included)."""
    update = app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens
    )
    lines = ["".join(segment.text for strip in line for segment in strip)
             for line in update.strips]
    return update.render_segments(app.console), lines


def assert_safe_on_screen(app: AssistantApp, *expected: str) -> str:
    """Nothing a terminal acts on in what the app draws; ``expected`` all visible.

    Returns the screen's text, one line per row.
    """
    stream, lines = terminal_output(app)
    text = "\n".join(lines)
    assert raw_controls("".join(lines)) == []
    assert raw_controls(_TEXTUAL_OWN.sub("", stream).replace("\n", "")) == []
    for wanted in expected:
        assert wanted in text, f"{wanted!r} is not on screen:\n{text}"
    assert app.is_running and app.return_code is None
    return text


# -- 1. safe text in every widget ------------------------------------------------------


def markup_account(tmp_path: Path) -> Account:
    """An account whose username and linked phone hold markup-looking text."""
    data = dump_snapshot(default_snapshot())
    data["tiktok"]["username"] = CLICK
    data["business"]["linked_tiktok"] = CLICK
    data["tiktok"]["devices"][0]["name"] = MARKUP
    path = tmp_path / "markup.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return Account(read_snapshot(path), path=str(path))


async def test_snapshot_text_that_looks_like_markup_is_shown_literally(make_app, tmp_path):
    app = make_app(markup_account(tmp_path))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert_safe_on_screen(app, f"Simulated account: @{CLICK}")
        # Were it markup, this click would run app.quit.
        await pilot.click("#account-line", offset=(22, 0))
        await pilot.pause()
        app.open_guide("switch-to-personal", app.account.snapshot)
        await pilot.pause()
        assert isinstance(app.screen, GuideScreen)
        text = assert_safe_on_screen(app, f"{CLICK} is linked", f"@{CLICK}", MARKUP)
        assert re.search(r"Linked phone +Press \[Enter\] \[/", text)  # the panel, as text
        await pilot.click("#step-body", offset=(2, 0))
        await pilot.press("escape", "ctrl+d")
        await pilot.pause()
        assert isinstance(app.screen, DiagnoseScreen)
        # The diagnosis masks what looks like an address ("[***@click…"): as text.
        assert_safe_on_screen(app, "@click=app.quit]x[/]")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert_safe_on_screen(app, "Transcript saved")


HOSTILE_SCREENS = ["home", "help", "account", "diagnose", "guide", "outcome", "translator"]


@pytest.mark.parametrize("where", HOSTILE_SCREENS)
async def test_a_hostile_catalogue_never_reaches_the_terminal_from_the_ui(
    make_app, monkeypatch, where
):
    monkeypatch.setattr("assistant.tui.app.get_translator", lambda lang: HostileTranslator(lang))
    monkeypatch.setattr("assistant.tui.screens.translator.get_translator",
                        lambda lang: HostileTranslator(lang))
    app = make_app(Account(load_scenario("switch-blocked-by-link")))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        if where == "help":
            await pilot.press("f1")
        elif where == "account":
            await pilot.press("ctrl+o")
        elif where == "diagnose":
            await pilot.press("ctrl+d")
        elif where == "translator":
            await pilot.press("ctrl+t")
        elif where in ("guide", "outcome"):
            app.open_guide("switch-to-personal", app.account.snapshot)
            await pilot.pause()
            await pilot.press("1")
            if where == "outcome":
                await pilot.press(*"1" * 15)
                await pilot.pause()
                assert app.screen.runner.finished
                await pilot.press("1")  # save the transcript: a notification
        await pilot.pause()
        screens = {"help": HelpScreen, "account": AccountScreen, "diagnose": DiagnoseScreen,
                   "translator": TranslatorScreen, "guide": GuideScreen,
                   "outcome": GuideScreen, "home": HomeScreen}
        assert isinstance(app.screen, screens[where])
        text = assert_safe_on_screen(app, "evil")
        assert "[/]" in text  # the markup-looking end of the hostile text, shown as text


def test_the_step_view_drops_every_terminal_control_from_a_body():
    body = f"# {HOSTILE}\n\n- {HOSTILE} **{OSC52}**\n\n`{HOSTILE}`\n\n```\n{HOSTILE}\n```\n"
    document = parse_markdown(body)
    lines = [line.plain for line in document.lines(60)]
    assert raw_controls("".join(lines)) == []
    assert "evil" in "".join(lines) and "[/]" in "".join(lines)


# -- 5. hostile snapshot files in the UI -------------------------------------------------

UI_FILES = {
    "bom-and-garbage": (b"\xef\xbb\xbfgarbage", "not valid JSON"),
    "osc52-username": (snapshot_json(username=OSC52 + CLICK).encode(), "tiktok.username"),
    **{name: HOSTILE_FILES[name] for name in (
        "duplicate-key", "nan", "5000-digits", "deep-lists", "deep-objects", "over-1-mib",
    )},
}


@pytest.mark.parametrize("name", sorted(UI_FILES))
async def test_a_hostile_snapshot_file_in_the_ui_is_one_line_and_the_account_is_kept(
    make_app, tmp_path, name
):
    content, expected = UI_FILES[name]
    path = tmp_path / f"{name}.json"
    path.write_bytes(content)
    before = Account(load_scenario("switch-blocked-by-link"), scenario="switch-blocked-by-link")
    app = make_app(before)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("ctrl+o", "ctrl+f")
        await pilot.pause()
        box = app.screen.query_one("#snapshot-path")
        box.value = path.name
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AccountScreen)
        error = app.screen.query_one("#account-error").render().plain
        assert "\n" not in error and error.startswith(f"{name}.json: ")
        assert expected in error and "Traceback" not in error
        assert app.account is before
        assert_safe_on_screen(app, expected)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.account is before


async def test_pasted_terminal_controls_never_enter_a_text_box(make_app):
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        filter_box = app.screen.query_one("#filter")
        filter_box.insert_text_at_cursor(f"link{OSC52}")
        await pilot.pause()
        assert raw_controls(filter_box.value) == [] and filter_box.value.startswith("link")
        assert_safe_on_screen(app, "link]52;c;SGVsbG8=[/]")


# -- 7. personal data in transcripts and warnings --------------------------------------

EMAILS = ["owner@maisonlune.example", "ana.martin@studio.example", "j.doe@agence.example"]
PHONES = ["06 12 34 56 78", "06.12.34.56.78", "0612345678", "+33 6 12 34 56 78",
          "+33 (0)6 12 34 56 78", "+44 20 7946 0958", "+1 415 555 0100"]


def personal_account(phone: str) -> Account:
    """The linked example account with an admin, an invitee and a phone everywhere."""
    data = dump_snapshot(load_scenario("switch-blocked-by-link"))
    owner, member, invitee = EMAILS
    data["tiktok"].update(email=owner, phone=phone)
    data["tiktok"]["devices"] = [{"name": f"Pixel {phone}", "kind": "mobile", "linked": True}]
    data["business"].update(email=owner, members=[
        {"email": owner, "role": "admin"}, {"email": member, "role": "editor"}])
    data["business"]["invitations"] = [{"email": invitee, "role": "analyst",
                                         "status": "pending"}]
    data["session"].update(actor=owner, business_profile=owner)
    return Account(snapshot_from_data(data, "test"))


_EMAIL = re.compile(r"[^\s@<>()\[\]`*„“”«»\"']+@[^\s@<>()\[\]`*]+")
_DIGITS = re.compile(r"\+?\(?\d[\d .()\-]{5,}\d")


def unmasked(text: str) -> list[str]:
    """Emails whose local part is shown and numbers of 6 or more digits in ``text``."""
    found = [e for e in _EMAIL.findall(text) if not re.match(r"^.\*\*\*@", e)]
    found += [n for n in _DIGITS.findall(text) if sum(c.isdigit() for c in n) >= 6]
    return found


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("phone", PHONES)
async def test_a_transcript_holds_no_address_or_number(make_app, tmp_path, library, lang,
                                                       phone):
    account = personal_account(phone)
    app = make_app(account, lang=lang)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("ctrl+d")
        await pilot.pause()
        app.open_guide("switch-to-personal", account.snapshot)
        await pilot.pause()
        # The step and the account panel may end up in a screenshot for a ticket too.
        assert unmasked("\n".join(terminal_output(app)[1])) == []
        await pilot.press("1", "1", "1", "1")
        await pilot.press("ctrl+s")
        await pilot.pause()
    (saved,) = (tmp_path / "transcripts").glob("*.md")
    text = saved.read_text(encoding="utf-8")
    # The date and time of the session are the program's own numbers.
    body = "\n".join(line for line in text.splitlines() if not line.startswith("- **Date"))
    assert "a***@studio.example" in text or "o***@maisonlune.example" in text
    assert unmasked(body) == [], unmasked(body)
    for value in [*EMAILS, phone]:
        assert value not in text


def test_the_transcript_checker_would_see_an_unmasked_value():
    assert unmasked("write to ana.martin@studio.example") == ["ana.martin@studio.example"]
    assert unmasked("call +33 (0)6 12 34 56 78") != []
    assert unmasked("- **Link:** linked · o***@maisonlune.example · ** ** ** ** 78") == []


def test_session_markdown_masks_every_value_it_quotes():
    account = personal_account("+33 6 12 34 56 78")
    text = session_markdown(get_translator("en"), snapshot=account.snapshot,
                            findings=diagnose(account.snapshot))
    assert unmasked(text) == []


async def test_a_warning_about_saved_progress_masks_what_it_quotes(make_app, tmp_path):
    store = ProgressStore(tmp_path / "state" / "p.json")
    snapshot = dump_snapshot(default_snapshot())
    snapshot["tiktok"]["ana.martin@studio.example"] = 1
    store.save({"format": "progress/1", "guide": "switch-to-personal", "snapshot": snapshot})
    app = make_app(progress_store=store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        text = assert_safe_on_screen(app, "set aside")
        assert isinstance(app.screen, HomeScreen)
    assert "ana.martin@studio.example" not in text and "***@studio.example" in text


async def test_a_refused_snapshot_line_masks_the_number_it_quotes(make_app, tmp_path):
    data = dump_snapshot(default_snapshot())
    data["tiktok"]["+33 6 12 34 56 78"] = True
    (tmp_path / "phone.json").write_text(json.dumps(data), encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("ctrl+o", "ctrl+f")
        app.screen.query_one("#snapshot-path").value = "phone.json"
        await pilot.press("enter")
        await pilot.pause()
        error = app.screen.query_one("#account-error").render().plain
    assert error.startswith("phone.json: ") and "unknown field" in error
    assert "+33 6 12 34 56 78" not in error and unmasked(error) == []


# -- 8. nothing lost ---------------------------------------------------------------------


def test_progress_is_written_to_a_temporary_file_synced_then_renamed(tmp_path, monkeypatch):
    store = ProgressStore(tmp_path / "state" / "progress.json")
    store.save({"answers": [1]})
    calls: list[tuple[str, Any]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(descriptor: int) -> None:
        calls.append(("fsync", os.readlink(f"/proc/self/fd/{descriptor}")))
        real_fsync(descriptor)

    def replace(source: Any, target: Any) -> None:
        calls.append(("replace", (str(source), str(target))))
        # The old progress is still whole until the rename.
        (old,) = json.loads(Path(target).read_text())["places"]
        assert old["progress"] == {"answers": [1]}
        (new,) = json.loads(Path(source).read_text())["places"]
        assert new["progress"] == {"answers": [1, 2]}
        real_replace(source, target)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    store.save({"answers": [1, 2]})
    (kind1, temporary), (kind2, (source, target)), (kind3, directory) = calls
    assert (kind1, kind2, kind3) == ("fsync", "replace", "fsync")
    assert temporary == source and Path(source).parent == store.path.parent
    assert target == str(store.path) and directory == str(store.path.parent)
    assert store.load()[0]["progress"] == {"answers": [1, 2]}


def test_a_failed_write_keeps_the_previous_progress_and_no_temporary_file(tmp_path,
                                                                           monkeypatch):
    store = ProgressStore(tmp_path / "progress.json")
    store.save({"answers": [1]})

    def full_disk(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError):
        store.save({"answers": [1, 2]})
    assert store.load()[0]["progress"] == {"answers": [1]}
    assert sorted(p.name for p in tmp_path.iterdir()) == [".progress.json.lock",
                                                          "progress.json"]


FOREIGN = {
    "not-json": b"\x00{not json",
    "another-format": json.dumps({"format": "someone-else/3", "progress": {}}).encode(),
    "a-list": b"[1, 2, 3]",
    "too-big": b" " * (1024 * 1024 + 1),
    "not-utf8": b"\xff\xfe{}",
    "unknown-guide": json.dumps({"format": "progress-file/1", "progress": {
        "format": "progress/1", "guide": "no-such-guide"}}).encode(),
}


@pytest.mark.parametrize("name", sorted(FOREIGN))
async def test_a_corrupt_or_foreign_progress_file_is_set_aside_with_a_warning(
    make_app, tmp_path, name
):
    path = tmp_path / "state" / "p.json"
    path.parent.mkdir(parents=True)
    path.write_bytes(FOREIGN[name])
    app = make_app(progress_store=ProgressStore(path))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert_safe_on_screen(app, "set aside")
        await pilot.press(*"personal", "enter")
        await pilot.pause()
        assert isinstance(app.screen, GuideScreen)  # the app goes on as usual
    # The guide just opened saved its own place; the foreign file is only set aside.
    assert not path.exists() or json.loads(path.read_text())["format"] == PLACES_FORMAT
    (aside,) = path.parent.glob("p.json.unreadable-*")
    assert aside.read_bytes() == FOREIGN[name]


async def test_the_saved_place_is_on_disk_right_after_each_step(make_app, tmp_path):
    store = ProgressStore(tmp_path / "state" / "p.json")
    app = make_app(Account(load_scenario("switch-blocked-by-link")), progress_store=store,
                   guide_id="switch-to-personal")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        for answers in ([1], [1, 1], [1, 1, 1]):
            await pilot.press("1")
            await pilot.pause()
            app.flush_progress()
            assert store.load()[0]["progress"]["answers"] == answers
            assert app.screen.runner.answers == answers

