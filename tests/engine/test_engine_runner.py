"""The runner: answers, back, restart, language switch, transcript, save and resume."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from functools import cache

import pytest

from assistant.account.model import CodeState
from assistant.account.scenarios import load_scenario
from assistant.account.snapshot import default_snapshot
from assistant.engine import (
    ChoiceError,
    GuideLibrary,
    ProgressError,
    Runner,
    from_progress,
    load_guides,
)
from assistant.i18n.translator import Translator
from assistant.resources import guides_dir

# switch-to-personal on a linked account, to the end of the unlink sub-guide:
# unlink now, before-you-start, open-settings, unlink clicked, code entered, gone, after.
TO_SUB_END = [1, 1, 1, 1, 1, 1, 1]


@cache
def library() -> GuideLibrary:
    return load_guides()


def runner(guide: str = "switch-to-personal", snapshot=None) -> Runner:
    return Runner(library(), guide, snapshot or load_scenario("switch-blocked-by-link"),
                  Translator("en"))


class Upper(Translator):
    """A stand-in for another language: every message in capitals."""

    def gettext(self, message: str, **fields: object) -> str:
        return super().gettext(message, **fields).upper()

    def pgettext(self, context: str, message: str, **fields: object) -> str:
        return super().pgettext(context, message, **fields).upper()


def test_automatic_steps_run_until_a_shown_step():
    r = runner()
    view = r.view()
    assert (view.guide, view.step, view.kind) == ("switch-to-personal", "linked-first", "ask")
    assert [e.kind for e in r.transcript] == ["check", "check", "show"]
    assert "maison.lune" in view.body and "{username}" not in view.body
    assert view.progress.taken == 1 and not view.can_go_back


def test_a_sub_guide_shows_its_trail_and_returns_on_its_outcome():
    r = runner()
    r.answer(1)
    view = r.view()
    assert [c.guide for c in view.trail] == ["switch-to-personal", "unlink-business"]
    for number in TO_SUB_END[1:]:
        r.answer(number)
    view = r.view()
    assert (view.guide, view.step, view.outcome, view.finished) == (
        "unlink-business", "done", "success", False)
    assert view.returns_to == "Switch to a personal account"
    assert view.choices == ("Continue: back to “Switch to a personal account”",)
    r.answer(1)
    assert (r.view().guide, r.view().step) == ("switch-to-personal", "open-manage-account")
    assert [e.kind for e in r.transcript][-3:] == ["answer", "return", "show"]


def test_answers_out_of_range_or_after_the_end_are_refused_without_change():
    r = runner("unlink-business", replace(default_snapshot(), business=None))
    assert r.finished and r.outcome == "success"
    with pytest.raises(ChoiceError):
        r.answer(1)
    r = runner()
    before = (r.view(), r.snapshot, r.transcript)
    for bad in (0, 3, -1):
        with pytest.raises(ChoiceError):
            r.answer(bad)
    assert (r.view(), r.snapshot, r.transcript) == before


def test_back_restores_the_account_across_a_sub_guide_boundary():
    r = runner()
    for number in TO_SUB_END + [1, 1]:
        r.answer(number)
    assert r.snapshot.tiktok.type.value == "personal"
    assert r.back()  # before the switch action
    assert r.snapshot.tiktok.type.value == "business" and not r.snapshot.is_linked
    assert r.back()  # the sub-guide's end
    assert r.view().guide == "unlink-business"
    while r.back():
        pass
    assert r.snapshot == r.initial and r.view().step == "linked-first"
    assert not r.back()


def test_restart_goes_back_to_the_first_step_and_the_initial_account():
    r = runner()
    for number in TO_SUB_END:
        r.answer(number)
    r.restart()
    assert r.view().step == "linked-first" and r.snapshot is r.initial
    assert r.answers == [] and [e.kind for e in r.transcript] == ["check", "check", "show"]


def test_changing_the_translator_keeps_the_place_and_renders_in_the_new_language():
    r = runner()
    r.answer(1)
    english = r.view()
    r.translator = Upper("en")
    shouting = r.view()
    assert (shouting.guide, shouting.step, shouting.progress) == (
        english.guide, english.step, english.progress)
    assert shouting.title == english.title.upper()
    assert shouting.choices == tuple(c.upper() for c in english.choices)
    assert r.shown_steps()[0].title == r.shown_steps()[0].title.upper()


def test_progress_counts_steps_taken_and_the_fewest_left():
    r = runner()
    first = r.view().progress
    assert first.taken == 1 and first.remaining >= 1 and first.to_success is not None
    r.answer(1)
    assert r.view().progress.taken == 2
    r2 = runner("switch-to-personal", load_scenario("not-admin-analyst"))
    r2.answer(1)  # into unlink, which ends at once: not an admin
    view = r2.view()
    assert view.outcome == "escalate" and view.progress.to_success is None
    assert view.progress.remaining == 1  # the caller's own escalate end


def test_the_transcript_records_actions_with_their_failure_code():
    r = runner("unlink-business", load_scenario("stale-cache-unlink"))
    while r.view().step != "find-account":
        r.answer(1)
    r.answer(1)  # I clicked Unlink: the stale cache makes it fail
    action = [e for e in r.transcript if e.kind == "action"][-1]
    assert (action.action, action.failure) == ("request_unlink_code", "browser-error")
    assert r.view().step == "clear-cache"
    # Plain words, never internal names: the product's own message for the failure.
    assert r.describe(action) == (
        "It did not work: Something went wrong in the browser. Clear the browser cache "
        "or try another browser, then try again."
    )
    lines = r.story()
    assert lines and all("_" not in line.split(":")[0] for line in lines)
    assert not any("request_unlink_code" in line or "is_linked" in line for line in lines)


def test_shown_steps_list_ask_and_end_steps_with_the_choice_made():
    r = runner("unlink-business", default_snapshot())
    r.answer(1)
    shown = r.shown_steps()
    assert [s.step for s in shown] == ["before-you-start", "open-settings"]
    assert [s.chose for s in shown] == [1, None]


def test_saved_progress_resumes_at_the_same_place_through_json():
    r = runner()
    for number in TO_SUB_END:
        r.answer(number)
    data = json.loads(json.dumps(r.to_progress()))
    resumed, notice = from_progress(data, library(), Translator("en"))
    assert notice is None
    assert resumed.view() == r.view()
    assert resumed.snapshot == r.snapshot and resumed.transcript == r.transcript
    assert resumed.back() and r.back() and resumed.snapshot == r.snapshot


def test_a_guide_changed_since_saving_restarts_with_a_notice(tmp_path):
    for path in guides_dir().glob("*.toml"):
        shutil.copy(path, tmp_path)
    r = runner()
    r.answer(1)
    data = r.to_progress()
    called = tmp_path / "unlink-business.toml"
    called.write_text(called.read_text() + "\n# edited\n")
    changed = load_guides(tmp_path)
    resumed, notice = from_progress(data, changed, Translator("en"))
    assert notice is not None and "updated" in notice.render(Translator("en"))
    assert resumed.view().step == "linked-first" and resumed.answers == []


def test_answers_that_no_longer_fit_restart_with_a_notice():
    data = runner().to_progress()
    data["answers"] = [1, 9]
    resumed, notice = from_progress(data, library(), Translator("en"))
    assert notice is not None and resumed.answers == []


@pytest.mark.parametrize(
    "data",
    [None, [], {"format": "other"}, {"format": "progress/1", "guide": "nope"},
     {"format": "progress/1", "guide": "unlink-business", "snapshot": {"format": "x"}}],
)
def test_unusable_progress_is_a_progress_error(data):
    with pytest.raises(ProgressError):
        from_progress(data, library(), Translator("en"))


def test_an_expired_code_found_in_the_account_leads_to_sending_a_new_one():
    r = runner("unlink-business", load_scenario("code-expired"))
    r.answer(1)  # before you start
    assert r.view().step == "code-expired"
    r.answer(1)
    assert r.snapshot.session.verification_code is CodeState.SENT
    assert r.view().step == "enter-code"


def test_an_unknown_guide_is_a_key_error():
    with pytest.raises(KeyError):
        runner("no-such-guide")


def test_a_run_can_open_a_guide_at_the_step_that_handles_a_symptom():
    from assistant.account.scenarios import load_scenario
    from assistant.engine import from_progress, load_guides
    from assistant.i18n.translator import Translator

    library = load_guides()
    runner = Runner(library, "unlink-business", load_scenario("unlink-ready"),
                    Translator("en"), start="no-email")
    assert runner.view().step == "no-email"
    runner.answer(1)
    assert runner.view().step == "enter-code"
    resumed, notice = from_progress(runner.to_progress(), library, Translator("en"))
    assert notice is None and resumed.view().step == "enter-code"
    with pytest.raises(KeyError):
        Runner(library, "unlink-business", load_scenario("unlink-ready"), Translator("en"),
               start="no-such-step")
