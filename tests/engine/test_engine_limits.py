"""Guide files at the limits: very long guides load in linear time, hostile ones are
left out with a problem naming the file, and the other guides keep working."""

from __future__ import annotations

import shutil

from assistant.account.snapshot import default_snapshot
from assistant.engine import Runner, load_guides
from assistant.engine.loader import MAX_GUIDE_BYTES
from assistant.i18n.translator import Translator
from assistant.resources import guides_dir


def long_guide(steps: int) -> str:
    """A guide of ``steps`` ask steps in a chain, each with a way out."""
    parts = ['id = "long"\ntitle = "Long"\ntopic = "security"\nsummary = "A long guide."\n'
             'start = "s0"\n']
    for n in range(steps):
        nxt = f"s{n + 1}" if n + 1 < steps else "done"
        parts.append(
            f'[steps.s{n}]\nkind = "ask"\ntitle = "Step {n}"\nbody = "Read step {n}."\n'
            f'choices = [ {{ label = "Go on", next = "{nxt}" }}, '
            f'{{ label = "Stop", next = "stop" }} ]\n'
        )
    parts.append('[steps.done]\nkind = "end"\noutcome = "success"\ntitle = "Done"\nbody = "Done."\n')
    parts.append('[steps.stop]\nkind = "end"\noutcome = "blocked"\ntitle = "Stopped"\n'
                 'body = "Stopped."\n')
    return "\n".join(parts)


def test_a_guide_of_three_thousand_steps_loads_and_counts_its_steps(tmp_path):
    (tmp_path / "long.toml").write_text(long_guide(3000), encoding="utf-8")
    library = load_guides(tmp_path)
    assert library.problems == []
    runner = Runner(library, "long", default_snapshot(), Translator("en"))
    assert runner.view().progress.to_success == 3000, "3,000 shown steps to success"
    assert runner.view().progress.remaining == 1, "the shortest way out: stop at once"


def test_deeply_nested_toml_is_left_out_and_the_others_still_load(tmp_path):
    for path in guides_dir().glob("*.toml"):
        shutil.copy(path, tmp_path)
    (tmp_path / "nested.toml").write_text("x = " + "[" * 5000 + "]" * 5000 + "\n")
    library = load_guides(tmp_path)
    nested = [p for p in library.problems if p.file.endswith("nested.toml")]
    assert len(nested) == 1 and "nested too deeply" in nested[0].message


def test_an_oversized_guide_file_is_refused_unread(tmp_path):
    (tmp_path / "huge.toml").write_bytes(b"# " + b"x" * MAX_GUIDE_BYTES + b"\n")
    (problem,) = load_guides(tmp_path).problems
    assert problem.file.endswith("huge.toml") and "larger than" in problem.message
