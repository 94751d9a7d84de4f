"""How fast the terminal UI feels, measured against Textual itself, in one run.

Two comparisons, each made in this one run so the machine is the same for both:

1. **Start-up**, to the home screen and straight into a guide
   (``--guide switch-to-personal``, until its first step is drawn): time from
   launching a Python process to the first usable screen
   (the home screen listing the guides, drawn once), against a Textual hello-world
   app doing the same. Both run headless at 80x24 in fresh processes, launched
   alternately, and measured identically (until the app prints ``ready`` from the
   first refresh after ``on_ready``); the best of several launches is compared (the
   least disturbed by the rest of the machine), and the medians are printed too.
   Both start as installed programs do: with their bytecode compiled (Textual's is,
   in site-packages; the assistant's is written by a first, untimed launch even where
   ``PYTHONDONTWRITEBYTECODE`` is set) and with the guide index cached by that launch.
   Target: at most 1.3x the hello world.
2. **Step transition** (processor time, so the waits for the screen to settle do not
   count): in a guide, answering a step and showing the next one (the
   runner moves, the body, the answers, the progress and the account panel are
   updated, the screen is drawn), against re-rendering the *same* step bodies in
   Textual's ``Markdown`` widget and drawing the screen. Target: at most a third of
   the ``Markdown`` baseline.

Run it from the repository: ``.venv/bin/python benchmarks/ui_speed.py [--runs N]``
(``--only startup``, ``--only guide`` or ``--only transition`` for one of them). The
start-ups are also given as the median of alternating pairs (each launch against the
hello world launched just before it): targets 1.2x for the home screen, 1.3x into a
guide.
It prints both ratios and whether each target is met; it is a script, not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STARTUP_TARGET = 1.3
TRANSITION_TARGET = 1 / 3
SIZE = (80, 24)

HELLO_WORLD = """
from textual.app import App
from textual.widgets import Static

class Hello(App):
    def compose(self):
        yield Static("Hello, world")
    def on_ready(self):
        self.call_after_refresh(self.ready)
    def ready(self):
        print("ready", flush=True)
        self.exit()

Hello().run(headless=True, size=(80, 24))
"""

ASSISTANT = """
import sys
from assistant import cli
from assistant.tui.app import AssistantApp
from assistant.tui.screens.home import HomeScreen

def ready(self):
    assert isinstance(self.screen, HomeScreen) and self.screen.query_one("#guides").guide_ids
    print("ready", flush=True)
    self.exit()

def on_ready(self):
    self.call_after_refresh(ready, self)

AssistantApp.on_ready = on_ready
run = AssistantApp.run
AssistantApp.run = lambda self, **kw: run(self, headless=True, size=(80, 24))
sys.exit(cli.main(["--lang", "en"]))
"""


GUIDE = "switch-to-personal"

ASSISTANT_GUIDE = ASSISTANT.replace(
    "assert isinstance(self.screen, HomeScreen) and self.screen.query_one(\"#guides\").guide_ids",
    "from assistant.tui.screens.guide import GuideScreen\n"
    "    assert isinstance(self.screen, GuideScreen) and self.screen.runner.view().body",
).replace('cli.main(["--lang", "en"])', f'cli.main(["--lang", "en", "--guide", "{GUIDE}"])')
"""The assistant started straight into a guide, ready once its first step is drawn."""


def time_to_ready(code: str, env: dict[str, str]) -> float:
    """Seconds from launching ``python -c code`` until it prints ``ready``."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env=env, text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    elapsed = time.perf_counter() - start
    _, errors = process.communicate(timeout=60)
    if line.strip() != "ready":
        raise SystemExit(f"the app did not get ready (exit code {process.returncode}):\n"
                         f"{errors[-2000:]}")
    return elapsed


def startup(
    runs: int, env: dict[str, str], code: str = ASSISTANT
) -> tuple[list[float], list[float]]:
    """Start-up times of the hello world and of the assistant (``code``), launched
    alternately."""
    hello: list[float] = []
    ours: list[float] = []
    time_to_ready(HELLO_WORLD, env)  # warm the file cache (and the guide cache) for both
    time_to_ready(code, env)
    for _ in range(runs):
        hello.append(time_to_ready(HELLO_WORLD, env))
        ours.append(time_to_ready(code, env))
    return hello, ours


GUIDE_TARGET = 1.3
HOME_TARGET = 1.2


def print_pairs(name: str, hello: list[float], ours: list[float], target: float) -> bool:
    """Print the median of the pair ratios (each launch against the hello world launched
    just before it) and whether it meets ``target``."""
    ratio = statistics.median(o / h for h, o in zip(hello, ours, strict=True))
    print(f"{name} (median of {len(hello)} alternating pairs): hello world "
          f"{statistics.median(hello) * 1000:7.1f} ms   assistant "
          f"{statistics.median(ours) * 1000:7.1f} ms   ratio {ratio:.2f} (target <= "
          f"{target:.2f}) {'ok' if ratio <= target else 'MISSED'}")
    return ratio <= target


async def transitions(steps: int) -> tuple[float, float]:
    """Median time of one guide step transition, and of one Markdown re-render."""
    from textual.app import App, ComposeResult
    from textual.widgets import Markdown

    from assistant.account.scenarios import load_scenario
    from assistant.progress_store import ProgressStore
    from assistant.tui.app import Account, AssistantApp
    from assistant.tui.screens.guide import GuideScreen

    state = Path(tempfile.mkdtemp(prefix="ui-speed-"))
    app = AssistantApp(
        account=Account(load_scenario("switch-blocked-by-link")),
        guide_id="switch-to-personal",
        progress_store=ProgressStore(state / "progress.json"),
    )
    ours: list[float] = []
    bodies: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GuideScreen)
        screen.action_choose(1)  # into the sub-guide, where two steps follow each other
        await pilot.pause()
        bodies = [screen.runner.view().body]
        screen.action_choose(1)
        await pilot.pause()
        bodies.append(screen.runner.view().body)
        screen.action_back()
        await pilot.pause()
        for index in range(steps):
            start = time.process_time()
            if index % 2 == 0:
                screen.action_choose(1)
            else:
                screen.action_back()
            await pilot.pause()
            ours.append(time.process_time() - start)

    class MarkdownBaseline(App[None]):
        def compose(self) -> ComposeResult:
            yield Markdown(bodies[0])

    baseline: list[float] = []
    markdown_app = MarkdownBaseline()
    async with markdown_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        markdown = markdown_app.query_one(Markdown)
        for index in range(steps):
            start = time.process_time()
            await markdown.update(bodies[(index + 1) % 2])
            await pilot.pause()
            baseline.append(time.process_time() - start)
    return statistics.median(ours), statistics.median(baseline)


def main() -> int:
    """Measure, print the ratios against the targets; exit 1 if a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="launches of each app")
    parser.add_argument("--steps", type=int, default=60, help="step transitions to time")
    parser.add_argument("--only", choices=("startup", "guide", "transition"),
                        help="measure only one of the two")
    args = parser.parse_args()

    env = dict(os.environ)
    scratch = tempfile.mkdtemp(prefix="ui-speed-env-")
    env.update(XDG_STATE_HOME=scratch, XDG_DATA_HOME=scratch, XDG_CACHE_HOME=scratch,
               LANG="C.UTF-8")
    env.pop("LC_ALL", None)
    # Textual is installed with its bytecode compiled; the assistant gets the same
    # (written by the warm-up launch), as any installed copy has, instead of being
    # compiled from source at every launch.
    env.pop("PYTHONDONTWRITEBYTECODE", None)

    met = True
    if args.only in (None, "startup"):
        hello, ours = startup(args.runs, env)
        ratio = min(ours) / min(hello)
        met = met and ratio <= STARTUP_TARGET
        print(f"start-up (best of {args.runs}):   hello world {min(hello) * 1000:7.1f} ms"
              f"   assistant {min(ours) * 1000:7.1f} ms   ratio {ratio:.2f}"
              f" (target <= {STARTUP_TARGET:.2f}) "
              f"{'ok' if ratio <= STARTUP_TARGET else 'MISSED'}")
        print(f"start-up (medians):     hello world {statistics.median(hello) * 1000:7.1f} ms"
              f"   assistant {statistics.median(ours) * 1000:7.1f} ms"
              f"   ratio {statistics.median(ours) / statistics.median(hello):.2f}")
        met = print_pairs("home screen", hello, ours, HOME_TARGET) and met
    if args.only in (None, "guide"):
        hello, ours = startup(args.runs, env, ASSISTANT_GUIDE)
        met = print_pairs(f"start into {GUIDE}", hello, ours, GUIDE_TARGET) and met
    if args.only in (None, "transition"):
        step, markdown = asyncio.run(transitions(args.steps))
        ratio = step / markdown
        met = met and ratio <= TRANSITION_TARGET
        print(f"transition (medians):   Markdown    {markdown * 1000:7.2f} ms"
              f"   step      {step * 1000:7.2f} ms   ratio {ratio:.2f}"
              f" (target <= {TRANSITION_TARGET:.2f}) "
              f"{'ok' if ratio <= TRANSITION_TARGET else 'MISSED'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
