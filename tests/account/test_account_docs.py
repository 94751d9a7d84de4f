"""docs/simulator.md and docs/snapshot-format.md stay true to the code."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from assistant.account.scenarios import list_scenarios
from assistant.account.simulator import ACTIONS
from assistant.account.snapshot import SnapshotError, load_snapshot

DOCS = Path(__file__).resolve().parents[2] / "docs"


def _table_rows(text: str, heading: str) -> list[list[str]]:
    section = text.split(heading, 1)[1].split("\n## ", 1)[0]
    return [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in section.splitlines()
        if line.startswith("| `")
    ]


def test_simulator_doc_lists_every_action_with_its_arguments_and_failures():
    rows = _table_rows((DOCS / "simulator.md").read_text("utf-8"), "## Actions")
    documented = {}
    for name, args, _does, failures in rows:
        documented[name.strip("`")] = (
            # An argument is named in backticks before any explanation in parentheses.
            {a for a in re.findall(r"`(\w+)`", re.sub(r"\([^)]*\)", "", args))},
            set(re.findall(r"`([a-z-]+)`", re.sub(r"\([^)]*\)", "", failures))),
        )
    actual = {
        name: (set(action.arg_names), set(action.failures)) for name, action in ACTIONS.items()
    }
    assert documented == actual


def test_simulator_doc_lists_every_scenario():
    rows = _table_rows((DOCS / "simulator.md").read_text("utf-8"), "## Scenarios")
    assert sorted(row[0].strip("`") for row in rows) == list_scenarios()


def _examples() -> list[str]:
    text = (DOCS / "snapshot-format.md").read_text("utf-8")
    return re.findall(r"```json\n(.*?)```", text, re.S)


@pytest.mark.parametrize("example", _examples())
def test_snapshot_format_examples_load(example):
    load_snapshot(example, "doc")


def test_snapshot_format_full_example_writes_back_the_same_data():
    from assistant.account.snapshot import dump_snapshot

    full = _examples()[0]
    assert dump_snapshot(load_snapshot(full)) == json.loads(full)


def test_snapshot_format_error_examples_are_real_messages():
    text = (DOCS / "snapshot-format.md").read_text("utf-8")
    block = text.split("## Errors", 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    documented = set(block.splitlines())
    base = json.loads(_examples()[0])
    produced = set()

    def refusal(data, source="x.json"):
        with pytest.raises(SnapshotError) as caught:
            load_snapshot(data if isinstance(data, (str, bytes)) else json.dumps(data), source)
        produced.add(str(caught.value))

    def changed(path, value):
        data = json.loads(json.dumps(base))
        *parents, last = path
        target = data
        for part in parents:
            target = target[part]
        target[last] = value
        return data

    members = [{"email": f"p{i}@x.fr", "role": "admin"} for i in range(3)]
    refusal(changed(["business", "members"], members[:2] + [{"email": "p", "role": "boss"}]),
            "switch.json")
    refusal(changed(["tiktok", "devices"], [{"name": f"d{i}", "kind": "mobile", "linked": True}
                                            for i in range(2)]))
    refusal(changed(["tiktok", "collaborators"], [f"c{i}" for i in range(5)]))
    refusal(changed(["tiktok", "two_factors"], True))
    refusal(changed(["tiktok", "password_shared_with"], True))
    no_actor = changed(["session"], {"online": True})
    refusal(no_actor)
    refusal(changed(["business", "members"], members[:2] + [{"email": "P0@x.fr", "role": "admin"}]))
    full = json.dumps(base)
    refusal(full.replace('"two_factor": false,', '"two_factor": false, "two_factor": true,'))
    refusal(full.replace('"password_shared_with": 0', '"password_shared_with": NaN'))
    refusal(full.replace('"password_shared_with": 0', '"password_shared_with": ' + "9" * 20))
    refusal(full.replace("studio.ana", "studio\\u0007ana"))
    refusal("[]")
    refusal(b"\xfe\xff")
    refusal("[" * 100_000)
    refusal(" " * (2 << 20))
    assert produced <= documented
    assert len(produced) >= 14
