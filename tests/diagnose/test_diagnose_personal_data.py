"""No email address or phone number printed whole where people read: the diagnosis in
text, the refusals and warnings on standard error. JSON keeps them (SPEC §2, §4).

The checks here do not trust :mod:`assistant.privacy`: an address is found by its
local part followed by ``@``, a number by its digits with any separators between them.
"""

from __future__ import annotations

import json
import re

import pytest
from diagnose_support import fragment_translator

import assistant.cli
from assistant.account.model import Intent
from assistant.diagnose.codes import Severity
from assistant.diagnose.finding import Finding
from assistant.diagnose.message import gettext as message
from assistant.diagnose.report import human_report
from assistant.i18n.translator import get_translator
from assistant.privacy import contains_personal_data, mask_field_path

EMAILS = [
    "owner@maisonlune.example", "marc@agence.example", "ana@studio.example",
    "ana.perso@mail.example", "claire.dupont@agence.example", "perso@mail.example",
]
PHONES = [
    "06 12 34 56 78", "0612345678", "+33 6 12 34 56 78", "+44 20 7946 0958",
    "+1 415 555 0100", "06.12.34.56.78", "+33 (0)6 12 34 56 78",
]

LEAKY = {
    "format": "account-state/1", "intent": None, "target": "+44 20 7946 0958",
    "tiktok": {
        "username": "maison.lune", "type": "business", "email": "owner@maisonlune.example",
        "phone": "06 12 34 56 78", "two_factor": False, "password_shared_with": 2,
        "devices": [{"name": "Tel de Claire +1 415 555 0100", "kind": "mobile", "linked": True}],
    },
    "business": {
        "email": "owner@maisonlune.example", "linked_tiktok": "maison.lune",
        "members": [
            {"email": "owner@maisonlune.example", "role": "admin"},
            {"email": "marc@agence.example", "role": "editor", "departed": True},
        ],
        "invitations": [
            {"email": "ana@studio.example", "role": "editor", "status": "accepted",
             "accepted_with": "ana.perso@mail.example"},
            {"email": "06 12 34 56 78", "role": "editor", "status": "pending"},
            {"email": "0612345678", "role": "analyst", "status": "expired"},
            {"email": "06.12.34.56.78", "role": "analyst", "status": "pending"},
            {"email": "+33 (0)6 12 34 56 78", "role": "analyst", "status": "pending",
             "invitee_other_business": True},
            {"email": "+33 6 12 34 56 78", "role": "moderator", "status": "expired"},
        ],
    },
    "session": {"actor": "claire.dupont@agence.example", "business_profile": "perso@mail.example"},
}
INTENTS = [None, *(intent.value for intent in Intent)]


def leaks(text: str) -> list[str]:
    """The addresses and numbers of the test data that ``text`` shows whole."""
    flat = " ".join(text.split())  # a value cut by line wrapping still counts
    found = [email for email in EMAILS if email.split("@")[0] + "@" in flat]
    for phone in PHONES:
        digits = re.sub(r"\D", "", phone)
        if re.search(r"[^\d*]{0,4}".join(digits), flat):
            found.append(phone)
    return found


@pytest.fixture(autouse=True)
def french_from_fragment(monkeypatch):
    """French comes from this area's fragment, whatever the merged catalogue holds."""
    monkeypatch.setattr(
        assistant.cli, "get_translator",
        lambda lang: fragment_translator() if lang == "fr" else get_translator("en"),
    )
    monkeypatch.delenv("LANGUAGE", raising=False)
    monkeypatch.setenv("LC_ALL", "C")


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = assistant.cli.main(["diagnose", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def leaky(tmp_path) -> str:
    path = tmp_path / "leaky.json"
    path.write_text(json.dumps(LEAKY), encoding="utf-8")
    return str(path)


def test_the_test_data_is_shown_when_asked_for(capsys, leaky):
    shown = ""
    for intent in INTENTS:
        args = ["--intent", intent] if intent else []
        shown += _run(capsys, leaky, "--show-personal-data", *args)[1]
    assert sorted(leaks(shown)) == sorted(EMAILS + PHONES), "every value reaches the output"


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("intent", INTENTS)
def test_no_address_or_number_in_the_human_diagnosis(capsys, leaky, lang, intent):
    args = ["--intent", intent] if intent else []
    code, out, err = _run(capsys, leaky, "--lang", lang, *args)
    assert code in (0, 1) and err == ""
    assert leaks(out) == [] and not contains_personal_data(out)
    assert "***@" in out or "**" in out, "something was masked, not left out"
    assert "--show-personal-data" in out.splitlines()[-1]


def test_json_keeps_every_value_as_it_is(capsys, leaky):
    shown = ""
    for intent in INTENTS:
        args = ["--intent", intent] if intent else []
        code, out, _ = _run(capsys, leaky, "--json", *args)
        shown += " ".join(f["title"] + " " + f["detail"] for f in json.loads(out)["findings"])
    assert "claire.dupont@agence.example" in shown and "+44 20 7946 0958" in shown


def test_the_report_masks_what_a_field_let_through_even_across_a_wrapped_line():
    t = get_translator("en")
    detail = ("word " * 16) + "call +1 415 555 0100 or write to claire.dupont@agence.example"
    finding = Finding("no-two-factor", Severity.WARNING, None, "Phone 06 12 34 56 78",
                      detail, message("x"), ())
    lines = human_report([finding], "maison.lune", None, t, masked=True)
    assert leaks("\n".join(lines)) == []
    assert "--show-personal-data" in lines[-1]


# -- refusals and warnings on standard error ------------------------------------------

def _keyed(key: str, where: str = "tiktok") -> str:
    data = json.loads(json.dumps(LEAKY))
    data[where][key] = 1
    return json.dumps(data)


REFUSED = {
    "email key": (_keyed("claire.dupont@agence.example"), "tiktok.c***@agence.example"),
    "phone key": (_keyed("+33 6 12 34 56 78", "session"), "session.+** * ** ** ** 78"),
    "dotted phone key": (_keyed("06.12.34.56.78"), "tiktok.**.**.**.**.78"),
    "top-level email key": (json.dumps({**LEAKY, "ana.perso@mail.example": 1}),
                            "a***@mail.example"),
    "duplicate phone key": (json.dumps(LEAKY)[:-1] + ', "0612345678": 1, "0612345678": 2}',
                            '"********78"'),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_refusal_masks_the_key_it_quotes(capsys, tmp_path, case):
    text, expected = REFUSED[case]
    path = tmp_path / "refused.json"
    path.write_text(text, encoding="utf-8")
    code, out, err = _run(capsys, str(path))
    assert (code, out) == (2, "")
    assert leaks(err) == [] and expected in err
    assert f"{path}: " in err, "the file is still named"
    _, _, shown = _run(capsys, str(path), "--show-personal-data")
    assert leaks(shown), "--show-personal-data shows the key as it is"


def test_batch_refusals_are_masked_on_stderr_and_kept_in_json(capsys, tmp_path):
    path = tmp_path / "queue.jsonl"
    path.write_text("\n".join([json.dumps(LEAKY)] + [text for text, _ in REFUSED.values()])
                    + "\n", encoding="utf-8")
    code, out, err = _run(capsys, "--batch", str(path))
    assert code == 2
    assert len(err.splitlines()) == len(REFUSED) and leaks(err) == []
    results = [json.loads(line) for line in out.splitlines()]
    errors = " ".join(result["error"] for result in results if "error" in result)
    assert "claire.dupont@agence.example" in errors, "JSON keeps the refusal as it is"
    assert "ana.perso@mail.example" in json.dumps(results[0], ensure_ascii=False)


BROKEN_FRENCH = """\
msgid ""
msgstr ""
"Language: fr\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\\n"

msgid "The invitation to {email} has expired"
msgstr "L'invitation à {email!r} a expiré"
"""


def test_a_translation_warning_quotes_no_personal_data(capsys, leaky, tmp_path, monkeypatch):
    po = tmp_path / "fr" / "LC_MESSAGES" / "assistant.po"
    po.parent.mkdir(parents=True)
    po.write_text(BROKEN_FRENCH, encoding="utf-8")
    monkeypatch.setattr(assistant.cli, "get_translator",
                        lambda lang: get_translator(lang, tmp_path))
    for show in ([], ["--show-personal-data"]):
        _, out, err = _run(capsys, leaky, "--lang", "fr", "--intent", "add-member", *show)
        assert "The invitation to" in out, "the broken translation fell back to English"
        assert "{email}" in err and leaks(err) == [] and not contains_personal_data(err)


@pytest.mark.parametrize(("path", "masked"), [
    ("tiktok.ana@studio.example", "tiktok.a***@studio.example"),
    ("business.members[2].ana@studio.example", "business.members[2].a***@studio.example"),
    ("claire.dupont@agence.example", "c***@agence.example"),
    ("session.06 12 34 56 78", "session.** ** ** ** 78"),
    ("business.members[2].role", "business.members[2].role"),
])
def test_a_field_path_keeps_its_known_sections(path, masked):
    assert mask_field_path(path) == masked

