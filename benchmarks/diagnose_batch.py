"""Benchmark: batch diagnosis throughput against plain ``json.loads`` of the same lines.

Not a test (timings depend on the machine): run it by hand or in CI as a script::

    .venv/bin/python benchmarks/diagnose_batch.py [--lines N] [--repeat R] [--lang fr]

It generates N snapshot lines (realistic ones: a team, invitations, devices, every
intent), then times, in the same run and on the same lines,

- the baseline: ``json.loads`` of every line;
- the batch: what ``assistant diagnose --batch`` does per line — a bounded read of
  the line, the compiled reader (decode and validate), every rule, the findings'
  titles and details in the language asked for, the result line encoded by the
  compiled encoder, and the summary.

It prints both rates (lines per second) and their ratio, and exits 1 when the batch
keeps less than ``--target`` of the baseline's rate (default 0.5). Then it prints
where a line's time goes, stage by stage. Times are CPU time of this process (best
of R rounds, the works taking turns in each round), so that other processes on a
shared machine slow the measure less than they would slow a wall clock.
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import random
import sys
import time
from collections.abc import Callable

from assistant.account.model import Intent
from assistant.account.snapshot import load_snapshot
from assistant.diagnose import diagnose
from assistant.diagnose import message
from assistant.diagnose.batch import BatchSummary, diagnose_lines, encode, read_lines
from assistant.diagnose.report import diagnosis_json
from assistant.diagnose.rules import RULES_FOR_INTENT
from assistant.i18n.translator import get_translator

ROLES = ("admin", "editor", "analyst", "moderator")
STATUSES = ("pending", "accepted", "expired")
DOMAINS = ("studio.example", "maisonlune.example", "mail.example")


def _email(rng: random.Random, name: str) -> str:
    return f"{name}{rng.randrange(100)}@{rng.choice(DOMAINS)}"


def make_line(rng: random.Random) -> str:
    """One valid snapshot as a JSON line (about 1 KiB, like the ones agents paste)."""
    username = f"shop.{rng.randrange(10_000)}"
    owner = _email(rng, "owner")
    members = [{"email": owner, "role": "admin", "departed": False}]
    members += [
        {"email": _email(rng, f"m{i}"), "role": rng.choice(ROLES), "departed": rng.random() < 0.1}
        for i in range(rng.randrange(4))
    ]
    invitations = [
        {
            "email": _email(rng, f"i{i}") if rng.random() < 0.9 else f"i{i}@studio",
            "role": rng.choice(ROLES[1:]),
            "status": rng.choice(STATUSES),
            "accepted_with": _email(rng, "other") if rng.random() < 0.2 else None,
            "invitee_other_business": rng.random() < 0.1,
        }
        for i in range(rng.randrange(3))
    ]
    has_business = rng.random() < 0.85
    snapshot = {
        "format": "account-state/1",
        "intent": rng.choice([None, *(intent.value for intent in Intent)]),
        "target": rng.choice([None, owner, members[-1]["email"]]),
        "tiktok": {
            "username": username,
            "type": rng.choice(("business", "business", "personal")),
            "email": owner,
            "phone": rng.choice((None, "+33 6 12 34 56 78")),
            "two_factor": rng.random() < 0.5,
            "password_shared_with": rng.choice((0, 0, 0, 1, 2)),
            "collaborators": [f"c.{i}" for i in range(rng.randrange(5))],
            "devices": [
                {"name": "Pixel 8", "kind": "mobile", "linked": rng.random() < 0.6},
                {"name": "Office iMac", "kind": "desktop", "linked": rng.random() < 0.5},
            ],
        },
        "business": {
            "email": owner,
            "linking_available": rng.random() < 0.9,
            "linked_tiktok": rng.choice((None, username, username, "other.account")),
            "members": members,
            "invitations": invitations,
        } if has_business else None,
        "session": {
            "actor": rng.choice((owner, owner, owner, _email(rng, "someone"))),
            "business_profile": rng.choice((owner, owner, None, _email(rng, "perso"))),
            "online": rng.random() < 0.9,
            "browser_cache_stale": rng.random() < 0.2,
            "verification_code": rng.choice(("none", "sent", "expired")),
        },
    }
    return json.dumps(snapshot)


def _best_of(repeat: int, *works: Callable[[], object]) -> list[float]:
    """The fastest of ``repeat`` runs of each work, in seconds of CPU time.

    The works take turns within each round, so a busy machine slows them alike.
    """
    best = [float("inf")] * len(works)
    for _ in range(repeat):
        for index, work in enumerate(works):
            # A sentence rendered in an earlier round would be found ready-made: a
            # real queue brings new snapshots, so each round starts without them.
            message._RENDERED.clear()
            gc.collect()
            start = time.process_time()
            work()
            best[index] = min(best[index], time.process_time() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; return 0 when the target ratio is met, else 1."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=5000, help="snapshot lines (5000)")
    parser.add_argument("--repeat", type=int, default=7, help="runs of each, best kept (7)")
    parser.add_argument("--lang", default="en", help="language of the findings (en)")
    parser.add_argument("--target", type=float, default=0.5, help="minimum ratio (0.5)")
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args(argv)

    rng = random.Random(args.seed)
    lines = [make_line(rng).encode("utf-8") for _ in range(args.lines)]
    data = b"\n".join(lines) + b"\n"
    t = get_translator(args.lang)

    def baseline() -> None:
        for line in lines:
            json.loads(line)

    def batch() -> None:
        out = io.BytesIO()
        summary = BatchSummary()
        for result in diagnose_lines(read_lines(io.BytesIO(data)), "bench.jsonl", t):
            summary.add(result)
            out.write(encode(result.to_json(t)) + b"\n")
        out.write(encode(summary.to_json()) + b"\n")
        if summary.invalid:
            raise SystemExit(f"benchmark lines refused: {summary.invalid}")

    batch()  # warm up: imports, catalogue, caches
    baseline_time, batch_time = _best_of(args.repeat, baseline, batch)
    baseline_rate, batch_rate = args.lines / baseline_time, args.lines / batch_time
    ratio = batch_rate / baseline_rate
    size = sum(map(len, lines)) / len(lines)
    print(f"lines: {args.lines} (mean {size:.0f} bytes), best of {args.repeat}, lang {t.lang}")
    print(f"json.loads:        {baseline_rate:12,.0f} lines/s")
    print(f"diagnose --batch:  {batch_rate:12,.0f} lines/s")
    verdict = "ok" if ratio >= args.target else "BELOW TARGET"
    print(f"ratio:             {ratio:12.3f} (target >= {args.target}) {verdict}")
    _breakdown(lines, t, args.repeat, batch)
    return 0 if ratio >= args.target else 1


def _breakdown(lines: list[bytes], t: object, repeat: int, batch: Callable[[], None]) -> None:
    """Where a line's time goes.

    Each stage drops its results as it goes, as the batch does: keeping thousands
    of snapshots alive would make the garbage collector's full passes, not the
    stage, the thing measured.
    """
    snapshots = [load_snapshot(line) for line in lines]
    diagnoses = [diagnose(snapshot, None, t) for snapshot in snapshots]  # type: ignore[arg-type]

    def parse() -> None:
        for line in lines:
            json.loads(line)

    def load() -> None:
        for line in lines:
            load_snapshot(line)

    def rules_alone() -> None:
        for snapshot in snapshots:
            for rule in RULES_FOR_INTENT[snapshot.intent]:
                rule.check(snapshot, snapshot.intent)

    def rules_and_text() -> None:
        for snapshot in snapshots:
            diagnose(snapshot, None, t)  # type: ignore[arg-type]

    def output() -> None:
        for findings in diagnoses:
            encode(diagnosis_json(None, findings))

    # The batch again, in the same rounds as its stages, so that they add up.
    names = ("loads", "load", "rules", "diagnose", "encode", "batch")
    works = (parse, load, rules_alone, rules_and_text, output, batch)
    micro = {
        name: seconds / len(lines) * 1e6
        for name, seconds in zip(names, _best_of(repeat, *works), strict=True)
    }
    whole = micro["batch"]
    rest = whole - micro["load"] - micro["diagnose"] - micro["encode"]
    found = sum(map(len, diagnoses)) / len(diagnoses)
    print(f"per line (µs of CPU), {found:.1f} findings a line on average:")
    for label, value in (
        ("json.loads (the baseline)", micro["loads"]),
        ("load_snapshot (compiled reader: decode + validate)", micro["load"]),
        ("rules alone (no text rendered)", micro["rules"]),
        ("diagnose (rules + titles + details)", micro["diagnose"]),
        ("  of which titles and details", micro["diagnose"] - micro["rules"]),
        ("encode the results (compiled encoder)", micro["encode"]),
        ("rest (bounded reads, line results, summary)", rest),
        ("whole batch", whole),
    ):
        print(f"  {label:<52} {value:8.1f}")


if __name__ == "__main__":
    sys.exit(main())
