"""``assistant diagnose``: output, JSON shape and exit codes (SPEC §4)."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest
from diagnose_support import EXAMPLES, OWNER, change, fragment_translator, healthy

import assistant.cli
from assistant.account.model import Invitation, InvitationStatus, Role
from assistant.account.snapshot import snapshot_to_json
from assistant.diagnose import CODES
from assistant.i18n.translator import get_translator
from assistant.privacy import contains_personal_data

NBSP = "\u00a0"


@pytest.fixture(autouse=True)
def french_from_fragment(monkeypatch):
    """French comes from this area's fragment, whatever the merged catalogue holds."""
    monkeypatch.setattr(
        assistant.cli, "get_translator",
        lambda lang: fragment_translator() if lang == "fr" else get_translator("en"),
    )
    monkeypatch.delenv("LANGUAGE", raising=False)
    monkeypatch.setenv("LC_ALL", "C")


@pytest.fixture
def run(capsys, monkeypatch):
    """Run the command line in-process: ``run(*argv, stdin=None)`` → (code, out, err)."""

    def _run(*argv: str, stdin: str | None = None) -> tuple[int, str, str]:
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode())))
        code = assistant.cli.main(["diagnose", *argv])
        out, err = capsys.readouterr()
        return code, out, err

    return _run


def _file(tmp_path, snapshot, name="snapshot.json") -> str:
    path = tmp_path / name
    path.write_text(snapshot_to_json(snapshot), encoding="utf-8")
    return str(path)


def example(name: str) -> str:
    return str(EXAMPLES / f"{name}.json")


def test_no_finding_exits_0_and_says_so(run, tmp_path):
    code, out, err = run(_file(tmp_path, healthy()))
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == "No problem found."


def test_an_error_finding_exits_1(run):
    code, out, _ = run(example("switch-blocked-by-link"))
    assert code == 1
    assert "[✗] maison.lune is still linked to TikTok For Business · linked-to-business" in out
    assert "    Fix: assistant run unlink-business" in out


def test_warnings_only_exit_0(run, tmp_path):
    code, out, _ = run(_file(tmp_path, change(healthy(), tiktok={"two_factor": False})))
    assert code == 0
    assert out.splitlines()[1].startswith("[!] ")
    assert "Summary: 0 errors, 1 warning, 0 notes." in out


def test_info_has_its_own_mark_and_exits_0(run, tmp_path):
    code, out, _ = run(_file(tmp_path, healthy()), "--intent", "link")
    assert code == 0
    assert out.splitlines()[1].startswith("[i] ")


def test_human_output_is_one_line_per_finding_with_indented_detail(run):
    _, out, _ = run(example("share-at-limit"))
    lines = out.splitlines()
    assert lines[0] == "Diagnosis of maison.lune, trying to share the account with someone:"
    marks = [line[:3] for line in lines if line.startswith("[")]
    assert marks == ["[✗]", "[!]", "[!]", "[!]"]
    body = [line for line in lines[1:] if line and not line.startswith(("[", "Summary"))]
    assert all(line.startswith("    ") for line in body)
    assert lines[-1] == "Summary: 1 error, 3 warnings, 0 notes."


def test_french_output_keeps_the_marks_and_french_typography(run):
    code, out, _ = run(example("invitation-trouble"), "--lang", "fr")
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == f"Diagnostic de maison.lune, pour ajouter un membre à l’équipe{NBSP}:"
    assert lines[1].startswith("[✗] L’invitation à a***@studio.example a été acceptée")
    assert any(line.startswith("[!] L’invitation à p***@studio.example") for line in lines)
    assert any(
        line.startswith(f"    Pour corriger{NBSP}: assistant run add-member --state ")
        for line in lines
    )
    assert f"Bilan{NBSP}: 1 erreur, 1 avertissement, 0 remarque." in lines


def test_human_output_masks_personal_data(run, tmp_path):
    snapshot = change(healthy(), business={"invitations": (
        Invitation("ana@studio.example", Role.EDITOR, InvitationStatus.ACCEPTED,
                   accepted_with="ana.perso@mail.example"),
        Invitation("paul@studio", Role.EDITOR, InvitationStatus.PENDING),
    )}, session={"business_profile": "perso@mail.example"}, tiktok={"phone": "06 12 34 56 78"})
    path = _file(tmp_path, snapshot)
    for intent in ("add-member", "unlink"):
        _, out, _ = run(path, "--intent", intent)
        assert not contains_personal_data(out), out
        assert "paul@studio" not in out
        assert "--show-personal-data" in out.splitlines()[-1]


def test_show_personal_data_unmasks_and_drops_the_notice(run):
    _, out, _ = run(example("invitation-trouble"), "--show-personal-data")
    assert "ana.perso@mail.example" in out
    assert "--show-personal-data" not in out


def test_json_has_the_spec_shape_and_keeps_personal_data(run):
    code, out, err = run(example("invitation-trouble"), "--json")
    assert (code, err) == (1, "")
    data = json.loads(out)
    assert list(data) == ["format", "intent", "findings"]
    assert (data["format"], data["intent"]) == ("diagnosis/1", "add-member")
    for finding in data["findings"]:
        assert list(finding) == ["code", "severity", "guide", "title", "detail"]
    assert [f["code"] for f in data["findings"]] == ["invite-email-mismatch", "invite-pending"]
    assert "ana.perso@mail.example" in data["findings"][0]["title"]


def test_json_is_translated_with_lang(run):
    _, out, _ = run(example("share-at-limit"), "--json", "--lang", "fr")
    titles = [f["title"] for f in json.loads(out)["findings"]]
    assert titles[0] == "maison.lune a déjà 4 collaborateurs"


def test_intent_option_overrides_the_snapshot(run):
    code, out, _ = run(example("share-at-limit"), "--intent", "secure-account", "--json")
    data = json.loads(out)
    assert code == 0
    assert data["intent"] == "secure-account"
    assert [f["code"] for f in data["findings"]] == ["credentials-shared", "no-two-factor"]


def test_no_intent_is_null_in_json(run, tmp_path):
    _, out, _ = run(_file(tmp_path, healthy()), "--json")
    assert json.loads(out) == {"format": "diagnosis/1", "intent": None, "findings": []}


def test_dash_reads_standard_input(run):
    text = (EXAMPLES / "unlink-wrong-profile.json").read_text(encoding="utf-8")
    code, out, _ = run("-", "--json", stdin=text)
    assert code == 1
    assert [f["code"] for f in json.loads(out)["findings"]] == ["wrong-business-profile"]


def test_invalid_snapshot_is_one_line_naming_the_field_exit_2(run, tmp_path):
    data = json.loads(snapshot_to_json(healthy()))
    data["business"]["members"][0]["role"] = "boss"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = run(str(path))
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1
    assert "business.members[0].role" in err and "bad.json" in err


def test_unknown_intent_is_one_line_exit_2(run):
    code, out, err = run(example("share-at-limit"), "--intent", "dance")
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1
    assert "'dance'" in err and "switch-to-personal" in err


def test_unknown_intent_in_french(run):
    _, _, err = run(example("share-at-limit"), "--intent", "dance", "--lang", "fr")
    assert f"intention inconnue 'dance'{NBSP};" in err


@pytest.mark.parametrize(
    "argv", [(), ("a.json", "--batch", "b.jsonl"), ("a.json", "--list-codes")]
)
def test_one_mode_at_a_time(run, argv):
    code, out, err = run(*argv)
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1


def test_missing_file_exit_2(run, tmp_path):
    code, _, err = run(str(tmp_path / "nope.json"))
    assert code == 2
    assert len(err.splitlines()) == 1 and "nope.json" in err


def test_list_codes_shows_every_code_with_severity_and_guide(run):
    code, out, _ = run("--list-codes")
    assert code == 0
    lines = out.splitlines()
    assert sorted(line.split()[1] for line in lines) == sorted(CODES)
    assert any(line.split()[1:] == ["collaborator-limit", "error", "share-account"]
               for line in lines)
    assert any(line.split()[1:] == ["nothing-to-do", "info", "—"] for line in lines)


def test_list_codes_in_french_and_as_json(run):
    _, out, _ = run("--list-codes", "--lang", "fr")
    assert "avertissement" in out and "(le guide de l’intention)" in out
    _, out, _ = run("--list-codes", "--json")
    data = json.loads(out)
    by_code = {entry["code"]: entry for entry in data["codes"]}
    assert set(by_code) == set(CODES)
    assert by_code["network-offline"] == {
        "code": "network-offline", "severity": "error", "guide": None, "guide_from_intent": True}


def test_installed_command_exit_codes_without_traceback(tmp_path):
    def call(*argv):
        return subprocess.run([sys.executable, "-m", "assistant", "diagnose", *argv],
                              capture_output=True, text=True)

    assert call(example("share-at-limit"), "--json").returncode == 1
    assert call(example("share-at-limit"), "--intent", "secure-account").returncode == 0
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2", encoding="utf-8")
    result = call(str(bad))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1


def test_owner_email_never_leaks_in_french_human_output(run):
    _, out, _ = run(example("unlink-wrong-profile"), "--lang", "fr")
    assert OWNER not in out and not contains_personal_data(out)


def test_the_fix_line_replays_the_diagnosed_file(capsys):
    from pathlib import Path

    from assistant import cli

    path = str(Path(__file__).parents[1] / "data" / "examples" / "share-at-limit.json")
    code = cli.main(["diagnose", path, "--lang", "en"])
    out = capsys.readouterr().out
    assert code == 1
    assert f"    Fix: assistant run revoke-access --state {path}" in out.splitlines()
