"""Symptoms as data: checked against the guides, translated like them, playable."""

from __future__ import annotations

import io

import pytest

from assistant.account.scenarios import load_scenario
from assistant.account.snapshot import default_snapshot
from assistant.cli import main
from assistant.engine import Runner, load_guides
from assistant.i18n.extract import extract_symptoms
from assistant.i18n.translator import get_translator
from assistant.symptoms import (
    SYNONYM_CONTEXT,
    TEXT_CONTEXT,
    check_symptoms,
    load_symptoms,
    parse_symptoms,
    symptoms_path,
)


@pytest.fixture(scope="module")
def library():
    return load_guides()


def steps_of(library):
    return {g.id: list(g.steps) for g in library.guides.values()}


def test_the_shipped_symptoms_point_at_guides_and_steps_that_exist(library):
    symptoms, problems = load_symptoms()
    assert problems == []
    assert len(symptoms) >= 20
    assert check_symptoms(steps_of(library)) == []


def test_a_renamed_step_is_caught_by_the_check(library, tmp_path):
    text = symptoms_path().read_text(encoding="utf-8").replace(
        'step = "no-email"', 'step = "no-mail"')
    path = tmp_path / "symptoms.toml"
    path.write_text(text, encoding="utf-8")
    (problem,) = check_symptoms(steps_of(library), path)
    assert "code-never-came" in problem.message and "'no-mail'" in problem.message
    assert problem.file == str(path) and problem.line > 0


def test_assistant_check_reports_a_symptom_whose_guide_is_gone(tmp_path, monkeypatch, capsys):
    guides = tmp_path / "guides"
    (guides / "symptoms").mkdir(parents=True)
    source = symptoms_path().parent.parent
    (guides / "unlink-business.toml").write_text(
        (source / "unlink-business.toml").read_text(encoding="utf-8"), encoding="utf-8")
    (guides / "symptoms" / "symptoms.toml").write_text(
        '[[symptom]]\nid = "x"\ntext = "Something"\nguide = "add-member"\nstep = "invalid"\n',
        encoding="utf-8")
    monkeypatch.setenv("ASSISTANT_GUIDES_DIR", str(guides))
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert "symptoms.toml:1" in out and "guide 'add-member' does not exist" in out


@pytest.mark.parametrize(("entry", "expected"), [
    ('id = "x"\ntext = "T"\nguide = "g"\n', "symptom[0].step: expected a non-empty string"),
    ('id = "X Y"\ntext = "T"\nguide = "g"\nstep = "s"\n', "symptom[0].id: expected lowercase"),
    ('id = "x"\ntext = "T"\nguide = "g"\nstep = "s"\nsynonyms = "a"\n',
     "symptom[0].synonyms: expected a list"),
    ('id = "x"\ntext = "T"\nguide = "g"\nstep = "s"\ncolour = 1\n',
     "symptom[0]: unknown field colour"),
])
def test_a_wrong_entry_gets_one_line_naming_the_field(entry, expected):
    symptoms, problems = parse_symptoms("[[symptom]]\n" + entry, "s.toml")
    assert symptoms == []
    assert len(problems) == 1 and problems[0].message.startswith(expected)
    assert problems[0].line == 1


def test_a_file_that_is_not_toml_is_one_problem():
    symptoms, (problem,) = parse_symptoms("[[symptom\n", "s.toml")
    assert symptoms == [] and "not TOML" in problem.message


@pytest.mark.parametrize("scenario", [None, "switch-blocked-by-link", "share-at-limit",
                                      "invitation-trouble", "already-personal"])
def test_every_symptom_opens_its_guide_at_its_step_on_any_account(library, scenario):
    snapshot = default_snapshot() if scenario is None else load_scenario(scenario)
    t = get_translator("fr")
    for symptom in load_symptoms()[0]:
        runner = Runner(library, symptom.guide, snapshot, t, start=symptom.step)
        view = runner.view()
        assert view.title and (view.choices or view.finished), symptom.id


def test_the_extractor_yields_each_text_with_its_context():
    data = symptoms_path().read_bytes()
    found = list(extract_symptoms(io.BytesIO(data), [], [], {}))
    texts = {message for _line, _fn, message, _c in found}
    assert (TEXT_CONTEXT, "The verification code never came") in texts
    assert (SYNONYM_CONTEXT, "I don't get the code") in texts
    assert all(fn == "pgettext" and line > 0 for line, fn, _m, _c in found)
    lines = data.decode().splitlines()
    for line, _fn, (_ctx, message), comments in found:
        assert message in lines[line - 1].replace('\\"', '"'), (line, message)
        assert "→" in comments[0]


def test_every_symptom_and_synonym_is_in_french():
    t = get_translator("fr")
    for symptom in load_symptoms()[0]:
        assert symptom.title(t) != symptom.text, symptom.id
        assert all(fr != en for fr, en in zip(symptom.synonyms_in(t), symptom.synonyms,
                                              strict=True)), symptom.id
