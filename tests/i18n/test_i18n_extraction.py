"""Extraction with ordinary tools: ``pybabel extract -F babel.cfg`` reproduces the template."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.extract import extract
from babel.messages.pofile import read_po

import assistant
from assistant.i18n.extract import extract_guide
from assistant.i18n.template import extract_template

ROOT = Path(assistant.__file__).resolve().parents[1]
PYBABEL = Path(sys.executable).with_name("pybabel")

GUIDE = b'''id = "demo"
title = "A demo guide"
topic = "security"
summary = "Shows the extractor."
start = "ask"

[steps.ask]
kind = "ask"
title = "Ready?"
body = """
- one
- two
"""
choices = [
  { label = "Yes", next = "done" },
  { label = "No", next = "done" },
]

[steps.done]
kind = "end"
outcome = "success"
title = "Done"
body = "All good."
'''


def _messages(pot: bytes) -> dict[tuple[str | None, str], object]:
    """Each message of a template: (context, msgid) -> (plural, locations, comments)."""
    catalog = read_po(io.BytesIO(pot))
    return {
        (m.context, m.id[0] if m.pluralizable else m.id):
            (m.id[1] if m.pluralizable else None, sorted(m.locations), m.auto_comments)
        for m in catalog if m.id
    }


@pytest.fixture(scope="module")
def pybabel_template(tmp_path_factory) -> bytes:
    """What ``pybabel extract -F babel.cfg -o … .`` writes, run from the project root."""
    if not (ROOT / "babel.cfg").is_file() or not PYBABEL.exists():
        pytest.skip("needs a source checkout with pybabel installed")
    out = tmp_path_factory.mktemp("pot") / "assistant.pot"
    result = subprocess.run(
        [str(PYBABEL), "-q", "extract", "-F", "babel.cfg", "-o", str(out), "."],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    return out.read_bytes()


def test_the_template_is_up_to_date(pybabel_template):
    fresh = {key: value[0] for key, value in _messages(pybabel_template).items()}
    shipped = {key: value[0]
               for key, value in _messages((ROOT / "locales/assistant.pot").read_bytes()).items()}
    missing = sorted(set(fresh) - set(shipped), key=str)
    gone = sorted(set(shipped) - set(fresh), key=str)
    assert (missing, gone) == ([], []), "run: python -m assistant.i18n.update"
    assert fresh == shipped, "plural forms changed: run python -m assistant.i18n.update"


def test_the_update_command_extracts_what_pybabel_extracts(pybabel_template):
    buffer = io.BytesIO()
    from babel.messages.pofile import write_po
    write_po(buffer, extract_template(ROOT))
    assert _messages(buffer.getvalue()) == _messages(pybabel_template)


def test_the_template_holds_guides_and_python_sources(pybabel_template):
    locations = {path for value in _messages(pybabel_template).values()
                 for path, _line in value[1]}
    assert any(path.startswith("guides/") for path in locations)
    assert any(path.startswith("assistant/") for path in locations)
    assert not any(path.startswith("tests/") for path in locations)


def test_guide_text_is_extracted_with_its_line_and_step():
    found = list(extract(extract_guide, io.BytesIO(GUIDE)))
    lines = GUIDE.decode().splitlines()
    by_text = {message: (line, comments) for line, message, comments, _ctx in found}
    assert set(by_text) >= {"A demo guide", "Shows the extractor.", "Ready?", "Yes", "No",
                            "Done", "All good."}
    line, comments = by_text["No"]
    assert "No" in lines[line - 1]
    assert comments == ["demo / ask"]
    assert by_text["Done"][1] == ["demo / done"]


def test_the_guide_extractor_is_a_babel_entry_point():
    found = list(extract("assistant_guide", io.BytesIO(GUIDE)))
    assert any(message == "Ready?" for _line, message, _comments, _ctx in found)


@pytest.mark.parametrize("data", [b"\xff\xfe not utf-8", b"title = [unclosed"])
def test_a_broken_guide_yields_nothing_rather_than_failing(data):
    assert list(extract_guide(io.BytesIO(data), (), (), {})) == []
