"""Answers from the account (``pick``), typed answers (``input``), honest single answers,
hand-overs, the next guide and the verdict, on small guides written for the tests."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from builders import LEA, MARC, OWNER, business, session

from assistant.account.model import Member, Role
from assistant.account.snapshot import default_snapshot
from assistant.cli import main
from assistant.engine import ChoiceError, Runner, load_guides
from assistant.engine.typed import InputError
from assistant.engine.verdict import changed, handoff, next_guide, verdict
from assistant.i18n.translator import Translator, get_translator

REMOVE = '''
id = "pick-remove"
title = "Remove someone"
topic = "team"
summary = "Pick a member and remove them."
start = "which"

[steps.which]
kind = "pick"
title = "Who should lose access?"
body = "Pick the person."
from = "other-members"
next = "remove"
if_empty = "nobody"
choices = [ { label = "Someone not in this list", next = "not-listed" } ]

[steps.remove]
kind = "action"
action = "remove_member"
args = { email = "$member" }
next = "done"
on_failure = { no-business-account = "stuck", offline = "stuck", not-signed-in = "stuck", not-admin = "stuck", browser-error = "stuck", not-member = "stuck", last-admin = "stuck" }

[steps.done]
kind = "end"
outcome = "success"
title = "{member} was removed"
body = "Done."
next_guide = "type-invite"

[steps.nobody]
kind = "end"
outcome = "success"
title = "Nobody else is on the team"
body = "Nothing to do."

[steps.not-listed]
kind = "end"
outcome = "blocked"
title = "Not on the team"
body = "They have no access through the team."

[steps.stuck]
kind = "end"
outcome = "escalate"
title = "Ask support"
body = "Ask support."
handoff_to = "the administrator of {business_email}"
'''

INVITE = '''
id = "type-invite"
title = "Invite someone"
topic = "team"
summary = "Type an address and invite it."
start = "who"

[steps.who]
kind = "input"
title = "Their email address"
body = "Type it."
store = "invitee"
next = "invite"
choices = [ { label = "I don't know it", next = "later" } ]

[steps.invite]
kind = "action"
action = "invite_member"
args = { email = "$invitee", role = "editor" }
next = "sent"
on_failure = { no-business-account = "later", offline = "later", not-signed-in = "later", personal-account = "later", not-admin = "later", invalid-email = "later", already-member = "later", browser-error = "later" }

[steps.sent]
kind = "end"
outcome = "success"
title = "Invitation sent to {invitee}"
body = "Sent."

[steps.later]
kind = "end"
outcome = "blocked"
title = "Come back with the address"
body = "Ask them for it."
'''


def _library(tmp_path: Path, **guides: str):
    for name, text in guides.items():
        (tmp_path / f"{name}.toml").write_text(textwrap.dedent(text), encoding="utf-8")
    return load_guides(tmp_path)


@pytest.fixture
def library(tmp_path):
    found = _library(tmp_path, **{"pick-remove": REMOVE, "type-invite": INVITE})
    assert [str(p) for p in found.problems] == []
    return found


def _team():
    """The default account with a current member and a former one who still has access."""
    s = default_snapshot()
    assert s.business is not None
    members = s.business.members + (Member(MARC, Role.EDITOR),
                                    Member(LEA, Role.ANALYST, departed=True))
    return session(business(s, members=members, invitations=()), business_profile=OWNER)


def test_a_pick_step_offers_each_member_with_the_departed_first(library):
    runner = Runner(library, "pick-remove", _team(), Translator("en"))
    view = runner.view()
    assert view.kind == "pick" and view.items == 2
    assert view.choices[0].startswith(LEA) and "has left" in view.choices[0]
    assert view.choices[1].startswith(MARC) and "has left" not in view.choices[1]
    assert view.choices[2] == "Someone not in this list"
    assert not any(OWNER in label for label in view.choices), "the person is not offered"


def test_a_pick_acts_on_the_one_chosen_and_only_on_them(library):
    runner = Runner(library, "pick-remove", _team(), Translator("en"))
    runner.answer(2)
    assert runner.outcome == "success"
    assert runner.snapshot.business is not None
    emails = [m.email for m in runner.snapshot.business.members]
    assert MARC not in emails and LEA in emails
    assert runner.view().title == f"{MARC} was removed"
    runner.back()
    assert runner.picks == {} and runner.view().step == "which"


def test_a_pick_with_nothing_to_offer_goes_on_without_showing(library):
    s = business(default_snapshot(), invitations=())
    runner = Runner(library, "pick-remove", s, Translator("en"))
    assert runner.finished and runner.view().step == "nobody"


def test_the_extra_choices_of_a_pick_come_after_the_items(library):
    runner = Runner(library, "pick-remove", _team(), Translator("en"))
    runner.answer(3)
    assert runner.view().step == "not-listed"
    with pytest.raises(ChoiceError):
        Runner(library, "pick-remove", _team(), Translator("en")).answer(4)


def test_a_typed_email_is_invited_and_a_bad_one_changes_nothing(library):
    runner = Runner(library, "type-invite", _team(), Translator("en"))
    assert runner.view().input == "email"
    with pytest.raises(InputError) as refused:
        runner.answer_text("not an address")
    assert "email address" in refused.value.render(Translator("en"))
    assert "adresse" in refused.value.render(get_translator("fr"))
    assert runner.view().step == "who" and runner.answers == []
    runner.answer_text("  new.person@example.com ")
    assert runner.outcome == "success"
    assert runner.snapshot.business is not None
    assert [i.email for i in runner.snapshot.business.invitations] == ["new.person@example.com"]
    assert runner.shown_steps()[0].input == "new.person@example.com"


def test_a_typed_answer_survives_saving_and_resuming(library):
    from assistant.engine import from_progress

    runner = Runner(library, "type-invite", _team(), Translator("en"))
    runner.answer_text("new.person@example.com")
    resumed, notice = from_progress(json.loads(json.dumps(runner.to_progress())), library,
                                    Translator("en"))
    assert notice is None and resumed.snapshot == runner.snapshot


def test_check_refuses_a_single_written_answer_without_a_reason(tmp_path):
    text = INVITE.replace('''choices = [ { label = "I don't know it", next = "later" } ]''', "")
    text = text.replace('next = "sent"', 'next = "tapped"')
    text = text.replace('''[steps.later]''', '''[steps.tapped]
kind = "ask"
title = "Tap Invite"
body = "Tap it."
choices = [ { label = "I tapped Invite", next = "sent" } ]

[steps.later]''')
    found = _library(tmp_path, **{"type-invite": text})
    assert any("only answer assumes it worked" in str(p) for p in found.problems)
    reasoned = text.replace('title = "Tap Invite"', 'title = "Tap Invite"\nsingle_answer = "x"')
    assert _library(tmp_path, **{"type-invite": reasoned}).problems == []


def test_check_refuses_an_escalate_ending_without_a_handoff(tmp_path):
    found = _library(tmp_path, **{"pick-remove": REMOVE.replace(
        'handoff_to = "the administrator of {business_email}"', ""), "type-invite": INVITE})
    assert any("handoff_to" in str(p) for p in found.problems)


def test_an_escalate_ending_hands_over_with_a_masked_summary(library):
    s = session(_team(), online=False)
    runner = Runner(library, "pick-remove", s, Translator("en"))
    runner.answer(1)
    assert runner.outcome == "escalate"
    text = handoff(runner)
    assert text is not None
    assert "administrator of" in text and "Remove someone" in text
    assert "No internet connection" in text
    assert OWNER not in text and "@" in text, "emails are masked, not dropped"
    french = handoff(runner, get_translator("fr"))
    assert french is not None and french != text


def test_the_verdict_shows_what_cleared_and_the_ending_leads_on(library):
    s = _team()
    runner = Runner(library, "pick-remove", s, Translator("en"))
    runner.answer(1)
    result = verdict(runner, "remove-member")
    assert result is not None
    assert "former-member-access" in result.before
    assert "former-member-access" in result.cleared
    assert changed(runner)
    assert next_guide(runner) == "type-invite"


def test_nothing_changed_is_not_a_change(library):
    runner = Runner(library, "pick-remove", _team(), Translator("en"))
    runner.answer(3)
    assert not changed(runner)


def test_run_takes_answers_and_reports_the_verdict(library, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("ASSISTANT_GUIDES_DIR", str(library.directory))
    state = tmp_path / "team.json"
    from assistant.account.snapshot import snapshot_to_json

    state.write_text(snapshot_to_json(_team()), encoding="utf-8")
    code = main(["run", "type-invite", "--state", str(state), "--answer",
                 "new.person@example.com", "--intent", "add-member", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out["outcome"] == "success" and out["changed"] is True
    assert out["steps"][0]["input"] == "new.person@example.com"
    assert out["intent"] == "add-member"
    assert "invite-pending" in out["findings_after"]
    assert out["next"] is None and "handoff" not in out


def test_run_refuses_a_bad_typed_answer_in_one_line(library, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("ASSISTANT_GUIDES_DIR", str(library.directory))
    code = main(["run", "type-invite", "--answer", "nobody", "--json"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1
    assert "--answer 1" in err[0] and "email address" in err[0]
