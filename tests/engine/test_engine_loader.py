"""Load-time checks: a broken guide is refused with file:line and the step, others load."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

import pytest

from assistant.engine import guide_messages, load_guides
from assistant.i18n.translator import Translator

GOOD = """\
id = "{id}"
title = "A small guide"
topic = "linking"
summary = "A guide used by the tests."
start = "first"

[steps.first]
kind = "ask"
title = "First"
body = "Hello {{username}}."
choices = [
  {{ label = "Check", next = "check" }},
  {{ label = "Give up", next = "blocked" }},
]

[steps.check]
kind = "check"
check = "is_linked"
if_true = "done"
if_false = "link"

[steps.link]
kind = "action"
action = "link_tiktok"
next = "done"

[steps.link.on_failure]
no-business-account = "blocked"
offline = "blocked"
not-signed-in = "blocked"
linking-unavailable = "blocked"
already-linked = "blocked"
browser-error = "blocked"

[steps.done]
kind = "end"
outcome = "success"
title = "Done"
body = "Linked."

[steps.blocked]
kind = "end"
outcome = "blocked"
title = "Blocked"
body = "Not linked."
"""


def write(directory: Path, guide_id: str, text: str) -> Path:
    path = directory / f"{guide_id}.toml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def good(guide_id: str = "small") -> str:
    return GOOD.format(id=guide_id)


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def problems_of(directory: Path) -> list[str]:
    return [str(p) for p in load_guides(directory).problems]


def test_a_good_guide_loads(tmp_path):
    write(tmp_path, "small", good())
    library = load_guides(tmp_path)
    assert library.problems == []
    assert list(library.guides) == ["small"]
    assert len(library.guides["small"].digest) == 16


def test_a_dangling_target_names_file_line_and_step(tmp_path):
    path = write(tmp_path, "small", good().replace('next = "done"', 'next = "finish"'))
    found = problems_of(tmp_path)
    assert found == [
        f"{path}:{line_of(path, '[steps.link]')}: error: step 'link': "
        "'ok' leads to 'finish', which does not exist"
    ]
    assert load_guides(tmp_path).guides == {}


def test_an_unreachable_step_is_refused(tmp_path):
    text = good() + '\n[steps.lost]\nkind = "end"\noutcome = "success"\ntitle = "L"\nbody = "L"\n'
    path = write(tmp_path, "small", text)
    assert problems_of(tmp_path) == [
        f"{path}:{line_of(path, '[steps.lost]')}: error: step 'lost': "
        "cannot be reached from the start"
    ]


LOOP_CHOICE = '\n  { label = "Loop", next = "loop" },\n]\n'
LOOP_STEP = '\n[steps.loop]\nkind = "ask"\ntitle = "L"\nbody = "L"\nnext = "loop"\n'


def test_a_trap_step_is_refused(tmp_path):
    text = good().replace("\n]\n", LOOP_CHOICE, 1) + LOOP_STEP
    path = write(tmp_path, "small", text)
    assert problems_of(tmp_path) == [
        f"{path}:{line_of(path, '[steps.loop]')}: error: step 'loop': "
        "no end step can be reached from here (a trap)"
    ]


def test_every_problem_of_one_guide_is_reported_together(tmp_path):
    text = good().replace("\n]\n", LOOP_CHOICE, 1) + LOOP_STEP
    text = text.replace('"is_linked"', '"is_happy"')
    text = text.replace('if_false = "link"', 'if_false = "lnk"')
    text += '\n[steps.lost]\nkind = "end"\noutcome = "success"\ntitle = "L"\nbody = "L"\n'
    path = write(tmp_path, "small", text)
    found = problems_of(tmp_path)
    check = f"{path}:{line_of(path, '[steps.check]')}: error: step 'check': "
    assert found == [
        check + "unknown check 'is_happy' (see docs/writing-guides.md)",
        check + "'no' leads to 'lnk', which does not exist (did you mean 'link'?)",
        f"{path}:{line_of(path, '[steps.loop]')}: error: step 'loop': "
        "no end step can be reached from here (a trap)",
        f"{path}:{line_of(path, '[steps.lost]')}: error: step 'lost': "
        "cannot be reached from the start",
    ]


def test_an_unknown_check_is_refused(tmp_path):
    path = write(tmp_path, "small", good().replace('"is_linked"', '"is_happy"'))
    (problem,) = problems_of(tmp_path)
    assert problem.startswith(f"{path}:{line_of(path, '[steps.check]')}: error: step 'check': ")
    assert "unknown check 'is_happy'" in problem


def test_an_unknown_action_is_refused(tmp_path):
    path = write(tmp_path, "small", good().replace('"link_tiktok"', '"link_everything"'))
    found = problems_of(tmp_path)
    assert any(
        p.startswith(f"{path}:{line_of(path, '[steps.link]')}:")
        and "unknown action 'link_everything'" in p
        for p in found
    )


def test_an_unrouted_failure_is_refused(tmp_path):
    path = write(tmp_path, "small", good().replace('offline = "blocked"\n', ""))
    assert problems_of(tmp_path) == [
        f"{path}:{line_of(path, '[steps.link]')}: error: step 'link': "
        "failure 'offline' of action 'link_tiktok' is not routed in on_failure"
    ]


def test_a_failure_the_action_never_raises_is_refused(tmp_path):
    text = good().replace('offline = "blocked"', 'offline = "blocked"\nwet = "done"')
    write(tmp_path, "small", text)
    (problem,) = problems_of(tmp_path)
    assert "action 'link_tiktok' never fails with 'wet'" in problem


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (('outcome = "success"', 'outcome = "great"'), "field 'outcome': 'great' is not one of"),
        (('kind = "check"', 'kind = "maybe"'), "field 'kind': 'maybe' is not one of"),
        (('if_false = "link"', 'if_false = "link"\ncolour = "red"'), "unknown field 'colour'"),
        (('if_false = "link"\n', ""), "missing required field 'if_false'"),
        (('topic = "linking"', 'topic = "cooking"'), "field 'topic': 'cooking' is not one of"),
        (('start = "first"', 'start = "second"'), "field 'start': step 'second' does not exist"),
        (('id = "small"', 'id = "other"'), "does not match the file name"),
        (("Hello {username}.", "Hello {user}."), "unknown placeholder '{user}'"),
        (('"$', '"$'), None),
    ],
)
def test_malformed_fields_are_refused(tmp_path, change, expected):
    write(tmp_path, "small", good().replace(*change))
    found = problems_of(tmp_path)
    if expected is None:
        assert found == []
    else:
        assert any(expected in p for p in found), found


def test_an_unknown_argument_reference_is_refused(tmp_path):
    text = good().replace(
        'action = "link_tiktok"', 'action = "sign_in_business"\nargs = { profile = "$boss" }'
    )
    text = text.replace(
        'linking-unavailable = "blocked"\nalready-linked = "blocked"\nbrowser-error = "blocked"\n',
        "",
    )
    text = text.replace('not-signed-in = "blocked"\n', "")
    (problem,) = problems_of(write(tmp_path, "small", text).parent)
    assert "unknown reference '$boss'" in problem


def test_invalid_toml_is_reported_with_its_line(tmp_path):
    path = write(tmp_path, "small", good().replace('title = "First"', 'title = "First'))
    (problem,) = problems_of(tmp_path)
    line = line_of(path, 'title = "First')
    assert problem.startswith(f"{path}:{line}: error: not valid TOML")


def test_a_broken_guide_is_left_out_and_the_others_load(tmp_path):
    write(tmp_path, "small", good())
    write(tmp_path, "broken", good("broken").replace('"is_linked"', '"nope"'))
    library = load_guides(tmp_path)
    assert list(library.guides) == ["small"]
    assert len(library.problems) == 1


CALLER = """\
id = "caller"
title = "Caller"
topic = "linking"
summary = "Calls another guide."
start = "call"

[steps.call]
kind = "call"
guide = "{called}"
on_outcome = {{ success = "done", blocked = "done" }}

[steps.done]
kind = "end"
outcome = "success"
title = "Done"
body = "Done."
"""


def test_a_call_must_route_every_outcome_of_the_called_guide(tmp_path):
    write(tmp_path, "small", good())
    write(tmp_path, "caller", CALLER.format(called="small"))
    assert load_guides(tmp_path).problems == []
    write(tmp_path, "caller", CALLER.format(called="small").replace(', blocked = "done"', ""))
    (problem,) = problems_of(tmp_path)
    assert "outcome 'blocked' of guide 'small' is not routed" in problem


def test_calling_an_unknown_or_broken_guide_is_refused(tmp_path):
    write(tmp_path, "caller", CALLER.format(called="nowhere"))
    assert any("unknown guide 'nowhere'" in p for p in problems_of(tmp_path))
    write(tmp_path, "small", good().replace('"is_linked"', '"nope"'))
    write(tmp_path, "caller", CALLER.format(called="small"))
    found = problems_of(tmp_path)
    assert any("guide 'small' has problems and cannot be called" in p for p in found)
    assert load_guides(tmp_path).guides == {}


def test_guides_calling_each_other_in_a_loop_are_refused(tmp_path):
    write(tmp_path, "caller", CALLER.format(called="caller").replace(', blocked = "done"', ""))
    assert any("makes a loop of guides" in p for p in problems_of(tmp_path))


def test_a_loop_of_automatic_steps_is_refused(tmp_path):
    text = good().replace('if_true = "done"', 'if_true = "check"')
    write(tmp_path, "small", text)
    assert any("never shows anything" in p for p in problems_of(tmp_path))


def test_problems_are_written_in_the_translators_language(tmp_path):
    write(tmp_path, "small", good().replace('"is_linked"', '"nope"'))

    class Shouting(Translator):
        def gettext(self, message: str, **fields: object) -> str:
            return super().gettext(message, **fields).upper()

    (problem,) = load_guides(tmp_path, Shouting("en")).problems
    assert "UNKNOWN CHECK 'NOPE'" in problem.message


def test_the_guides_directory_can_be_set_by_the_environment(tmp_path, monkeypatch):
    write(tmp_path, "small", good())
    monkeypatch.setenv("ASSISTANT_GUIDES_DIR", str(tmp_path))
    assert list(load_guides().guides) == ["small"]


def test_guide_messages_yield_every_text_with_its_line_and_step(tmp_path):
    path = write(tmp_path, "small", good())
    found = list(guide_messages(io.BytesIO(path.read_bytes())))
    by_message = {message: (line, comments) for line, message, comments in found}
    assert by_message["A small guide"] == (line_of(path, 'title = "A small'), ["small / title"])
    assert by_message["Hello {username}."] == (line_of(path, "Hello"), ["small / first"])
    assert by_message["Give up"] == (line_of(path, "Give up"), ["small / first"])
    assert by_message["Not linked."][1] == ["small / blocked"]
    assert len(found) == 10


def test_guide_messages_of_broken_toml_yield_nothing():
    assert list(guide_messages(io.BytesIO(b"title = "))) == []
