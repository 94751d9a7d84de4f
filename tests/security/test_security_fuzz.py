"""Fuzzing the loaders and the runner: hostile input is refused, never crashes.

- the snapshot loader, on arbitrary bytes, arbitrary JSON-like values and valid
  snapshots with one field replaced: only :class:`SnapshotError` escapes, as one
  clean line; what it accepts survives a write and a read unchanged;
- the guide loader, on shipped guide files mutated line by line or byte by byte: only
  :class:`Problem` values come out, each on one line, never an exception;
- the runner, on random answer / back / restart sequences over every guide and
  scenario: only :class:`ChoiceError` escapes, and back restores the account, the
  place and the transcript exactly.

The budget is bounded for CI (``ASSISTANT_FUZZ_EXAMPLES``, default 60 per test); set
it higher to fuzz longer on a workstation. The ``.po`` loader is fuzzed with the
catalogue tests (i18n layer).
"""

from __future__ import annotations

import json
import os
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from security_support import raw_controls
from strategies import snapshots

from assistant.account.scenarios import list_scenarios, load_scenario
from assistant.account.snapshot import (
    SnapshotError,
    default_snapshot,
    dump_snapshot,
    load_snapshot,
    snapshot_from_data,
)
from assistant.engine import ChoiceError, GuideLibrary, Runner, from_progress, load_guides
from assistant.engine.markdown_policy import markdown_issues
from assistant.i18n.translator import Translator
from assistant.problems import Problem
from assistant.resources import guides_dir

BUDGET = settings(
    max_examples=int(os.environ.get("ASSISTANT_FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# -- the snapshot loader ---------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner,
                                                                 max_size=4),
    max_leaves=25,
)


def _refused_cleanly(error: SnapshotError) -> None:
    message = str(error)
    assert "\n" not in message and "\r" not in message
    assert raw_controls(message) == []
    message.encode("utf-8")


def _load(data: str | bytes) -> None:
    try:
        snapshot = load_snapshot(data, "fuzz.json")
    except SnapshotError as error:
        _refused_cleanly(error)
        return
    again = load_snapshot(json.dumps(dump_snapshot(snapshot)), "again.json")
    assert again == snapshot


@BUDGET
@given(st.binary(max_size=600))
def test_arbitrary_bytes_are_a_snapshot_or_one_clean_refusal(data):
    _load(data)


@BUDGET
@given(st.text(max_size=300))
def test_arbitrary_text_is_a_snapshot_or_one_clean_refusal(text):
    _load(text)


@BUDGET
@given(json_values)
def test_arbitrary_json_values_are_a_snapshot_or_one_clean_refusal(value):
    _load(json.dumps(value))
    try:
        snapshot_from_data(value, "fuzz")
    except SnapshotError as error:
        _refused_cleanly(error)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in ``data`` a value sits, as a tuple of keys and indexes."""
    found = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, prefix + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, prefix + (index,))
    return found


@BUDGET
@given(snapshots(), st.data())
def test_a_valid_snapshot_with_one_value_replaced_is_accepted_or_refused_cleanly(snapshot, data):
    dumped = dump_snapshot(snapshot)
    path = data.draw(st.sampled_from(_paths(dumped)))
    target = dumped
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = data.draw(json_values)
    _load(json.dumps(dumped))


# -- the guide loader ------------------------------------------------------------------

@cache
def _shipped() -> dict[str, str]:
    return {path.stem: path.read_text(encoding="utf-8") for path in guides_dir().glob("*.toml")}


@st.composite
def mutated_guides(draw: st.DrawFn) -> tuple[str, str]:
    """A shipped guide file with a few lines deleted, repeated, swapped or rewritten."""
    name = draw(st.sampled_from(sorted(_shipped())))
    lines = _shipped()[name].splitlines()
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        index = draw(st.integers(0, len(lines) - 1))
        how = draw(st.sampled_from(["delete", "repeat", "swap", "rewrite", "splice", "cut"]))
        if how == "delete":
            del lines[index]
        elif how == "repeat":
            lines.insert(index, lines[index])
        elif how == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        elif how == "rewrite":
            lines[index] = draw(st.text(max_size=40))
        elif how == "splice":
            line = lines[index]
            at = draw(st.integers(0, len(line)))
            lines[index] = line[:at] + draw(st.text(max_size=12)) + line[at:]
        else:
            lines = lines[:index]
    return name, "\n".join(lines)


def _load_dir(files: dict[str, bytes]) -> GuideLibrary:
    with tempfile.TemporaryDirectory() as directory:
        for name, content in files.items():
            (Path(directory) / f"{name}.toml").write_bytes(content)
        library = load_guides(directory)
    for problem in library.problems:
        assert isinstance(problem, Problem) and problem.line >= 0
        assert "\n" not in problem.message
    return library


@BUDGET
@given(mutated_guides())
def test_a_mutated_guide_file_gives_problems_never_an_exception(mutated):
    name, text = mutated
    library = _load_dir({name: text.encode("utf-8", "surrogatepass")})
    assert library.problems or name in library.guides


@BUDGET
@given(st.binary(max_size=400))
def test_arbitrary_bytes_as_a_guide_file_give_problems_never_an_exception(data):
    library = _load_dir({"fuzz": data})
    assert library.problems


# -- the runner ------------------------------------------------------------------------

@cache
def _library() -> GuideLibrary:
    return load_guides()


@cache
def _accounts() -> dict[str, Any]:
    accounts = {name: load_scenario(name) for name in list_scenarios()}
    accounts["default"] = default_snapshot()
    return accounts


moves = st.lists(
    st.one_of(
        st.tuples(st.just("answer"), st.integers(-1, 10)),
        st.tuples(st.just("answer"), st.integers(1, 3)),
        st.just(("back",)),
        st.just(("restart",)),
    ),
    max_size=40,
)


def _state(runner: Runner) -> tuple[object, ...]:
    return (runner.place, runner.snapshot, runner.transcript, tuple(runner.answers),
            runner.view())


@BUDGET
@given(st.data(), moves)
def test_random_answers_backs_and_restarts_never_break_the_runner(data, sequence):
    library = _library()
    guide_id = data.draw(st.sampled_from(sorted(library.guides)), label="guide")
    account = data.draw(st.sampled_from(sorted(_accounts())), label="account")
    runner = Runner(library, guide_id, _accounts()[account], Translator("en"))
    points = [_state(runner)]
    for move in sequence:
        if move[0] == "answer":
            try:
                runner.answer(move[1])
            except ChoiceError:
                assert _state(runner) == points[-1], "a refused answer changes nothing"
                continue
            points.append(_state(runner))
        elif move[0] == "back":
            went_back = runner.back()
            assert went_back == (len(points) > 1)
            if went_back:
                points.pop()
            assert _state(runner) == points[-1], "back restores the step exactly"
        else:
            runner.restart()
            points = [_state(runner)]
            assert runner.snapshot == _accounts()[account]
        assert markdown_issues(runner.view().body) == []
    resumed, notice = from_progress(runner.to_progress(), library, Translator("en"))
    assert notice is None and _state(resumed) == _state(runner)
