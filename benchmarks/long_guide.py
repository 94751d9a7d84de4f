"""How guide loading grows with the size of one guide (issue "Hardened for real").

Loads a chain guide of 300 and of 3,000 steps (the shape of the red team's file) and
prints the CPU time of each and their ratio: linear loading gives about 10×, the old
quadratic loading about 100× (105 s for 3,000 steps). Run: ``python benchmarks/long_guide.py``.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "engine"))

from test_engine_limits import long_guide  # noqa: E402

from assistant.engine import load_guides  # noqa: E402


def cost(steps: int) -> float:
    """CPU seconds to load and check one guide of ``steps`` steps (best of 3)."""
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "long.toml").write_text(long_guide(steps), encoding="utf-8")
        best = float("inf")
        for _ in range(3):
            start = time.process_time()
            library = load_guides(folder)
            best = min(best, time.process_time() - start)
            assert not library.problems
        return best


if __name__ == "__main__":
    small, big = cost(300), cost(3000)
    print(f"300 steps: {small:.3f} s; 3,000 steps: {big:.3f} s; ratio {big / small:.1f}x "
          "(linear ≈ 10x)")
