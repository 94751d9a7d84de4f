"""A language a translator adds just works: no code names the languages (issue 14).

A German catalogue of a few messages is written into a temporary copy of the
shipped ``locales/``; ``--lang de``, ``LANG=de_DE.UTF-8``, the F2 picker, the
translator preview and ``assistant check`` all see it. ``--lang xx`` warns once.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from i18n_guides import STEP_TITLE, TITLE, write_guide
from i18n_support import Entry, po_path, write_po

import assistant.cli
from assistant.account.scenarios import load_scenario
from assistant.engine import load_guides
from assistant.i18n.negotiate import negotiate
from assistant.i18n.translator import clear_cache, get_translator, languages
from assistant.resources import locales_dir

LINK_TITLE = TITLE
GERMAN_TITLE = "Verknüpfen Sie Ihr Beispielkonto"
GERMAN_HEADER = {
    "Content-Type": "text/plain; charset=UTF-8",
    "Language": "de",
    "Plural-Forms": "nplurals=2; plural=(n != 1);",
}


@pytest.fixture
def locales(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped locales with a German catalogue, and the tests' own guide
    (the shipped guides are being rewritten); everything reads them."""
    root = tmp_path / "locales"
    shutil.copytree(locales_dir(), root)
    monkeypatch.setenv("ASSISTANT_GUIDES_DIR", str(write_guide(tmp_path / "sample-guides")))
    step_title = STEP_TITLE
    write_po(root, [
        Entry(LINK_TITLE, [GERMAN_TITLE]),
        Entry("TikTok account assistant", ["TikTok-Konto-Assistent"]),
        Entry(step_title, ["DEUTSCHER SCHRITT"]),
    ], lang="de", header=GERMAN_HEADER)
    monkeypatch.setattr("assistant.i18n.translator.locales_dir", lambda: root)
    monkeypatch.setattr("assistant.i18n.checks.locales_dir", lambda: root)
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # no guides/ here: check reads the (patched) installed tree
    clear_cache()
    yield root
    clear_cache()


def test_the_new_language_is_offered(locales):
    assert languages() == ("en", "de", "fr")
    assert negotiate(None, {"LANG": "de_DE.UTF-8"}) == "de"
    assert negotiate("de", {}) == "de"


def test_lang_de_shows_the_german_text(locales, capsys):
    assert assistant.cli.main(["guides", "--lang", "de"]) == 0
    out, err = capsys.readouterr()
    assert GERMAN_TITLE in out and err == ""


def test_the_environment_chooses_german(locales, capsys, monkeypatch):
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    assert assistant.cli.main(["guides"]) == 0
    assert GERMAN_TITLE in capsys.readouterr().out


def test_help_lists_every_language(locales, capsys):
    with pytest.raises(SystemExit):
        assistant.cli.main(["guides", "--help"])
    assert "en, de, fr" in " ".join(capsys.readouterr().out.split())


def test_a_language_without_catalogue_warns_once_and_shows_english(locales, capsys):
    assert assistant.cli.main(["guides", "--lang", "xx"]) == 0
    out, err = capsys.readouterr()
    assert LINK_TITLE in out
    assert err.splitlines() == ["assistant: no catalogue for the language “xx”; using English"]


def test_check_reports_the_german_coverage(locales, capsys):
    assistant.cli.main(["check", "--lang", "en"])
    out = capsys.readouterr().out
    # The sample guide is not in the template: only the UI message counts.
    assert any(line.startswith("de: ") and "translated (1 of " in line
               for line in out.splitlines()), out
    assert f"{po_path(locales, 'de').name}" in out


def test_check_root_checks_a_checkout_and_says_so(locales, tmp_path, capsys):
    write_guide(tmp_path / "guides")
    assistant.cli.main(["check", "--root", str(tmp_path), "--lang", "en"])
    out, err = capsys.readouterr()
    assert err.startswith("Checking the guides and catalogues under ")
    assert any(line.startswith("de: ") for line in out.splitlines())


async def test_f2_opens_a_picker_of_every_language_and_the_preview_shows_german(
    locales, tmp_path
):
    from textual.widgets import OptionList, Static

    from assistant.progress_store import ProgressStore
    from assistant.tui.app import Account, AssistantApp
    from assistant.tui.screens.language_picker import LanguagePicker
    from assistant.tui.screens.translator import TranslatorScreen

    app = AssistantApp(
        lang="en", account=Account(load_scenario("switch-blocked-by-link"),
                                   scenario="switch-blocked-by-link"),
        library=load_guides(), progress_store=ProgressStore(tmp_path / "progress.json"),
        transcript_dir=tmp_path / "transcripts",
    )
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, LanguagePicker)
        options = app.screen.query_one(OptionList)
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        assert ids == ["en", "de", "fr"]
        options.highlighted = 1
        await pilot.press("enter")
        await pilot.pause()
        assert app.lang == "de"
        app.open_translator()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TranslatorScreen)
        assert screen.targets == ["de", "fr"] and screen.target == "de"
        title = screen.query_one("#tp-target-title", Static)
        assert "DEUTSCHER SCHRITT" in str(title.render())
        await pilot.press("l")
        await pilot.pause()
        assert screen.target == "fr"


def test_a_translator_for_german_uses_its_plural_rule(locales):
    t = get_translator("de")
    assert t.lang == "de" and t.messages is not None and t.messages.plural.nplurals == 2
