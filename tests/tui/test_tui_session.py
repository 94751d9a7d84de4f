"""Diagnosis screen, transcript export and resuming a guide left in progress."""

from __future__ import annotations

import json

from textual.widgets import OptionList
from tui_helpers import open_from_home, press_until_finished, screen_text

from assistant.diagnose import diagnose
from assistant.privacy import contains_personal_data
from assistant.progress_store import ProgressStore
from assistant.transcript import mask_markdown
from assistant.tui.screens.account import AccountScreen
from assistant.tui.screens.diagnose import DiagnoseScreen
from assistant.tui.screens.guide import GuideScreen
from assistant.tui.screens.home import HomeScreen
from assistant.tui.screens.resume import ResumeScreen


def shows_personal_data(markdown: str) -> bool:
    """Whether masking (between the Markdown markers) would still change something."""
    return mask_markdown(markdown) != markdown or "owner@" in markdown


async def test_diagnose_screen_lists_findings_with_severity_marks(make_app):
    app = make_app()
    expected = diagnose(app.account.snapshot)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert isinstance(app.screen, DiagnoseScreen)
        options = app.screen.query_one("#findings", OptionList).options
        assert [str(o.prompt)[2:] for o in options] == [f.title for f in expected]
        assert str(options[0].prompt).startswith("✖")
        detail = screen_text(app, "#finding-detail")
        assert expected[0].code in detail
        assert "error" in detail


async def test_diagnosis_details_mask_personal_data(make_app):
    app = make_app(scenario="invitation-trouble")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+d")
        await pilot.pause()
        findings = app.screen.query_one("#findings", OptionList)
        for index in range(findings.option_count):
            findings.highlighted = index
            await pilot.pause()
            assert not contains_personal_data(screen_text(app, "#finding-detail"))
            assert not contains_personal_data(str(findings.options[index].prompt))


async def test_enter_on_a_finding_opens_its_guide_on_that_account(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+d")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, GuideScreen)
        assert app.screen.runner.guide_id == "unlink-business"
        assert app.screen.runner.initial == app.account.snapshot


async def test_diagnosis_follows_the_language(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+d")
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        from assistant.i18n.translator import get_translator

        french = diagnose(app.account.snapshot, translator=get_translator("fr"), mask=True)
        options = app.screen.query_one("#findings", OptionList).options
        assert str(options[0].prompt)[2:] == french[0].title


async def test_transcript_of_a_finished_guide_is_saved_masked(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+d")
        await pilot.pause()
        await pilot.press("escape")
        await open_from_home(pilot, "switch-to-personal", "personal")
        await press_until_finished(pilot)
        await pilot.press("1")
        await pilot.pause()
    written = list((tmp_path / "transcripts").glob("*.md"))
    assert len(written) == 1
    text = written[0].read_text(encoding="utf-8")
    assert text.startswith("# ")
    assert "Switch to a personal account" in text
    assert "Success" in text
    assert "Chose “Unlink the account now”" in text
    assert "linked-to-business" in text
    assert "@maisonlune.example" in text
    assert not shows_personal_data(text)


async def test_transcript_follows_the_language(make_app, tmp_path):
    app = make_app(lang="fr", guide_id="switch-to-personal")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    text = next((tmp_path / "transcripts").glob("*.md")).read_text(encoding="utf-8")
    language = next(line for line in text.split("\n") if "Langue" in line)
    assert language.endswith("fr")
    assert not shows_personal_data(text)


async def test_quitting_mid_guide_offers_to_continue(make_app, progress_path):
    first = make_app(guide_id="switch-to-personal")
    async with first.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("1", "1", "1")
        await pilot.pause()
        place = first.screen.runner.view()
        answers = list(first.screen.runner.answers)
        account = first.screen.runner.snapshot
    assert progress_path.exists()
    second = make_app(library=None)
    async with second.run_test(size=(80, 24)) as pilot:
        # Offered before the home screen takes a key: no need to wait for the guides.
        await pilot.pause()
        assert isinstance(second.screen, ResumeScreen)
        text = screen_text(second, "#resume-text")
        assert place.title in text
        assert "@maison.lune" in text and "Switch to a personal account" in text
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(second.screen, GuideScreen)
        runner = second.screen.runner
        assert (runner.view().step, runner.answers) == (place.step, answers)
        assert runner.snapshot == account


async def test_starting_afresh_forgets_the_saved_place(make_app, progress_path):
    first = make_app(guide_id="switch-to-personal")
    async with first.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
    second = make_app()
    async with second.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(second.screen, ResumeScreen)
        await pilot.press("2")
        await pilot.pause()
        assert isinstance(second.screen, HomeScreen)
    assert not progress_path.exists()


async def test_a_finished_guide_leaves_nothing_to_resume(make_app, progress_path):
    app = make_app(guide_id="switch-to-personal")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press_until_finished(pilot)
    assert not progress_path.exists()


async def test_a_corrupt_progress_file_is_set_aside_not_fatal(make_app, progress_path):
    progress_path.parent.mkdir(parents=True)
    progress_path.write_bytes(b"\x00{not json")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert not progress_path.exists()
        assert list(progress_path.parent.glob("progress.json.unreadable-*"))


async def test_progress_of_an_unknown_guide_is_set_aside(make_app, progress_path):
    ProgressStore(progress_path).save({"format": "progress/1", "guide": "no-such-guide"})
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert not progress_path.exists()
    aside = list(progress_path.parent.glob("progress.json.unreadable-*"))
    assert len(aside) == 1
    assert json.loads(aside[0].read_text())["progress"]["guide"] == "no-such-guide"


async def test_no_resume_offer_once_a_new_guide_is_open(make_app, progress_path):
    first = make_app(guide_id="switch-to-personal")
    async with first.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
    assert progress_path.exists()
    second = make_app(library=None)
    async with second.run_test(size=(80, 24)) as pilot:
        # A guide opened before the guides finished loading in the background.
        second.open_guide("unlink-business", second.account.snapshot)
        await pilot.pause()
        second.flush_library()
        await pilot.pause()
        assert isinstance(second.screen, GuideScreen)
        assert second.screen.runner.guide_id == "unlink-business"


async def test_a_place_saved_on_another_snapshot_is_not_offered(make_app, progress_path):
    first = make_app(guide_id="switch-to-personal")
    async with first.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
    assert progress_path.exists()
    other = make_app(scenario="share-at-limit", library=None)
    async with other.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        other.flush_library()
        await pilot.pause()
        assert isinstance(other.screen, HomeScreen)
        await pilot.press(*"unlink", "enter")
        await pilot.pause()
        # The guide opened on this customer's account, not on the saved one.
        assert isinstance(other.screen, GuideScreen)
        assert other.screen.runner.initial == other.account.snapshot
    # Customer A's place was replaced only by B's new guide, never offered to B.


async def test_escape_on_the_resume_prompt_keeps_the_place(make_app, progress_path):
    first = make_app(guide_id="switch-to-personal")
    async with first.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
    saved = progress_path.read_bytes()
    second = make_app()
    async with second.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(second.screen, ResumeScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(second.screen, HomeScreen)
    assert progress_path.read_bytes() == saved


async def test_escape_from_a_guide_then_reopening_continues_at_the_same_step(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_from_home(pilot, "switch-to-personal", "switch personal")
        await pilot.press("1")
        await pilot.pause()
        place = screen.runner.view().step
        answers = list(screen.runner.answers)
        assert answers
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        app.screen.query_one("#filter").value = ""
        await pilot.pause()
        reopened = await open_from_home(pilot, "switch-to-personal", "switch to personal")
        assert reopened.runner.view().step == place
        assert reopened.runner.answers == answers


async def test_restart_can_be_undone_with_b(make_app):
    app = make_app(guide_id="switch-to-personal")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        runner = app.screen.runner
        place, answers = runner.view().step, list(runner.answers)
        await pilot.press("r")
        await pilot.pause()
        assert runner.answers == [] and runner.view().progress.taken == 1
        await pilot.press("b")
        await pilot.pause()
        assert (runner.view().step, runner.answers) == (place, answers)


async def test_after_a_guide_diagnose_again_shows_the_cleared_finding(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert isinstance(app.screen, DiagnoseScreen)
        codes = [f.code for f in app.screen.findings]
        assert "linked-to-business" in codes
        await pilot.press("enter")  # the guide that fixes it: unlink-business
        await pilot.pause()
        assert isinstance(app.screen, GuideScreen)
        await press_until_finished(pilot)
        assert app.screen.runner.outcome == "success"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DiagnoseScreen)
        assert "linked-to-business" in [f.code for f in app.screen.findings]
        await pilot.press("d")
        await pilot.pause()
        assert "linked-to-business" not in [f.code for f in app.screen.findings]
        await pilot.press("escape")
        await pilot.pause()
        # Home follows the account as the guide left it, and can start over.
        assert "not linked" in screen_text(app, "#account-line")
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert app.simulated == app.account.snapshot
        assert "linked to TikTok For Business" in screen_text(app, "#account-line")


async def test_a_transcript_names_the_snapshot_and_no_internal_identifier(make_app, tmp_path):
    import re

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_from_home(pilot, "switch-to-personal", "personal")
        await press_until_finished(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        shown = screen_text(app, "#transcript-path")
    (written,) = (tmp_path / "transcripts").glob("*.md")
    assert str(written) in shown.replace("\n", "")  # the path stays on screen
    text = written.read_text(encoding="utf-8")
    header = text.split("## ", 1)[0]
    for label in ("Guide", "Outcome", "Snapshot", "Intent", "Assistant version", "Date"):
        assert f"**{label}:**" in header, label
    assert "Switching to personal while still linked" in header  # the scenario's name
    assert re.search(r"\*\*Date:\*\* \d{4}-\d\d-\d\d, \d\d:\d\d .*UTC[+-]\d\d:\d\d", header)
    assert "## The account at the start" in text and "## The account at the end" in text
    assert not re.search(r"\bis_\w+|\w+_code\b|\w+_\w+\(", text), re.findall(
        r"\bis_\w+|\w+_code\b", text)


async def test_a_transcript_in_english_whatever_the_language(make_app, tmp_path):
    app = make_app(lang="fr", guide_id="switch-to-personal")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+e")
        await pilot.pause()
    (written,) = (tmp_path / "transcripts").glob("*.md")
    text = written.read_text(encoding="utf-8")
    assert "**Language:** en" in text and "Étape" not in text


async def test_choosing_the_account_a_place_was_saved_for_offers_it(make_app, progress_path):
    first = make_app(guide_id="switch-to-personal")
    async with first.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
    second = make_app(scenario="share-at-limit")
    async with second.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(second.screen, HomeScreen)
        from assistant.account.scenarios import load_scenario
        from assistant.tui.app import Account

        second.push_screen(AccountScreen())
        await pilot.pause()
        second.set_account(Account(load_scenario("switch-blocked-by-link"),
                                   scenario="switch-blocked-by-link"))
        second.screen.dismiss()
        await pilot.pause()
        await pilot.pause()
        assert isinstance(second.screen, ResumeScreen)
