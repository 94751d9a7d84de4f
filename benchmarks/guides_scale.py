"""How ``assistant guides``, ``assistant check`` and ``assistant run`` grow with guides.

Not a test (timings depend on the machine): a script, run from the repository::

    .venv/bin/python benchmarks/guides_scale.py [--guides 480] [--runs 5]

It makes, in a temporary directory, a library of the 12 shipped guides and one of
``--guides`` guides (the 12, then copies of them under new ids: ``add-member-2``…),
and times each command as a person runs it, in a fresh process, with
``ASSISTANT_GUIDES_DIR`` pointing at one library or the other. The two libraries
take turns within each round (so a busy machine slows both alike); the best of
``--runs`` is kept (the medians are printed too). It prints, per command, the time
at 12 guides, at N guides, the cost of each additional guide and the growth, against
the targets of issue 15:

- ``assistant guides``: at most 1 ms per additional guide;
- ``assistant check``: at most 0.5 s for the 12 shipped guides and catalogues, at
  most 5 ms per additional guide (the catalogue half is remembered while the
  catalogues do not change: ``check-fresh``, ``check --no-cache``, is also printed,
  for the first check after a change);
- ``assistant run GUIDE``: the same cost with N guides installed as with 12 (at most
  10 % more).

Exit 1 when a target is missed. It only measures: guide loading is the engine's.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "guides"

GUIDES_PER_EXTRA_MS = 1.0
CHECK_12_S = 0.5
CHECK_PER_EXTRA_MS = 5.0
RUN_GROWTH = 1.10

COMMANDS: dict[str, list[str]] = {
    "guides": ["guides"],
    "check": ["check"],
    # The first check after a catalogue changed: nothing remembered (information).
    "check-fresh": ["check", "--no-cache"],
    "run": ["run", "switch-to-personal", "--choose", "1", "1"],
}


def make_library(directory: Path, count: int) -> None:
    """``count`` guides in ``directory``: the shipped ones, then copies under new ids."""
    directory.mkdir(parents=True)
    sources = sorted(SHIPPED.glob("*.toml"))
    made = 0
    copy = 1
    while made < count:
        for source in sources:
            if made == count:
                break
            text = source.read_text(encoding="utf-8")
            if copy == 1:
                (directory / source.name).write_text(text, encoding="utf-8")
            else:
                new_id = f"{source.stem}-{copy}"
                text = re.sub(r'^id = "[^"]*"', f'id = "{new_id}"', text, count=1, flags=re.M)
                (directory / f"{new_id}.toml").write_text(text, encoding="utf-8")
            made += 1
        copy += 1


def time_command(args: list[str], env: dict[str, str]) -> float:
    """Seconds a fresh ``python -m assistant ARGS`` takes, start to exit."""
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "assistant", *args], env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, timeout=600,
    )
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1):
        raise SystemExit(f"assistant {' '.join(args)} failed ({result.returncode}):\n"
                         f"{result.stderr[-2000:]}")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    """Measure every command at 12 and at N guides; exit 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--guides", type=int, default=480, help="guides in the big library")
    parser.add_argument("--runs", type=int, default=5, help="launches of each, best kept")
    parser.add_argument("--only", choices=sorted(COMMANDS), action="append",
                        help="measure only these commands")
    args = parser.parse_args(argv)

    scratch = Path(tempfile.mkdtemp(prefix="guides-scale-"))
    small, big = scratch / "12", scratch / str(args.guides)
    shipped = len(list(SHIPPED.glob("*.toml")))
    make_library(small, shipped)
    make_library(big, args.guides)
    base = dict(os.environ)
    base.update(XDG_STATE_HOME=str(scratch), XDG_DATA_HOME=str(scratch),
                XDG_CACHE_HOME=str(scratch), LC_ALL="C.UTF-8")
    base.pop("PYTHONDONTWRITEBYTECODE", None)
    envs = {size: {**base, "ASSISTANT_GUIDES_DIR": str(path)}
            for size, path in ((shipped, small), (args.guides, big))}
    extra = args.guides - shipped

    met = True
    print(f"libraries: {shipped} and {args.guides} guides; best of {args.runs} launches "
          f"(medians in brackets), wall-clock, fresh process each")
    for name in args.only or list(COMMANDS):
        command = COMMANDS[name]
        times: dict[int, list[float]] = {shipped: [], args.guides: []}
        for env in envs.values():  # warm up: bytecode, file cache, any guide cache
            time_command(command, env)
        for _ in range(args.runs):
            for size, env in envs.items():
                times[size].append(time_command(command, env))
        low, high = min(times[shipped]), min(times[args.guides])
        per_guide_ms = (high - low) / extra * 1000
        growth = high / low
        verdicts = []
        if name == "guides":
            verdicts.append(("per extra guide", per_guide_ms <= GUIDES_PER_EXTRA_MS,
                             f"<= {GUIDES_PER_EXTRA_MS} ms"))
        elif name in ("check", "check-fresh"):
            verdicts.append((f"at {shipped}", low <= CHECK_12_S, f"<= {CHECK_12_S} s"))
            verdicts.append(("per extra guide", per_guide_ms <= CHECK_PER_EXTRA_MS,
                             f"<= {CHECK_PER_EXTRA_MS} ms"))
        else:
            verdicts.append(("growth", growth <= RUN_GROWTH, f"<= {RUN_GROWTH:.2f}x"))
        if name != "check-fresh":  # printed for the record; the cached check is the target
            met = met and all(ok for _, ok, _ in verdicts)
        print(
            f"assistant {name:<11} {shipped:>4} guides {low * 1000:8.1f} ms "
            f"[{statistics.median(times[shipped]) * 1000:.1f}]   "
            f"{args.guides:>4} guides {high * 1000:8.1f} ms "
            f"[{statistics.median(times[args.guides]) * 1000:.1f}]   "
            f"{per_guide_ms:6.2f} ms per extra guide   growth {growth:5.2f}x"
        )
        for label, ok, target in verdicts:
            print(f"    {label}: {'ok' if ok else 'MISSED'} (target {target})")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
