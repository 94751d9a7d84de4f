"""The guide commands: guides, run (run/1 JSON, --choose), export, check; bad input exits 2."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.resources import guides_dir

LINKED = Path(__file__).parent / "data" / "switch-blocked-by-link.json"
# Unlink now, before you start, User Settings, Unlink clicked, code entered, gone from
# the list, after unlinking, back to the switch, switched, it is personal.
SWITCH_TO_SUCCESS = ["1"] * 10


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def guides_copy(tmp_path, monkeypatch) -> Path:
    """The shipped guides copied to a directory the test may break."""
    for path in guides_dir().glob("*.toml"):
        shutil.copy(path, tmp_path)
    monkeypatch.setenv("ASSISTANT_GUIDES_DIR", str(tmp_path))
    return tmp_path


@pytest.fixture
def no_catalogue_check(monkeypatch):
    """Only the guide half of ``assistant check``."""
    monkeypatch.setattr("assistant.commands.check._catalogue_problems", lambda *args: [])


def test_run_drives_switch_to_personal_to_success_with_an_unlinked_personal_state(capsys):
    code, out, err = run(capsys, "run", "switch-to-personal", "--state", str(LINKED),
                         "--json", "--choose", *SWITCH_TO_SUCCESS)
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["format"] == "run/1" and data["guide"] == "switch-to-personal"
    assert (data["status"], data["outcome"], data["lang"]) == ("finished", "success", "en")
    assert data["state"]["format"] == "account-state/1"
    assert data["state"]["tiktok"]["type"] == "personal"
    assert data["state"]["business"]["linked_tiktok"] is None
    assert [s["chose"] for s in data["steps"]] == [1] * 10 + [None]
    assert {"id", "title", "body", "choices", "chose"} <= set(data["steps"][0])
    assert data["steps"][-1]["choices"] == []


def test_run_stops_waiting_at_the_first_step_without_a_choice(capsys):
    code, out, _ = run(capsys, "run", "switch-to-personal", "--state", str(LINKED),
                       "--json", "--choose", "1", "1")
    data = json.loads(out)
    assert code == 0 and (data["status"], data["outcome"]) == ("waiting", None)
    assert data["steps"][-1]["chose"] is None and data["steps"][-1]["choices"]
    assert data["state"]["business"]["linked_tiktok"] == "maison.lune"


def test_run_speaks_french_with_lang_fr(capsys):
    code, out, _ = run(capsys, "run", "unlink-business", "--lang", "fr", "--json")
    data = json.loads(out)
    if data["lang"] == "en":
        pytest.skip("the French catalogue is not compiled")
    assert code == 0 and data["lang"] == "fr"
    assert data["steps"][0]["title"] == "Avant de dissocier"
    assert data["steps"][0]["choices"] == ["Continuer"]


def test_run_prints_the_steps_for_people_without_json(capsys):
    code, out, _ = run(capsys, "run", "switch-to-personal", "--state", str(LINKED),
                       "--choose", "2")
    assert code == 0
    assert "First, unlink the account from TikTok For Business" in out
    assert "→ 2. I want to keep it linked" in out
    assert "Outcome: Blocked" in out


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["run", "no-such-guide"], "unknown guide 'no-such-guide'"),
        (["run", "unlink-business", "--choose", "7"], "choice 7 is out of range"),
        (["run", "unlink-business", "--choose", "0"], "choice 0 is out of range"),
        (["run", "unlink-business", "--state", "/nonexistent.json"], "/nonexistent.json"),
        (["export", "no-such-guide"], "unknown guide"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(capsys, args, expected):
    code, out, err = run(capsys, *args)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and expected in err


def test_an_invalid_snapshot_is_one_line_exit_2(capsys, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(LINKED.read_text().replace('"business",', '"businesss",', 1))
    code, out, err = run(capsys, "run", "switch-to-personal", "--state", str(bad))
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert "tiktok.type" in err


def test_too_many_choices_is_bad_input(capsys):
    code, _, err = run(capsys, "run", "switch-to-personal", "--state", str(LINKED),
                       "--choose", "2", "1")
    assert code == 2 and "ended" in err


def test_bad_input_has_no_traceback_in_a_real_process():
    result = subprocess.run(
        [sys.executable, "-m", "assistant", "run", "unlink-business", "--choose", "99"],
        capture_output=True, text=True,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_run_reads_the_snapshot_from_stdin(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(LINKED.read_bytes())))
    code, out, _ = run(capsys, "run", "switch-to-personal", "--state", "-", "--json")
    assert code == 0 and json.loads(out)["steps"][0]["id"] == "linked-first"


def test_interactive_mode_reads_numbers_and_goes_back(capsys, monkeypatch):
    answers = "x\n1\nb\n2\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO(answers))
    code, out, _ = run(capsys, "run", "switch-to-personal", "--state", str(LINKED),
                       "--interactive")
    assert code == 0
    assert "Please type a number from 1 to 2." in out
    assert "Before you unlink" in out  # after 1
    assert "Outcome: Blocked" in out  # back, then 2: keep it linked
    assert out.rstrip().endswith("Nothing in the account was changed.")


def test_guides_lists_every_shipped_guide(capsys):
    code, out, _ = run(capsys, "guides", "--json")
    data = json.loads(out)
    ids = [g["id"] for g in data["guides"]]
    assert code == 0 and data["format"] == "guides/1"
    assert {"unlink-business", "switch-to-personal", "link-business"} <= set(ids)
    code, out, _ = run(capsys, "guides")
    assert "switch-to-personal" in out and "Switch to a personal account" in out


def test_export_prints_a_mermaid_flowchart(capsys):
    code, out, _ = run(capsys, "export", "unlink-business", "--format", "mermaid")
    assert code == 0 and out.startswith("flowchart TD\n")
    assert "s_check_admin{" in out and "-->|" in out


def test_check_passes_on_the_shipped_guides(capsys, no_catalogue_check):
    code, out, _ = run(capsys, "check")
    assert code == 0 and "No problems" in out


def test_check_fails_with_file_and_line_on_a_broken_guide(
    capsys, guides_copy, no_catalogue_check
):
    path = guides_copy / "link-business.toml"
    path.write_text(path.read_text().replace('check = "is_linked"', 'check = "is_linkd"'))
    code, out, _ = run(capsys, "check")
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1)
                if text == "[steps.check-linked]")
    assert code == 1
    assert f"{path}:{line}: error: step 'check-linked': unknown check 'is_linkd'" in out
    code, _, err = run(capsys, "run", "link-business")
    assert code == 2 and "has problems" in err
    # Listing reads only each file's header: the guide is still listed.
    code, out, err = run(capsys, "guides", "--json")
    assert code == 0 and "link-business" in [g["id"] for g in json.loads(out)["guides"]]


def test_check_reports_a_crashing_catalogue_check_and_still_checks_guides(capsys, monkeypatch):
    def crash(*args: object) -> list:
        raise RuntimeError("boom")

    monkeypatch.setattr("assistant.commands.check._catalogue_problems", crash)
    code, out, _ = run(capsys, "check")
    assert code == 1 and "this check crashed: RuntimeError: boom" in out
